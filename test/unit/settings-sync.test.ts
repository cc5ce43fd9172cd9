// Settings kept in step across the reader's browsers (storage.sync): split into items the browser's quotas accept and
// joined back, read like stored settings when they arrive, refused when too large or from a newer Gloss, and never
// carrying the API key. Two browsers share one account area here, each with its own settings store.
import "../helpers/fake-extension";
import {
  createSettingsSync,
  DAMAGED_FOR_MS,
  type SyncArea,
  type SyncedRecord,
} from "../../src/background/settings-sync";
import type { SyncStatus } from "../../src/shared/messages";
import { DEFAULTS, readSettings, SETTINGS_VERSION, type Settings } from "../../src/shared/settings";
import { createSettingsStore } from "../../src/shared/settings-store";
import {
  hashOf,
  joinFromSync,
  readSynced,
  splitForSync,
  SYNC_HEAD,
  SYNC_MAX_ITEMS,
  SYNC_QUOTA_BYTES,
  SYNC_QUOTA_BYTES_PER_ITEM,
  SYNC_SETTINGS_BYTES,
  syncItems,
  tooLargeMessage,
  type SyncItems,
} from "../../src/shared/settings-sync";
import { shareableSettings } from "../../src/shared/settings-backup";
import { BEHIND_PREFIX, behindKey, MARK_BYTES, markFor } from "../../src/shared/sync-behind";
import { cleanName, NAME_MAX_BYTES } from "../../src/shared/browser-name";
import { leftOutMessages } from "../../src/shared/sync-left-out";
import { mergeSynced } from "../../src/shared/sync-merge";

const KEY = "sk-secret-0123456789";
const SERVER = "https://llm.example.net";

/** A value's JSON as Chrome writes it to count it (base::JSONWriter): "<" as \u003C, U+2028 and U+2029 escaped, and a
 * whole number beyond 32 bits as a double, with ".0". */
function chromeJson(value: unknown): string {
  if (typeof value === "string")
    return JSON.stringify(value).replace(
      /[<\u2028\u2029]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
    );
  if (typeof value === "number" && Number.isInteger(value) && (value | 0) !== value && Math.abs(value) < 1e21)
    return `${value}.0`;
  if (Array.isArray(value)) return `[${value.map(chromeJson).join(",")}]`;
  if (value && typeof value === "object")
    return `{${Object.entries(value)
      .filter(([, each]) => each !== undefined)
      .map(([key, each]) => `${chromeJson(key)}:${chromeJson(each)}`)
      .join(",")}}`;
  return JSON.stringify(value);
}

/** As Chrome counts an item (the larger count of the two browsers): its key plus its value's JSON, in UTF-8. */
const itemBytes = (key: string, value: unknown) => Buffer.byteLength(key) + Buffer.byteLength(chromeJson(value));

/**
 * Why the browser refuses a write of `add` into an account holding `items`, if it does: Chrome adds up the items
 * (QUOTA_BYTES, QUOTA_BYTES_PER_ITEM, MAX_ITEMS: developer.chrome.com, storage.sync), Firefox measures the whole area
 * as one JSON object against the same numbers (application-services webext-storage, api.rs).
 */
function refusal(items: SyncItems, add: SyncItems): string | undefined {
  const after = { ...items, ...add };
  if (Object.entries(add).some(([key, value]) => itemBytes(key, value) > SYNC_QUOTA_BYTES_PER_ITEM))
    return "QUOTA_BYTES_PER_ITEM quota exceeded";
  const chrome = Object.entries(after).reduce((sum, [key, value]) => sum + itemBytes(key, value), 0);
  if (chrome > SYNC_QUOTA_BYTES || Buffer.byteLength(JSON.stringify(after)) > SYNC_QUOTA_BYTES)
    return "QUOTA_BYTES quota exceeded";
  if (Object.keys(after).length > SYNC_MAX_ITEMS) return "MAX_ITEMS quota exceeded";
  return undefined;
}

/** A glossary of `n` terms in Japanese (three bytes a character): long lists in few characters. */
const glossaryOf = (n: number, chars: number) =>
  Array.from({ length: n }, (_, i) => ({
    term: `用語${i}${"語".repeat(chars)}`.slice(0, 100),
    translation: `term ${i} 😀 “quoted” \\ ${"訳".repeat(chars)}`.slice(0, 100),
    lang: "",
    site: "",
  }));

const settingsWith = (fields: Partial<Settings>): Settings => readSettings({ ...DEFAULTS, ...fields }).settings;

/** What `items` take of the account as Gloss counts it, by the stricter browser: Chrome's count of each item, plus
 * the quotes, colon and comma each item takes in Firefox's one JSON object. */
const accountBytes = (items: SyncItems) =>
  Object.entries(items).reduce((sum, [key, value]) => sum + itemBytes(key, value) + 4, 0);

/** What `settings` take in the account, written over another browser's (the head then names what it was built on). */
const syncedSize = (settings: Settings): number => accountBytes(syncItems(shareableSettings(settings), "ffffffff"));

/** Settings that take at most `target` bytes in the account, and no more than a few less. */
function settingsOfSize(target: number, instructions = ""): Settings {
  let [low, high] = [0, 300]; // the most glossary terms that fit
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (syncedSize(settingsWith({ glossary: glossaryOf(mid, 98) })) <= target) low = mid;
    else high = mid - 1;
  }
  const glossary = glossaryOf(low, 98);
  let room = target - syncedSize(settingsWith({ glossary }));
  for (;;) {
    const settings = settingsWith({
      glossary,
      customInstructions: instructions + "語".repeat(Math.floor(room / 3)) + "x".repeat(room % 3),
    });
    const size = syncedSize(settings);
    if (size <= target) return settings;
    room -= size - target;
  }
}

describe("splitting settings into sync items", () => {
  it("splits a glossary larger than one item into items within the quota, and joins them back exactly", () => {
    const shared = shareableSettings(settingsWith({ glossary: glossaryOf(120, 30), targetLang: "de" }));
    const split = splitForSync(shared);
    if (!split.ok) throw new Error("should fit");
    const entries = Object.entries(split.items);
    expect(entries.length).toBeGreaterThan(3);
    for (const [key, value] of entries) expect(itemBytes(key, value)).toBeLessThanOrEqual(SYNC_QUOTA_BYTES_PER_ITEM);
    expect(entries.reduce((sum, [k, v]) => sum + itemBytes(k, v), 0)).toBeLessThanOrEqual(SYNC_QUOTA_BYTES);
    const joined = joinFromSync(split.items);
    expect(joined.state === "ready" && joined.shared).toEqual(shared);
  });

  it('cuts settings written with "<" into parts Chrome takes, which counts each "<" as six bytes (\\u003C)', () => {
    const glossary = glossaryOf(120, 20).map((entry) => ({ ...entry, translation: "<b>".repeat(30) }));
    const split = splitForSync(shareableSettings(settingsWith({ glossary })));
    if (!split.ok) throw new Error("should fit");
    for (const [key, value] of Object.entries(split.items))
      expect(itemBytes(key, value)).toBeLessThanOrEqual(SYNC_QUOTA_BYTES_PER_ITEM);
    expect(refusal({}, split.items)).toBeUndefined();
    const joined = joinFromSync(split.items);
    expect(joined.state === "ready" && joined.shared.glossary).toEqual(glossary);
  });

  it("never puts the API key in the account", () => {
    const split = splitForSync(shareableSettings(settingsWith({ baseUrl: SERVER, apiKey: KEY, apiKeyFor: SERVER })));
    expect(split.ok && JSON.stringify(split.items)).not.toContain(KEY);
  });

  it("waits for a write that has not wholly arrived: a part missing, or a part from another write", () => {
    const first = splitForSync(shareableSettings(settingsWith({ glossary: glossaryOf(120, 30) })));
    const second = splitForSync(shareableSettings(settingsWith({ glossary: glossaryOf(120, 31) })));
    if (!first.ok || !second.ok) throw new Error("should fit");
    const { [`${SYNC_HEAD}.1`]: _gone, ...missing } = first.items;
    expect(joinFromSync(missing).state).toBe("partial");
    expect(joinFromSync({ ...first.items, [`${SYNC_HEAD}.1`]: second.items[`${SYNC_HEAD}.1`] }).state).toBe("partial");
    expect(joinFromSync({}).state).toBe("empty");
  });

  it("says how much too large the settings are and what takes most, rather than writing them", () => {
    const shared = shareableSettings(settingsWith({ glossary: glossaryOf(300, 98) }));
    const split = splitForSync(shared);
    if (split.ok) throw new Error("should not fit");
    expect(split.over).toBe(split.bytes - SYNC_SETTINGS_BYTES);
    expect(tooLargeMessage(shared, split.bytes, split.over)).toMatch(
      /^Your settings are too large for your browser's sync: \d+ KB, and it holds 99 KB of Gloss's settings, so they are \d+ KB over\. Most of it is your glossary \(\d+ KB\)\./,
    );
  });
});

describe("settings arriving from another browser", () => {
  it("are migrated from an older schema and checked field by field; an API key among them is never taken", () => {
    const read = readSynced({
      schemaVersion: 1,
      apiKey: KEY,
      baseUrl: SERVER,
      autoTranslate: ["github.io", "spiegel.de"],
      targetLang: "not a language!",
      model: "gemma2:2b",
    });
    if (!read.ok) throw new Error("should be read");
    expect(read.patch).toEqual({ baseUrl: SERVER, autoTranslate: ["spiegel.de"], model: "gemma2:2b" });
    expect(read.kept.map((k) => k.label)).toEqual(["language to translate into"]);
  });

  it("are refused whole when a newer Gloss wrote them, saying to update this one", () => {
    const read = readSynced({ schemaVersion: SETTINGS_VERSION + 1, model: "x" });
    expect(read.ok).toBe(false);
    expect(!read.ok && read.message).toContain("Update Gloss in this browser");
  });
});

describe("merging lists changed in two browsers", () => {
  const sites = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `site${from + i}.example`);

  it("keeps this browser's sites, and of those added elsewhere only what fits within 500, naming the rest", () => {
    const base = settingsWith({ autoTranslate: sites(496) });
    const mine = settingsWith({ autoTranslate: [...sites(495), ...sites(3, 1000)] }); // one removed, three added
    const theirs = { autoTranslate: [...sites(496), ...sites(4, 2000)] };
    const { patch, leftOut } = mergeSynced(base, mine, theirs);
    expect(patch.autoTranslate).toEqual([...sites(495), ...sites(3, 1000), ...sites(2, 2000)]);
    expect(leftOut).toEqual({ autoTranslate: sites(2, 2002) });
  });

  it("keeps this browser's display choices by site, and of the sites chosen elsewhere only what fits within 2000", () => {
    const modes = (names: string[]) => Object.fromEntries(names.map((site) => [site, "bilingual" as const]));
    const base = settingsWith({ siteDisplayModes: modes(sites(1999)) });
    const mine = settingsWith({ siteDisplayModes: modes([...sites(1999), "here.example"]) });
    const theirs = { siteDisplayModes: { ...modes(sites(1999)), "there.example": "replace" as const } };
    const { patch, leftOut } = mergeSynced(base, mine, theirs);
    expect(Object.keys(patch.siteDisplayModes!)).toHaveLength(2000);
    expect(patch.siteDisplayModes!["here.example"]).toBe("bilingual");
    expect(leftOut).toEqual({ siteDisplayModes: [["there.example", "replace"]] });
  });
});

/** One account's sync area, shared by the browsers signed in to it; each write tells every browser which keys. */
function account() {
  const items: SyncItems = {};
  const listeners = new Set<(keys: string[]) => void>();
  const refusals = { next: 0 };
  const area: SyncArea = {
    get: async () => structuredClone(items),
    set: async (add) => {
      if (refusals.next > 0 && refusals.next--) throw new Error("MAX_WRITE_OPERATIONS_PER_MINUTE quota exceeded");
      // As the browser refuses a write that would take the account over its quotas.
      const refused = refusal(items, add);
      if (refused) throw new Error(refused);
      Object.assign(items, structuredClone(add));
      listeners.forEach((listener) => listener(Object.keys(add)));
    },
    remove: async (keys) => {
      for (const key of keys) delete items[key];
      listeners.forEach((listener) => listener(keys));
    },
  };
  return { items, area, listeners, refusals };
}

/** What a browser's sync area is to it: the items, and who hears of their changes. */
interface SyncSide {
  area: SyncArea;
  listeners: Set<(keys: string[]) => void>;
}

/**
 * An account as the browser's sync really behaves: each browser writes its own copy of the items (and hears of it at
 * once); the server takes a browser's writes when it uploads them, the last upload wins item by item, and the other
 * copies hear of the change only when it is delivered.
 */
function cloud() {
  const server: SyncItems = {};
  const copies: Array<SyncSide & { items: SyncItems; outbox: SyncItems[]; heard: string[][] }> = [];
  function copy(): SyncSide {
    const side = {
      items: {} as SyncItems,
      outbox: [] as SyncItems[],
      heard: [] as string[][],
      listeners: new Set<(keys: string[]) => void>(),
    };
    const tell = (keys: string[]) => side.listeners.forEach((listener) => listener(keys));
    const area: SyncArea = {
      get: async () => structuredClone(side.items),
      set: async (add) => {
        Object.assign(side.items, structuredClone(add));
        side.outbox.push(structuredClone(add));
        tell(Object.keys(add));
      },
      remove: async (keys) => {
        for (const key of keys) delete side.items[key];
        side.outbox.push(Object.fromEntries(keys.map((key) => [key, undefined])));
        tell(keys);
      },
    };
    copies.push({ ...side, area });
    return { area, listeners: side.listeners };
  }
  /**
   * A browser's writes reach the server, and the server's items every other copy (heard of later: `deliver`). Items
   * may travel apart, as the browser's sync carries each on its own: only those `sent` accepts reach the server (the
   * rest never do), and only those `arrived` accepts reach the other copies now (the rest with the next upload).
   */
  function upload(side: SyncSide, only: { sent?: (key: string) => boolean; arrived?: (key: string) => boolean } = {}) {
    const { sent = () => true, arrived = () => true } = only;
    const from = copies.find((each) => each.area === side.area)!;
    for (const batch of from.outbox.splice(0)) {
      for (const [key, value] of Object.entries(batch)) {
        if (!sent(key)) continue;
        if (value === undefined) delete server[key];
        else server[key] = value;
      }
    }
    for (const each of copies) {
      const keys = [...new Set([...Object.keys(server), ...Object.keys(each.items)])].filter(
        (key) => (each === from || arrived(key)) && JSON.stringify(server[key]) !== JSON.stringify(each.items[key]),
      );
      if (!keys.length) continue;
      for (const key of keys) {
        if (key in server) each.items[key] = structuredClone(server[key]);
        else delete each.items[key];
      }
      each.heard.push(keys);
    }
  }
  /** The change events that were on their way arrive. */
  function deliver() {
    for (const each of copies)
      for (const keys of each.heard.splice(0)) each.listeners.forEach((listener) => listener(keys));
  }
  const quiet = () => copies.every((each) => !each.outbox.length && !each.heard.length);
  return { server, copy, upload, deliver, quiet };
}

let browsers = 0;

/** A browser signed in to `shared`, with its own stored settings and sync status. */
function browser(shared: SyncSide, initial: Settings) {
  let stored: unknown = initial;
  let status: SyncStatus | undefined;
  let seen: SyncedRecord | undefined;
  let applied = 0;
  // Noon on 3 Dec: the day the marks name, whatever the time zone.
  let clock = new Date(2026, 11, 3, 12).getTime();
  // As long as crypto.randomUUID's, as a real browser's id is: a mark's size counts it.
  const id = `browser-${++browsers}`.padEnd(36, "-");
  let name = `Browser ${browsers}`;
  /** Saves of another browser's settings this browser's store is to refuse, as a failed check would. */
  const refuse = { next: 0 };
  const store = createSettingsStore({
    read: async () => stored,
    write: async (settings) => {
      const before = readSettings(stored).settings;
      stored = settings;
      running.sync.localChange(before, settings);
    },
  });
  /** The background as it starts: what it kept in memory is gone, what it stored is not. */
  const start = () => {
    const sync = createSettingsSync({
      area: shared.area,
      readState: async () => status,
      writeState: async (next) => void (status = next),
      readSeen: async () => seen,
      browserId: async () => id,
      browserName: async () => name,
      writeSeen: async (next) => void (seen = next),
      load: () => store.load(),
      newerVersion: () => store.newerVersion(),
      update: async (change) =>
        refuse.next > 0 && refuse.next--
          ? { saved: false, errors: { model: "Not a model this browser can save." } }
          : store.update(change),
      applied: async () => void applied++,
      now: () => clock,
      settleMs: 0,
    });
    const listener = (keys: string[]) => sync.remoteChange(keys);
    shared.listeners.add(listener);
    return { sync, stop: () => shared.listeners.delete(listener) };
  };
  let running = start();
  return {
    store,
    get sync() {
      return running.sync;
    },
    /** The browser stops the background (a Chromium service worker idle for half a minute) and starts it again. */
    restart() {
      running.stop();
      running = start();
    },
    status: () => status,
    /** The reader renames this browser on its options page. */
    rename: (to: string) => {
      name = to;
      return running.sync.renamed();
    },
    name: () => name,
    refuse,
    applied: () => applied,
    later: (ms: number) => void (clock += ms),
  };
}

/** Uploads and delivers until every browser's writes have reached every other and nothing more is written. */
async function converge(
  sky: ReturnType<typeof cloud>,
  ...browsers: Array<ReturnType<typeof browser> & { side: SyncSide }>
) {
  for (let round = 0; round < 10; round++) {
    for (const b of browsers) await b.sync.settled();
    for (const b of browsers) sky.upload(b.side);
    sky.deliver();
    for (const b of browsers) await b.sync.settled();
    if (sky.quiet()) return;
  }
  throw new Error("the browsers kept writing");
}

/** A browser on its own copy of `sky`'s items. */
function browserOn(sky: ReturnType<typeof cloud>, initial: Settings) {
  const side = sky.copy();
  return Object.assign(browser(side, initial), { side });
}

/** The browser starts Gloss's background again once items in the account have been unreadable long enough. */
function restartedLater(each: ReturnType<typeof browser>) {
  each.later(DAMAGED_FOR_MS);
  each.restart();
  each.sync.resume();
}

/** Lets every browser's writes and reads run to their end (each may set off the others'). */
async function settle(...browsers: Array<ReturnType<typeof browser>>) {
  for (let round = 0; round < 4; round++) for (const b of browsers) await b.sync.settled();
}

/** An account holding `settings` under a head whose part count lies: they never become whole. */
async function partCountLies(settings: Settings) {
  const shared = account();
  const whole = splitForSync(shareableSettings(settings));
  if (!whole.ok) throw new Error("should fit");
  const head = whole.items[SYNC_HEAD] as { parts: number };
  await shared.area.set({ ...whole.items, [SYNC_HEAD]: { ...head, parts: head.parts + 1 } });
  return shared;
}

/** Two browsers on one account with the same settings, sync on in both and all written. */
async function inStep(settings: Settings) {
  const shared = account();
  const a = browser(shared, settings);
  const b = browser(shared, settings);
  await a.sync.status({ on: true });
  await b.sync.status({ on: true });
  await settle(a, b);
  return { shared, a, b };
}

describe("sync between two browsers", () => {
  const home = settingsWith({ baseUrl: SERVER, apiKey: KEY, apiKeyFor: SERVER, model: "gemma2:2b", targetLang: "de" });
  const work = settingsWith({ baseUrl: SERVER, targetLang: "fr", autoTranslate: ["lemonde.fr"] });

  it("is off until turned on, and turning it on with an empty account puts this browser's settings there", async () => {
    const shared = account();
    const a = browser(shared, home);
    expect(await a.sync.status({})).toEqual({ on: false });
    await a.store.save({ model: "other" });
    await settle(a);
    expect(shared.items).toEqual({});
    expect(await a.sync.status({ on: true })).toEqual({ on: true });
    const joined = joinFromSync(shared.items);
    expect(joined.state === "ready" && joined.shared.model).toBe("other");
    expect(JSON.stringify(shared.items)).not.toContain(KEY);
  });

  it("asks which to keep when the account holds other settings, and changes neither side before the answer", async () => {
    const shared = account();
    const a = browser(shared, home);
    const b = browser(shared, work);
    await a.sync.status({ on: true });
    const before = structuredClone(shared.items);
    expect(await b.sync.status({ on: true })).toEqual({
      on: false,
      ask: expect.stringMatching(/^\d+ settings, 0 sites, 0 glossary terms$/),
    });
    expect(shared.items).toEqual(before);
    expect((await b.store.load()).targetLang).toBe("fr");
    expect(b.status()).toBeUndefined();
  });

  it("keeps the account's settings when asked to, and from then on changes go both ways; each keeps its own key", async () => {
    const shared = account();
    const a = browser(shared, home);
    const b = browser(shared, { ...work, apiKey: "sk-work", apiKeyFor: SERVER });
    await a.sync.status({ on: true });
    expect(await b.sync.status({ on: true, keep: "account" })).toEqual({ on: true });
    expect(await b.store.load()).toMatchObject({ targetLang: "de", model: "gemma2:2b", apiKey: "sk-work" });
    expect(b.applied()).toBe(1);

    await a.store.save({ glossary: [{ term: "Bahn", translation: "railway", lang: "", site: "" }] });
    await settle(a, b);
    expect((await b.store.load()).glossary).toEqual([{ term: "Bahn", translation: "railway", lang: "", site: "" }]);

    await b.store.save({ autoTranslate: ["spiegel.de"] });
    await settle(a, b);
    expect(await a.store.load()).toMatchObject({ autoTranslate: ["spiegel.de"], apiKey: KEY });
  });

  it("keeps changes made in two browsers at once to different settings: neither undoes the other's", async () => {
    const shared = account();
    const a = browser(shared, home);
    const b = browser(shared, home);
    await a.sync.status({ on: true });
    await b.sync.status({ on: true });
    await a.store.save({ model: "gemma2:9b" });
    await b.store.save({ targetLang: "it" });
    await settle(a, b);
    for (const each of [a, b]) expect(await each.store.load()).toMatchObject({ model: "gemma2:9b", targetLang: "it" });
  });

  it("keeps a change made here after the background restarted, when another browser's change arrives before it goes out", async () => {
    const { shared, a, b } = await inStep(home);
    a.restart();
    // Saved here, not yet out (it waits for changes to settle) when the other browser's arrives.
    let saved: Promise<unknown> = Promise.resolve();
    shared.listeners.add(function once() {
      shared.listeners.delete(once);
      saved = a.store.save({ model: "gemma2:9b" });
    });
    await b.store.save({ targetLang: "it" });
    await saved;
    await settle(a, b);
    for (const each of [a, b]) expect(await each.store.load()).toMatchObject({ model: "gemma2:9b", targetLang: "it" });
  });

  it("warns before another browser's settings on another server take this browser's API key, and says so after", async () => {
    const shared = account();
    const a = browser(shared, settingsWith({ baseUrl: "https://other.example.org", targetLang: "fr" }));
    const b = browser(shared, home);
    await a.sync.status({ on: true });
    expect(await b.sync.status({ on: true })).toMatchObject({
      on: false,
      askLoss: `Their server is https://other.example.org. Your API key is only ever sent to ${SERVER}, where it was entered, so using their settings removes it here: enter it again if their server needs one.`,
    });
    expect(await b.sync.status({ on: true, keep: "account" })).toEqual({
      on: true,
      keyRemoved: `Your other browsers' settings changed the server. Your API key was for ${SERVER} and was removed: enter it again if https://other.example.org needs one.`,
    });
    expect(await b.store.load()).toMatchObject({ baseUrl: "https://other.example.org", apiKey: "" });
  });

  it("says when a server address from another browser removed this browser's API key, until a key is entered again", async () => {
    const shared = account();
    const a = browser(shared, home);
    const b = browser(shared, home);
    await a.sync.status({ on: true });
    await b.sync.status({ on: true });
    await b.store.save({ baseUrl: "https://other.example.org" });
    await settle(a, b);
    expect(await a.store.load()).toMatchObject({ baseUrl: "https://other.example.org", apiKey: "" });
    expect(a.status()?.keyRemoved).toBe(
      `Your other browsers' settings changed the server. Your API key was for ${SERVER} and was removed: enter it again if https://other.example.org needs one.`,
    );
    // Other changes come and go: the note stays until the reader has done something about it.
    await b.store.save({ model: "gemma2:9b" });
    await settle(a, b);
    expect(a.status()?.keyRemoved).toContain("Your API key was for");
    await a.store.save({ apiKey: "sk-other" });
    await settle(a, b);
    expect(a.status()).toEqual({ on: true });
  });

  it("offers to replace settings in the account that never become whole (a part count that lies), rather than waiting for good", async () => {
    const shared = await partCountLies(work);
    const a = browser(shared, home);
    expect(await a.sync.status({ on: true })).toMatchObject({ on: false, askIncomplete: true });
    expect(await a.sync.status({ on: true, keep: "browser" })).toEqual({ on: true });
    const joined = joinFromSync(shared.items);
    expect(joined.state === "ready" && joined.shared).toMatchObject({ targetLang: "de", model: "gemma2:2b" });
    expect((await a.store.load()).targetLang).toBe("de");
  });

  it("sends a change whose write the browser refused when the background starts again, with what came from elsewhere meanwhile", async () => {
    const shared = account();
    const a = browser(shared, home);
    const b = browser(shared, home);
    await a.sync.status({ on: true });
    await b.sync.status({ on: true });
    shared.refusals.next = 1;
    await a.store.save({ model: "gemma2:9b" });
    await settle(a, b);
    expect(a.status()?.problem).toMatch(/did not take your settings/);
    expect(await b.store.load()).toMatchObject({ model: "gemma2:2b" });
    a.restart();
    a.sync.resume();
    await settle(a, b);
    expect(a.status()?.problem).toBeUndefined();
    for (const each of [a, b]) expect(await each.store.load()).toMatchObject({ model: "gemma2:9b" });
  });

  it("does not write over another browser's change whose save here was refused: it takes it once it can", async () => {
    const { a, b } = await inStep(home);
    a.refuse.next = 1;
    await b.store.save({ model: "gemma2:9b" });
    await settle(a, b);
    expect(a.status()?.problem).toBe(
      "Your other browsers' settings were not taken: Not a model this browser can save.",
    );
    expect(await a.store.load()).toMatchObject({ model: "gemma2:2b" });
    // The background starts again with the account's change still not here: it is taken, not overwritten.
    a.restart();
    a.sync.resume();
    await settle(a, b);
    expect(a.status()).toEqual({ on: true });
    for (const each of [a, b]) expect(await each.store.load()).toMatchObject({ model: "gemma2:9b" });
  });

  it("replaces items in the account that stay unreadable (two writes crossed) with this browser's settings, not at once", async () => {
    const shared = account();
    const a = browser(shared, home);
    await a.sync.status({ on: true });
    await settle(a);
    // Another browser's head arrives, its parts never do.
    await shared.area.set({ [SYNC_HEAD]: { parts: 3, length: 10, hash: 1 } });
    await settle(a);
    expect(joinFromSync(shared.items).state).toBe("partial");
    a.later(DAMAGED_FOR_MS / 2);
    a.restart();
    a.sync.resume();
    await settle(a);
    expect(joinFromSync(shared.items).state).toBe("partial");
    a.later(DAMAGED_FOR_MS / 2);
    a.restart();
    a.sync.resume();
    await settle(a);
    const joined = joinFromSync(shared.items);
    expect(joined.state === "ready" && joined.shared.model).toBe("gemma2:2b");
  });

  it("turned off and on again, does not ask when the account holds only this browser's own settings, and sends what changed here meanwhile", async () => {
    const { a, b } = await inStep(home);
    await a.sync.status({ on: false });
    await a.store.save({ model: "gemma2:9b" });
    await settle(a, b);
    expect((await b.store.load()).model).toBe("gemma2:2b");
    expect(await a.sync.status({ on: true })).toEqual({ on: true });
    await settle(a, b);
    expect((await b.store.load()).model).toBe("gemma2:9b");

    // Another browser changed the account while this one was off: then the reader chooses.
    await a.sync.status({ on: false });
    await b.store.save({ targetLang: "it" });
    await settle(a, b);
    expect(await a.sync.status({ on: true })).toMatchObject({ on: false, ask: expect.any(String) });
  });

  it("replaces the account's settings with this browser's when asked to", async () => {
    const shared = account();
    const a = browser(shared, home);
    const b = browser(shared, work);
    await a.sync.status({ on: true });
    await b.sync.status({ on: true, keep: "browser" });
    await settle(a, b);
    expect(await a.store.load()).toMatchObject({ targetLang: "fr", autoTranslate: ["lemonde.fr"], apiKey: KEY });
  });

  it("keeps settings too large for sync in this browser, says so while sync stays on, and fills the account once they fit", async () => {
    const shared = account();
    const a = browser(shared, home);
    await a.sync.status({ on: true });
    const held = structuredClone(shared.items);
    await a.store.save({ glossary: glossaryOf(300, 98) });
    await settle(a);
    // The account's settings stay as they were; only a small mark says that this browser's could not go.
    const marks = Object.keys(shared.items).filter((key) => key.startsWith(BEHIND_PREFIX));
    expect(marks).toHaveLength(1);
    const { [marks[0]!]: mark, ...settingsItems } = shared.items;
    expect(settingsItems).toEqual(held);
    expect(mark).toEqual({
      over: expect.any(Number),
      at: expect.any(Number),
      since: expect.any(Number),
      name: a.name(),
    });
    expect(a.status()).toEqual({ on: true, problem: expect.stringContaining("Most of it is your glossary") });
    expect((await a.store.load()).glossary).toHaveLength(300);

    await a.store.save({ glossary: glossaryOf(3, 5) });
    await settle(a);
    expect(a.status()).toEqual({ on: true });
    const joined = joinFromSync(shared.items);
    expect(joined.state === "ready" && joined.shared.glossary).toHaveLength(3);
    expect(Object.keys(shared.items).filter((key) => key.startsWith(BEHIND_PREFIX))).toEqual([]);
  });

  it("says in the other browsers that a browser's settings could not be synced, until they fit or it turns sync off", async () => {
    const { shared, a, b } = await inStep(home);
    await a.store.save({ glossary: glossaryOf(300, 98) });
    await settle(a, b);
    expect(b.status()).toEqual({
      on: true,
      othersBehind: `${a.name()} could not sync its settings since 3 Dec: they are 85 KB too large (your browser's sync holds 99 KB of Gloss's settings), so its changes stay in that browser and its settings may not be the same as these until they fit.`,
    });
    expect(a.status()?.othersBehind).toBeUndefined();
    // A change from the other browser still reaches it, and does not hide that it is behind.
    await b.store.save({ model: "gemma2:9b" });
    await settle(a, b);
    expect(await a.store.load()).toMatchObject({ model: "gemma2:9b" });
    expect(b.status()?.othersBehind).toMatch(/could not sync its settings/);

    await a.sync.status({ on: false });
    await settle(a, b);
    expect(b.status()).toEqual({ on: true });
    // Turned on again keeping its own (still too large) settings: said again.
    await a.sync.status({ on: true, keep: "browser" });
    await settle(a, b);
    expect(b.status()?.othersBehind).toMatch(/could not sync its settings/);
    await a.store.save({ glossary: glossaryOf(3, 5) });
    await settle(a, b);
    for (const each of [a, b]) expect(each.status()).toEqual({ on: true });
    expect(Object.keys(shared.items).filter((key) => key.startsWith(BEHIND_PREFIX))).toEqual([]);
  });

  it("stops saying so a month after the browser that was behind last renewed its mark (it was removed)", async () => {
    const day = 24 * 60 * 60 * 1000;
    const { shared, a, b } = await inStep(home);
    await a.store.save({ glossary: glossaryOf(300, 98) });
    await settle(a, b);
    expect(b.status()?.othersBehind).toMatch(/could not sync its settings/);
    // Still in use, still behind: its background starts again and renews the mark.
    a.later(29 * day);
    a.restart();
    a.sync.resume();
    await settle(a, b);
    b.later(31 * day);
    b.restart();
    b.sync.resume();
    await settle(a, b);
    expect(b.status()?.othersBehind).toMatch(/could not sync its settings/);
    // Never seen again (removed while behind): a month on, the others no longer say it.
    b.later(30 * day);
    b.restart();
    b.sync.resume();
    await settle(a, b);
    expect(b.status()?.othersBehind).toBeUndefined();
    // And its mark is gone from the account: the room it took is kept for the marks of browsers still in use.
    expect(Object.keys(shared.items).filter((key) => key.startsWith(BEHIND_PREFIX))).toEqual([]);
  });

  it("names the browser that is behind and the day it stopped fitting, under the name the reader gave it", async () => {
    const day = 24 * 60 * 60 * 1000;
    const { a, b } = await inStep(home);
    await a.rename("Chrome on Windows");
    await a.store.save({ glossary: glossaryOf(300, 98) });
    await settle(a, b);
    expect(b.status()?.othersBehind).toBe(
      "Chrome on Windows could not sync its settings since 3 Dec: they are 85 KB too large (your browser's sync holds 99 KB of Gloss's settings), so its changes stay in that browser and its settings may not be the same as these until they fit.",
    );
    // Two days on, larger still: the mark is renewed, and still says since when.
    a.later(2 * day);
    b.later(2 * day);
    await a.store.save({ customInstructions: "語".repeat(600) });
    await settle(a, b);
    expect(b.status()?.othersBehind).toMatch(
      /^Chrome on Windows could not sync its settings since 3 Dec: they are 87 KB/,
    );
    // Renamed on its options page: the others say the new name at once.
    await a.rename("Work laptop");
    await settle(a, b);
    expect(b.status()?.othersBehind).toMatch(/^Work laptop could not sync its settings since 3 Dec:/);
  });

  // Six browsers' syncs run through in full: ~13 s alone on a 2-core machine, past 20 s beside the other workers.
  it("keeps room in the account for the marks of four browsers that are behind, however large the settings that fit", async () => {
    const shared = account();
    const [a, fifth, ...behind] = [home, home, home, home, home, home].map((each) => browser(shared, each));
    for (const each of [a!, fifth!, ...behind]) await each.sync.status({ on: true, keep: "browser" });
    // Settings within 40 bytes of what the browser's sync holds no longer fill it: they are too large, and so say.
    await a!.store.save(settingsOfSize(SYNC_QUOTA_BYTES - 40));
    await settle(a!, ...behind);
    expect(a!.status()?.problem).toMatch(
      /^Your settings are too large for your browser's sync: 100 KB, and it holds 99 KB of Gloss's settings, so they are 1 KB over\./,
    );
    await a!.store.save(settingsOfSize(SYNC_SETTINGS_BYTES));
    await settle(a!, ...behind);
    expect(a!.status()).toEqual({ on: true });
    // Four browsers too large at once: each one's mark still fits beside those settings, and the first names them all.
    for (const [i, each] of behind.entries()) {
      await each.rename(cleanName(`Browser ${i} with the longest name a reader may give, in ${"語".repeat(20)}`));
      await each.store.save({ glossary: glossaryOf(300, 90 + i) });
    }
    await settle(a!, ...behind);
    for (const each of behind)
      expect(each.status()?.problem).toMatch(
        /^Your settings are too large[^.]*\.[^.]*\. They are kept in this browser, and are not in step with your other browsers until they fit\.$/,
      );
    expect(Object.keys(shared.items).filter((key) => key.startsWith(BEHIND_PREFIX))).toHaveLength(4);
    expect(a!.status()?.othersBehind).toBe(
      `${behind
        .map((each) => `${each.name()} (since 3 Dec)`)
        .slice(0, 3)
        .join(
          ", ",
        )} and ${behind[3]!.name()} (since 3 Dec) could not sync their settings: they are too large (your browser's sync holds 99 KB of Gloss's settings), so their changes stay in those browsers and their settings may not be the same as these until they fit. Your browser's sync has no room left to name more: any other of your browsers whose settings are too large says so on its own options page.`,
    );
    // A fifth browser too large meanwhile: no room for its mark, said on its own page, and the others say there may
    // be more than they name. Once one of the four fits again, the fifth's mark takes its room and is named.
    fifth!.later(3600_000);
    await fifth!.rename("Kitchen laptop");
    await fifth!.store.save({ glossary: glossaryOf(300, 97) });
    await settle(a!, fifth!, ...behind);
    expect(fifth!.status()?.problem).toMatch(
      /Your other browsers could not be told \(your browser's sync did not take the note that says so: QUOTA_BYTES quota exceeded\)/,
    );
    expect(a!.status()?.othersBehind).not.toContain(fifth!.name());
    await behind[0]!.store.save({ glossary: (await a!.store.load()).glossary });
    await settle(a!, fifth!, ...behind);
    expect(behind[0]!.status()?.problem).toBeUndefined();
    expect(fifth!.status()?.problem).toMatch(/until they fit\.$/);
    expect(a!.status()?.othersBehind).toMatch(
      new RegExp(`^${behind[1]!.name()} \\(since 3 Dec\\), .* and ${fifth!.name()} \\(since 3 Dec\\) could not sync`),
    );
  }, 60_000);

  it("fills the account to what both browsers' quotas take beside four marks of the largest size, and no further", async () => {
    const shared = account();
    const now = new Date(2026, 11, 3, 12).getTime();
    const marks = Object.fromEntries(
      [1, 2, 3, 4].map((i) => [
        behindKey(`gone-${i}`.padEnd(36, "-")),
        markFor(undefined, Number.MAX_SAFE_INTEGER, "x".repeat(NAME_MAX_BYTES), now),
      ]),
    );
    expect(accountBytes(marks)).toBe(4 * MARK_BYTES);
    await shared.area.set(marks);
    const a = browser(shared, home);
    await a.sync.status({ on: true });
    // Instructions with "<" in them: Chrome counts each as six bytes.
    const full = settingsOfSize(SYNC_SETTINGS_BYTES, "Keep <b>, <i> and <code> as they are. ");
    await a.store.save(full);
    await settle(a);
    expect(a.status()?.problem).toBeUndefined();
    const written = joinFromSync(shared.items);
    expect(written.state === "ready" && written.shared).toEqual(shareableSettings(full));
    // Full by the stricter count of the two browsers (Chrome's bytes in Firefox's one JSON object) to within the few
    // bytes settingsOfSize may fall short.
    expect(SYNC_QUOTA_BYTES - 1 - accountBytes(shared.items)).toBeLessThan(8);
    // A term more, and the settings are too large: said so, and the account keeps the settings it had.
    await a.store.save({ glossary: [...full.glossary, ...glossaryOf(1, 20)] });
    await settle(a);
    expect(a.status()?.problem).toMatch(
      /^Your settings are too large for your browser's sync: 100 KB, and it holds 99 KB/,
    );
    const kept = joinFromSync(shared.items);
    expect(kept.state === "ready" && kept.shared).toEqual(shareableSettings(full));
  });

  it("keeps settings too large for sync saved here when the account refuses the mark, says the others were not told, and tells them later", async () => {
    const { shared, a, b } = await inStep(home);
    shared.refusals.next = 1;
    await a.store.save({ glossary: glossaryOf(300, 98) });
    await settle(a, b);
    expect((await a.store.load()).glossary).toHaveLength(300);
    expect(a.status()?.problem).toMatch(
      / Your other browsers could not be told \(your browser's sync did not take the note that says so: MAX_WRITE_OPERATIONS_PER_MINUTE quota exceeded\), so they may show their settings as in step with these\.$/,
    );
    expect(b.status()).toEqual({ on: true });
    a.restart();
    a.sync.resume();
    await settle(a, b);
    expect(a.status()?.problem).toMatch(/until they fit\.$/);
    expect(b.status()?.othersBehind).toMatch(new RegExp(`^${a.name()} could not sync its settings since 3 Dec`));
  });

  it("writes smaller settings into an account an earlier Gloss filled: the parts they no longer need do not count", async () => {
    const shared = account();
    // Written by a Gloss before room was kept for the marks (and before the head named what it was built on, 18
    // bytes): the account holds what Firefox's sync holds, to within a few bytes, in 13 parts.
    const before = settingsOfSize(SYNC_QUOTA_BYTES - 1 + 18);
    const earlier = syncItems(shareableSettings(before));
    expect(Buffer.byteLength(JSON.stringify(earlier))).toBeGreaterThan(SYNC_QUOTA_BYTES - 4);
    expect(Object.keys(earlier)).toHaveLength(14);
    await shared.area.set(earlier);
    const a = browser(shared, before);
    expect(await a.sync.status({ on: true })).toEqual({ on: true });
    // The reader removes six glossary terms and writes other instructions: 4 KB less, in 12 parts. Its first 12 parts
    // and its head take a few bytes more than the earlier write's, whose 13th part is no longer needed.
    const after = { glossary: before.glossary.slice(0, -6), customInstructions: "x".repeat(70) };
    const smaller = syncItems(
      shareableSettings({ ...before, ...after }),
      hashOf(JSON.stringify(shareableSettings(before))),
    );
    expect(Object.keys(smaller)).toHaveLength(13);
    expect(accountBytes(smaller)).toBeLessThan(SYNC_SETTINGS_BYTES - 3000);
    expect(refusal(earlier, smaller)).toBe("QUOTA_BYTES quota exceeded");
    // What another browser reads at each change of the account: a whole write, never one part gone.
    const read: string[] = [];
    shared.listeners.add(() => read.push(joinFromSync(shared.items).state));
    await a.store.save(after);
    await settle(a);
    expect(read.length).toBeGreaterThan(0);
    expect(read.every((state) => state === "ready")).toBe(true);
    // Before, the browser refused the write ("QUOTA_BYTES quota exceeded"), and went on refusing it.
    expect(a.status()).toEqual({ on: true });
    expect(shared.items).toEqual(smaller);
  });

  it("leaves the same settings in an older Gloss's form as they are, so that the older Gloss elsewhere keeps in step", async () => {
    const shared = account();
    // Written by the Gloss before parts left untranslated (schema 5), with the same settings as this browser's.
    const { skipParts: _new, ...older } = shareableSettings(home);
    const written = splitForSync({ ...older, schemaVersion: SETTINGS_VERSION - 1 });
    if (!written.ok) throw new Error("should fit");
    await shared.area.set(written.items);
    const a = browser(shared, home);
    expect(await a.sync.status({ on: true })).toEqual({ on: true });
    a.restart();
    a.sync.resume();
    await settle(a);
    expect(shared.items).toEqual(written.items);
    // A real change goes, in this Gloss's form.
    await a.store.save({ model: "gemma2:9b" });
    await settle(a);
    const joined = joinFromSync(shared.items);
    expect(joined.state === "ready" && joined.shared).toMatchObject({
      schemaVersion: SETTINGS_VERSION,
      model: "gemma2:9b",
    });
  });

  it("neither takes nor overwrites settings a newer Gloss wrote, and keeps fields it does not know", async () => {
    const shared = account();
    const a = browser(shared, home);
    await a.sync.status({ on: true });
    // Another browser with a newer Gloss of the same schema adds a field this one does not know.
    const withField = splitForSync({ ...shareableSettings(home), futureField: { kept: true } });
    if (!withField.ok) throw new Error("should fit");
    await shared.area.set(withField.items);
    await settle(a);
    await a.store.save({ model: "mine" });
    await settle(a);
    const joined = joinFromSync(shared.items);
    expect(joined.state === "ready" && joined.shared).toMatchObject({ model: "mine", futureField: { kept: true } });

    const newer = splitForSync({ ...shareableSettings(home), schemaVersion: SETTINGS_VERSION + 1, model: "theirs" });
    if (!newer.ok) throw new Error("should fit");
    await shared.area.set(newer.items);
    await settle(a);
    await a.store.save({ model: "mine again" });
    await settle(a);
    expect((await a.store.load()).model).toBe("mine again");
    const after = joinFromSync(shared.items);
    expect(after.state === "ready" && after.shared).toMatchObject({
      schemaVersion: SETTINGS_VERSION + 1,
      model: "theirs",
    });
    expect(a.status()?.problem).toContain("newer Gloss");
  });
});

describe("a browser whose own settings a newer Gloss stored (Gloss went back a version there)", () => {
  const home = settingsWith({ baseUrl: SERVER, model: "gemma2:2b", targetLang: "de" });
  const NEWER = SETTINGS_VERSION + 1;
  const newerHere = { ...home, schemaVersion: NEWER, displayMode: "side-by-side" } as unknown as Settings;

  it("does not write them to an account without settings, and says to update Gloss here", async () => {
    const shared = account();
    const a = browser(shared, newerHere);
    await a.sync.status({ on: true });
    await settle(a);
    expect(joinFromSync(shared.items).state).toBe("empty");
    expect(a.status()?.problem).toMatch(/newer Gloss/);
    expect(a.status()?.problem).toContain(`settings version ${NEWER}`);
  });

  it("does not overwrite another browser's settings in the account with the defaults shown for the newer values", async () => {
    const sky = cloud();
    const b = browserOn(sky, settingsWith({ ...home, displayMode: "bilingual" }));
    await b.sync.status({ on: true });
    await converge(sky, b);
    const a = browserOn(sky, newerHere);
    await a.sync.status({ on: true, keep: "browser" });
    await a.store.save({ model: "mine" });
    await converge(sky, a, b);
    expect((await b.store.load()).displayMode).toBe("bilingual");
    expect((await b.store.load()).model).toBe("gemma2:2b");
    expect(a.status()?.problem).toMatch(/newer Gloss/);
  });

  it("asks only whether to use the account's settings when turned on over others: these cannot replace them", async () => {
    const sky = cloud();
    const b = browserOn(sky, settingsWith({ ...home, displayMode: "bilingual", model: "theirs" }));
    const a = browserOn(sky, newerHere);
    await b.sync.status({ on: true });
    await converge(sky, a, b);
    const asked = await a.sync.status({ on: true });
    expect(asked).toMatchObject({
      on: false,
      ask: expect.any(String),
      askNoReplace: expect.stringMatching(/newer Gloss/),
    });
    // A page still showing the button (asked before this Gloss went back a version) is refused, and nothing is sent.
    const before = JSON.stringify(sky.server.items);
    expect(await a.sync.status({ on: true, keep: "browser" })).toMatchObject({
      on: false,
      problem: expect.stringMatching(/newer Gloss/),
    });
    await converge(sky, a, b);
    expect(JSON.stringify(sky.server.items)).toBe(before);
    expect((await a.store.load()).model).toBe("gemma2:2b");
    expect(await a.sync.status({ on: true, keep: "account" })).toMatchObject({ on: true });
    expect((await a.store.load()).model).toBe("theirs");
  });

  it("offers nothing but waiting when the account's settings have not all arrived", async () => {
    const shared = await partCountLies(home);
    const a = browser(shared, newerHere);
    expect(await a.sync.status({ on: true })).toMatchObject({
      on: false,
      askIncomplete: true,
      askNoReplace: expect.any(String),
    });
    expect(await a.sync.status({ on: true, keep: "browser" })).toMatchObject({
      on: false,
      problem: expect.any(String),
    });
    expect(joinFromSync(shared.items).state).toBe("partial");
  });

  it("keeps saying so when the account already holds the settings as this Gloss reads them", async () => {
    // Another browser's settings are what this Gloss reads of its own: in step as far as it can tell, but the newer
    // values here still go nowhere, and the reader must go on being told to update Gloss here.
    const sky = cloud();
    const b = browserOn(sky, home);
    await b.sync.status({ on: true });
    await converge(sky, b);
    const a = browserOn(sky, newerHere);
    await a.sync.status({ on: true, keep: "account" });
    await converge(sky, a, b);
    expect(a.status()?.problem).toMatch(/newer Gloss/);
  });
});

describe("sync between browsers whose writes cross (each writes before the other's has arrived)", () => {
  const home = settingsWith({ baseUrl: SERVER, model: "gemma2:2b", targetLang: "de" });
  const bahn = { term: "Bahn", translation: "railway", lang: "", site: "" };
  const zug = { term: "Zug", translation: "train", lang: "", site: "" };

  async function twoInStep() {
    const sky = cloud();
    const a = browserOn(sky, home);
    const b = browserOn(sky, home);
    await a.sync.status({ on: true });
    await converge(sky, a);
    expect(await b.sync.status({ on: true })).toEqual({ on: true });
    await converge(sky, a, b);
    return { sky, a, b };
  }

  it("keeps both changes to different settings, whichever write the server kept", async () => {
    const { sky, a, b } = await twoInStep();
    await a.store.save({ model: "gemma2:9b" });
    await b.store.save({ targetLang: "it" });
    await settle(a, b);
    await converge(sky, a, b);
    for (const each of [a, b]) expect(await each.store.load()).toMatchObject({ model: "gemma2:9b", targetLang: "it" });
  });

  it("keeps a glossary term and a site added in each browser: both end up in both, and one removed in one goes", async () => {
    const { sky, a, b } = await twoInStep();
    await a.store.save({ glossary: [bahn, zug], autoTranslate: ["spiegel.de"] });
    await converge(sky, a, b);
    await a.store.save({ glossary: [bahn, zug, { ...bahn, term: "Gleis" }], autoTranslate: ["spiegel.de", "zeit.de"] });
    await b.store.save({ glossary: [zug, { ...zug, term: "Weiche" }], autoTranslate: ["spiegel.de", "taz.de"] });
    await settle(a, b);
    await converge(sky, a, b);
    for (const each of [a, b]) {
      const settings = await each.store.load();
      expect(settings.glossary.map((entry) => entry.term).sort()).toEqual(["Gleis", "Weiche", "Zug"]);
      expect([...settings.autoTranslate].sort()).toEqual(["spiegel.de", "taz.de", "zeit.de"]);
    }
  });

  it("with three browsers each adding a term and choosing a model at once, keeps all three terms and agrees on one model", async () => {
    const { sky, a, b } = await twoInStep();
    const c = browserOn(sky, home);
    expect(await c.sync.status({ on: true })).toEqual({ on: true });
    await converge(sky, a, b, c);
    await a.store.save({ model: "a", glossary: [bahn] });
    await b.store.save({ model: "b", glossary: [zug] });
    await c.store.save({ model: "c", glossary: [{ ...zug, term: "Gleis" }] });
    await settle(a, b, c);
    await converge(sky, c, b, a);
    const all = await Promise.all([a, b, c].map((each) => each.store.load()));
    for (const settings of all) {
      expect(settings.glossary.map((entry) => entry.term).sort()).toEqual(["Bahn", "Gleis", "Zug"]);
      expect(settings.model).toBe(all[0]!.model);
    }
  });

  it("keeps the other browser's change when a change here goes out while only the head of that browser's write has arrived", async () => {
    const { sky, a, b } = await twoInStep();
    await b.store.save({ targetLang: "it" });
    await settle(b);
    sky.upload(b.side, { arrived: (key) => key === SYNC_HEAD }); // its parts come later
    sky.deliver();
    await settle(a);
    await a.store.save({ model: "gemma2:9b" });
    await settle(a);
    await converge(sky, a, b);
    for (const each of [a, b]) expect(await each.store.load()).toMatchObject({ model: "gemma2:9b", targetLang: "it" });
  });

  it("keeps the change of a browser whose write never all arrived when another replaces it two minutes later", async () => {
    const { sky, a, b } = await twoInStep();
    await b.store.save({ targetLang: "it" });
    await settle(b);
    sky.upload(b.side, { sent: (key) => key === SYNC_HEAD }); // its parts are lost on the way
    sky.deliver();
    await settle(a, b);
    expect((await a.store.load()).targetLang).toBe("de");
    restartedLater(a);
    await converge(sky, a, b);
    for (const each of [a, b]) expect(await each.store.load()).toMatchObject({ targetLang: "it" });
  });

  it("keeps both changes when the server kept one write's head and the other's parts, and one browser replaces them", async () => {
    const { sky, a, b } = await twoInStep();
    await a.store.save({ model: "gemma2:9b" });
    await b.store.save({ targetLang: "it" });
    await settle(a, b);
    sky.upload(a.side);
    sky.upload(b.side, { sent: (key) => key === SYNC_HEAD });
    sky.deliver();
    await settle(a, b);
    expect(joinFromSync(sky.server).state).toBe("partial");
    restartedLater(a);
    await converge(sky, a, b);
    for (const each of [a, b]) expect(await each.store.load()).toMatchObject({ model: "gemma2:9b", targetLang: "it" });
  });

  it("does not undo another browser's change that reached this browser's copy before its change event did", async () => {
    const { sky, a, b } = await twoInStep();
    await a.store.save({ model: "gemma2:9b" });
    await settle(a);
    sky.upload(a.side); // in b's copy, not yet heard of there
    await b.store.save({ targetLang: "it" });
    await settle(b);
    await converge(sky, a, b);
    for (const each of [a, b]) expect(await each.store.load()).toMatchObject({ model: "gemma2:9b", targetLang: "it" });
  });

  it("keeps every term of the browser that merges when both glossaries together pass 300, names the rest in both, and both end the same", async () => {
    const { sky, a, b } = await twoInStep();
    const common = glossaryOf(295, 2);
    await a.store.save({ glossary: common });
    await converge(sky, a, b);
    const fromA = glossaryOf(300, 2).slice(295);
    const fromB = fromA.map((entry) => ({ ...entry, term: `${entry.term}b` }));
    await a.store.save({ glossary: [...common, ...fromA], model: "gemma2:9b" });
    await b.store.save({ glossary: [...common, ...fromB], targetLang: "it" });
    await settle(a, b);
    await converge(sky, a, b);
    const [inA, inB] = await Promise.all([a.store.load(), b.store.load()]);
    expect(inB.glossary).toEqual(inA.glossary);
    expect(inA).toMatchObject({ model: "gemma2:9b", targetLang: "it" });
    expect(inB).toMatchObject({ model: "gemma2:9b", targetLang: "it" });
    // Whichever browser merged kept its own five; the other's five are named in both browsers, none silently gone.
    const kept = inA.glossary.slice(295);
    const left = kept[0]!.term === fromA[0]!.term ? fromB : fromA;
    expect(kept).toEqual(left === fromB ? fromA : fromB);
    for (const each of [a, b]) {
      expect(each.status()).toEqual({ on: true, leftOut: { glossary: left } });
      expect(leftOutMessages(each.status()!.leftOut)).toEqual([
        `Your browsers changed the glossary (at most 300 terms, each once for a language and site) at the same time, and together the changes did not fit. Not kept, in any of your browsers: ${left.map((e) => `“${e.term}” → “${e.translation}”`).join(", ")}. Add again those you want, after removing others you no longer need.`,
      ]);
    }

    // Room made and one added back: no longer named; the others still are.
    await b.store.save({ glossary: [...inB.glossary.slice(1), left[0]!] });
    await converge(sky, a, b);
    for (const each of [a, b]) expect(each.status()?.leftOut).toEqual({ glossary: left.slice(1) });

    // Dismissed in one browser: no longer named there, even as later changes come and go; still named in the other.
    expect(await b.sync.status({ dismissLeftOut: true })).toEqual({ on: true });
    await a.store.save({ model: "gemma2:27b" });
    await converge(sky, a, b);
    expect(b.status()).toEqual({ on: true });
    expect(a.status()).toEqual({ on: true, leftOut: { glossary: left.slice(1) } });
    await a.sync.status({ on: false });
    expect(a.status()).toEqual({ on: false });
  });

  it("keeps saying merged settings are too large for sync while other browsers' changes come in, and sends them once they fit", async () => {
    const { sky, a, b } = await twoInStep();
    const terms = glossaryOf(260, 98);
    await a.store.save({ glossary: terms.slice(0, 130) });
    await b.store.save({ glossary: terms.slice(130) });
    await settle(a, b);
    await converge(sky, a, b);
    const [merged] = [a, b].filter((each) => each.status()?.problem);
    const other = merged === a ? b : a;
    expect(merged!.status()?.problem).toMatch(/^Your settings are too large for your browser's sync: 1\d\d KB/);
    expect(await merged!.store.load()).toMatchObject({ glossary: expect.arrayContaining(terms) });
    expect(other.status()?.othersBehind).toMatch(
      new RegExp(`^${merged!.name()} could not sync its settings since 3 Dec`),
    );

    await other.store.save({ model: "gemma2:9b" });
    await converge(sky, a, b);
    expect(await merged!.store.load()).toMatchObject({ model: "gemma2:9b" });
    expect(merged!.status()?.problem).toMatch(/too large for your browser's sync/);

    const fewer = (await merged!.store.load()).glossary.slice(110);
    await merged!.store.save({ glossary: fewer });
    await converge(sky, a, b);
    for (const each of [a, b]) {
      expect(each.status()).toEqual({ on: true });
      expect(await each.store.load()).toMatchObject({ glossary: fewer, model: "gemma2:9b" });
    }
  });

  it("keeps this browser's translation of a term both browsers added at once with different ones, and names the other", async () => {
    const { sky, a, b } = await twoInStep();
    await a.store.save({ glossary: [bahn] });
    await b.store.save({ glossary: [{ ...bahn, translation: "rail" }], model: "gemma2:9b" });
    await settle(a, b);
    await converge(sky, a, b);
    const [inA, inB] = await Promise.all([a.store.load(), b.store.load()]);
    expect(inB).toEqual({ ...inA, apiKey: inB.apiKey, apiKeyFor: inB.apiKeyFor });
    expect(inA.model).toBe("gemma2:9b");
    const other = inA.glossary[0]!.translation === "rail" ? bahn : { ...bahn, translation: "rail" };
    for (const each of [a, b]) expect(each.status()).toEqual({ on: true, leftOut: { glossary: [other] } });
  });
});
