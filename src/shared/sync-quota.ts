// The browser's sync quotas and how it counts an item against them, shared by the settings' items and the marks.

/**
 * The sync area's limits, the same numbers in Chrome and Firefox (developer.chrome.com and MDN, storage.sync): 102,400
 * bytes in all and 8,192 per item, each measured as its key's length plus its value's JSON in UTF-8; at most 512 items.
 * They count the JSON differently (see valueBytes, accountItemBytes): Gloss counts by the stricter of the two.
 */
export const SYNC_QUOTA_BYTES = 102_400;
export const SYNC_QUOTA_BYTES_PER_ITEM = 8_192;
export const SYNC_MAX_ITEMS = 512;

const encoder = new TextEncoder();
export const bytes = (text: string): number => encoder.encode(text).length;

const INT32_MAX = 2 ** 31 - 1;
/** A whole number Chrome keeps as a double (not a 32-bit int), and so writes with ".0" ("1733227200000.0"). */
const chromeDouble = (value: unknown): boolean =>
  typeof value === "number" &&
  Number.isInteger(value) &&
  (value > INT32_MAX || value < -INT32_MAX - 1) &&
  Math.abs(value) < 1e21;

/**
 * A value's JSON in UTF-8 bytes as Chrome counts it (base::JSONWriter): "<" written \u003C, U+2028 and U+2029 escaped,
 * a whole number beyond 32 bits with ".0". Never less than Firefox's count (JSON.stringify's, as serde_json writes it).
 */
export function valueBytes(value: unknown): number {
  // As a string, such a number takes two quotes: the same two bytes as Chrome's ".0".
  const text = JSON.stringify(value, (_key, each: unknown) => (chromeDouble(each) ? String(each) : each));
  const escaped = (pattern: RegExp) => text.match(pattern)?.length ?? 0;
  const extra = escaped(/</g) * 5 + escaped(/[\u2028\u2029]/g) * 3;
  return bytes(text) + extra;
}

/** An item's size as the browser counts it against QUOTA_BYTES_PER_ITEM. */
export const itemBytes = (key: string, value: unknown): number => bytes(key) + valueBytes(value);

/** What an item adds to the account's total: Firefox counts the whole area as one JSON object, so each item's key is
 * quoted and followed by a colon, and the items are apart by commas (Chrome adds up the items alone). */
export const accountItemBytes = (key: string, value: unknown): number => itemBytes(key, value) + 4;

/** The account's room for its items as accountItemBytes counts them: Firefox's object adds two braces, and has one
 * comma fewer than its items. */
export const SYNC_ACCOUNT_BYTES = SYNC_QUOTA_BYTES - 1;

/** A size as the options page says it, in whole KB rounded up. */
export const kb = (n: number): string => `${Math.ceil(n / 1024)} KB`;
