// The userscript's settings dialog. It lives in a verified closed shadow root under a built-in host (see
// session/ui-host.ts), is styled with a constructed stylesheet (a strict page CSP blocks inline <style>), is built
// with DOM calls only, validates with the same validators as the extension, and can test the connection. It only
// opens from the manager's menu, and only the user's own click, Enter or Ctrl+S saves it; "Back up settings" saves
// them to a file and restores them from one (settings-backup-section.ts). The glossary and the parts left
// untranslated are the options page's tables of rows (settings-tables.ts). In the page's world the page can call the
// dialog's listeners with made-up clicks that claim to be the user's, so there it only shows the settings.
import { deepFocus } from "../core/dom";
import { fromReader, speaksEnglish, TOUCH_TARGET_CSS } from "../session/element";
import { FRAME_CSS, followViewport } from "../session/place-fixed";
import { readerFields, type ReaderFields } from "../session/reader-fields";
import { createUiHost, type UiBlockedReason, type UiHostOptions } from "../session/ui-host";
import type { ServerReport } from "../shared/messages";
import { addressForPreset, type ServerPreset, type Settings } from "../shared/settings";
import type { SaveResult } from "../shared/settings-store";
import type { WritingLanguages } from "../shared/writing-languages";
import { PAGE_WORLD_READ_ONLY } from "./page-world";
import { createBackupSection } from "./settings-backup-section";
import { createKeyState, type KeyState } from "./settings-key-field";
import { createConnectionTest } from "./settings-connection-test";
import { createCloseAsk } from "./settings-close-ask";
import { closeOn, dialogFocus } from "./settings-dialog-focus";
import { createFormState, type FormState } from "./settings-form-state";
import { createSave } from "./settings-save";
import { createSettingsFields, type SettingsFields } from "./settings-fields";
import { createSettingsTables, TABLES_CSS } from "./settings-tables";
import { oneQuestion, type OneQuestion } from "./settings-one-question";
import { createUnreadNote } from "./settings-unread-note";
import { savedTranslationsRow, type SavedTranslations } from "./saved-translations-row";
import { closePickerIn } from "./showing-picker";
import { elementMaker, type Make } from "./make-element";
import type { StoredAfresh } from "./userscript-settings-store";

export interface SettingsDialogDeps {
  load(): Promise<Settings>;
  /**
   * Saves a change. Absent when Gloss runs in the page's world (the manager ignored @inject-into / @sandbox): the
   * dialog is then read-only (no key field, no Save, fields disabled) and says why and where to change settings.
   */
  save?(patch: Partial<Settings>): Promise<SaveResult>;
  /** Tests the settings with a change applied (the saved settings as they are, when read-only). */
  test(draft: Partial<Settings>): Promise<ServerReport>;
  uiLanguage: string;
  precheck?: UiHostOptions["precheck"];
  /** The page blocked the dialog; nothing of the settings reached the page. */
  onBlocked?(reason: UiBlockedReason): void;
  /** The stored settings could not be read: the dialog closes, and the reader is told where the page cannot reach. */
  onUnreadable?(): void;
  /**
   * What of the stored settings could not be read as of the last load ("" when all could; unreadSettingsText): said
   * at the top, as on the options page, until a save stores the form as shown. Only with `save`.
   */
  unread?(): string;
  /**
   * The settings whose stored values the last load refused (a newer Gloss's), each shown as its default: read again
   * as Save starts (Greasemonkey), such a default is no change made elsewhere to stop the save for.
   */
  refused?(): Array<keyof Settings>;
  /** The translations saved in the manager's storage: how many, and forgetting them all. */
  savedTranslations?: SavedTranslations;
  /**
   * "Back up settings" (settings-backup-section.ts), with the reply languages the writer keeps. Only with `save`:
   * in the page's world Gloss reads only this page's share of the settings, which would make a file that looks
   * whole and is not, and restores none.
   */
  backup?: { writingLanguages: Pick<WritingLanguages, "all" | "add">; glossVersion: string };
  /** The manager stores nothing (no GM.setValue): a save lasts as long as this page, and the dialog says so. */
  forThisPageOnly?: boolean;
  /** Whether an event is the reader's own; stands in for the browser's `isTrusted` in tests (see fromReader). */
  isTrusted?: (event: Event) => boolean;
}

const CSS = `
[hidden] { display: none !important; }
.backdrop { position: fixed; inset: 0; z-index: 2147483647; background: rgba(0,0,0,.45); display: grid; place-items: center;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111827; }
.dialog { background: #fff; width: min(680px, calc(100vw - 24px)); max-height: calc(100vh - 24px); overflow: auto;
  border-radius: 12px; padding: 18px 20px; box-shadow: 0 20px 60px rgba(0,0,0,.4); box-sizing: border-box; }
h2 { margin: 0 0 12px; font-size: 18px; }
.field { display: grid; gap: 4px; margin-bottom: 12px; }
label { font-weight: 600; }
input, select, textarea, button { font: inherit; color: inherit; box-sizing: border-box; }
input, select, textarea { width: 100%; padding: 6px 8px; border: 1px solid #d1d5db; border-radius: 7px; background: #fff; }
input[type="checkbox"] { width: auto; justify-self: start; margin: 0; }
[aria-invalid="true"] { border-color: #b91c1c; }
.error { color: #b91c1c; font-size: 12px; font-weight: 600; margin: 0; }
.error:empty { display: none; }
.hint { color: #4b5563; font-size: 12px; margin: 0; }
.buttons { display: flex; gap: 8px; justify-content: flex-end; flex-wrap: wrap; margin-top: 8px; }
button { padding: 6px 14px; border-radius: 7px; border: 1px solid #d1d5db; background: #f9fafb; cursor: pointer; }
button.primary { background: #2563eb; border-color: #2563eb; color: #fff; font-weight: 600; }
button[aria-disabled="true"] { opacity: .6; cursor: progress; }
.key-state button[aria-disabled="true"] { cursor: default; }
button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible { outline: 2px solid #2563eb; outline-offset: 1px; }
.result { margin: 8px 0; padding: 8px 10px; border-radius: 7px; border: 1px solid #d1d5db; white-space: pre-line; }
.result.ok { border-color: #15803d; }
.result.fail { border-color: #b91c1c; color: #7f1d1d; }
.status { margin-right: auto; align-self: center; color: #4b5563; }
.changed-elsewhere { margin: 0; padding: 0; list-style: none; }
.changed-elsewhere li { display: flex; flex-wrap: wrap; gap: 4px 8px; align-items: center; margin: 6px 0; }
.changed-elsewhere li span { min-width: 0; overflow-wrap: anywhere; }
.key-state { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; margin: 0; font-size: 12px; }
.key-state button { padding: 2px 10px; font-size: 12px; }
.warning { color: #92400e; font-size: 12px; margin: 0; }
@media (forced-colors: active) { .dialog { border: 1px solid CanvasText; } }
${FRAME_CSS}
${TOUCH_TARGET_CSS}
.unread { margin: 0 0 12px; padding: 8px 10px; border: 1px solid #b91c1c; border-radius: 7px; color: #7f1d1d; font-size: 12px; }
.page-world { margin: 0 0 12px; padding: 8px 10px; border-radius: 7px; background: #fef3c7; color: #78350f; font-size: 12px; }
.backup { margin: 4px 0 12px; padding-top: 8px; border-top: 1px solid #e5e7eb; }
h3 { margin: 0 0 4px; font-size: 14px; }
.backup-row { display: flex; gap: 8px; flex-wrap: wrap; margin: 6px 0; }
.confirm { margin: 6px 0; padding: 8px 10px; border-radius: 7px; border: 1px solid #b45309; background: #fffbeb; }
.confirm p, .backup-status p { margin: 0 0 4px; }
.backup-status.ok p:first-child { color: #166534; }
.backup-status.fail p:first-child { color: #b91c1c; }
.backup-status ul { margin: 4px 0 0; padding-left: 20px; font-size: 12px; }
${TABLES_CSS}
`;

/** What is known of settings read apart from the settings store (another tab's save; see StoredAfresh). */
export type StoredAbout = Omit<StoredAfresh, "settings">;

/** The dialog open in each document: Settings while it is open focuses it instead of stacking a second one. */
const openDialogs = new WeakMap<
  Document,
  {
    focus(): void;
    closed: Promise<void>;
    takeStored(settings: Settings, about?: Partial<StoredAbout>): void;
    stepAside(): () => void;
  }
>();

/** The dialog open in `doc` steps aside while the element picker shows; the function returned brings it back. */
export function dialogAsideWhilePicking(doc: Document): (() => void) | undefined {
  return openDialogs.get(doc)?.stepAside();
}

/**
 * Settings stored while the dialog in `doc` is open (a part picked with the picker, a save in another tab): shown as
 * the options page shows them (shared/stored-meanwhile.ts), so that saving the dialog's unsaved edits keeps them.
 * `about` says what the note at the top says of them when they were read apart from the settings store (one a newer
 * Gloss saved shows defaults where this one refuses its values: said at once, not at the next save).
 */
export function showSavedInDialog(doc: Document, settings: Settings, about?: Partial<StoredAbout>): void {
  openDialogs.get(doc)?.takeStored(settings, about);
}

/** Whether a settings dialog is open in `doc` (settings stored elsewhere are read for it only then). */
export function settingsDialogOpen(doc: Document): boolean {
  return openDialogs.has(doc);
}

/** The dialog's frame: its backdrop, the dialog (labelled by its title, read in English) and its form. */
function dialogShell(make: Make) {
  const backdrop = make("div", { className: "backdrop" });
  const dialog = make("div", { className: "dialog" });
  dialog.setAttribute("role", "dialog");
  speaksEnglish(dialog);
  dialog.setAttribute("aria-modal", "true");
  dialog.setAttribute("aria-labelledby", "gloss-settings-title");
  const title = make("h2", { id: "gloss-settings-title", textContent: "Gloss settings" });
  const form = make("form");
  form.noValidate = true;
  return { backdrop, dialog, title, form };
}

/** The sections after the tables: the translations saved, and (only with a save) Back up settings. */
function storedSections(
  doc: Document,
  root: ShadowRoot,
  deps: SettingsDialogDeps,
  state: () => FormState,
  questions: OneQuestion,
): HTMLElement[] {
  const sections = deps.savedTranslations ? [savedTranslationsRow(doc, deps.savedTranslations)] : [];
  const saveSettings = deps.save;
  if (!saveSettings || !deps.backup) return sections;
  const backup = createBackupSection(doc, {
    root,
    load: deps.load,
    save: saveSettings,
    writingLanguages: deps.backup.writingLanguages,
    glossVersion: deps.backup.glossVersion,
    isTrusted: deps.isTrusted,
    hasUnsavedChanges: () => state().hasUnsavedChanges(),
    questions,
    show: (settings) => {
      state().fill(settings);
      state().showErrors({});
    },
  });
  return [...sections, backup];
}

/** The reader's own choice of server type puts its address in as theirs; a page's made-up change only as its own. */
function followAddress(
  { controls, preset }: SettingsFields,
  fields: ReaderFields,
  keyState: KeyState,
  isTrusted: SettingsDialogDeps["isTrusted"],
): void {
  preset.addEventListener("change", (event) => {
    const base = controls.baseUrl as HTMLInputElement;
    base.value = addressForPreset(base.value, preset.value as ServerPreset);
    fromReader(isTrusted, () => fields.took([base]))(event);
    keyState.show();
  });
  controls.baseUrl.addEventListener("input", keyState.show);
}

/** The form's end: the connection test's result, the edits kept over another tab's change, then the buttons. */
function formButtons(doc: Document, form: HTMLFormElement, deps: SettingsDialogDeps, state: () => FormState) {
  const make = elementMaker(doc);
  const saveSettings = deps.save;
  const { button: testButton, result } = createConnectionTest(make, doc.defaultView ?? window, {
    readOnly: !saveSettings,
    test: (draft) => deps.test(draft),
    asTheReaderLeftIt: () => state().asTheReaderLeftIt(),
    draft: () => state().draft(),
    showErrors: (found) => state().showErrors(found),
  });
  const {
    button: save,
    status,
    saveNow,
    unsavedGone,
  } = createSave(make, form, {
    ...(saveSettings ? { save: saveSettings } : {}),
    load: () => deps.load(),
    forThisPageOnly: deps.forThisPageOnly,
    takeStored: (settings) => state().takeStored(settings, { refused: deps.refused?.() ?? [] }),
    hasUnsavedChanges: () => state().hasUnsavedChanges(),
    asTheReaderLeftIt: () => state().asTheReaderLeftIt(),
    draft: () => state().draft(),
    shown: () => state().shown(),
    fill: (settings) => state().fill(settings),
    showErrors: (found) => state().showErrors(found),
    isTrusted: deps.isTrusted,
  });
  const cancel = make("button", { type: "button", textContent: "Close" });
  const buttons = make("div", { className: "buttons" });
  buttons.append(status, testButton, cancel, ...(saveSettings ? [save] : []));
  // Edits kept though another tab changed the same fields: said above Save, which would undo that change.
  const changedBox = make("ul", { className: "changed-elsewhere" });
  form.append(result, changedBox, buttons);
  return { cancel, changedBox, saveNow, unsavedGone, buttons };
}

/** The form, filled in order: the fields, the tables, the stored sections, the buttons; and what it holds. */
function settingsForm(doc: Document, root: ShadowRoot, form: HTMLFormElement, deps: SettingsDialogDeps) {
  const make = elementMaker(doc);
  const readOnly = !deps.save;
  // The saved key stays out of the page: the field starts empty, and a line says whether a key is saved.
  const keyState = createKeyState(make, () => controls.baseUrl.value, deps.isTrusted);
  const formFields = createSettingsFields(make, form, {
    readOnly,
    uiLanguage: deps.uiLanguage,
    keyLine: keyState.line,
  });
  const { controls } = formFields;
  // After the fields: a refused save focuses the first thing to fix in the order the form shows them.
  const tables = createSettingsTables(doc, readOnly, deps.isTrusted);
  // What Gloss filled in or the reader changed in each field: Save saves nothing a page wrote there (reader-fields.ts).
  const fields = readerFields(Object.values(controls), deps.isTrusted);
  form.append(...tables.sections);
  // The questions asked in the form (closing with unsaved edits, restoring a file) take turns.
  const questions = oneQuestion();
  form.append(...storedSections(doc, root, deps, () => state, questions));
  const { cancel, changedBox, saveNow, unsavedGone, buttons } = formButtons(doc, form, deps, () => state);
  // After changedBox is in the form: the lines it shows follow the form's input (changed-elsewhere.ts).
  const formState = createFormState({ root, formFields, tables, fields, keyState, changedBox, readOnly });
  const unreadNote = createUnreadNote(make, deps.save && deps.unread);
  // Each time the form shows stored settings (loaded, saved, restored), the note says what of them is still unread;
  // then and when settings stored meanwhile are taken in (another tab may have saved just what was typed here), what
  // says there are unsaved edits (the line beside Save; the question asked on closing, which the dialog adds to
  // `afterShown`) goes when that is no longer true.
  const afterShown = [unsavedGone];
  const shownAnew = () => afterShown.forEach((then) => then());
  const state: FormState = {
    ...formState,
    fill(settings) {
      formState.fill(settings);
      unreadNote.update();
      shownAnew();
    },
    takeStored(settings, about?: Partial<StoredAbout>) {
      const news = formState.takeStored(settings, about);
      unreadNote.update(about?.note);
      shownAnew();
      return news;
    },
  };
  form.addEventListener("input", () => state.clearFixedErrors());
  followAddress(formFields, fields, keyState, deps.isTrusted);
  return { controls, tables, state, cancel, saveNow, buttons, afterShown, questions, unreadLine: unreadNote.line };
}

/** The dialog put together in its host's root: title, the note on where settings go when they cannot be kept, form. */
function assembleDialog(doc: Document, root: ShadowRoot, deps: SettingsDialogDeps) {
  const make = elementMaker(doc);
  const { backdrop, dialog, title, form } = dialogShell(make);
  const parts = settingsForm(doc, root, form, deps);
  const note = !deps.save ? PAGE_WORLD_READ_ONLY : deps.forThisPageOnly ? NO_STORAGE : undefined;
  const notes = [parts.unreadLine, ...(note ? [make("p", { className: "page-world", textContent: note })] : [])];
  dialog.append(title, ...notes, form);
  backdrop.append(dialog);
  const frame = make("div", { className: "frame" });
  const follower = followViewport(frame, backdrop, "top-left", true);
  root.append(backdrop, frame);
  return { ...parts, backdrop, dialog, frame, follower };
}

/** Fills the form with the stored settings (disabled when read-only), then shows the dialog and takes the keys. */
function showLoaded(
  settings: Settings,
  { state, controls, tables, follower }: ReturnType<typeof assembleDialog>,
  ui: { attach(): boolean },
  focus: { hold(): void },
  close: () => void,
  readOnly: boolean,
): void {
  state.fill(settings);
  if (readOnly) {
    for (const control of Object.values(controls)) control.disabled = true;
    tables.disable();
  }
  if (!ui.attach()) return close();
  follower.update();
  focus.hold();
}

export function openSettingsDialog(doc: Document, deps: SettingsDialogDeps): Promise<void> {
  // The picker showing takes the keys too, and the dialog would cover the page it picks on: it goes, as Escape would.
  closePickerIn(doc);
  const open = openDialogs.get(doc);
  if (open) {
    open.focus();
    return open.closed;
  }
  let close = (): void => undefined;
  const ui = createUiHost(doc, {
    css: CSS,
    ...(deps.precheck ? { precheck: deps.precheck } : {}),
    onBlocked: (reason) => {
      if (reason === "removed") close();
      deps.onBlocked?.(reason);
    },
  });
  // Refused before anything was read from storage: none of the settings reached the page.
  if (!ui) return Promise.resolve();
  const { host, root } = ui;
  const readOnly = !deps.save;
  /**
   * In the page's world the page may replace a DOM function at any time, not only before the host is made (when
   * ui-host.ts checks): one replaced while the settings load or a test runs would be handed the fields with the
   * address in them, or the report naming it. So the dialog looks again before each (as the look-up card does before
   * each use), and closes when one was replaced.
   */
  let intact = (): boolean => true;
  const parts = assembleDialog(doc, root, {
    ...deps,
    test: (draft) => deps.test(draft).then((report) => (intact() ? report : NOT_SHOWN)),
  });
  const { backdrop, dialog, frame, cancel, controls, state, buttons } = parts;

  /** Where focus goes when the dialog opens: the address, or Close when the fields are disabled. */
  const focus = dialogFocus({ doc, host, root, dialog, backdrop, frame }, () => (readOnly ? cancel : controls.baseUrl));

  const closed = new Promise<void>((resolve) => {
    // Inside the page's own open shadow root (a web component's button), the document sees only its host, which
    // may not take the focus: the control itself gets it back.
    const previousFocus = deepFocus(doc) as HTMLElement | null;
    close = () => {
      focus.release();
      openDialogs.delete(doc);
      parts.follower.stop();
      ui.detach();
      previousFocus?.focus?.();
      resolve();
    };
    // Unsaved edits are not thrown away without a word: closing asks first, above the buttons.
    const ask = createCloseAsk(elementMaker(doc), {
      hasUnsavedChanges: () => !readOnly && state.hasUnsavedChanges(),
      saveNow: parts.saveNow,
      close,
      questions: parts.questions,
      isTrusted: deps.isTrusted,
    });
    buttons.before(ask.box);
    // Saved with Save or Ctrl+S meanwhile, the edits undone, or replaced by stored settings (a restore), the
    // question would stay though no longer true.
    dialog.addEventListener("submit", ask.dismiss);
    dialog.addEventListener("input", ask.recheck);
    parts.afterShown.push(ask.recheck);
    closeOn({ cancel, backdrop, dialog }, ask.close, ask.escape);
    const unreadable = () => {
      close();
      deps.onUnreadable?.();
    };
    intact = () => {
      if (!deps.precheck || deps.precheck()) return true;
      close();
      deps.onBlocked?.("unverified");
      return false;
    };
    void deps.load().then((settings) => {
      if (intact()) showLoaded(settings, parts, ui, focus, close, readOnly);
    }, unreadable);
  });
  openDialogs.set(doc, {
    focus: () => focus.focusInside(),
    closed,
    takeStored: state.takeStored,
    stepAside: focus.stepAside,
  });
  return closed;
}

/** A test's report, in place of the server's, once the page replaced what the dialog calls (it then closes). */
const NOT_SHOWN: ServerReport = { ok: false, kind: "", error: { message: "" } };

/** Said (the manager's notification) when Settings cannot open: its storage did not give the settings. */
export const SETTINGS_UNREADABLE =
  "Gloss could not open its settings: your userscript manager did not read them from its storage. Try again, or " +
  "reload the page.";

/** Said before anything is typed, where the manager has no storage for the script. */
export const NO_STORAGE =
  "Your userscript manager gives Gloss no storage (GM.setValue): settings saved here last only until this page is " +
  "left or reloaded, and every other page starts from the defaults. A manager with storage (Tampermonkey, " +
  "Violentmonkey, Greasemonkey) keeps them.";
