// The options page's "Back up settings": Save to a file… downloads the saved settings (never the API key); Restore from
// a file… reads one back (shared/settings-backup.ts checks it), asks first when that would lose something, and saves
// it the way the form's Save does, through the background's saveSettings.
import { ext } from "../extension/api";
import { call } from "../extension/send";
import type { Settings } from "../shared/settings";
import {
  applyRestore,
  backupFileName,
  backupText,
  createBackup,
  messageOf,
  restoreLosses,
  savedToFileText,
  type RestoredBackup,
} from "../shared/settings-backup";
import { downloadText, readBackupFile, showBackupStatus } from "../shared/settings-backup-dom";
import { accessRequest, type AccessWords } from "./access-request";
import { hostsToAsk } from "./host-access";

/** What the backup needs from the settings form. */
export interface BackupForm {
  /** The settings the form was filled from or last saved; undefined until they have loaded. */
  saved(): Settings | undefined;
  hasUnsavedChanges(): boolean;
  /** Shows settings just restored in the form, replacing unsaved edits. */
  show(settings: Settings): void;
}

const ACCESS: AccessWords = {
  missing: "Gloss is not allowed yet to reach all the restored sites and server.",
  refused: "Your browser did not allow it: those sites are not translated automatically until you do.",
  allowed: "Gloss may now reach the restored sites and server.",
};

export function setUpSettingsBackup(form: BackupForm): void {
  const view = backupView(form);
  const { restoreButton, fileInput, confirmBox, cancelButton } = view;
  element<HTMLButtonElement>("backup-save").addEventListener("click", () => void saveToFile(view));
  // A real button opens the picker: focusable, and Enter or Space work as on any button.
  restoreButton.addEventListener("click", () => fileInput.click());
  fileInput.addEventListener("change", () => {
    const file = fileInput.files?.[0];
    fileInput.value = ""; // picking the same file again is a change too
    if (file) void offer(view, file);
  });
  element<HTMLButtonElement>("backup-confirm-restore").addEventListener("click", () => {
    const restore = view.pending;
    closeConfirm(view);
    restore?.();
  });
  cancelButton.addEventListener("click", () => cancelRestore(view));
  confirmBox.addEventListener("keydown", (event) => {
    if (event.key === "Escape") cancelRestore(view);
  });
}

const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** What the section's steps share: the form, the section's elements, and the restore waiting for the reader's yes. */
interface BackupView {
  form: BackupForm;
  restoreButton: HTMLButtonElement;
  fileInput: HTMLInputElement;
  confirmBox: HTMLDivElement;
  confirmText: HTMLDivElement;
  cancelButton: HTMLButtonElement;
  status: HTMLDivElement;
  pending?: (() => void) | undefined;
}

function backupView(form: BackupForm): BackupView {
  return {
    form,
    restoreButton: element("backup-restore"),
    fileInput: element("backup-file"),
    confirmBox: element("backup-confirm"),
    confirmText: element("backup-confirm-text"),
    cancelButton: element("backup-confirm-cancel"),
    status: element("backup-status"),
  };
}

const showStatus = (view: BackupView, sentences: string[], kind: "" | "ok" | "fail", kept: string[] = []) =>
  showBackupStatus(view.status, sentences, kind, kept);

/** Save to a file…: downloads the stored settings, not the form's: unsaved edits are not settings yet. */
async function saveToFile(view: BackupView): Promise<void> {
  try {
    const [{ settings }, { languages }] = await Promise.all([call("getSettings", {}), call("writingLanguages", {})]);
    const now = new Date();
    const backup = createBackup(settings, languages, ext.runtime.getManifest().version, now);
    const name = backupFileName(now);
    downloadText(document.body, name, backupText(backup));
    // "Downloading", not "Saved": the browser may still ask where to save it, and the reader may cancel there.
    const saved = savedToFileText(name, backup);
    const unsaved = "It holds your saved settings: press Save, then save to a file again, to include your changes.";
    showStatus(view, view.form.hasUnsavedChanges() ? [saved, unsaved] : [saved], "ok");
  } catch (error) {
    showStatus(view, [`Your settings were not saved to a file: ${messageOf(error)}`], "fail");
  }
}

function closeConfirm(view: BackupView): void {
  view.pending = undefined;
  view.confirmBox.hidden = true;
  view.restoreButton.focus();
}

function cancelRestore(view: BackupView): void {
  closeConfirm(view);
  showStatus(view, ["Nothing was restored: your settings are as they were."], "");
}

/** Reads a picked file; restores it, or first asks when restoring would lose something. A bad file changes nothing. */
async function offer(view: BackupView, file: File): Promise<void> {
  view.pending = undefined;
  view.confirmBox.hidden = true;
  const read = await readBackupFile(file);
  if (!read.ok) return showStatus(view, [read.message], "fail");
  restoreOrAsk(view, file.name, read);
}

/**
 * Restores `read`, or first asks when restoring would lose something the reader has not agreed to lose. Asked
 * again on Restore: the form may have changes since the question appeared.
 */
function restoreOrAsk(view: BackupView, fileName: string, read: RestoredBackup, agreed: readonly string[] = []): void {
  const current = view.form.saved();
  if (!current) return showStatus(view, ["Your settings have not loaded yet: try again in a moment."], "fail");
  const losses = restoreLosses(read, current, view.form.hasUnsavedChanges());
  if (losses.every((loss) => agreed.includes(loss))) return void restore(view, fileName, read);
  view.confirmText.replaceChildren(
    ...losses.map((loss) => Object.assign(document.createElement("p"), { textContent: loss })),
  );
  view.pending = () => restoreOrAsk(view, fileName, read, losses);
  view.confirmBox.hidden = false;
  view.status.replaceChildren();
  // Keeping what is there is the safe answer to a question the reader did not expect.
  view.cancelButton.focus();
}

async function restore(view: BackupView, fileName: string, read: RestoredBackup): Promise<void> {
  const before = view.form.saved();
  if (!before) return;
  const outcome = await applyRestore(fileName, read, before, {
    save: (patch) => call("saveSettings", { patch }),
    addWritingLanguages: (add) => call("writingLanguages", { add }).then(() => undefined),
  });
  if (outcome.after) view.form.show(outcome.after);
  const origins = outcome.restored ? hostsToAsk(outcome.after ?? before) : [];
  const reachable = !origins.length || (await ext.permissions.contains({ origins }).catch(() => false));
  showStatus(view, outcome.sentences, outcome.kind, outcome.kept);
  // (Save would ask too, but then say "No changes to save.", which puzzles after a restore.)
  if (!reachable) view.status.append(accessRequest(origins, ACCESS, view.restoreButton));
}
