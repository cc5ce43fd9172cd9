// Settings from another browser merged with this browser's, field by field against what both started from: a setting
// changed on one side only takes that side's value; a list or table changed on both keeps what each side added and
// drops what each removed (a glossary term added in each browser ends up in both); a site's display mode likewise by
// site; any other setting changed on both takes the account's value, so every browser ends with the same.
import type { GlossaryEntry } from "./glossary";
import type { DisplayMode, Settings } from "./settings";
import type { SkipPart } from "./skip-parts";
import { addedEntries, mergedList, removedEntries } from "./stored-meanwhile";

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** A table changed on both sides: this browser's rows, without those removed there, then those added there. */
function mergedTable<E extends GlossaryEntry | SkipPart>(
  base: readonly E[],
  mine: readonly E[],
  theirs: readonly E[],
): E[] {
  const removed = new Set(removedEntries(base, theirs).map((entry) => JSON.stringify(entry)));
  const kept = mine.filter((entry) => !removed.has(JSON.stringify(entry)));
  const have = new Set(kept.map((entry) => JSON.stringify(entry)));
  return [...kept, ...addedEntries(base, theirs).filter((entry) => !have.has(JSON.stringify(entry)))];
}

/** Display modes by site changed on both sides: each site merged on its own, the account's choice where both chose. */
function mergedModes(
  base: Readonly<Record<string, DisplayMode>>,
  mine: Readonly<Record<string, DisplayMode>>,
  theirs: Readonly<Record<string, DisplayMode>>,
): Record<string, DisplayMode> {
  const merged: Record<string, DisplayMode> = {};
  const sites = new Set([...Object.keys(mine), ...Object.keys(theirs)]);
  for (const site of sites) {
    const value = same(theirs[site], base[site]) ? mine[site] : theirs[site];
    if (value !== undefined) merged[site] = value;
  }
  return merged;
}

/** One setting changed on both sides since `base`. */
function mergedBoth<K extends keyof Settings>(
  key: K,
  base: Settings[K],
  mine: Settings[K],
  theirs: Settings[K],
): unknown {
  if (key === "autoTranslate" || key === "neverTranslate")
    return mergedList(mine as string[], base as string[], theirs as string[]);
  if (key === "glossary")
    return mergedTable(base as GlossaryEntry[], mine as GlossaryEntry[], theirs as GlossaryEntry[]);
  if (key === "skipParts") return mergedTable(base as SkipPart[], mine as SkipPart[], theirs as SkipPart[]);
  if (key === "siteDisplayModes") {
    type Modes = Record<string, DisplayMode>;
    return mergedModes(base as Modes, mine as Modes, theirs as Modes);
  }
  return theirs;
}

/**
 * The change to save here for settings `theirs` read from the account, when both sides started from `base` (the
 * account as this browser last wrote or took it; without one, the account's settings are taken whole).
 */
export function mergeSynced(
  base: Partial<Settings> | undefined,
  mine: Settings,
  theirs: Partial<Settings>,
): Partial<Settings> {
  if (!base) return theirs;
  const patch: Record<string, unknown> = {};
  for (const name of Object.keys(theirs)) {
    const key = name as keyof Settings;
    if (same(theirs[key], base[key])) continue; // not changed there: this browser's value stands
    // A setting the base lacks (written by an older Gloss) counts as changed on this side only if it differs.
    const mineChanged = key in base ? !same(mine[key], base[key]) : false;
    patch[key] = mineChanged ? mergedBoth(key, base[key]!, mine[key], theirs[key]!) : theirs[key];
  }
  return patch as Partial<Settings>;
}
