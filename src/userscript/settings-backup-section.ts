// The settings dialog's "Back up settings": the options page's Save to a file… and Restore from a file… in the
// userscript, with the same file (shared/settings-backup.ts), so a file from either restores in the other; a picked
// file is restored by settings-backup-restore.ts.
import { fromReader, SETTLE_MS } from "../session/element";
import type { Settings } from "../shared/settings";
import { backupFileName, backupText, createBackup, messageOf, savedToFileText } from "../shared/settings-backup";
import { downloadText, showBackupStatus } from "../shared/settings-backup-dom";
import type { SaveResult } from "../shared/settings-store";
import type { WritingLanguages } from "../shared/writing-languages";
import { elementMaker, type Make } from "./make-element";
import { closeQuestion, keepSettings, offerBackupFile, type BackupRestore, type Say } from "./settings-backup-restore";
import type { OneQuestion } from "./settings-one-question";

export interface BackupSectionDeps {
  /** The dialog's closed shadow root: the download's link goes there, out of the page's sight. */
  root: ShadowRoot;
  /** The stored settings, read afresh (another tab may have saved). */
  load(): Promise<Settings>;
  /** The dialog's own save (the path its Save button takes). */
  save(patch: Partial<Settings>): Promise<SaveResult>;
  writingLanguages: Pick<WritingLanguages, "all" | "add">;
  /** The script's version, for people reading the file. */
  glossVersion: string;
  hasUnsavedChanges(): boolean;
  /** Shows settings just restored in the form, replacing unsaved edits. */
  show(settings: Settings): void;
  /** The dialog's questions: the one asked before a restore takes the place of the closing question. */
  questions: OneQuestion;
  /** Whether an event is the reader's own; stands in for the browser's `isTrusted` in tests (see fromReader). */
  isTrusted?: ((event: Event) => boolean) | undefined;
}

export { extensionOnlyNote } from "./settings-backup-restore";

/** The section's elements: its buttons, the hidden file input, the question asked before a restore, the status. */
interface BackupElements {
  section: HTMLElement;
  saveButton: HTMLButtonElement;
  restoreButton: HTMLButtonElement;
  fileInput: HTMLInputElement;
  confirmBox: HTMLDivElement;
  confirmText: HTMLDivElement;
  confirmRestore: HTMLButtonElement;
  keepMine: HTMLButtonElement;
  status: HTMLDivElement;
}

/** Builds the section: title, note, Save to a file… and Restore from a file…, the question (hidden) and the status. */
function backupElements(make: Make): BackupElements {
  const section = make("section", { className: "backup" });
  section.setAttribute("aria-labelledby", "gloss-backup-title");
  const title = make("h3", { id: "gloss-backup-title", textContent: "Back up settings" });
  const note = make("p", {
    className: "hint",
    id: "gloss-backup-note",
    textContent:
      "Your settings, sites, glossary, extra instructions and reply languages, in a file the Gloss extension " +
      "restores too. Your API key is not included.",
  });
  const saveButton = make("button", { type: "button", textContent: "Save to a file…" });
  const restoreButton = make("button", { type: "button", textContent: "Restore from a file…" });
  saveButton.setAttribute("aria-describedby", note.id);
  restoreButton.setAttribute("aria-describedby", note.id);
  const row = make("div", { className: "backup-row" });
  row.append(saveButton, restoreButton);
  const fileInput = make("input", { type: "file", accept: ".json,application/json", hidden: true });
  const confirmText = make("div", { id: "gloss-backup-confirm-text" });
  const confirmRestore = make("button", { type: "button", textContent: "Restore" });
  const keepMine = make("button", { type: "button", textContent: "Keep my settings" });
  const confirmButtons = make("div", { className: "backup-row" });
  confirmButtons.append(confirmRestore, keepMine);
  const confirmBox = make("div", { className: "confirm", hidden: true });
  confirmBox.setAttribute("role", "group");
  confirmBox.setAttribute("aria-labelledby", confirmText.id);
  confirmBox.append(confirmText, confirmButtons);
  const status = make("div", { className: "backup-status" });
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  section.append(title, note, row, fileInput, confirmBox, status);
  return { section, saveButton, restoreButton, fileInput, confirmBox, confirmText, confirmRestore, keepMine, status };
}

/** Shows the outcome; the same words again are emptied first, so that a screen reader reads them again. */
function sayIn(status: HTMLElement): Say {
  return (sentences, kind, kept = []) => {
    const text = [...sentences, ...kept].join("");
    if (!text || status.textContent !== text) return showBackupStatus(status, sentences, kind, kept);
    status.replaceChildren();
    setTimeout(() => showBackupStatus(status, sentences, kind, kept), SETTLE_MS);
  };
}

/** Saves the stored settings to a file, not the form: unsaved edits are not settings yet, and the status says so. */
function saveToFile(deps: BackupSectionDeps, say: Say): void {
  void Promise.all([deps.load(), deps.writingLanguages.all()])
    .then(([settings, languages]) => {
      const now = new Date();
      const backup = createBackup(settings, languages, deps.glossVersion, now);
      const name = backupFileName(now);
      downloadText(deps.root, name, backupText(backup));
      const unsaved = "It holds your saved settings: press Save, then save to a file again, to include your changes.";
      const saved = savedToFileText(name, backup);
      say(deps.hasUnsavedChanges() ? [saved, unsaved] : [saved], "ok");
    })
    .catch((error: unknown) => say([`Your settings were not saved to a file: ${messageOf(error)}`], "fail"));
}

/** Restore from a file… opens the file picker, and only a file the browser's picker puts in after that is offered. */
function wireFilePicking({ restoreButton, fileInput }: BackupElements, state: BackupRestore): void {
  /** Set by the user's click on Restore from a file…: only a file picked after it is read. */
  let picking = false;
  restoreButton.addEventListener("click", (event) => {
    if (!event.isTrusted) return;
    picking = true;
    fileInput.click();
  });
  // Only the browser's file picker: a page that reaches the dialog (Firefox) could put a file of its own, naming its
  // server, into the input after the reader's click and say it changed.
  fileInput.addEventListener(
    "change",
    fromReader(state.deps.isTrusted, () => {
      const file = fileInput.files?.[0];
      fileInput.value = ""; // picking the same file again is a change too
      if (!picking || !file) return;
      picking = false;
      void offerBackupFile(state, file);
    }),
  );
}

/** The question's answers: the user's own Restore goes on; Keep my settings, safe whoever asks, restores nothing. */
function wireQuestion({ confirmRestore, keepMine }: BackupElements, state: BackupRestore): void {
  confirmRestore.addEventListener("click", (event) => {
    if (!event.isTrusted) return;
    const restore = state.pending;
    closeQuestion(state);
    restore?.();
  });
  keepMine.addEventListener("click", () => keepSettings(state));
}

/**
 * The section, wired. Only the user's own click saves a file, opens the file picker or confirms a restore: a page
 * script that got hold of the buttons could otherwise replace the settings with a file of its choosing.
 */
export function createBackupSection(doc: Document, deps: BackupSectionDeps): HTMLElement {
  const make = elementMaker(doc);
  const elements = backupElements(make);
  const { restoreButton, confirmBox, confirmText, keepMine, status } = elements;
  const say = sayIn(status);
  const state: BackupRestore = {
    deps,
    make,
    say,
    restoreButton,
    confirmBox,
    confirmText,
    keepMine,
    status,
    pending: undefined,
    question: { box: confirmBox, withdraw: () => keepSettings(state, false) },
  };
  elements.saveButton.addEventListener("click", (event) => {
    if (event.isTrusted) saveToFile(deps, say);
  });
  wireFilePicking(elements, state);
  wireQuestion(elements, state);
  return elements.section;
}
