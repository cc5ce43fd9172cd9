// Translating what the user writes: the page pipeline in reverse. The focused field's text (or its selection), with
// its Markdown turned into placeholders, goes to the translator as the user's own message, into the page's language;
// the checked translation goes back into the field through the editing APIs the page listens to. Nothing is ever
// posted. A reply that refuses, babbles, loses a link or code, adds a link, address or HTML of its own, or comes back
// in another language leaves the field as it was, with the reason; so does a field the user changed meanwhile.
import type { FrameAccess } from "../shared/messages";
import type { ServerStatus } from "../shared/server-wait";
import type { Translator } from "../shared/translator";
import { focusedField, focusField, type EditableField, type ShadowRootOf } from "./field";
import { onPage } from "./field-frames";
import { focusOf } from "../core/dom";
import { replyLanguage } from "./reply-language";
import { languageName } from "../shared/languages";
import { unseenField } from "./unseen-field";
import { fieldProblem, outOfReach, unseenFieldProblem } from "./field-problems";
import { undoKeys } from "./written-state";
import { runJob, sayWhy, type Job, type JobRunParts } from "./job-run";
import { createWritingCard, type CardState, type WritingCard, type WritingCardOptions } from "./writing-card";

export interface WriterDeps {
  document: Document;
  /** Translates the user's messages (the writing model, never cached). */
  translator: Translator;
  detectLang?(text: string): Promise<string | undefined>;
  getShadowRoot: ShadowRootOf;
  /** Gloss's own in-page UI, which is never a field to translate. */
  isOwnUi(element: Element): boolean;
  /** The language the user chose for this subreddit or site. */
  remembered: { get(): Promise<string | undefined>; set(lang: string): Promise<void> };
  /** The page session: the language it detected on the original, and whether the page shows translations now. */
  page: { readonly pageLang: string | undefined; readonly active: boolean };
  /** What the page is about (the thread's title), sent as context. */
  context(): string | undefined;
  card: Pick<WritingCardOptions, "precheck" | "verify" | "onBlocked" | "isTrusted">;
  /** How the user reaches a text box inside an embedded frame, which this writer cannot (the extension's menu can). */
  frameNote?: string;
}

export interface Writer {
  /** Translates the focused field's text (or selection) into the page's language (or the one chosen here before). */
  translateField(): Promise<void>;
  /** Lets the user choose the language first (the chooser takes the focus), then translates. */
  chooseLanguage(): Promise<void>;
  /** Whether the field with the focus is in a frame of this page (the menu clicked in that frame is this writer's). */
  focusInFrame(): boolean;
  /** The box the user asked for is in a frame of `site`, another site, which Gloss may not enter: says so, and how
   * to allow it. Nothing in the box changes. */
  frameOutOfReach(site: string, access: FrameAccess): void;
  /** What the server is doing with the user's text: the card says why it waits, if it does. */
  setServerStatus(status: ServerStatus): void;
  /** Closes the card and stops its request (Gloss hands the page to a newer script: content/handover.ts). */
  dismiss(): void;
}

/** What the writer's steps share: the page, the deps, the job in hand, and the card once made. */
interface WriterState {
  doc: Document;
  deps: WriterDeps;
  job?: Job | undefined;
  /** Made when first shown: its chooser lists every language, work a page's load need not do (the userscript makes
   * the writer as it starts, on every page). */
  made?: WritingCard | undefined;
  runner: JobRunParts;
}

/** The writing card, made the first time it shows. */
function cardOf(s: WriterState): WritingCard {
  return (s.made ??= createWritingCard(s.doc, {
    ...s.deps.card,
    onTranslate: (lang) => void chosenLanguage(s, lang),
    onRestore: () => void restoreText(s),
    onClose: () => closeJob(s),
  }));
}

/** The card went: the job in hand stops where it is, its request and any step still to come. */
function closeJob(s: WriterState): void {
  if (!s.job) return;
  s.job.closed = true;
  s.job.controller?.abort();
}

/** Shows the card by the box of the job in hand. */
const showByJob = (s: WriterState, state: CardState) => cardOf(s).show(s.job?.field.element, state);
const sayProblem = (s: WriterState, message: string, extra: Partial<CardState> = {}) =>
  showByJob(s, { kind: "problem", message, ...extra });

/** A new job for the field that has the focus, or undefined after telling the user why there is none. */
function newJob(s: WriterState): Job | undefined {
  const { doc, deps } = s;
  const found = focusedField(doc, deps.getShadowRoot, deps.isOwnUi, deps.card.isTrusted);
  if (!("field" in found)) {
    // No box has the focus (the one written in went from the page with it, or the reader is on the card) while the
    // card holds a translation that went nowhere, and perhaps what the reader wrote: the keyboard goes to its Copy,
    // as a message or a new request in its place would lose them.
    if (found.problem === "none" && s.made?.focusCopy()) return undefined;
    // The card itself has the focus: go on with the field it was opened for, as a job of its own (a run still on
    // its way stops, or both would write, and the second say the box changed).
    const at = focusOf(doc); // (a page may name an image activeElement)
    if (found.problem === "none" && s.job && at && deps.isOwnUi(at)) {
      return jobAgain(s, s.job);
    }
    s.job = undefined;
    cardOf(s).show(undefined, fieldProblem(found.problem, deps.frameNote));
    return undefined;
  }
  if (unseenField(found.field.element, doc)) {
    s.job = undefined;
    cardOf(s).show(undefined, unseenFieldProblem());
    return undefined;
  }
  return jobFor(s, found.field);
}

/** A new job for what `field` holds now (its selection, or all of it). */
function jobFor(s: WriterState, field: EditableField): Job | undefined {
  const { text, whole } = field.read();
  s.job?.controller?.abort();
  const job: Job = (s.job = { field, text, whole, before: field.snapshot() });
  if (!text.trim()) {
    sayProblem(s, "Write something first: this text box is empty.");
    return undefined;
  }
  return job;
}

/** The language the reader's text goes into, if Gloss can tell (see reply-language.ts). */
async function targetLanguage({ doc, deps }: WriterState): Promise<string | undefined> {
  return replyLanguage(doc, {
    remembered: deps.remembered.get,
    detectedByPage: () => deps.page.pageLang,
    showsTranslation: () => deps.page.active,
    ...(deps.detectLang ? { detectLang: deps.detectLang } : {}),
  });
}

/** The field still shows Gloss's translation, as written. Whether it is on the page still, callers ask first (a box
 * with the focus is). */
const showsOurs = (current: Job | undefined): current is Job & { after: string } =>
  !!current?.after && current.field.snapshot() === current.after;

/** The reader's own text back in the box in place of Gloss's translation; false once the card says it could not. */
async function putBack(s: WriterState, current: Job, extra: Partial<CardState> = {}): Promise<boolean> {
  const outcome = await current.field.replaceAll(current.before);
  if (!outcome.written) {
    sayProblem(s, `Gloss could not put your text back: use ${undoKeys(s.doc)}.`, extra);
    return false;
  }
  // The user's own text is in the field again.
  delete current.after;
  return true;
}

/**
 * The job's box went from the page: nothing can be written there, and Ctrl+Z cannot reach it. The card says so and
 * keeps what it held to copy, and the reader's own text, which went with the box.
 */
const sayGone = (s: WriterState, job: Job, what: string, lang?: string) =>
  showByJob(s, {
    kind: "problem",
    own: job.before,
    lang,
    ...job.held,
    message: `The text box went from the page: ${what}`,
  });

/** The card's Restore: the reader's own text back, unless they changed the box since. */
async function restoreText(s: WriterState): Promise<void> {
  const current = s.job;
  if (current && !onPage(current.field.element, s.doc)) {
    return sayGone(s, current, "your text is here, to copy.");
  }
  if (!showsOurs(current)) {
    sayProblem(s, `The text changed since Gloss wrote it: use ${undoKeys(s.doc)} to go back step by step.`);
    return;
  }
  if (!(await putBack(s, current))) return;
  showByJob(s, { kind: "choose", message: "Your text is back.", lang: await targetLanguage(s) });
}

/** The user picked a language in the card: remember it for this site, then translate (again) into it. */
async function chosenLanguage(s: WriterState, lang: string): Promise<void> {
  void s.deps.remembered.set(lang).catch(() => undefined);
  if (!s.job) return;
  // The box went from the page: a translation would go nowhere.
  if (!onPage(s.job.field.element, s.doc)) {
    return sayGone(s, s.job, `nothing was translated into ${languageName(lang)}.`, lang);
  }
  let current: Job | undefined = jobAgain(s, s.job);
  focusField(current.field.element);
  // The user wrote on (or edited the translation) since the card opened: what the box holds now is translated.
  if (!showsOurs(current) && current.field.snapshot() !== current.before) {
    current = jobFor(s, current.field);
    if (!current) return;
  }
  // A translation Gloss wrote is replaced by the new one, made from the user's own text.
  if (showsOurs(current)) {
    if (current.field.kind === "rich" && !current.whole) {
      return sayProblem(s, "Select your text again and ask Gloss once more to translate it into this language.", {
        lang,
      });
    }
    if (!(await putBack(s, current, { lang })) || s.job !== current) return;
  }
  await runJob(s.runner, current, lang);
}

/**
 * The job in hand, asked for again from the card: a job of its own, so that a run still on its way for an earlier
 * press (a double click, Enter held down) stops where it is instead of writing over this one's text, or being told
 * the text changed when its own twin wrote it. Also after the reader closed the card (one that showed again since).
 */
function jobAgain(s: WriterState, job: Job): Job {
  job.controller?.abort();
  const again: Job = { ...job };
  delete again.controller;
  delete again.working;
  delete again.refused;
  delete again.closed;
  return (s.job = again);
}

/** The job in hand, when the focus is in its box still; with the box as found now. */
function focusedJob(s: WriterState): { job: Job; now: EditableField } | undefined {
  const found = focusedField(s.doc, s.deps.getShadowRoot, s.deps.isOwnUi);
  const job = s.job;
  return job && "field" in found && found.field.element === job.field.element ? { job, now: found.field } : undefined;
}

/** The job in hand, when the focus is in its box still and the box holds what it held when the job began. */
function unchangedJob(s: WriterState): Job | undefined {
  const job = focusedJob(s)?.job;
  return job && job.field.snapshot() === job.before ? job : undefined;
}

/**
 * The job in hand, when its box has the focus and shows Gloss's translation still, with nothing selected anew: what
 * the reader wrote is what a language chosen now is for (the card puts it back first), not Gloss's words, which
 * Restore would then bring back for theirs. A selection in a rich editor is not found again (see chosenLanguage).
 */
function translatedJob(s: WriterState): Job | undefined {
  const focused = focusedJob(s);
  if (!focused || !showsOurs(focused.job) || !focused.now.read().whole) return undefined;
  return focused.job.whole || focused.job.field.kind === "text-control" ? focused.job : undefined;
}

/**
 * Asked again from a box whose editor refused the translation, its text unchanged: the same text would meet the
 * same editor, so the translation it could not take is kept, and the keyboard goes to its Copy button. So from a box
 * that took part of it and holds that still: its cut text sent again, the card's answer would replace the whole.
 */
function toRefusedTranslation(s: WriterState): boolean {
  const job = focusedJob(s)?.job;
  return !!job && (job.refused ? job.before : job.after) === job.field.snapshot() && cardOf(s).focusCopy();
}

/**
 * Asked again from a box whose text the card said is in the page's language already, its text unchanged: the same
 * text would get the same answer, so the keyboard goes to the card's chooser, which its question is about (the card
 * sits at the page's end, out of the keyboard's reach).
 */
function toLanguageQuestion(s: WriterState): boolean {
  const current = unchangedJob(s);
  return !!current?.alreadyIn && current.after === undefined && cardOf(s).focusChooser();
}

async function translateField(s: WriterState): Promise<void> {
  if (toRefusedTranslation(s) || toLanguageQuestion(s)) return;
  const current = newJob(s);
  if (!current) return;
  const lang = await targetLanguage(s);
  if (s.job !== current) return;
  if (!lang) {
    showByJob(s, {
      kind: "choose",
      message: "Which language should your message be in? Gloss could not tell this page's.",
    });
    cardOf(s).focusChooser();
    return;
  }
  await runJob(s.runner, current, lang);
}

async function chooseLanguage(s: WriterState): Promise<void> {
  const current = translatedJob(s) ?? newJob(s);
  if (!current) return;
  const lang = await targetLanguage(s);
  if (s.job !== current) return;
  showByJob(s, { kind: "choose", message: "Translate what you wrote into:", ...(lang ? { lang } : {}) });
  cardOf(s).focusChooser();
}

export function createWriter(deps: WriterDeps): Writer {
  const doc = deps.document;
  const s: WriterState = {
    doc,
    deps,
    runner: {
      doc,
      deps,
      isCurrent: (current) => s.job === current,
      show: (state) => showByJob(s, state),
      showAt: (at, state) => cardOf(s).show(at, state),
    },
  };
  return {
    translateField: () => translateField(s),
    chooseLanguage: () => chooseLanguage(s),
    focusInFrame() {
      const found = focusedField(doc, deps.getShadowRoot, deps.isOwnUi);
      return "field" in found && found.field.element.ownerDocument !== doc;
    },
    frameOutOfReach(site, access) {
      cardOf(s).show(undefined, outOfReach(site, access));
    },
    setServerStatus(status) {
      if (s.job) sayWhy(s.runner, s.job, status);
    },
    dismiss() {
      closeJob(s);
      s.made?.hide();
    },
  };
}
