// A browser whose settings are too large for sync says so in the account, in a small item of its own, so that the
// other browsers say their settings may differ from it, rather than that all is in step; gone once they fit again.
// A mark is dated and renewed while it stands: one left by a browser that was removed while behind (it never comes
// back to take it away) stops being said after a month, instead of warning the others for good, and is then removed.
// It names the browser (as the reader knows it: "Firefox on Linux") and since when it is behind.
import { NAME_MAX_BYTES } from "./browser-name";
import { accountItemBytes, kb, SYNC_ACCOUNT_BYTES } from "./sync-quota";

/** Each browser's mark is `gloss.behind.<its id>`: apart from the settings' items, so that no merge ever reads it. */
export const BEHIND_PREFIX = "gloss.behind.";

/** The longest id a browser has (crypto.randomUUID's): part of the mark's key, so of its size. */
export const BROWSER_ID_MAX = 36;

export const behindKey = (id: string): string => `${BEHIND_PREFIX}${id}`;

export interface BehindMark {
  /** By how many bytes its settings are over what sync holds of them. */
  over: number;
  /** When it was made or last renewed (ms since the epoch). */
  at: number;
  /** When this browser's settings stopped fitting (absent from older Gloss's marks). */
  since?: number;
  /** The browser, as the reader knows it (absent from older Gloss's marks). */
  name?: string;
}

/**
 * The most bytes a mark takes in the account: its id, times and name are bounded, so the settings' size check keeps
 * room for the marks (see MARKS_ROOM) and a browser that is behind can always say so, however full the account.
 */
export const MARK_BYTES = accountItemBytes(behindKey("x".repeat(BROWSER_ID_MAX)), {
  over: Number.MAX_SAFE_INTEGER,
  at: 9_999_999_999_999,
  since: 9_999_999_999_999,
  name: "x".repeat(NAME_MAX_BYTES),
});
/** How many browsers may be behind at once, each with its mark, in an account whose settings fill what they may. */
export const MARKS_KEPT = 4;
/** The bytes the account keeps free of settings for the marks. */
export const MARKS_ROOM = MARKS_KEPT * MARK_BYTES;
/** What the settings' items may take of the account: the rest is kept for the marks of browsers that are behind, so
 * that settings filling the account never stop another browser from saying that its own do not fit. */
export const SETTINGS_ROOM = SYNC_ACCOUNT_BYTES - MARKS_ROOM;
/** The room, as both this browser's "too large" and the others' "behind" say it: rounded down, so that settings just
 * over it never read as "100 KB, and it holds 100 KB". */
export const SETTINGS_ROOM_KB = `${Math.floor(SETTINGS_ROOM / 1024)} KB`;

/** A browser that is behind renews its mark when it starts or writes, at most this often. */
export const BEHIND_RENEW_MS = 24 * 60 * 60 * 1000;
/** A mark not renewed for this long is a removed browser's: the others say nothing of it, and remove it. */
export const BEHIND_LIFETIME_MS = 30 * BEHIND_RENEW_MS;

const isMark = (value: unknown): value is BehindMark =>
  !!value &&
  typeof value === "object" &&
  Number.isFinite((value as BehindMark).over) &&
  Number.isFinite((value as BehindMark).at);

/** This browser's mark: renewed, it keeps the day its settings stopped fitting. */
export function markFor(held: unknown, over: number, name: string, now: number): BehindMark {
  const since = isMark(held) && Number.isFinite(held.since) ? held.since! : now;
  return { over, at: now, since, name };
}

/** Whether this browser's own mark, as the account holds it, says `over` and `name`, and is recent enough to stand. */
export const markStands = (held: unknown, over: number, name: string, now: number): boolean =>
  isMark(held) && held.over === over && held.name === name && now - held.at < BEHIND_RENEW_MS;

/** The live marks of the browsers other than `id` (anything else in the account is not a mark). */
export function othersBehind(items: Record<string, unknown>, id: string, now: number): BehindMark[] {
  return Object.entries(items)
    .filter(([key, value]) => key.startsWith(BEHIND_PREFIX) && key !== behindKey(id) && isMark(value))
    .map(([, value]) => value as BehindMark)
    .filter((mark) => now - mark.at < BEHIND_LIFETIME_MS);
}

/** The keys of marks no browser has renewed for a month: their browsers are gone, and their room is needed. */
export const expiredMarks = (items: Record<string, unknown>, now: number): string[] =>
  Object.entries(items)
    .filter(([key, value]) => key.startsWith(BEHIND_PREFIX) && (!isMark(value) || now - value.at >= BEHIND_LIFETIME_MS))
    .map(([key]) => key);

/** "3 Dec", or "3 Dec 2025" in another year than now's. */
function day(at: number, now: number): string {
  const sameYear = new Date(at).getFullYear() === new Date(now).getFullYear();
  return new Date(at).toLocaleDateString("en-GB", {
    day: "numeric",
    month: "short",
    ...(sameYear ? {} : { year: "numeric" }),
  });
}

const named = (mark: BehindMark): mark is BehindMark & { name: string } => typeof mark.name === "string" && !!mark.name;

/** "14:05": tells apart two browsers of one name behind since the same day. */
const time = (at: number): string => new Date(at).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });

/**
 * Each named browser as the reader is to tell it from the others, earliest behind first: its name and since when; the
 * time too where two of one name (two "Chromium on Linux" the reader never renamed) are behind since the same day; and
 * "another" before a name already said, or this browser's own.
 */
function namesOf(marks: Array<BehindMark & { name: string }>, now: number, own: string): string[] {
  const sorted = [...marks].sort((a, b) => (a.since ?? a.at) - (b.since ?? b.at));
  const since = (mark: BehindMark, withTime: boolean) =>
    mark.since === undefined ? "" : ` (since ${day(mark.since, now)}${withTime ? `, ${time(mark.since)}` : ""})`;
  const byDay = sorted.map((mark) => `${mark.name}${since(mark, false)}`);
  const said = new Set([own]);
  return sorted.map((mark, i) => {
    const twice = byDay.filter((label) => label === byDay[i]).length > 1;
    const another = said.has(mark.name) ? "another " : "";
    said.add(mark.name);
    return `${another}${mark.name}${since(mark, twice)}`;
  });
}

/** "Firefox on Linux (since 3 Dec), Chrome on Windows (since 5 Dec) and another of your browsers". */
function whoIsBehind(marks: BehindMark[], now: number, own: string): string {
  const names = namesOf(marks.filter(named), now, own);
  const unnamed = marks.length - names.length;
  if (unnamed) names.push(unnamed === 1 ? "another of your browsers" : `${unnamed} more of your browsers`);
  const who = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(", ")} and ${names.at(-1)!}`;
  return who.replace(/^another /, "Another ");
}

/** Said when the account has no room for one more mark: a browser behind beyond those named cannot say so here. */
const NO_ROOM =
  " Your browser's sync has no room left to name more: any other of your browsers whose settings are too large says so on its own options page.";

/**
 * What this browser's options page says of the others' marks; undefined when there is none. `own` is this browser's
 * name (another of the same name is "another"), `full` whether the account has no room for one more mark.
 */
export function behindMessage(
  marks: BehindMark[],
  now: number,
  { own = "", full = false }: { own?: string; full?: boolean } = {},
): string | undefined {
  if (!marks.length) return undefined;
  const limit = `your browser's sync holds ${SETTINGS_ROOM_KB} of Gloss's settings`;
  const more = full ? NO_ROOM : "";
  // Marks of an older Gloss name nobody: said as before.
  if (!marks.some(named)) {
    if (marks.length === 1) {
      return `The settings of another of your browsers could not be synced: they are ${kb(marks[0]!.over)} too large (${limit}), so its changes stay in that browser and its settings may not be the same as these until they fit.${more}`;
    }
    return `The settings of ${marks.length} of your other browsers could not be synced: they are too large (${limit}), so their changes stay in those browsers and their settings may not be the same as these until they fit.${more}`;
  }
  if (marks.length === 1) {
    const [mark] = marks as [BehindMark & { name: string }];
    const since = mark.since === undefined ? "" : ` since ${day(mark.since, now)}`;
    const who = mark.name === own ? `Another ${mark.name}` : mark.name;
    return `${who} could not sync its settings${since}: they are ${kb(mark.over)} too large (${limit}), so its changes stay in that browser and its settings may not be the same as these until they fit.${more}`;
  }
  return `${whoIsBehind(marks, now, own)} could not sync their settings: they are too large (${limit}), so their changes stay in those browsers and their settings may not be the same as these until they fit.${more}`;
}
