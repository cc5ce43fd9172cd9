// Writing this browser's settings to the account: after taking in a write from elsewhere not read yet, split into
// parts the account takes, or, when too large for sync, a mark for the other browsers and a problem said here.
import { SETTINGS_VERSION } from "../shared/settings";
import {
  hashOf,
  holdsSame,
  newerHereMessage,
  newerMessage,
  splitForSync,
  syncedVersion,
  syncPayload,
  tooLargeMessage,
} from "../shared/settings-sync";
import { held, type SyncParts } from "./sync-parts";
import { take } from "./sync-take";

type Built = { text: string; shared: Record<string, unknown> } | undefined;

/** Writes this browser's settings to the account, unless the account holds them already, or a newer Gloss's. */
export async function push(parts: SyncParts): Promise<void> {
  const { deps, seen, notes, marks } = parts;
  if (!(await notes.state()).on) return;
  const account = await held(parts);
  if (account.state === "ready" && syncedVersion(account.shared) > SETTINGS_VERSION) {
    return notes.note({ problem: newerMessage(syncedVersion(account.shared)) });
  }
  // Another browser's write not read here yet (its change event comes later): taken in first, or this write would
  // undo it.
  const last = seen.synced()?.text;
  if (account.state === "ready" && last && account.text !== last) {
    const problem = await take(parts, account);
    if (problem) return notes.note({ problem });
  }
  const settings = await deps.load();
  // Read by this Gloss, a newer one's settings hold defaults for what it refused, and the older version: sent, they
  // would replace the newer values in the other browsers (which read the account's settings as theirs).
  const newerHere = deps.newerVersion();
  if (newerHere !== undefined) return notes.note({ problem: newerHereMessage(newerHere) });
  await notes.noteLeftOut(settings);
  const payload = syncPayload(settings, account, parts.carried);
  if (account.state === "ready" && holdsSame(account, payload)) {
    await seen.remember(account);
    await marks.clearBehind();
    return notes.note({});
  }
  return write(parts, payload, account.state === "ready" ? account : seen.lastInStep());
}

/** Writes `payload` in parts built on `built`, or marks this browser behind when the account cannot hold it. */
async function write(parts: SyncParts, payload: ReturnType<typeof syncPayload>, built: Built): Promise<void> {
  const { deps, seen, notes, marks } = parts;
  // Read once: the parts this write leaves behind, and this browser's mark, are the same after it as before.
  const before = await deps.area.get();
  const split = splitForSync(payload, built && hashOf(built.text), before);
  if (!split.ok) {
    const untold = await marks.markBehind(split.over);
    parts.untoldHere = !!untold;
    return notes.note({ problem: tooLargeMessage(payload, split.bytes, split.over) + (untold ? ` ${untold}` : "") });
  }
  parts.untoldHere = false;
  await deps.area.set(split.items);
  await marks.clearBehind(before);
  parts.carried = undefined;
  const prior = built && { text: built.text, shared: built.shared };
  await seen.set({ text: JSON.stringify(payload), shared: payload, ...(prior ? { prior } : {}) });
  if (split.stale.length) await deps.area.remove(split.stale);
  await notes.note({});
}
