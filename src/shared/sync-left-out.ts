// What a merge of two browsers' changes to one list could not keep (both together pass the list's limit, or hold a
// glossary term twice): named on the options page of every browser that had it, so that nothing goes silently.
import { MAX_GLOSSARY_ENTRIES, sameGlossaryEntry, type GlossaryEntry } from "./glossary";
import { MAX_AUTO_TRANSLATE, MAX_NEVER_TRANSLATE, MAX_SITE_MODES, type DisplayMode, type Settings } from "./settings";
import { MAX_SKIP_PARTS, sameSkipPart, type SkipPart } from "./skip-parts";

export type ListKey = "glossary" | "skipParts" | "autoTranslate" | "neverTranslate" | "siteDisplayModes";
/** One entry of such a list; a site's display mode as `[site, mode]`. */
export type ListEntry = GlossaryEntry | SkipPart | string | [string, DisplayMode];
export type LeftOut = Partial<Record<ListKey, ListEntry[]>>;

/** Where a write to the account names what its merge left out, for the browsers that had it to say so too. */
export const LEFT_OUT_KEY = "leftOut";

interface ListRules {
  max: number;
  /** What the settings refuse to hold twice, beyond the very same entry. */
  same?: (a: ListEntry, b: ListEntry) => boolean;
  /** "the glossary (at most 300 terms, each once for a language and site)" */
  what: string;
  show(entry: ListEntry): string;
}

const glossaryEntry = (entry: ListEntry) => entry as GlossaryEntry;
const skipPart = (entry: ListEntry) => entry as SkipPart;

const LISTS: Record<ListKey, ListRules> = {
  glossary: {
    max: MAX_GLOSSARY_ENTRIES,
    same: (a, b) => sameGlossaryEntry(glossaryEntry(a), glossaryEntry(b)),
    what: `the glossary (at most ${MAX_GLOSSARY_ENTRIES} terms, each once for a language and site)`,
    show(entry) {
      const { term, translation, lang, site } = glossaryEntry(entry);
      const where = [lang, site].filter(Boolean).join(", ");
      return `“${term}” → ${translation ? `“${translation}”` : "kept as it is"}${where ? ` (${where})` : ""}`;
    },
  },
  skipParts: {
    max: MAX_SKIP_PARTS,
    same: (a, b) => sameSkipPart(skipPart(a), skipPart(b)),
    what: `the parts left untranslated (at most ${MAX_SKIP_PARTS})`,
    show: (entry) => `${skipPart(entry).selector} on ${skipPart(entry).site}`,
  },
  autoTranslate: {
    max: MAX_AUTO_TRANSLATE,
    what: `the sites translated automatically (at most ${MAX_AUTO_TRANSLATE})`,
    show: String,
  },
  neverTranslate: {
    max: MAX_NEVER_TRANSLATE,
    what: `the languages you read (at most ${MAX_NEVER_TRANSLATE})`,
    show: String,
  },
  siteDisplayModes: {
    max: MAX_SITE_MODES,
    what: `the display choices by site (at most ${MAX_SITE_MODES} sites)`,
    show: (entry) => `${(entry as [string, string])[0]}: ${(entry as [string, string])[1]}`,
  },
};

const KEYS = Object.keys(LISTS) as ListKey[];
const text = (entry: unknown) => JSON.stringify(entry);

/** `kept` (this browser's list), then those of `added` (the account's) that fit: within the list's limit, and none
 * the same as one already in. */
export function fitted<E extends ListEntry>(key: ListKey, kept: E[], added: E[]): { list: E[]; left: E[] } {
  const { max, same } = LISTS[key];
  const list = [...kept];
  const left: E[] = [];
  for (const entry of added) {
    if (list.length >= max || (same && list.some((each) => same(each, entry)))) left.push(entry);
    else list.push(entry);
  }
  return { list, left };
}

/** A list of the settings as entries (display modes as `[site, mode]`). */
function entriesOf(settings: Partial<Settings>, key: ListKey): ListEntry[] {
  if (key === "siteDisplayModes") return Object.entries(settings.siteDisplayModes ?? {});
  return settings[key] ?? [];
}

const hasAny = (leftOut: LeftOut): boolean => KEYS.some((key) => leftOut[key]?.length);

/**
 * The entries this browser had before taking the account's settings and has not after, that the account's writer
 * says its merge left out (`named`, as read from the account: anything). Copies of this browser's own entries.
 */
export function lostHere(named: unknown, before: Settings, after: Settings): LeftOut {
  const lost: LeftOut = {};
  if (!named || typeof named !== "object") return lost;
  for (const key of KEYS) {
    const list: unknown = (named as Record<string, unknown>)[key];
    if (!Array.isArray(list)) continue;
    const wanted = new Set(list.map(text));
    const still = new Set(entriesOf(after, key).map(text));
    const gone = entriesOf(before, key).filter((entry) => wanted.has(text(entry)) && !still.has(text(entry)));
    if (gone.length) lost[key] = gone;
  }
  return lost;
}

/** Both, each entry once; undefined when there is none. */
export function joinedLeftOut(a: LeftOut | undefined, b: LeftOut | undefined): LeftOut | undefined {
  const joined: LeftOut = {};
  for (const key of KEYS) {
    const all = [...(a?.[key] ?? []), ...(b?.[key] ?? [])];
    const unique = [...new Map(all.map((entry) => [text(entry), entry])).values()];
    if (unique.length) joined[key] = unique;
  }
  return hasAny(joined) ? joined : undefined;
}

/** What is still left out once the reader has added entries back. */
export function stillLeftOut(leftOut: LeftOut | undefined, settings: Settings): LeftOut | undefined {
  const still: LeftOut = {};
  for (const key of KEYS) {
    const held = new Set(entriesOf(settings, key).map(text));
    const out = (leftOut?.[key] ?? []).filter((entry) => !held.has(text(entry)));
    if (out.length) still[key] = out;
  }
  return hasAny(still) ? still : undefined;
}

/** What the options page says, a paragraph for each list. */
export function leftOutMessages(leftOut: LeftOut | undefined): string[] {
  return KEYS.filter((key) => leftOut?.[key]?.length).map((key) => {
    const { what, show } = LISTS[key];
    const entries = leftOut![key]!.map(show).join(", ");
    return `Your browsers changed ${what} at the same time, and together the changes did not fit. Not kept, in any of your browsers: ${entries}. Add again those you want, after removing others you no longer need.`;
  });
}
