// This browser's own record of settings sync (on or off, the last problem, what the reader is told of left-out entries
// and of other browsers): read with a fallback, written only when it changed.
import type { SyncStatus } from "../shared/messages";
import type { Settings } from "../shared/settings";
import { joinedLeftOut, stillLeftOut, type LeftOut } from "../shared/sync-left-out";

export interface StatusStore {
  readState(): Promise<SyncStatus | undefined>;
  writeState(state: SyncStatus): Promise<void>;
}

export interface StatusNotes {
  /** The status as recorded (off when none, or unreadable). */
  state(): Promise<SyncStatus>;
  /** Records the status when it changed (on, off, a problem gone or new). */
  note(change: Partial<SyncStatus>): Promise<void>;
  /** What the status names as left out by a merge: with what was just `lost`, without what `settings` hold again. */
  noteLeftOut(settings: Settings, lost?: LeftOut): Promise<void>;
}

export function createStatusNotes(store: StatusStore): StatusNotes {
  const state = async (): Promise<SyncStatus> => (await store.readState().catch(() => undefined)) ?? { on: false };

  async function note(change: Partial<SyncStatus>): Promise<void> {
    const before = await state();
    const { problem: _old, ask: _ask, askLoss: _loss, askIncomplete: _incomplete, ...rest } = before;
    const next: SyncStatus = { ...rest, ...change };
    if (!next.problem) delete next.problem;
    if (!next.keyRemoved) delete next.keyRemoved;
    if (!next.leftOut) delete next.leftOut;
    if (!next.othersBehind) delete next.othersBehind;
    if (JSON.stringify(next) !== JSON.stringify(before)) await store.writeState(next);
  }

  async function noteLeftOut(settings: Settings, lost?: LeftOut): Promise<void> {
    const status = await state();
    const leftOut = stillLeftOut(joinedLeftOut(status.leftOut, lost), settings);
    await note({ leftOut, problem: status.problem });
  }

  return { state, note, noteLeftOut };
}
