// src/lookup: a word or phrase the reader selects and asks Gloss to translate is translated in a small card next to it,
// the page untouched; a whole passage, or several, is translated in place as before (selection-span.ts decides).
// The selected text goes through the same Translator as the page (cache, server errors, API key, request limiter)
// as one plain-text segment, marked as a look-up: it goes ahead of the page's queued batches, and the sentence it
// came from goes with it as context.
import { withChineseScript } from "../core/chinese-script";
import { countLetters, MIN_LETTERS_FOR_DETECTION, sameLanguage } from "../core/lang";
import type { PageSession } from "../session/page-session";
import { languageName } from "../shared/languages";
import type { TabState } from "../shared/messages";
import { escapeText, htmlToText } from "../shared/html-text";
import { isSegmentError, type TranslateError, type Translator } from "../shared/translator";
import { toUserError } from "../shared/user-error";
import { createLookupCard, type LookupAnchor, type LookupCardOptions, type LookupState } from "./lookup-card";
import { LOOKUP_MAX_CHARS, selectionSpan } from "./selection-span";
import { shownText } from "./shown-text";
import { lookupContext, sentenceAround } from "./sentence";

export interface LookupDeps {
  document: Document;
  translator: Translator;
  /** The language to translate into (the page's). */
  targetLang(): Promise<string>;
  /** Where a passage is translated in place: a selection that is no look-up, and Translate the paragraph; and what
   * Gloss wrote into the page (a selection in it is shown its original, not translated again). */
  session: Pick<PageSession, "translatePassage" | "ownTranslationAt" | "pageLang">;
  /** The language of a text (the platform's detector), for a selection already in the target language. */
  detectLang?(text: string): Promise<string | undefined>;
  /** What the page is about, for the model (see sites/page-context.ts). */
  context?(): string | undefined;
  getShadowRoot?(element: Element): ShadowRoot | null;
  card: Pick<LookupCardOptions, "precheck" | "verify" | "onBlocked" | "isTrusted">;
}

export interface Lookup {
  /** The reader asked to translate the selection (menu, shortcut): a card for a look-up, else the passages in place. */
  translateSelection(ranges: Range[]): Promise<void>;
  /** The server's state while a look-up waits (the model is loading). */
  setServerStatus(status: NonNullable<TabState["serverStatus"]>): void;
  /** Closes the card and stops its request (Gloss hands the page to a newer script: content/handover.ts). */
  dismiss(): void;
}

/** The longest original shown for a passage Gloss translated. */
const ORIGINAL_SHOWN = 300;

const shortened = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);

const UNEXPECTED: TranslateError = { kind: "server-error", message: "Gloss could not translate the selection." };

/** Where the selection is on screen now (where it starts, for a range without boxes). */
function rectOf(range: Range): LookupAnchor["rect"] {
  const start = range.startContainer;
  const measured =
    "getBoundingClientRect" in range ? range : start.nodeType === 1 ? (start as Element) : start.parentElement;
  const box = measured?.getBoundingClientRect();
  return { top: box?.top ?? 0, bottom: box?.bottom ?? 0, left: box?.left ?? 0, right: box?.right ?? 0 };
}

export function createLookup(deps: LookupDeps): Lookup {
  const doc = deps.document;
  interface Job {
    anchor: LookupAnchor;
    text: string;
    /** The sentence the selection came from (sentence.ts), for the model. */
    sentence: string | undefined;
    controller: AbortController;
    waiting: boolean;
  }
  let job: Job | undefined;

  const card = createLookupCard(doc, {
    ...deps.card,
    onTranslateParagraph: () => {
      const range = job?.anchor.range;
      stop();
      if (range) void deps.session.translatePassage([range]);
    },
    onTryAgain: () => void (job && run(job.anchor, job.text, job.sentence)),
    onClose: () => stop(),
  });

  function stop(): void {
    job?.controller.abort();
  }

  /** A card that needs no request: the selection is Gloss's translation, or in the target language already. */
  function note(anchor: LookupAnchor, text: string, state: Omit<LookupState & { kind: "note" }, "kind" | "source">) {
    stop();
    job = { anchor, text, sentence: undefined, controller: new AbortController(), waiting: false };
    card.hide();
    card.show(anchor, { kind: "note", source: text, ...state });
  }

  /** Gloss's own translation under the selection: the original of its passage instead of a request. */
  function ownTranslation(range: Range, text: string): boolean {
    const own = deps.session.ownTranslationAt(range.commonAncestorContainer);
    if (!own) return false;
    const original = own.original.replace(/\s+/g, " ").trim();
    const lang = deps.session.pageLang;
    const from = lang ? languageName(lang) : "the original";
    note({ range: range.cloneRange(), rect: rectOf(range) }, text, {
      message: original
        ? "This is Gloss's translation. The passage's original:"
        : `This is Gloss's translation already. Show original to see ${from}.`,
      ...(original ? { text: shortened(original, ORIGINAL_SHOWN), ...(lang ? { lang } : {}) } : {}),
    });
    return true;
  }

  /** The selection's sentence (or the selection) is in the target language already: no request. */
  async function inTargetLang(text: string, sentence: string | undefined, lang: string): Promise<boolean> {
    const sample = sentence ?? text;
    if (!deps.detectLang || countLetters(sample) < MIN_LETTERS_FOR_DETECTION) return false;
    return sameLanguage(withChineseScript(await deps.detectLang(sample).catch(() => undefined), sample), lang);
  }

  async function run(anchor: LookupAnchor, text: string, sentence: string | undefined): Promise<void> {
    stop();
    const controller = new AbortController();
    const current: Job = { anchor, text, sentence, controller, waiting: true };
    job = current;
    const show = (state: LookupState) => {
      if (job !== current || controller.signal.aborted) return;
      current.waiting = state.kind === "working";
      if (card.visible) card.update(state);
      else card.show(anchor, state);
    };
    show({ kind: "working", source: text });
    if (card.blocked) {
      // The page keeps Gloss's card out: the passage is translated in place instead (the platform says why).
      controller.abort();
      return deps.session.translatePassage([anchor.range]);
    }
    const problem = (error: TranslateError) => {
      const user = toUserError(error);
      show({ kind: "problem", source: text, message: user.message, ...(user.fix ? { fix: user.fix } : {}) });
    };
    try {
      const lang = await deps.targetLang();
      if (await inTargetLang(text, sentence, lang)) {
        return show({ kind: "note", source: text, message: `Already in ${languageName(lang)}.` });
      }
      const context = lookupContext(deps.context?.(), sentence);
      // A look-up takes the next free slot, ahead of the page's queued batches; when every slot is busy, the card
      // says why it waits.
      const replies = deps.translator([{ id: "lookup", html: escapeText(text) }], {
        targetLang: lang,
        signal: controller.signal,
        lookup: true,
        onWaiting: (waiting) => show({ kind: "working", source: text, ...(waiting ? { waiting } : {}) }),
        ...(context ? { context } : {}),
      });
      for await (const result of replies) {
        if (isSegmentError(result)) return result.error.kind === "aborted" ? undefined : problem(result.error);
        const unmet = result.unmet?.length ? { unmet: result.unmet } : {};
        return show({ kind: "done", source: text, translation: htmlToText(result.html).trim(), lang, ...unmet });
      }
      problem(UNEXPECTED);
    } catch (e) {
      console.error("Gloss: the look-up failed", e);
      problem(UNEXPECTED);
    }
  }

  return {
    async translateSelection(ranges) {
      const [first] = ranges;
      const text = first ? shownText(first, LOOKUP_MAX_CHARS).replace(/\s+/g, " ").trim() : "";
      const short = first && ranges.length === 1 && text.length <= LOOKUP_MAX_CHARS;
      if (short && !card.blocked && ownTranslation(first, text)) return;
      const span = selectionSpan(doc, ranges, deps.getShadowRoot);
      if (span.kind === "passage" || card.blocked) {
        card.hide();
        return deps.session.translatePassage(ranges);
      }
      const sentence = sentenceAround(span.passage, span.range, span.text);
      // Asked again for what the card shows: the keyboard goes to the card's buttons.
      if (card.visible && job?.text === span.text && job.sentence === sentence && card.focus()) return;
      const anchor = { range: span.range, rect: rectOf(span.range) };
      card.hide();
      await run(anchor, span.text, sentence);
    },
    setServerStatus(status) {
      if (!job?.waiting || job.controller.signal.aborted || !card.visible) return;
      if (status === "loading" || status === "busy") card.update({ kind: "working", source: job.text, server: status });
    },
    dismiss() {
      stop();
      card.hide();
    },
  };
}
