// A browser whose settings are too large for sync says so in the account, in a small item of its own, so that the
// other browsers say their settings may differ from it, rather than that all is in step; gone once they fit again.
// A mark is dated and renewed while it stands: one left by a browser that was removed while behind (it never comes
// back to take it away) stops being said after a month, instead of warning the others for good.
import { kb, SYNC_QUOTA_BYTES } from "./settings-sync";

/** Each browser's mark is `gloss.behind.<its id>`: apart from the settings' items, so that no merge ever reads it. */
export const BEHIND_PREFIX = "gloss.behind.";

export const behindKey = (id: string): string => `${BEHIND_PREFIX}${id}`;

export interface BehindMark {
  /** By how many bytes its settings are over the sync quota. */
  over: number;
  /** When it was made or last renewed (ms since the epoch). */
  at: number;
}

/** A browser that is behind renews its mark when it starts or writes, at most this often. */
export const BEHIND_RENEW_MS = 24 * 60 * 60 * 1000;
/** A mark not renewed for this long is a removed browser's: the others say nothing of it. */
export const BEHIND_LIFETIME_MS = 30 * BEHIND_RENEW_MS;

const isMark = (value: unknown): value is BehindMark =>
  !!value &&
  typeof value === "object" &&
  Number.isFinite((value as BehindMark).over) &&
  Number.isFinite((value as BehindMark).at);

/** Whether this browser's own mark, as the account holds it, says `over` and is recent enough to stand as it is. */
export const markStands = (held: unknown, over: number, now: number): boolean =>
  isMark(held) && held.over === over && now - held.at < BEHIND_RENEW_MS;

/** The live marks of the browsers other than `id` (anything else in the account is not a mark). */
export function othersBehind(items: Record<string, unknown>, id: string, now: number): BehindMark[] {
  return Object.entries(items)
    .filter(([key, value]) => key.startsWith(BEHIND_PREFIX) && key !== behindKey(id) && isMark(value))
    .map(([, value]) => value as BehindMark)
    .filter((mark) => now - mark.at < BEHIND_LIFETIME_MS);
}

/** What this browser's options page says of the others' marks; undefined when there is none. */
export function behindMessage(marks: BehindMark[]): string | undefined {
  if (!marks.length) return undefined;
  const limit = `your browser's sync holds ${kb(SYNC_QUOTA_BYTES)}`;
  if (marks.length === 1) {
    return `The settings of another of your browsers could not be synced: they are ${kb(marks[0]!.over)} too large (${limit}), so its changes stay in that browser and its settings may not be the same as these until they fit.`;
  }
  return `The settings of ${marks.length} of your other browsers could not be synced: they are too large (${limit}), so their changes stay in those browsers and their settings may not be the same as these until they fit.`;
}
