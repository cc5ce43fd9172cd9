// The settings dialog's Restore from a file…, once a file is picked: read, asked about first when restoring would lose
// something, then restored and said.
import { DEFAULTS, type Settings } from "../shared/settings";
import {
  applyRestore,
  backupLabel,
  restoreLosses,
  type RestoredBackup,
  type RestoredKey,
} from "../shared/settings-backup";
import { readBackupFile } from "../shared/settings-backup-dom";
import type { BackupSectionDeps } from "./settings-backup-section";
import type { Make } from "./make-element";
import type { Question } from "./settings-one-question";
import { NOT_STORED_WHY } from "./settings-save";

/** Shows an outcome in the section's status line. */
export type Say = (sentences: string[], kind: "" | "ok" | "fail", kept?: string[]) => void;

/** What restoring shares with the section: its question, its status and the restore waiting for the reader's yes. */
export interface BackupRestore {
  deps: BackupSectionDeps;
  make: Make;
  say: Say;
  restoreButton: HTMLButtonElement;
  /** The question asked before a restore that would lose something: its text, and Keep my settings. */
  confirmBox: HTMLElement;
  confirmText: HTMLElement;
  keepMine: HTMLButtonElement;
  status: HTMLElement;
  /** The restore the question waits on; the reader's Restore runs it. */
  pending: (() => void) | undefined;
  /** The question as one of the dialog's (settings-one-question.ts): its safe answer is Keep my settings. */
  question: Question;
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
 * Hides the question, forgetting the restore it waited on; the keyboard goes back to Restore from a file… (with
 * `focusBack` false, only if it was on the question).
 */
export function closeQuestion(state: BackupRestore, focusBack = true): void {
  const { confirmBox } = state;
  focusBack ||= confirmBox.contains((confirmBox.getRootNode() as ShadowRoot).activeElement);
  state.pending = undefined;
  confirmBox.hidden = true;
  if (focusBack) state.restoreButton.focus();
}

/** Keep my settings (pressed, or the safe answer given for the reader: Escape, the closing question asked). */
export function keepSettings(state: BackupRestore, focusBack = true): void {
  closeQuestion(state, focusBack);
  state.say(["Nothing was restored: your settings are as they were."], "");
}

/** Reads a picked file; restores it, or first asks when restoring would lose something. A bad file changes nothing. */
export async function offerBackupFile(state: BackupRestore, file: File): Promise<void> {
  state.pending = undefined;
  state.confirmBox.hidden = true;
  const read = await readBackupFile(file);
  if (!read.ok) return state.say([read.message], "fail");
  await restoreOrAsk(state, file.name, read);
}

/**
 * Restores `read`, or first asks when restoring would lose something the reader has not agreed to lose. Asked
 * again on Restore: the form may have changes since the question appeared, or another tab may have saved.
 */
async function restoreOrAsk(
  state: BackupRestore,
  fileName: string,
  read: RestoredBackup,
  agreed: readonly string[] = [],
): Promise<void> {
  const { deps, make } = state;
  const current = await deps.load().catch(() => undefined);
  if (!current) return state.say(["Your settings could not be read: nothing was restored."], "fail");
  // No browser permission stands between a new address and the pages sent there: always asked.
  const losses = restoreLosses(read, current, deps.hasUnsavedChanges(), { everyNewServer: true });
  if (losses.every((loss) => agreed.includes(loss))) return restore(state, fileName, read, current);
  state.confirmText.replaceChildren(...losses.map((loss) => make("p", { textContent: loss })));
  state.pending = () => void restoreOrAsk(state, fileName, read, losses);
  state.confirmBox.hidden = false;
  // The only question up: the closing question, if asked, goes (its safe answer, Keep editing, loses nothing).
  deps.questions.asked(state.question);
  state.status.replaceChildren();
  // Keeping what is there is the safe answer to a question the reader did not expect.
  state.keepMine.focus();
}

async function restore(state: BackupRestore, fileName: string, read: RestoredBackup, before: Settings): Promise<void> {
  const { deps } = state;
  const outcome = await applyRestore(fileName, read, before, {
    // What a manager's storage rejects with (anything, or nothing) is no reason to the reader: said as Save says it.
    save: (patch) => deps.save(patch).catch(() => Promise.reject(new Error(NOT_STORED_WHY))),
    addWritingLanguages: (choices) => deps.writingLanguages.add(choices),
  });
  if (outcome.after) deps.show(outcome.after);
  const extensionOnly = outcome.restored ? extensionOnlyNote(read) : undefined;
  state.say([...outcome.sentences, ...(extensionOnly ? [extensionOnly] : [])], outcome.kind, outcome.kept);
}
