// Reading the account: another browser's write taken in (and this browser's own change sent after it), the account's
// items that stay unreadable replaced in time, and what did not go out last time sent at the background's start.
import { holdsSame, newerHereMessage, SYNC_HEAD, syncPayload } from "../shared/settings-sync";
import { held, type SyncParts } from "./sync-parts";
import { push } from "./sync-push";
import { take } from "./sync-take";

/** How long the account's items may stay unreadable, the same ones, before this browser's settings replace them: long
 * enough for another browser's write to arrive whole. */
export const DAMAGED_FOR_MS = 2 * 60_000;

/** The account's items changed: taken in when they are another browser's, and this browser's own change sent. */
export async function pull(parts: SyncParts): Promise<void> {
  const { deps, seen, notes, marks } = parts;
  if (!(await notes.state()).on) return;
  const account = await held(parts);
  if (account.state === "partial") return damaged(parts); // the rest is on its way (its own change comes), or never is
  if (account.state === "empty") return push(parts); // the account was cleared: this browser's settings fill it again
  // This browser's own write coming back, or settings it already has: in step only if it holds this browser's
  // settings (ones too large for sync stay here, and the page must go on saying so).
  const here = holdsSame(account, syncPayload(await deps.load(), account));
  if (here) {
    if (account.text !== seen.synced()?.text) await seen.remember(account);
    await marks.clearBehind();
    // Settings a newer Gloss stored here hold values this one cannot send: still not in step for the reader.
    const newer = deps.newerVersion();
    return notes.note(newer === undefined ? {} : { problem: newerHereMessage(newer) });
  }
  if (account.text === seen.synced()?.text) return;
  const problem = await take(parts, account);
  if (problem) return notes.note({ problem });
  // What this browser has that the account does not (its change, written as the other browser's was, or settings
  // too large for sync) goes, merged, or is said not to; a merge that left some of the account's entries out says so
  // to the browsers that had them.
  await push(parts);
}

/** The account's items are unreadable: noted the first time; replaced with this browser's settings once the same
 * items have stayed so for `DAMAGED_FOR_MS` (the sync status said "on" while nothing was in step). */
async function damaged(parts: SyncParts): Promise<void> {
  const { deps, seen, now } = parts;
  const head = JSON.stringify((await deps.area.get())[SYNC_HEAD] ?? null);
  const noted = seen.synced()?.damaged;
  if (noted?.head !== head) {
    await seen.set({ ...(seen.synced() ?? { text: "", shared: {} }), damaged: { head, at: now() } });
    return;
  }
  if (now() - noted.at >= DAMAGED_FOR_MS) await push(parts);
}

/**
 * At the background's start (a Chromium service worker stops after half a minute idle): a change made here that did
 * not go out (the browser refused the write, or the worker stopped before changes settled) goes now, after what
 * other browsers changed meanwhile is taken; items that stay unreadable are looked at again.
 */
export async function reconcile(parts: SyncParts): Promise<void> {
  const { notes, marks } = parts;
  if (!(await notes.state()).on) return;
  if ((await held(parts)).state === "partial") return damaged(parts);
  // Last time's problem is looked at afresh: what still stands is said again by the pull or the push.
  await notes.note({});
  await pull(parts);
  const status = await notes.state();
  if (status.on && !status.problem) await push(parts);
  await marks.noteBehind();
}
