// A change made here to a list or map a newer Gloss stored and this one read only partly, made to it as stored: the
// entries this Gloss could not read stay, and only what the change added, removed or set is written.
import { readListEntry, unknownFields, type Settings } from "./settings";

const isMap = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === "object" && !Array.isArray(value);

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** `held` (the list as stored) with the change from `before` to `after` (as this Gloss reads them); undefined when
 * the setting is no list or map, so the value set here simply replaces it. */
export function changeAsStored(key: keyof Settings, held: unknown, before: unknown, after: unknown): unknown {
  if (Array.isArray(held) && Array.isArray(before) && Array.isArray(after))
    return listAsStored(key, held, before, after);
  if (isMap(held) && isMap(before) && isMap(after)) {
    // Built from entries: "__proto__" assigned to an object would not be kept as a name.
    const gone = (name: string) => Object.hasOwn(before, name) && !Object.hasOwn(after, name);
    const changed = Object.entries(after).filter(([name, value]) => !same(before[name], value));
    const kept = Object.entries(held).filter(([name]) => !gone(name) && !changed.some(([set]) => set === name));
    return Object.fromEntries([...kept, ...changed]);
  }
  return undefined;
}

/**
 * `after` (the list as set here, in its order) with the entries this Gloss could not read in `held` each kept after
 * the entry they followed there, or in its place when that entry was removed. An entry edited here (removed and
 * another added at its place in the list) keeps its place among them rather than going to the end, and the fields a
 * newer Gloss keeps in it that this one does not read; one set here unchanged is written as stored.
 */
function listAsStored(key: keyof Settings, held: unknown[], before: unknown[], after: unknown[]): unknown[] {
  const at = (list: unknown[], entry: unknown) => list.findIndex((each) => same(each, entry));
  /** Where `read` (an entry of `before`) is in `after`: itself, or the entry that took its place; -1 when gone. */
  const placeIn = (read: unknown): number => {
    const kept = at(after, read);
    if (kept >= 0) return kept;
    const i = at(before, read);
    return i >= 0 && i < after.length && at(before, after[i]) < 0 ? i : -1;
  };
  const stored: unknown[] = [...after];
  const following = after.map((): unknown[] => []);
  const first: unknown[] = [];
  let last = -1;
  for (const entry of held) {
    const read = readListEntry(key, entry);
    const place = read === undefined ? -1 : placeIn(read);
    if (read === undefined) (last < 0 ? first : following[last]!).push(entry);
    else if (place >= 0) {
      last = place;
      if (same(after[place], read)) stored[place] = entry;
      // Edited here: it keeps what a newer Gloss holds in it that this one does not read (a term's `matchCase`).
      else if (isMap(after[place])) stored[place] = { ...unknownFields(key, entry), ...after[place] };
    }
  }
  return [...first, ...stored.flatMap((entry, i) => [entry, ...following[i]!])];
}
