// One translation of what the reader wrote, from their text to their box: encoded, sent to the writing model, its
// reply checked (asked once more after a broken placeholder), and written into the box after a last look at it. The
// writer owns the job in hand and the card; a job it replaced meanwhile stops here.
import { sameLanguage } from "../core/lang";
import { languageName } from "../shared/languages";
import { SERVER_WAIT, type ServerStatus } from "../shared/server-wait";
import type { Translator } from "../shared/translator";
import { fieldInDocument, focusedField, holdFocus, type EditableField, type ShadowRootOf } from "./field";
import { queryAll } from "../core/dom";
import { onPage } from "./field-frames";
import { heldBack, refusedWrite } from "./held-translation";
import { unseenField } from "./unseen-field";
import { translateLines, type LineAnswer } from "./line-translation";
import type { EncodedText } from "./markdown";
import { addedProblem, lostPartProblem, otherLanguageProblem } from "./reply-checks";
import { encodeReply } from "./reply-syntax";
import type { CardState } from "./writing-card";
import { detectWords, ownWords, replyWords } from "./written-language";
import { writtenState } from "./written-state";

/** The reader's text in one box, on its way to and from the writing model. */
export interface Job {
  field: EditableField;
  /** What is translated: the selection, or the whole text. */
  text: string;
  whole: boolean;
  /** The field's whole text before Gloss wrote into it. */
  before: string;
  /** The field's whole text after Gloss wrote into it. */
  after?: string;
  undoable?: boolean;
  controller?: AbortController;
  /** The editor did not take the translation: the card offers it to copy. */
  refused?: boolean;
  /** What the card says while the translation is on its way, without why the server keeps it waiting. */
  working?: CardState;
  /** The reader closed the card (or Gloss left the page): nothing more is asked for it or written. */
  closed?: boolean;
  /** The language the card said the text was in already, as the detector read it. */
  alreadyIn?: string;
  /** What the card kept to copy when the translation could not go into the box. */
  held?: CardState;
}

/** What a run needs from its writer. */
export interface JobRunParts {
  doc: Document;
  deps: {
    translator: Translator;
    detectLang?(text: string): Promise<string | undefined>;
    getShadowRoot: ShadowRootOf;
    isOwnUi(element: Element): boolean;
    context(): string | undefined;
  };
  /** Whether `job` is still the one in hand (not cancelled, not replaced by a newer one). */
  isCurrent(job: Job): boolean;
  /** Shows the card by the box of the job in hand. */
  show(state: CardState): void;
  /** Shows the card by `at` (undefined: not by a box). */
  showAt(at: Element | undefined, state: CardState): void;
}

/** Asks the translator for `current`'s lines, under a new controller of its own. */
async function translateJob(
  p: JobRunParts,
  current: Job,
  segments: string[],
  lang: string,
  sourceLang: string | undefined,
): Promise<LineAnswer> {
  const controller = (current.controller = new AbortController());
  return translateLines(p.deps.translator, segments, {
    controller,
    lang,
    sourceLang,
    context: p.deps.context(),
    onWaiting: (waiting) => sayWhy(p, current, waiting ? "waiting-for-slot" : "generating"),
  });
}

/** Whether `current` may go on: still the job in hand, and its card not closed by the reader since. */
function goesOn(p: JobRunParts, current: Job): boolean {
  return p.isCurrent(current) && !current.closed;
}

/** The card, while it shows the job's translation on its way, says why the server keeps it waiting (or no more). */
export function sayWhy(p: JobRunParts, current: Job, status: ServerStatus): void {
  if (!goesOn(p, current) || !current.working) return;
  const why = SERVER_WAIT[status];
  p.show({ ...current.working, message: why ? `${current.working.message} ${why}` : current.working.message });
}

/** Translates `current` into `lang` and writes it into its box, or says on the card why not. */
export async function runJob(p: JobRunParts, current: Job, lang: string): Promise<void> {
  const name = languageName(lang);
  // A forum's reply box holds BBCode (its Quote button writes a [quote] there), any other box Markdown or text.
  const encoded = encodeReply(p.doc, current.text);
  const sourceLang = await detectWords(p.deps, ownWords(encoded));
  // The reader closed the card, or asked in another box, while the detector answered.
  if (!goesOn(p, current)) return;
  // Asked for that language from the card once it said so, the reader overrules the detector, which takes a text
  // full of the page's names or a mix of two languages for the page's language.
  const insisted = sameLanguage(current.alreadyIn, lang);
  if (sameLanguage(sourceLang, lang) && !insisted) {
    current.alreadyIn = lang;
    p.show({
      kind: "choose",
      message: `Your text is already in ${name}. Translate it into another language?`,
      lang,
    });
    return;
  }
  if (!encoded.segments.length) {
    p.show({
      kind: "problem",
      message: "Nothing to translate: the text is only quotes, code, links, names or emoji.",
      lang,
    });
    return;
  }
  const working: CardState & { lang: string } = { kind: "working", message: `Translating into ${name}…`, lang };
  p.show(working);
  const checked = await translateChecked(p, current, encoded, working, sourceLang);
  if (checked) await write(p, current, checked.text, lang, checked.unmet);
}

/**
 * The translation of `encoded` into `working.lang`, checked to write into the box, with the glossary terms it
 * missed; undefined once the card says why there is none, or when the job was cancelled or replaced.
 */
async function translateChecked(
  p: JobRunParts,
  current: Job,
  encoded: EncodedText,
  working: CardState & { lang: string },
  sourceLang: string | undefined,
): Promise<{ text: string; unmet: string[] } | undefined> {
  const { lang } = working;
  // A translation that breaks a placeholder is asked for once more before giving up.
  let rebuilt: ReturnType<typeof encoded.rebuild> = { ok: false, problem: "" };
  let unmet: string[] = [];
  for (let attempt = 0; attempt < 2 && !rebuilt.ok; attempt++) {
    current.working = working;
    const answer = await translateJob(p, current, encoded.segments, lang, sourceLang);
    current.working = undefined;
    if (!p.isCurrent(current)) return undefined;
    if ("error" in answer) {
      if (answer.error.kind !== "working") p.show(answer.error); // "working": cancelled
      return undefined;
    }
    rebuilt = encoded.rebuild(answer.htmls);
    unmet = answer.unmet;
    if (rebuilt.ok && !(await replyFits(p, current, rebuilt.text, answer.htmls, lang))) return undefined;
  }
  if (!rebuilt.ok) {
    p.show(lostPartProblem(rebuilt.problem, lang));
    return undefined;
  }
  return { text: rebuilt.text, unmet };
}

/** Whether a translation that kept every placeholder may go into the box; when not, the card says why. */
async function replyFits(
  p: JobRunParts,
  current: Job,
  translation: string,
  htmls: string[],
  lang: string,
): Promise<boolean> {
  // Not asked again: a page that steered the model into this would likely steer it again.
  const added = addedProblem(current.text, translation, lang);
  if (added) {
    p.show(added);
    return false;
  }
  const replyLang = await detectWords(p.deps, replyWords(htmls));
  if (!goesOn(p, current)) return false;
  const other = otherLanguageProblem(replyLang, lang);
  if (other) p.show(other);
  return !other;
}

/** The boxes on the page holding `before`. */
const remounted = (doc: Document, before: string): EditableField[] =>
  [...queryAll(doc, "textarea,input,[contenteditable]")].flatMap((box) => {
    const at = fieldInDocument(doc, box, false, () => false);
    return "field" in at && at.field.element === box && at.field.snapshot() === before ? at.field : [];
  });

/** Writes the checked translation into the box, unless a last look at it says no; the card says what happened. */
async function write(p: JobRunParts, current: Job, translation: string, lang: string, unmet: string[]): Promise<void> {
  const elsewhere = focusedField(p.doc, p.deps.getShadowRoot, p.deps.isOwnUi);
  let twins = false;
  // A page that mounted the box anew meanwhile (a framework's render), what the reader wrote in the new one (the
  // focus too, or left on the page), all of it to translate: the translation goes where the reader sees their text.
  // The focus on another box of the page's (the reader went on elsewhere) leaves it there. Not into one of two boxes
  // holding it (one may be the page's own): neither is written, and the card says why.
  if (!onPage(current.field.element, p.doc) && current.whole) {
    const found =
      "field" in elsewhere && elsewhere.field.snapshot() === current.before
        ? [elsewhere.field]
        : remounted(p.doc, current.before);
    if (found.length === 1 && found[0]!.read().whole) current.field = found[0]!;
    twins = found.length > 1;
  }
  const { field } = current;
  const holding = { field, before: current.before, translation, lang, twins };
  const held = heldBack(holding, p.doc);
  if (held) return p.showAt(held.at, (current.held = held.state));
  const formatted = field.kind === "rich" && field.hasFormatting();
  // Restoring writes the whole box back as text: the links and formatting around a selection would go too.
  const restorable = !(field.kind === "rich" && field.hasFormatting(true));
  // The user went on writing in another box meanwhile: the write takes the focus, so it goes back there after,
  // or their next keys would land in this one.
  const giveBack =
    "field" in elsewhere && elsewhere.field.element !== field.element ? holdFocus(elsewhere.field) : undefined;
  const outcome = await field.replace(translation);
  giveBack?.();
  if (!p.isCurrent(current)) return;
  if (!outcome.written) {
    current.refused = true;
    const refused = refusedWrite(holding);
    return p.showAt(refused.at, refused.state);
  }
  field.suitDirection(lang);
  current.after = field.snapshot();
  current.undoable = outcome.undoable;
  const away = unseenField(field.element, p.doc, true) === "away";
  p.show(
    writtenState(p.doc, { element: field.element, lang, outcome, formatted, restorable, unmet, translation, away }),
  );
}
