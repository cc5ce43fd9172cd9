// The browser's sync quotas and how it counts an item against them, shared by the settings' items and the marks.

/**
 * The sync area's limits, the same in Chrome and Firefox (developer.chrome.com and MDN, storage.sync): 102,400 bytes in
 * all and 8,192 per item, each measured as its key's length plus its value's JSON in UTF-8; at most 512 items.
 */
export const SYNC_QUOTA_BYTES = 102_400;
export const SYNC_QUOTA_BYTES_PER_ITEM = 8_192;
export const SYNC_MAX_ITEMS = 512;

const encoder = new TextEncoder();
export const bytes = (text: string): number => encoder.encode(text).length;
/** An item's size as the browser counts it. */
export const itemBytes = (key: string, value: unknown): number => key.length + bytes(JSON.stringify(value));

/** A size as the options page says it, in whole KB rounded up. */
export const kb = (n: number): string => `${Math.ceil(n / 1024)} KB`;
