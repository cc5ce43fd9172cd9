// A change made here to a list or map a newer Gloss stored and this one read only partly, made to it as stored: the
// entries this Gloss could not read stay, and only what the change added, removed or set is written.
import { readListEntry, type Settings } from "./settings";

const isMap = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === "object" && !Array.isArray(value);

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** `held` (the list as stored) with the change from `before` to `after` (as this Gloss reads them); undefined when
 * the setting is no list or map, so the value set here simply replaces it. */
export function changeAsStored(key: keyof Settings, held: unknown, before: unknown, after: unknown): unknown {
  if (Array.isArray(held) && Array.isArray(before) && Array.isArray(after)) {
    const removed = new Set(
      before.filter((entry) => !after.some((kept) => same(kept, entry))).map((e) => JSON.stringify(e)),
    );
    const added = after.filter((entry) => !before.some((had) => same(had, entry)));
    const stays = (entry: unknown) => {
      const read = readListEntry(key, entry);
      return read === undefined || !removed.has(JSON.stringify(read));
    };
    return [...held.filter(stays), ...added];
  }
  if (isMap(held) && isMap(before) && isMap(after)) {
    // Built from entries: "__proto__" assigned to an object would not be kept as a name.
    const gone = (name: string) => Object.hasOwn(before, name) && !Object.hasOwn(after, name);
    const changed = Object.entries(after).filter(([name, value]) => !same(before[name], value));
    const kept = Object.entries(held).filter(([name]) => !gone(name) && !changed.some(([set]) => set === name));
    return Object.fromEntries([...kept, ...changed]);
  }
  return undefined;
}
