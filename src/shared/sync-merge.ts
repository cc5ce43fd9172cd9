// Settings from another browser merged with this browser's, field by field against what both started from: a setting
// changed on one side only takes that side's value; a list or table changed on both keeps what each side added and
// drops what each removed (a glossary term added in each browser ends up in both), within the list's limit (what does
// not fit is named: see sync-left-out); a site's display mode likewise by site; any other setting changed on both
// takes the account's value, so every browser ends with the same.
import type { GlossaryEntry } from "./glossary";
import type { DisplayMode, Settings } from "./settings";
import type { SkipPart } from "./skip-parts";
import { addedEntries, mergedList, removedEntries } from "./stored-meanwhile";
import { fitted, type LeftOut, type ListEntry, type ListKey } from "./sync-left-out";

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** What a list merged on both sides holds, and what of the account's it could not keep (see sync-left-out). */
interface Merged {
  value: unknown;
  left?: ListEntry[];
}

/** A table changed on both sides: this browser's rows, without those removed there, then those added there that fit. */
function mergedTable<E extends GlossaryEntry | SkipPart>(
  key: "glossary" | "skipParts",
  base: readonly E[],
  mine: readonly E[],
  theirs: readonly E[],
): Merged {
  const removed = new Set(removedEntries(base, theirs).map((entry) => JSON.stringify(entry)));
  const kept = mine.filter((entry) => !removed.has(JSON.stringify(entry)));
  const have = new Set(kept.map((entry) => JSON.stringify(entry)));
  const { list, left } = fitted(
    key,
    kept,
    addedEntries(base, theirs).filter((e) => !have.has(JSON.stringify(e))),
  );
  return { value: list, left };
}

/** A list of names changed on both sides: merged as a table is, within the list's limit. */
function mergedNames(
  key: "autoTranslate" | "neverTranslate",
  base: string[],
  mine: string[],
  theirs: string[],
): Merged {
  const merged = mergedList(mine, base, theirs);
  const here = new Set(mine);
  const { list, left } = fitted(
    key,
    merged.filter((name) => here.has(name)),
    merged.filter((name) => !here.has(name)),
  );
  return { value: list, left };
}

/** Display modes by site changed on both sides: each site merged on its own, the account's choice where both chose;
 * this browser's sites first, then those only there that fit. */
function mergedModes(
  base: Readonly<Record<string, DisplayMode>>,
  mine: Readonly<Record<string, DisplayMode>>,
  theirs: Readonly<Record<string, DisplayMode>>,
): Merged {
  const chosen = (site: string): [string, DisplayMode][] => {
    const value = same(theirs[site], base[site]) ? mine[site] : theirs[site];
    return value === undefined ? [] : [[site, value]];
  };
  const kept = Object.keys(mine).flatMap(chosen);
  const added = Object.keys(theirs)
    .filter((site) => !Object.hasOwn(mine, site))
    .flatMap(chosen);
  const { list, left } = fitted("siteDisplayModes", kept, added);
  return { value: Object.fromEntries(list), left };
}

/** One setting changed on both sides since `base`. */
function mergedBoth<K extends keyof Settings>(
  key: K,
  base: Settings[K],
  mine: Settings[K],
  theirs: Settings[K],
): Merged {
  if (key === "autoTranslate" || key === "neverTranslate")
    return mergedNames(key, base as string[], mine as string[], theirs as string[]);
  if (key === "glossary")
    return mergedTable(key, base as GlossaryEntry[], mine as GlossaryEntry[], theirs as GlossaryEntry[]);
  if (key === "skipParts") return mergedTable(key, base as SkipPart[], mine as SkipPart[], theirs as SkipPart[]);
  if (key === "siteDisplayModes") {
    type Modes = Record<string, DisplayMode>;
    return mergedModes(base as Modes, mine as Modes, theirs as Modes);
  }
  return { value: theirs };
}

/**
 * The change to save here for settings `theirs` read from the account, when both sides started from `base` (the
 * account as this browser last wrote or took it; without one, the account's settings are taken whole).
 */
export function mergeSynced(
  base: Partial<Settings> | undefined,
  mine: Settings,
  theirs: Partial<Settings>,
): { patch: Partial<Settings>; leftOut: LeftOut } {
  if (!base) return { patch: theirs, leftOut: {} };
  const patch: Record<string, unknown> = {};
  const leftOut: LeftOut = {};
  for (const name of Object.keys(theirs)) {
    const key = name as keyof Settings;
    if (same(theirs[key], base[key])) continue; // not changed there: this browser's value stands
    // A setting the base lacks (written by an older Gloss) counts as changed on this side only if it differs.
    const mineChanged = key in base ? !same(mine[key], base[key]) : false;
    const merged = mineChanged ? mergedBoth(key, base[key]!, mine[key], theirs[key]!) : { value: theirs[key] };
    patch[key] = merged.value;
    if (merged.left?.length) leftOut[key as ListKey] = merged.left;
  }
  return { patch: patch as Partial<Settings>, leftOut };
}
