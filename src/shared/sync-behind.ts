// A browser whose settings are too large for sync says so in the account, in a small item of its own, so that the
// other browsers say their settings may differ from it, rather than that all is in step; gone once they fit again.
import { kb, SYNC_QUOTA_BYTES } from "./settings-sync";

/** Each browser's mark is `gloss.behind.<its id>`: apart from the settings' items, so that no merge ever reads it. */
export const BEHIND_PREFIX = "gloss.behind.";

export const behindKey = (id: string): string => `${BEHIND_PREFIX}${id}`;

export interface BehindMark {
  /** By how many bytes its settings are over the sync quota. */
  over: number;
}

const isMark = (value: unknown): value is BehindMark =>
  !!value && typeof value === "object" && Number.isFinite((value as BehindMark).over);

/** The marks of the browsers other than `id` (anything else in the account is not a mark). */
export function othersBehind(items: Record<string, unknown>, id: string): BehindMark[] {
  return Object.entries(items)
    .filter(([key, value]) => key.startsWith(BEHIND_PREFIX) && key !== behindKey(id) && isMark(value))
    .map(([, value]) => value as BehindMark);
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
