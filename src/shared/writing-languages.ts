// The language a user chose for their own messages, remembered per place: the subreddit on Reddit (r/de and
// r/france want different languages), the site elsewhere. Kept apart from the settings: it is remembered state, not
// configuration, and the content script's page may set it (through the background) without touching the settings.
import { oneAtATime } from "./one-at-a-time";
import { isLangTag, normalizeLangTag } from "./lang-tag";
import { isSiteRule, normalizeSiteRule, suggestSiteRule } from "./site-rules";

const MAX_PLACES = 500;

type Stored = Record<string, { lang: string; at: number }>;

export interface WritingLanguageStore {
  read(): Promise<unknown>;
  write(value: Stored): Promise<void>;
}

export interface WritingLanguages {
  get(url: string): Promise<string | undefined>;
  /** `lang` "" forgets the choice for that place. */
  set(url: string, lang: string): Promise<void>;
  /** Every remembered choice, by place (`reddit.com/r/de` → `de`), most recent first. */
  all(): Promise<Record<string, string>>;
  /** Remembers these choices (from a settings backup) over those for the same places; other places keep theirs. */
  add(choices: Readonly<Record<string, string>>): Promise<void>;
}

/** Where a choice applies: `reddit.com/r/de` on any Reddit page of r/de, `example.com` on that site. */
export const writingPlace = (url: string | undefined): string | undefined => (url ? suggestSiteRule(url) : undefined);

/**
 * Choices as a backup file or a message holds them, `{ place: lang }`, checked: each place a site rule, each
 * language a code, at most as many as are remembered. Undefined when anything is wrong.
 */
export function checkWritingLanguages(value: unknown): Record<string, string> | undefined {
  if (!value || typeof value !== "object" || Array.isArray(value)) return undefined;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > MAX_PLACES) return undefined;
  const out: Record<string, string> = {};
  for (const [place, lang] of entries) {
    if (!isSiteRule(place) || !isLangTag(lang)) return undefined;
    out[normalizeSiteRule(place)] = normalizeLangTag(lang);
  }
  return out;
}

export function createWritingLanguages(store: WritingLanguageStore, now: () => number = Date.now): WritingLanguages {
  const readAll = async (): Promise<Stored> => {
    const value = await store.read().catch(() => undefined);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Stored) : {};
  };
  const newestFirst = (all: Stored) => Object.entries(all).sort(([, a], [, b]) => b.at - a.at);
  // The most recent choices are kept when there are too many.
  const writeAll = (all: Stored) => store.write(Object.fromEntries(newestFirst(all).slice(0, MAX_PLACES)));
  // One change at a time: two choices within milliseconds (two reply boxes, a choice during a backup's restore) each
  // read, change and write back the one stored value, and the later write would drop the earlier choice.
  const inTurn = oneAtATime();
  const change = (edit: (all: Stored) => void): Promise<void> =>
    inTurn(async () => {
      const all = await readAll();
      edit(all);
      await writeAll(all);
    });
  return {
    async get(url) {
      const place = writingPlace(url);
      const lang = place ? (await readAll())[place]?.lang : undefined;
      return isLangTag(lang) ? normalizeLangTag(lang) : undefined;
    },
    async set(url, lang) {
      const place = writingPlace(url);
      if (!place || (lang && !isLangTag(lang))) return;
      await change((all) => {
        if (lang) all[place] = { lang: normalizeLangTag(lang), at: now() };
        else delete all[place];
      });
    },
    async all() {
      const all = await readAll();
      return Object.fromEntries(
        // Only what checkWritingLanguages takes back: one odd entry (a storage editor's) must not spoil a backup.
        newestFirst(all).flatMap(([place, { lang }]) =>
          isSiteRule(place) && isLangTag(lang) ? [[place, normalizeLangTag(lang)]] : [],
        ),
      );
    },
    add(choices) {
      return change((all) => {
        const at = now();
        for (const [place, lang] of Object.entries(choices)) all[place] = { lang, at };
      });
    },
  };
}
