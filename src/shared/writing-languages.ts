// The language a user chose for their own messages, remembered per place: the subreddit on Reddit (r/de and
// r/france want different languages), the site elsewhere. Kept apart from the settings: it is remembered state, not
// configuration, and the content script's page may set it (through the background) without touching the settings.
import { isLangTag, normalizeLangTag } from "./lang-tag";
import { suggestSiteRule } from "./site-rules";

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
}

/** Where a choice applies: `reddit.com/r/de` on any Reddit page of r/de, `example.com` on that site. */
export const writingPlace = (url: string | undefined): string | undefined => (url ? suggestSiteRule(url) : undefined);

export function createWritingLanguages(store: WritingLanguageStore, now: () => number = Date.now): WritingLanguages {
  const readAll = async (): Promise<Stored> => {
    const value = await store.read().catch(() => undefined);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Stored) : {};
  };
  return {
    async get(url) {
      const place = writingPlace(url);
      const lang = place ? (await readAll())[place]?.lang : undefined;
      return isLangTag(lang) ? normalizeLangTag(lang) : undefined;
    },
    async set(url, lang) {
      const place = writingPlace(url);
      if (!place || (lang && !isLangTag(lang))) return;
      const all = await readAll();
      if (lang) all[place] = { lang: normalizeLangTag(lang), at: now() };
      else delete all[place];
      const kept = Object.entries(all)
        .sort(([, a], [, b]) => b.at - a.at)
        .slice(0, MAX_PLACES);
      await store.write(Object.fromEntries(kept));
    },
  };
}
