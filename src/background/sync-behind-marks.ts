// Marks in the account of browsers whose settings are too large for sync: this browser's own, set and cleared, and
// what its status says of the others'.
import { messageOf } from "../shared/settings-backup";
import type { SyncItems } from "../shared/settings-sync";
import {
  behindKey,
  behindMessage,
  expiredMarks,
  MARK_BYTES,
  markFor,
  markStands,
  othersBehind,
} from "../shared/sync-behind";
import { accountItemBytes, SYNC_ACCOUNT_BYTES } from "../shared/sync-quota";
import type { SyncDeps } from "./sync-deps";
import type { StatusNotes } from "./sync-status-notes";

/** What the marks need of settings sync's dependencies. */
export type MarksDeps = Pick<SyncDeps, "area" | "browserId" | "browserName">;

export interface BehindMarks {
  /** Says in the account that this browser's settings are too large for sync, for the other browsers to say so;
   * returns what the page here adds when the account would not take it (the settings stay saved here all the same). */
  markBehind(over: number): Promise<string | undefined>;
  /** This browser's settings are in the account again (or it no longer syncs): its mark goes. */
  clearBehind(items?: SyncItems): Promise<void>;
  /** What this browser's status says of other browsers' marks, while on. */
  noteBehind(): Promise<void>;
}

/** The bytes the account has left by the stricter count (see sync-quota.ts). */
const roomLeft = (items: SyncItems): number =>
  SYNC_ACCOUNT_BYTES - Object.entries(items).reduce((sum, [key, value]) => sum + accountItemBytes(key, value), 0);

export function createBehindMarks(deps: MarksDeps, now: () => number, { state, note }: StatusNotes): BehindMarks {
  async function markBehind(over: number): Promise<string | undefined> {
    const key = behindKey(await deps.browserId());
    const name = await deps.browserName();
    const held = (await deps.area.get())[key];
    if (markStands(held, over, name, now())) return undefined;
    // The account keeps room for the marks of MARKS_KEPT browsers; more behind at once, or a refused write, and the
    // others are not told: said here, and tried again with the next change or start.
    return deps.area.set({ [key]: markFor(held, over, name, now()) }).then(
      () => undefined,
      (error: unknown) =>
        `Your other browsers could not be told (your browser's sync did not take the note that says so: ${messageOf(error)}), so they may show their settings as in step with these.`,
    );
  }

  async function clearBehind(items?: SyncItems): Promise<void> {
    const key = behindKey(await deps.browserId());
    if (Object.hasOwn(items ?? (await deps.area.get()), key)) await deps.area.remove([key]);
  }

  async function noteBehind(): Promise<void> {
    const status = await state();
    if (!status.on) return;
    const items = await deps.area.get();
    // Marks of browsers gone for a month: their room in the account is for the marks of browsers still in use.
    const expired = expiredMarks(items, now());
    if (expired.length) await deps.area.remove(expired).catch(() => undefined);
    const marks = othersBehind(items, await deps.browserId(), now());
    const full = roomLeft(items) < MARK_BYTES;
    const message = behindMessage(marks, now(), { own: await deps.browserName(), full });
    await note({ othersBehind: message, problem: status.problem });
  }

  return { markBehind, clearBehind, noteBehind };
}
