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
  const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
  const saveButton = element<HTMLButtonElement>("backup-save");
  const restoreButton = element<HTMLButtonElement>("backup-restore");
  const fileInput = element<HTMLInputElement>("backup-file");
  const confirmBox = element<HTMLDivElement>("backup-confirm");
  const confirmText = element<HTMLDivElement>("backup-confirm-text");
  const status = element<HTMLDivElement>("backup-status");
  let pending: (() => void) | undefined;

  const showStatus = (sentences: string[], kind: "" | "ok" | "fail", kept: string[] = []) =>
    showBackupStatus(status, sentences, kind, kept);

  saveButton.addEventListener("click", () => {
    // The stored settings, not the form: unsaved edits are not settings yet.
    void Promise.all([call("getSettings", {}), call("writingLanguages", {})])
      .then(([{ settings }, { languages }]) => {
        const now = new Date();
        const backup = createBackup(settings, languages, ext.runtime.getManifest().version, now);
        const name = backupFileName(now);
        downloadText(document.body, name, backupText(backup));
        // "Downloading", not "Saved": the browser may still ask where to save it, and the reader may cancel there.
        const saved = savedToFileText(name, backup);
        const unsaved = "It holds your saved settings: press Save, then save to a file again, to include your changes.";
        showStatus(form.hasUnsavedChanges() ? [saved, unsaved] : [saved], "ok");
      })
      .catch((error: unknown) => showStatus([`Your settings were not saved to a file: ${messageOf(error)}`], "fail"));
  });
  // A real button opens the picker: focusable, and Enter or Space work as on any button.
  restoreButton.addEventListener("click", () => fileInput.click());

  fileInput.addEventListener("change", () => {
    const file = fileInput.files?.[0];
    fileInput.value = ""; // picking the same file again is a change too
    if (file) void offer(file);
  });

  function closeConfirm(): void {
    pending = undefined;
    confirmBox.hidden = true;
    restoreButton.focus();
  }

  element<HTMLButtonElement>("backup-confirm-restore").addEventListener("click", () => {
    const restore = pending;
    closeConfirm();
    restore?.();
  });
  const cancel = () => {
    closeConfirm();
    showStatus(["Nothing was restored: your settings are as they were."], "");
  };
  element<HTMLButtonElement>("backup-confirm-cancel").addEventListener("click", cancel);
  confirmBox.addEventListener("keydown", (event) => {
    if (event.key === "Escape") cancel();
  });

  /** Reads a picked file; restores it, or first asks when restoring would lose something. A bad file changes nothing. */
  async function offer(file: File): Promise<void> {
    pending = undefined;
    confirmBox.hidden = true;
    const read = await readBackupFile(file);
    if (!read.ok) return showStatus([read.message], "fail");
    restoreOrAsk(file.name, read);
  }

  /**
   * Restores `read`, or first asks when restoring would lose something the reader has not agreed to lose. Asked
   * again on Restore: the form may have changes since the question appeared.
   */
  function restoreOrAsk(fileName: string, read: RestoredBackup, agreed: readonly string[] = []): void {
    const current = form.saved();
    if (!current) return showStatus(["Your settings have not loaded yet: try again in a moment."], "fail");
    const losses = restoreLosses(read, current, form.hasUnsavedChanges());
    if (losses.every((loss) => agreed.includes(loss))) return void restore(fileName, read);
    confirmText.replaceChildren(
      ...losses.map((loss) => Object.assign(document.createElement("p"), { textContent: loss })),
    );
    pending = () => restoreOrAsk(fileName, read, losses);
    confirmBox.hidden = false;
    status.replaceChildren();
    // Keeping what is there is the safe answer to a question the reader did not expect.
    element<HTMLButtonElement>("backup-confirm-cancel").focus();
  }

  async function restore(fileName: string, read: RestoredBackup): Promise<void> {
    const before = form.saved();
    if (!before) return;
    const outcome = await applyRestore(fileName, read, before, {
      save: (patch) => call("saveSettings", { patch }),
      addWritingLanguages: (add) => call("writingLanguages", { add }).then(() => undefined),
    });
    if (outcome.after) form.show(outcome.after);
    const origins = outcome.restored ? hostsToAsk(outcome.after ?? before) : [];
    const reachable = !origins.length || (await ext.permissions.contains({ origins }).catch(() => false));
    showStatus(outcome.sentences, outcome.kind, outcome.kept);
    // (Save would ask too, but then say "No changes to save.", which puzzles after a restore.)
    if (!reachable) status.append(accessRequest(origins, ACCESS, restoreButton));
  }
}
