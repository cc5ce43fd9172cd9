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
import { replyLanguage } from "./reply-language";
import { unseenField } from "./unseen-field";
import { fieldProblem, outOfReach, unseenFieldProblem } from "./field-problems";
import { undoKeys } from "./written-state";
import { JobRun, type Job } from "./job-run";
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

export function createWriter(deps: WriterDeps): Writer {
  const doc = deps.document;
  let job: Job | undefined;

  /** Made when first shown: its chooser lists every language, work a page's load need not do (the userscript makes
   * the writer as it starts, on every page). */
  let made: WritingCard | undefined;
  const card = (): WritingCard =>
    (made ??= createWritingCard(doc, {
      ...deps.card,
      onTranslate: (lang) => void chosen(lang),
      onRestore: () => void restore(),
      onClose: () => job?.controller?.abort(),
    }));

  const anchor = () => job?.field.element;
  const show = (state: CardState) => card().show(anchor(), state);
  const problem = (message: string, extra: Partial<CardState> = {}) => show({ kind: "problem", message, ...extra });
  const runner = new JobRun({
    doc,
    deps,
    isCurrent: (current) => job === current,
    show,
    showAt: (at, state) => card().show(at, state),
  });

  /** A new job for the field that has the focus, or undefined after telling the user why there is none. */
  function newJob(): Job | undefined {
    const found = focusedField(doc, deps.getShadowRoot, deps.isOwnUi, deps.card.isTrusted);
    if (!("field" in found)) {
      // The chooser itself has the focus: go on with the field it was opened for.
      if (found.problem === "none" && job && doc.activeElement && deps.isOwnUi(doc.activeElement)) return job;
      job = undefined;
      card().show(undefined, fieldProblem(found.problem, deps.frameNote));
      return undefined;
    }
    if (unseenField(found.field.element, doc)) {
      job = undefined;
      card().show(undefined, unseenFieldProblem());
      return undefined;
    }
    return jobFor(found.field);
  }

  /** A new job for what `field` holds now (its selection, or all of it). */
  function jobFor(field: EditableField): Job | undefined {
    const { text, whole } = field.read();
    job?.controller?.abort();
    job = { field, text, whole, before: field.snapshot() };
    if (!text.trim()) {
      problem("Write something first: this text box is empty.");
      return undefined;
    }
    return job;
  }

  async function targetLanguage(): Promise<string | undefined> {
    return replyLanguage(doc, {
      remembered: deps.remembered.get,
      detectedByPage: () => deps.page.pageLang,
      showsTranslation: () => deps.page.active,
      ...(deps.detectLang ? { detectLang: deps.detectLang } : {}),
    });
  }

  /** The user's own text is in the field again. */
  const forgetWrite = (current: Job) => delete current.after;

  /** The field still shows Gloss's translation, as written. */
  const showsOurs = (current: Job | undefined): current is Job & { after: string } =>
    !!current?.after && onPage(current.field.element, doc) && current.field.snapshot() === current.after;

  /** The reader's own text back in the box in place of Gloss's translation; false once the card says it could not. */
  async function putBack(current: Job, extra: Partial<CardState> = {}): Promise<boolean> {
    const outcome = await current.field.replaceAll(current.before);
    if (!outcome.written) {
      problem(`Gloss could not put your text back: use ${undoKeys(doc)}.`, extra);
      return false;
    }
    forgetWrite(current);
    return true;
  }

  async function restore(): Promise<void> {
    const current = job;
    if (!showsOurs(current)) {
      problem(`The text changed since Gloss wrote it: use ${undoKeys(doc)} to go back step by step.`);
      return;
    }
    if (!(await putBack(current))) return;
    show({ kind: "choose", message: "Your text is back.", lang: await targetLanguage() });
  }

  /** The user picked a language in the card: remember it for this site, then translate (again) into it. */
  async function chosen(lang: string): Promise<void> {
    void deps.remembered.set(lang).catch(() => undefined);
    let current = job;
    if (!current) return;
    focusField(current.field.element);
    // The user wrote on (or edited the translation) since the card opened: what the box holds now is translated.
    if (!showsOurs(current) && current.field.snapshot() !== current.before) {
      current = jobFor(current.field);
      if (!current) return;
    }
    // A translation Gloss wrote is replaced by the new one, made from the user's own text.
    if (showsOurs(current)) {
      if (current.field.kind === "rich" && !current.whole) {
        return problem("Select your text again and ask Gloss once more to translate it into this language.", { lang });
      }
      if (!(await putBack(current, { lang }))) return;
    }
    await runner.run(current, lang);
  }

  /**
   * Asked again from a box whose editor refused the translation, its text unchanged: the same text would meet the
   * same editor, so the translation it could not take is kept, and the keyboard goes to its Copy button.
   */
  function toRefusedTranslation(): boolean {
    const found = focusedField(doc, deps.getShadowRoot, deps.isOwnUi);
    const current = job;
    if (!current?.refused || !("field" in found) || found.field.element !== current.field.element) return false;
    return current.field.snapshot() === current.before && card().focusCopy();
  }

  return {
    async translateField() {
      if (toRefusedTranslation()) return;
      const current = newJob();
      if (!current) return;
      const lang = await targetLanguage();
      if (job !== current) return;
      if (!lang) {
        show({
          kind: "choose",
          message: "Which language should your message be in? Gloss could not tell this page's.",
        });
        card().focusChooser();
        return;
      }
      await runner.run(current, lang);
    },
    async chooseLanguage() {
      const current = newJob();
      if (!current) return;
      const lang = await targetLanguage();
      if (job !== current) return;
      show({ kind: "choose", message: "Translate what you wrote into:", ...(lang ? { lang } : {}) });
      card().focusChooser();
    },
    focusInFrame() {
      const found = focusedField(doc, deps.getShadowRoot, deps.isOwnUi);
      return "field" in found && found.field.element.ownerDocument !== doc;
    },
    frameOutOfReach(site, access) {
      card().show(undefined, outOfReach(site, access));
    },
    setServerStatus(status) {
      if (job) runner.sayWhy(job, status);
    },
    dismiss() {
      job?.controller?.abort();
      made?.hide();
    },
  };
}
