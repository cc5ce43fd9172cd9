// src/lookup: a word or phrase the reader selects and asks Gloss to translate is translated in a small card next to it,
// the page untouched; a whole passage, or several, is translated in place as before (selection-span.ts decides).
// The selected text goes through the same Translator as the page (cache, server errors, API key, request limiter)
// as one plain-text segment, marked as a look-up: it goes ahead of the page's queued batches, and the sentence it
// came from goes with it as context (lookup-job.ts).
import type { PageSession } from "../session/page-session";
import { languageName } from "../shared/languages";
import { countLetters } from "../core/lang";
import type { TabState, UserError } from "../shared/messages";
import type { Translator } from "../shared/translator";
import { createLookupCard, type LookupAnchor, type LookupCardOptions, type LookupState } from "./lookup-card";
import { runJob, stopJob, type LookupParts } from "./lookup-job";
import { LOOKUP_MAX_CHARS, selectionSpan } from "./selection-span";
import { shownText, trimmed } from "./shown-text";
import { rectOf } from "./lookup-card-place";
import { sentenceAround, sentenceInField, shortened } from "./sentence";
import { fieldSelection, type FieldSelection } from "./field-selection";

export interface LookupDeps {
  document: Document;
  translator: Translator;
  /** The page's settings: the language to translate into, and the reader's parts of the page left untranslated; or why
   * they cannot be read, which the card then says. */
  config(): Promise<{ targetLang: string; skipParts?: readonly string[] } | { error: UserError }>;
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
  /** Closes the card and stops its request: the reader looked something up in another document of the page. */
  close(): void;
}

/** The longest original shown for a passage Gloss translated. */
const ORIGINAL_SHOWN = 300;

const NO_WORDS = "Nothing to translate: the selection has no words.";

const anchorAt = (range: Range): LookupAnchor => ({ range: range.cloneRange(), rect: rectOf(range) });

/** A card that needs no request: the selection is Gloss's translation, or in the target language already. */
function note(
  parts: LookupParts,
  anchor: LookupAnchor,
  text: string,
  state: Omit<LookupState & { kind: "note" }, "kind" | "source">,
): void {
  stopJob(parts);
  parts.job = { anchor, text, sentence: undefined, controller: new AbortController(), waiting: false };
  parts.card.hide();
  parts.card.show(anchor, { kind: "note", source: text, ...state });
}

/** Gloss's own translation under the selection: the original of its passage instead of a request. */
function ownTranslation(parts: LookupParts, range: Range, text: string): boolean {
  const { session } = parts.deps;
  const own = session.ownTranslationAt(range.commonAncestorContainer);
  if (!own) return false;
  const original = own.original.replace(/\s+/g, " ").trim();
  const lang = session.pageLang;
  const from = lang ? languageName(lang) : "the original";
  note(parts, anchorAt(range), text, {
    message: original
      ? "This is Gloss's translation. The passage's original:"
      : `This is Gloss's translation already. Show original to see ${from}.`,
    ...(original ? { text: shortened(original, ORIGINAL_SHOWN), ...(lang ? { lang } : {}) } : {}),
  });
  return true;
}

/** The reader's selection: a look-up in the card, Gloss's own translation's original, or passages in place. */
async function translateSelection(parts: LookupParts, selected: Range[]): Promise<void> {
  const { deps, card } = parts;
  const ranges = selected.map((range) => trimmed(range, (node) => !!deps.session.ownTranslationAt(node)));
  // Words selected in the text box the keyboard is in, which keeps a selection of its own, come first: Chromium
  // reports the page's as nothing, at the box, and a page's selection still reported beside it is one the reader
  // left for the box (a press on the page's text would have taken the keyboard out of it).
  const field = card.blocked ? undefined : fieldSelection(deps.document);
  if (field?.selected.trim()) return lookUpInField(parts, field);
  const [first] = ranges;
  const text = first ? shownText(first, LOOKUP_MAX_CHARS).replace(/\s+/g, " ").trim() : "";
  const short = first && ranges.length === 1 && text.length <= LOOKUP_MAX_CHARS;
  if (short && !card.blocked) {
    // Emoji, a number or punctuation: nothing for the model, and no reason to translate the paragraph around it. (No
    // text read at all may be a component's, whose words it keeps from Gloss's reading: its passage goes in place.)
    if (text && !countLetters(text)) return note(parts, anchorAt(first), text, { message: NO_WORDS });
    if (ownTranslation(parts, first, text)) return;
  }
  const span = selectionSpan(ranges, deps.getShadowRoot);
  if (span.kind === "passage" || card.blocked) {
    card.hide();
    return deps.session.translatePassage(ranges);
  }
  const sentence = sentenceAround(span.passage, span.range, span.text);
  await lookUp(parts, anchorAt(span.range), span.text, sentence);
}

/** Words selected in a text box: looked up in the card beside the box (its text is never translated in place). */
async function lookUpInField(parts: LookupParts, { field, selected, value, start }: FieldSelection): Promise<void> {
  const range = parts.deps.document.createRange();
  range.selectNode(field);
  const anchor = { range, rect: rectOf(range), noParagraph: true };
  const text = selected.replace(/\s+/g, " ").trim();
  if (text.length > LOOKUP_MAX_CHARS) {
    const message = `Gloss translates up to ${LOOKUP_MAX_CHARS} characters selected in a text box: select fewer.`;
    return note(parts, anchor, text, { message });
  }
  if (!countLetters(text)) return note(parts, anchor, text, { message: NO_WORDS });
  await lookUp(parts, anchor, text, sentenceInField(value, start, text));
}

/** Looks `text` up in the card next to `anchor`; asked again for what the card shows, the keyboard goes to it. */
async function lookUp(parts: LookupParts, anchor: LookupAnchor, text: string, sentence: string | undefined) {
  const { card, job } = parts;
  if (card.visible && job?.text === text && job.sentence === sentence && card.focus()) return;
  card.hide();
  await runJob(parts, anchor, text, sentence);
}

export function createLookup(deps: LookupDeps): Lookup {
  const card = createLookupCard(deps.document, {
    ...deps.card,
    onTranslateParagraph: () => {
      const range = parts.job?.anchor.range;
      stopJob(parts);
      if (range) void deps.session.translatePassage([range]);
    },
    onTryAgain: () => void (parts.job && runJob(parts, parts.job.anchor, parts.job.text, parts.job.sentence)),
    onClose: () => stopJob(parts),
  });
  const parts: LookupParts = { deps, card };
  const close = () => {
    stopJob(parts);
    card.hide();
  };

  return {
    translateSelection: (ranges) => translateSelection(parts, ranges),
    setServerStatus(status) {
      const { job } = parts;
      if (!job?.waiting || job.controller.signal.aborted || !card.visible) return;
      // A reply began: the model loaded, the server took requests again; a wait for a slot is the job's own to say.
      const server = status === "loading" || status === "busy" ? status : undefined;
      if (!server && (status !== "generating" || !job.server)) return;
      job.server = server;
      card.update({ kind: "working", source: job.text, server });
    },
    dismiss: close,
    close,
  };
}
