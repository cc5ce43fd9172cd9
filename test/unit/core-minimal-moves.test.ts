// restore/minimal-moves: rearranging a list into a target order moves only what must move, and never a heavy
// (pinned) item whose place the order of the heavy items allows to keep.

import { itemsInPlace, placeAround } from "../../src/core/restore/minimal-moves";

/** Rearranges `list` into `target` in place; returns the items moved, in the order they were moved. */
function rearrange(list: string[], target: string[], weight: (item: string) => number = () => 1): string[] {
  const moved: string[] = [];
  const stay = itemsInPlace(list, target, weight);
  for (let i = list.length - 1; i >= 0; i--) if (!target.includes(list[i] as string)) list.splice(i, 1);
  placeAround(target, stay, null, (item, before) => {
    moved.push(item);
    if (list.includes(item)) list.splice(list.indexOf(item), 1);
    list.splice(before === null ? list.length : list.indexOf(before), 0, item);
    return true;
  });
  return moved;
}

/** The heaviest total weight of a subsequence of `current` in target order, by the quadratic recurrence. */
function heaviestInOrder(current: string[], target: string[], weight: (item: string) => number): number {
  const items = current.filter((c) => target.includes(c));
  const best: number[] = [];
  items.forEach((item, i) => {
    let w = 0;
    for (let j = 0; j < i; j++) {
      if (target.indexOf(items[j] as string) < target.indexOf(item)) w = Math.max(w, best[j] as number);
    }
    best.push(w + weight(item));
  });
  return Math.max(0, ...best);
}

/** A small seeded generator (mulberry32), so a failure can be replayed. Integer maths stays within 32 bits. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: T[], rnd: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

test("a list already in order stays as it is, without weighing anything", () => {
  const weight = jest.fn(() => 1);
  const list = ["a", "b", "c"];
  expect(rearrange(list, ["a", "b", "c"], weight)).toEqual([]);
  expect(weight).not.toHaveBeenCalled();
});

test("one item out of place: only it moves", () => {
  const list = ["b", "c", "d", "a", "e"];
  expect(rearrange(list, ["a", "b", "c", "d", "e"])).toEqual(["a"]);
  expect(list).toEqual(["a", "b", "c", "d", "e"]);
});

test("items not in the target never stay; target items not in the list are put in", () => {
  expect(itemsInPlace(["x", "a", "y", "b"], ["a", "b"], () => 1)).toEqual(new Set(["a", "b"]));
  const list = ["x", "b", "y"];
  expect(rearrange(list, ["a", "b", "c"])).toEqual(["c", "a"]);
  expect(list).toEqual(["a", "b", "c"]);
});

test("a heavy item stays even where keeping the light ones would move fewer items", () => {
  const list = ["frame", "a", "b", "c"];
  const weight = (item: string): number => (item === "frame" ? 5 : 1);
  expect(rearrange(list, ["a", "b", "c", "frame"], weight)).toEqual(["c", "b", "a"]);
  expect(list).toEqual(["a", "b", "c", "frame"]);
});

test("of two heavy items in the wrong order one must move; every other heavy item stays", () => {
  const weight = (item: string): number => (item.startsWith("pin") ? 10 : 1);
  const stay = itemsInPlace(["pin2", "a", "pin1", "b", "pin3"], ["pin1", "pin2", "a", "b", "pin3"], weight);
  expect(stay.has("pin3")).toBe(true);
  expect(["pin1", "pin2"].filter((p) => stay.has(p))).toHaveLength(1);
});

test("an item that cannot be put is not used as the place for the one before it", () => {
  const seen: Array<[string, string | null]> = [];
  placeAround(["a", "b", "c"], new Set(["a"]), null, (item, before) => {
    seen.push([item, before]);
    return item !== "c";
  });
  expect(seen).toEqual([
    ["c", null],
    ["b", null],
  ]);
});

test("random rearrangements: the result is the target, the kept run is the heaviest, everything else moves once", () => {
  const rnd = random(7);
  for (let round = 0; round < 300; round++) {
    const n = 1 + Math.floor(rnd() * 12);
    const items = Array.from({ length: n }, (_, i) => `n${i}`);
    const target = shuffled(items, rnd).filter(() => rnd() < 0.85);
    const list = shuffled(items, rnd);
    const heavy = new Set(items.filter(() => rnd() < 0.25));
    const weight = (item: string): number => (heavy.has(item) ? n + 1 : 1);
    const start = [...list];
    const stay = itemsInPlace(start, target, weight);
    const moved = rearrange(list, target, weight);
    expect(list).toEqual(target);
    expect([...stay].reduce((sum, item) => sum + weight(item), 0)).toBe(heaviestInOrder(start, target, weight));
    expect(new Set(moved).size).toBe(moved.length);
    expect(moved.length).toBe(target.length - stay.size);
    for (const item of moved) expect(stay.has(item)).toBe(false);
  }
});
