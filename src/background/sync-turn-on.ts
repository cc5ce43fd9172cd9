// Turning settings sync on: at once when the account holds what this browser last had in step, otherwise by the
// reader's choice (the account's settings or this browser's), never overwriting either side without it.
import type { SyncKeep, SyncStatus } from "../shared/messages";
import type { Settings } from "../shared/settings";
import {
  cannotReplaceMessage,
  holdsSame,
  keyLoss,
  readSynced,
  syncedContents,
  syncPayload,
} from "../shared/settings-sync";
import { held, type SyncParts } from "./sync-parts";
import { push } from "./sync-push";
import { take } from "./sync-take";
import type { Ready } from "./sync-seen";

/** The status after turning sync on, or what the reader is asked first (or why it stays off). */
export async function turnOn(parts: SyncParts, keep: SyncKeep | undefined): Promise<SyncStatus> {
  const { deps, seen } = parts;
  const account = await held(parts);
  // The account holds what this browser last wrote or took, untouched since sync was turned off here: no other
  // browser's change is there to lose, so this browser's settings (changed meanwhile or not) go without a question.
  const last = seen.synced()?.text;
  if (!keep && account.state === "ready" && last && account.text === last) return switchOn(parts);
  await seen.set(undefined); // out of step while off: the reader's choice decides, whole
  const current = await deps.load();
  // Settings a newer Gloss stored here (as the load read them) show defaults for the values this one refuses: they
  // never replace the account's (push refuses to send them), so that is not offered, and a page that still offered
  // it is told why not.
  const newer = deps.newerVersion();
  const same = account.state === "ready" && holdsSame(account, syncPayload(current, account));
  const replaced = keep === "browser" && account.state !== "empty" && !same;
  if (replaced && newer !== undefined) return { on: false, problem: cannotReplaceMessage(newer) };
  const noReplace = newer === undefined ? {} : { askNoReplace: cannotReplaceMessage(newer) };
  // Parts of two writes that crossed, or a head whose part count lies, never become whole: waiting alone could
  // keep sync off for good, so the reader may also replace them.
  if (account.state === "partial" && keep !== "browser")
    return { on: false, ask: "settings not all arrived", askIncomplete: true, ...noReplace };
  if (account.state === "ready" && !same) {
    const answer = await heldElsewhere(parts, account, keep, current);
    if (answer) return { ...answer, ...(answer.ask === undefined ? {} : noReplace) };
  }
  return switchOn(parts);
}

/** The account holds other settings than these: what the reader is asked, or why sync stays off; nothing when the
 * reader chose, and the account's settings, if chosen, were taken. */
async function heldElsewhere(
  parts: SyncParts,
  account: Ready,
  keep: SyncKeep | undefined,
  current: Settings,
): Promise<SyncStatus | undefined> {
  const read = readSynced(account.shared);
  if (!read.ok) return { on: false, problem: read.message };
  if (!keep) {
    const loss = keyLoss(read, current);
    return { on: false, ask: syncedContents(read), ...(loss ? { askLoss: loss } : {}) };
  }
  if (keep === "account") {
    const problem = await take(parts, account);
    if (problem) return { on: false, problem };
  }
  return undefined;
}

/** Records sync as on, sends this browser's settings, and says what other browsers' marks mean. */
async function switchOn(parts: SyncParts): Promise<SyncStatus> {
  await parts.notes.note({ on: true });
  await push(parts);
  await parts.marks.noteBehind();
  return parts.notes.state();
}
