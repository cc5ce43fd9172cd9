// The settings dialog's "Back up settings": the options page's Save to a file… and Restore from a file… in the
// userscript, with the same file (shared/settings-backup.ts), so a file from either restores in the other.
import { fromReader, SETTLE_MS } from "../session/element";
import { DEFAULTS, type Settings } from "../shared/settings";
import {
  applyRestore,
  backupFileName,
  backupLabel,
  backupText,
  createBackup,
  messageOf,
  restoreLosses,
  savedToFileText,
  type RestoredBackup,
  type RestoredKey,
} from "../shared/settings-backup";
import { downloadText, readBackupFile, showBackupStatus } from "../shared/settings-backup-dom";
import type { SaveResult } from "../shared/settings-store";
import type { WritingLanguages } from "../shared/writing-languages";
import { elementMaker } from "./make-element";

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
  /** Whether an event is the reader's own; stands in for the browser's `isTrusted` in tests (see fromReader). */
  isTrusted?: ((event: Event) => boolean) | undefined;
}

/**
 * Settings the extension has and the userscript does not use: a file restores them (so one saved here takes them back
 * to the extension unchanged), and the status says so when the file chose other than the default.
 */
const EXTENSION_ONLY: readonly RestoredKey[] = ["progressCue", "readyOnEverySite"];

/** "Restored, but used by the extension only: …", or nothing when the file chose the default for each. */
export function extensionOnlyNote(read: RestoredBackup): string | undefined {
  const chosen = EXTENSION_ONLY.filter((key) => key in read.patch && read.patch[key] !== DEFAULTS[key]);
  if (!chosen.length) return undefined;
  return `Restored, but used by the extension only: your ${chosen.map(backupLabel).join(" and your ")}.`;
}

/**
 * The section, wired. Only the user's own click saves a file, opens the file picker or confirms a restore: a page
 * script that got hold of the buttons could otherwise replace the settings with a file of its choosing.
 */
export function createBackupSection(doc: Document, deps: BackupSectionDeps): HTMLElement {
  const make = elementMaker(doc);
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

  let pending: (() => void) | undefined;
  /** Set by the user's click on Restore from a file…: only a file picked after it is read. */
  let picking = false;

  /** Shows the outcome; the same words again are emptied first, so that a screen reader reads them again. */
  function say(sentences: string[], kind: "" | "ok" | "fail", kept: string[] = []): void {
    const text = [...sentences, ...kept].join("");
    if (!text || status.textContent !== text) return showBackupStatus(status, sentences, kind, kept);
    status.replaceChildren();
    setTimeout(() => showBackupStatus(status, sentences, kind, kept), SETTLE_MS);
  }

  saveButton.addEventListener("click", (event) => {
    if (!event.isTrusted) return;
    // The stored settings, not the form: unsaved edits are not settings yet.
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
  });

  restoreButton.addEventListener("click", (event) => {
    if (!event.isTrusted) return;
    picking = true;
    fileInput.click();
  });
  // Only the browser's file picker: a page that reaches the dialog (Firefox) could put a file of its own, naming its
  // server, into the input after the reader's click and say it changed.
  fileInput.addEventListener(
    "change",
    fromReader(deps.isTrusted, () => {
      const file = fileInput.files?.[0];
      fileInput.value = ""; // picking the same file again is a change too
      if (!picking || !file) return;
      picking = false;
      void offer(file);
    }),
  );

  function closeConfirm(): void {
    pending = undefined;
    confirmBox.hidden = true;
    restoreButton.focus();
  }
  confirmRestore.addEventListener("click", (event) => {
    if (!event.isTrusted) return;
    const restore = pending;
    closeConfirm();
    restore?.();
  });
  // Keeping the settings as they are is safe whoever asks.
  keepMine.addEventListener("click", () => {
    closeConfirm();
    say(["Nothing was restored: your settings are as they were."], "");
  });

  /** Reads a picked file; restores it, or first asks when restoring would lose something. A bad file changes nothing. */
  async function offer(file: File): Promise<void> {
    pending = undefined;
    confirmBox.hidden = true;
    const read = await readBackupFile(file);
    if (!read.ok) return say([read.message], "fail");
    await restoreOrAsk(file.name, read);
  }

  /**
   * Restores `read`, or first asks when restoring would lose something the reader has not agreed to lose. Asked
   * again on Restore: the form may have changes since the question appeared, or another tab may have saved.
   */
  async function restoreOrAsk(fileName: string, read: RestoredBackup, agreed: readonly string[] = []): Promise<void> {
    const current = await deps.load().catch(() => undefined);
    if (!current) return say(["Your settings could not be read: nothing was restored."], "fail");
    // No browser permission stands between a new address and the pages sent there: always asked.
    const losses = restoreLosses(read, current, deps.hasUnsavedChanges(), { everyNewServer: true });
    if (losses.every((loss) => agreed.includes(loss))) return restore(fileName, read, current);
    confirmText.replaceChildren(...losses.map((loss) => make("p", { textContent: loss })));
    pending = () => void restoreOrAsk(fileName, read, losses);
    confirmBox.hidden = false;
    status.replaceChildren();
    // Keeping what is there is the safe answer to a question the reader did not expect.
    keepMine.focus();
  }

  async function restore(fileName: string, read: RestoredBackup, before: Settings): Promise<void> {
    const outcome = await applyRestore(fileName, read, before, {
      save: deps.save,
      addWritingLanguages: (choices) => deps.writingLanguages.add(choices),
    });
    if (outcome.after) deps.show(outcome.after);
    const extensionOnly = outcome.restored ? extensionOnlyNote(read) : undefined;
    say([...outcome.sentences, ...(extensionOnly ? [extensionOnly] : [])], outcome.kind, outcome.kept);
  }

  return section;
}
