// The account's settings as this browser last wrote or took them, kept in this browser: what "changed elsewhere" is
// measured against, and what a write that crossed another browser's is merged on.
import { hashOf, type Joined } from "../shared/settings-sync";

export type Ready = Extract<Joined, { state: "ready" }>;

export interface SyncedRecord {
  text: string;
  shared: Record<string, unknown>;
  /** The account's items found unreadable (their head, and when first): a write that crossed another browser's, or a
   * head whose part count lies, never becomes whole by waiting. */
  damaged?: { head: string; at: number };
  /** The account's settings this browser's last write was built on: what another browser's write built on the same
   * settings (the two crossed, and theirs stayed) is merged against, so that this browser's change is not undone. */
  prior?: { text: string; shared: Record<string, unknown> };
}

export interface SeenStore {
  /** The account's settings as this browser last wrote or took them, kept in this browser: a Chromium service worker
   * stops after half a minute idle, and one that forgot them would take the next change from another browser whole,
   * undoing a change made here that had not gone out yet. */
  readSeen(): Promise<SyncedRecord | undefined>;
  writeSeen(seen: SyncedRecord | undefined): Promise<void>;
}

export interface SeenRecord {
  /** The record as this browser has it now. */
  synced(): SyncedRecord | undefined;
  /** Reads the record back from this browser's storage, once (the first step after the background starts). */
  read(): Promise<void>;
  set(seen: SyncedRecord | undefined): Promise<void>;
  /** The account as this browser now has it; its own write found again keeps what that write was built on. */
  remember(account: Ready): Promise<void>;
  /** Over a write not all arrived (its head before its parts, or parts of two writes): what this browser's write is
   * built on is what it last had in step, so that the browser whose write this replaces knows the two crossed and
   * merges its change back in, rather than taking this write whole and losing it. */
  lastInStep(): { text: string; shared: Record<string, unknown> } | undefined;
  /** What both this browser and the account's writer started from: this browser's last write or take, or (when the
   * account's write was not built on this browser's last write: the two crossed) what that write was built on. */
  baseOf(account: Ready): Record<string, unknown> | undefined;
}

export function createSeenRecord(store: SeenStore): SeenRecord {
  /** What "changed elsewhere" is measured against (read back by `read`). */
  let synced: SyncedRecord | undefined;
  let seenRead = false;

  const set = async (seen: SyncedRecord | undefined) => {
    synced = seen;
    await store.writeSeen(seen);
  };

  async function read(): Promise<void> {
    if (seenRead) return;
    synced = await store.readSeen().catch(() => undefined);
    seenRead = true;
  }

  const remember = (account: Ready) => {
    const prior = account.text === synced?.text ? synced.prior : undefined;
    return set({ text: account.text, shared: account.shared, ...(prior ? { prior } : {}) });
  };

  function lastInStep(): { text: string; shared: Record<string, unknown> } | undefined {
    return synced?.text ? { text: synced.text, shared: synced.shared } : undefined;
  }

  function baseOf(account: Ready): Record<string, unknown> | undefined {
    return crossed(account) ? synced?.prior?.shared : synced?.shared;
  }

  /** This browser's own last write (it has a prior) was replaced by one not built on it: the writer never saw it. */
  const crossed = (account: Ready): boolean =>
    !!account.base && !!synced?.prior && account.base !== hashOf(synced.text);

  return { synced: () => synced, read, set, remember, lastInStep, baseOf };
}
