// Taking the account's settings into this browser: merged over what changed here meanwhile, saved, and what the reader
// must hear of it (entries left out, a key removed) noted.
import { keyRemovedNote } from "../shared/settings-backup";
import { keyRemovedBySync, readSynced } from "../shared/settings-sync";
import { joinedLeftOut, LEFT_OUT_KEY, lostHere, type LeftOut } from "../shared/sync-left-out";
import { mergeSynced } from "../shared/sync-merge";
import type { SyncParts } from "./sync-parts";
import type { Ready } from "./sync-seen";

/**
 * Saves the account's settings here: all of them, or (once this browser has been in step) only those another browser
 * changed since, so that a change made here meanwhile is not undone. Returns why not, if they could not be.
 */
export async function take(parts: SyncParts, account: Ready): Promise<string | undefined> {
  const { deps, seen, notes } = parts;
  const read = readSynced(account.shared);
  if (!read.ok) return read.message;
  const since = seen.baseOf(account);
  const base = since && readSynced(since);
  const before = await deps.load();
  let left: LeftOut = {};
  const result = await deps.update((current) => {
    const merged = mergeSynced(base?.ok ? base.patch : undefined, current, read.patch);
    left = merged.leftOut;
    return merged.patch;
  });
  if (!result.saved) return `Your other browsers' settings were not taken: ${Object.values(result.errors)[0] ?? ""}`;
  // Recorded as taken only once saved: recorded before, a refused save left this browser believing it in step, and
  // its next write put its own settings over the other browser's change.
  await seen.remember(account);
  // Left out here (this browser's write names it), or here by the merge of the browser that wrote these.
  parts.carried = joinedLeftOut(parts.carried, left);
  await notes.noteLeftOut(
    result.settings,
    joinedLeftOut(left, lostHere(account.shared[LEFT_OUT_KEY], before, result.settings)),
  );
  // A server address from elsewhere drops this browser's key, as typing one does: the reader must hear of it.
  const removed = keyRemovedNote(before, result.settings);
  if (removed) await notes.note({ keyRemoved: keyRemovedBySync(removed) });
  await deps.applied();
  return undefined;
}
