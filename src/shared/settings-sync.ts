// Settings kept in step across the reader's browsers (the browser's own storage.sync): what is shared (what a backup
// holds: never the API key), split into items within the browser's sync quotas and joined back, and what arrives read
// like any stored settings. No extension API: the background does the storing (background/settings-sync.ts).
import {
  backupContents,
  backupLabel,
  readSharedSettings,
  shareableSettings,
  type KeptField,
  type RestoredKey,
} from "./settings-backup";
import { apiKeyFor, DEFAULTS, SETTINGS_KEYS, SETTINGS_VERSION, type Settings } from "./settings";
import { LEFT_OUT_KEY, type LeftOut } from "./sync-left-out";
import { MARKS_KEPT, SETTINGS_ROOM, SETTINGS_ROOM_KB } from "./sync-behind";
import { accountItemBytes, bytes, kb, SYNC_MAX_ITEMS, SYNC_QUOTA_BYTES_PER_ITEM, valueBytes } from "./sync-quota";

export { SYNC_QUOTA_BYTES, SYNC_QUOTA_BYTES_PER_ITEM, SYNC_MAX_ITEMS, kb } from "./sync-quota";

/** What the settings' items may take of the account (see SETTINGS_ROOM). */
export const SYNC_SETTINGS_BYTES = SETTINGS_ROOM;

/** Where each browser keeps its own sync status (storage.local: on or off, the last problem); the options page
 * watches it. */
export const SYNC_STATE_KEY = "settingsSync";
/** Where this browser keeps the account's settings as it last wrote or took them (storage.local, never synced). */
export const SYNC_SEEN_KEY = "settingsSyncSeen";

/** Where this browser keeps its own id among the account's browsers (storage.local, never synced). */
export const SYNC_ID_KEY = "settingsSyncId";

/** The item that says how many parts the settings are in and how to know they have all arrived. */
export const SYNC_HEAD = "gloss.settings";
const PART = `${SYNC_HEAD}.`;

interface SyncHead {
  parts: number;
  /** The joined text's length and hash: parts from two different writes (one arrived, one not yet) do not match. */
  length: number;
  hash: string;
  /** The hash of the account's text this write was built on (absent from older Gloss's writes): a browser whose own
   * write was overwritten by one built on the same earlier settings knows their changes crossed, not followed. */
  base?: string;
}

/** FNV-1a over the UTF-16 code units: enough to tell a half-arrived write from a whole one, not a secret. */
export function hashOf(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(16);
}

/** The text cut into pieces whose items each fit the per-item quota (a surrogate pair is never cut). */
function cut(text: string): string[] {
  const pieces: string[] = [];
  const room = SYNC_QUOTA_BYTES_PER_ITEM - `${PART}${SYNC_MAX_ITEMS}`.length - 2; // the key, and the JSON's quotes
  let piece = "";
  let used = 0;
  for (const char of text) {
    const cost = valueBytes(char) - 2;
    if (used + cost > room) {
      pieces.push(piece);
      piece = "";
      used = 0;
    }
    piece += char;
    used += cost;
  }
  if (piece || !pieces.length) pieces.push(piece);
  return pieces;
}

export type SyncItems = Record<string, unknown>;

/** What the account is to hold for `shared` (see syncPayload), as items; or why it does not fit, in bytes over. */
export type SplitResult = { ok: true; items: SyncItems; stale: string[] } | { ok: false; bytes: number; over: number };

/** The items that hold `shared`, whatever their size: its head, and its text cut into parts. */
export function syncItems(shared: Record<string, unknown>, base?: string): SyncItems {
  const text = JSON.stringify(shared);
  const pieces = cut(text);
  const head: SyncHead = { parts: pieces.length, length: text.length, hash: hashOf(text), ...(base ? { base } : {}) };
  const items: SyncItems = { [SYNC_HEAD]: head };
  pieces.forEach((piece, i) => (items[`${PART}${i}`] = piece));
  return items;
}

/**
 * The write that puts `shared` in an account that holds `held`: its items, with the parts of a longer earlier write
 * that it leaves behind emptied in the same write (`stale`, removed after it); or why it does not fit. The browser
 * checks a write against its quota with everything else the account holds, those parts too until they are removed:
 * in an account an earlier write filled, smaller settings were refused ("QUOTA_BYTES quota exceeded"). Removed first
 * instead, the account would hold the earlier write without them, which other browsers read as unfinished (and keep
 * so when the write is then refused); emptied, they count a few bytes, counted here with the settings, and the account
 * goes from one whole write to the other in one step (the head names the parts to read; the others are not read).
 */
export function splitForSync(shared: Record<string, unknown>, base?: string, held: SyncItems = {}): SplitResult {
  const written = syncItems(shared, base);
  const stale = Object.keys(held).filter((key) => key.startsWith(PART) && !Object.hasOwn(written, key));
  const items = { ...Object.fromEntries(stale.map((key) => [key, ""])), ...written };
  const total = Object.entries(items).reduce((sum, [key, value]) => sum + accountItemBytes(key, value), 0);
  if (total > SYNC_SETTINGS_BYTES || Object.keys(items).length + MARKS_KEPT > SYNC_MAX_ITEMS) {
    return { ok: false, bytes: total, over: Math.max(1, total - SYNC_SETTINGS_BYTES) };
  }
  return { ok: true, items, stale };
}

/** What the account holds: nothing of Gloss's, a write still arriving (or damaged), or settings. */
export type Joined =
  | { state: "empty" }
  | { state: "partial" }
  | { state: "ready"; shared: Record<string, unknown>; text: string; base?: string };

const isObject = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === "object" && !Array.isArray(value);

export function joinFromSync(held: SyncItems): Joined {
  const head = held[SYNC_HEAD];
  if (head === undefined) return { state: "empty" };
  if (!isObject(head) || !Number.isInteger(head.parts) || (head.parts as number) < 1) return { state: "partial" };
  const pieces: string[] = [];
  for (let i = 0; i < (head.parts as number) && i < SYNC_MAX_ITEMS; i++) {
    const piece = held[`${PART}${i}`];
    if (typeof piece !== "string") return { state: "partial" };
    pieces.push(piece);
  }
  const text = pieces.join("");
  if (text.length !== head.length || hashOf(text) !== head.hash) return { state: "partial" };
  try {
    const shared: unknown = JSON.parse(text);
    if (!isObject(shared)) return { state: "partial" };
    return { state: "ready", shared, text, ...(typeof head.base === "string" ? { base: head.base } : {}) };
  } catch {
    return { state: "partial" };
  }
}

const KNOWN = new Set<string>(SETTINGS_KEYS);

/**
 * What this browser writes to the account: its shareable settings, plus the fields a newer Gloss in another browser
 * added that this one does not know (kept, not dropped by this browser's write), and what the merge just made here
 * left out of the account's lists (for the browsers that had it to say so). Never the API key.
 */
export function syncPayload(settings: Settings, held: Joined, leftOut?: LeftOut): Record<string, unknown> {
  const theirs = held.state === "ready" ? held.shared : {};
  // What another write's merge left out is news once, not a field to carry on.
  const unknown = Object.entries(theirs).filter(([key]) => !KNOWN.has(key) && key !== LEFT_OUT_KEY);
  return {
    ...Object.fromEntries(unknown),
    ...shareableSettings(settings),
    ...(leftOut ? { [LEFT_OUT_KEY]: leftOut } : {}),
  };
}

/**
 * Whether the account already holds `payload` (see syncPayload) as this Gloss reads it: the same text, or the same
 * settings in an older Gloss's form (its schema version, a field it did not know at its default). Rewriting those in
 * this Gloss's form changes nothing for the reader, and would stop an older Gloss elsewhere from keeping in step.
 */
export function holdsSame(account: Extract<Joined, { state: "ready" }>, payload: Record<string, unknown>): boolean {
  if (account.text === JSON.stringify(payload)) return true;
  const read = readSynced(account.shared);
  if (!read.ok || read.kept.length) return false;
  const patch: Record<string, unknown> = read.patch;
  const defaults: Record<string, unknown> = DEFAULTS;
  return Object.entries(payload).every(([key, value]) => {
    if (key === "schemaVersion" || !KNOWN.has(key)) return true;
    const theirs = Object.hasOwn(patch, key) ? patch[key] : defaults[key];
    return JSON.stringify(theirs) === JSON.stringify(value);
  });
}

/** The schema version the account's settings were written in (0: written before versions). */
export const syncedVersion = (shared: Record<string, unknown>): number =>
  typeof shared.schemaVersion === "number" && Number.isInteger(shared.schemaVersion) ? shared.schemaVersion : 0;

/** Settings from another browser as a patch: refused whole when a newer Gloss wrote them (this one would misread
 * them, and its writes would take them back to an older schema), else migrated and checked field by field. */
export type SyncedRead = { ok: true; patch: Partial<Settings>; kept: KeptField[] } | { ok: false; message: string };

export function readSynced(shared: Record<string, unknown>): SyncedRead {
  const version = syncedVersion(shared);
  if (version > SETTINGS_VERSION) return { ok: false, message: newerMessage(version) };
  return { ok: true, ...readSharedSettings(shared) };
}

export const newerMessage = (version: number): string =>
  `Your other browsers keep these settings with a newer Gloss (settings version ${version}; this one reads up to ${SETTINGS_VERSION}). Update Gloss in this browser to keep them in step: until then, changes made here stay here.`;

/** Said when this browser's own settings were stored by a newer Gloss (it went back a version): what it shows for
 * the values it refuses are defaults, which written to the account would replace the other browsers' values. */
export const newerHereMessage = (version: number): string =>
  `A newer Gloss saved this browser's settings (settings version ${version}; this one reads up to ${SETTINGS_VERSION}), and some of them show defaults here. They are not sent to your other browsers, where those defaults would replace their settings. Update Gloss in this browser to keep them in step: until then, changes made here stay here.`;

/** Said when turning sync on over other settings in the account, in a browser whose own settings a newer Gloss
 * stored: the defaults it shows for the values it refuses must not replace the other browsers' settings. */
export const cannotReplaceMessage = (version: number): string =>
  `A newer Gloss saved this browser's settings (settings version ${version}; this one reads up to ${SETTINGS_VERSION}), and some of them show defaults here, so they cannot replace your account's settings. Use those settings here, or update Gloss in this browser first.`;

/** Why the settings stay in this browser only: how large they are, by how much they are over, and what takes most. */
export function tooLargeMessage(shared: Record<string, unknown>, total: number, over: number): string {
  const sizes = Object.entries(shared)
    .filter(([key]) => key !== "schemaVersion" && KNOWN.has(key))
    .map(([key, value]) => ({ label: backupLabel(key as RestoredKey), size: bytes(JSON.stringify(value)) }))
    .sort((a, b) => b.size - a.size);
  const largest = sizes[0];
  const most = largest ? ` Most of it is your ${largest.label} (${kb(largest.size)}).` : "";
  return `Your settings are too large for your browser's sync: ${kb(total)}, and it holds ${SETTINGS_ROOM_KB} of Gloss's settings, so they are ${kb(over)} over.${most} They are kept in this browser, and are not in step with your other browsers until they fit.`;
}

/** What using the account's settings would remove here: the API key, when they name another server. */
export function keyLoss(read: SyncedRead, current: Settings): string | undefined {
  const server = read.ok ? read.patch.baseUrl : undefined;
  if (server === undefined || server === current.baseUrl || !apiKeyFor(current)) return undefined;
  return `Their server is ${server}. Your API key is only ever sent to ${current.baseUrl}, where it was entered, so using their settings removes it here: enter it again if their server needs one.`;
}

/** Said once settings from another browser took this one to another server, and its key went with the old one. */
export const keyRemovedBySync = (note: string): string => `Your other browsers' settings changed the server. ${note}`;

/** What the account holds, in a few words, for the question "use those or replace them?". */
export function syncedContents(read: SyncedRead): string {
  return read.ok ? backupContents(read.patch, {}) : "settings from a newer Gloss";
}
