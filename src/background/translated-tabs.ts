// Which tabs show a translation, remembered across Gloss's updates and reloads: the translation stays in the page
// while its script is cut off (Chromium keeps the old script running, Firefox stops it), and the new Gloss has no
// script there to ask. The popup opened on such a page said "Translate this page" over a translated one.
import { ext } from "../extension/api";
import { oneAtATime } from "../shared/one-at-a-time";
import { loadSettings } from "./settings-store";
import { createTabRecords, type TabRecordStore } from "./tab-records";
import { targetLangOf } from "./target-lang";
import { sha256Hex } from "./translation-cache";

interface Shown {
  /** A digest of the page's address without its fragment: no address of the reader's is kept on disk. */
  page: string;
  /** The life of Gloss (from its start to its update, reload or end) that translated the page. */
  life: string;
  /** The language it was translated into: the reader may choose another before opening the popup there. Absent from
   * the records of a Gloss before it kept one. */
  lang?: string;
}

const isShown = (value: unknown): value is Shown =>
  !!value &&
  typeof value === "object" &&
  typeof (value as Shown).page === "string" &&
  typeof (value as Shown).life === "string" &&
  ["string", "undefined"].includes(typeof (value as Shown).lang);

const KEY = "translatedTabs";
const LIFE_KEY = "glossLife";

/** Local storage, which outlives an update (session storage goes with it). */
const localStore: TabRecordStore = {
  load: async () => (await ext.storage.local.get(KEY))[KEY],
  save: async (records) => ext.storage.local.set({ [KEY]: records }),
};

const records = createTabRecords(localStore, isShown);

/** This life's id: kept in session storage, so the worker's restarts share it and an update or reload ends it. */
let life: Promise<string> | undefined;
const thisLife = () =>
  (life ??= ext.storage.session.get(LIFE_KEY).then(async (items) => {
    const held = items[LIFE_KEY];
    if (typeof held === "string") return held;
    const made = crypto.randomUUID();
    await ext.storage.session.set({ [LIFE_KEY]: made });
    return made;
  }));

/** The page's address without its fragment, as a SHA-256 digest in hex. */
const pageOf = (url: string): Promise<string> => sha256Hex(url.split("#")[0]!);

/** Nothing from a private window is stored (as the translation cache does). */
const isPrivate = (tabId: number) =>
  ext.tabs.get(tabId).then(
    (tab) => tab.incognito,
    () => true,
  );

/** The address each tab's record was last judged for, in this worker: a page reports its progress several times a
 * second, and the same page needs no new digest, look-up or write. */
const noted = new Map<number, string>();

/** The language each tab's page was noted translated into, in this worker (the records keep it across workers, but
 * not a private window's). */
const langs = new Map<number, string>();

/** Every look at the records and change of them, one after another: a check that read a tab's record while the one
 * before still changed it judged the page by the old one. A worker just started that heard "original" then
 * "translating" at once took the new translation for the old one, and kept its language. */
const inTurn = oneAtATime();

/** The tab's record, when it is of the page `url`. */
async function heldFor(tabId: number, url: string | undefined): Promise<Shown | undefined> {
  const held = await records.get(tabId);
  return held && url && held.page === (await pageOf(url)) ? held : undefined;
}

/** Notes the tab's page as `note` was told, once the checks before it have ended. */
async function judge(tabId: number, url: string | undefined, incognito: boolean | undefined): Promise<void> {
  try {
    const held = await records.get(tabId);
    if (!url) return held ? await records.forget(tabId) : undefined;
    const page = await pageOf(url);
    const life = await thisLife();
    // The language the settings name as the page first reports a translation is the one its script was handed. A
    // record of the page from this life is a worker's before this one (Chrome stops an idle one): the page is still
    // in the language noted then, whatever the reader chose since.
    const kept = held?.page === page && held.life === life ? held.lang : undefined;
    const lang = kept ?? targetLangOf(await loadSettings());
    if (noted.get(tabId) === url) langs.set(tabId, lang);
    const shown = { page, life, lang };
    if (held?.page !== shown.page || held.life !== shown.life || held.lang !== shown.lang) {
      if (!(incognito ?? (await isPrivate(tabId)))) await records.set(tabId, shown);
    }
  } catch {
    // Storage refused: the popup says what it said before this module; the next report tries again.
    if (noted.get(tabId) === url) noted.delete(tabId);
  }
}

export const translatedTabs = {
  /**
   * The tab's page reported: `url` when it shows a translation, undefined when not; `incognito` when the report's
   * sender said (else the tab is looked up). Written only when it changes.
   */
  async note(tabId: number, url: string | undefined, incognito?: boolean): Promise<void> {
    if (url && noted.get(tabId) === url) return;
    // Marked at once: the reports that follow while this one is judged are the same page's.
    if (url) noted.set(tabId, url);
    else noted.delete(tabId);
    langs.delete(tabId);
    return inTurn(() => judge(tabId, url, incognito));
  },
  forget: (tabId: number): Promise<void> => {
    noted.delete(tabId);
    langs.delete(tabId);
    return inTurn(() => records.forget(tabId)).catch(() => undefined);
  },
  /**
   * Whether the tab's page `url` shows what a Gloss before this one (updated, reloaded) translated: then the language
   * it was translated into ("" when that Gloss kept none).
   */
  async before(tabId: number, url: string | undefined): Promise<{ lang: string } | undefined> {
    try {
      const held = await inTurn(() => heldFor(tabId, url));
      return held && held.life !== (await thisLife()) ? { lang: held.lang ?? "" } : undefined;
    } catch {
      return undefined;
    }
  },
  /**
   * The language the tab's page `url`, shown translated, was translated into, when known: a page takes a new target
   * language only at its next translation.
   */
  async language(tabId: number, url: string | undefined): Promise<string | undefined> {
    if (url && noted.get(tabId) === url && langs.has(tabId)) return langs.get(tabId);
    try {
      return (await inTurn(() => heldFor(tabId, url)))?.lang;
    } catch {
      return undefined;
    }
  },
  /** The browser started: its tabs' ids begin again, and no page holds a translation yet. */
  clear: (): Promise<void> => {
    noted.clear();
    langs.clear();
    return inTurn(() => records.clear()).catch(() => undefined);
  },
};
