// Rearrange a list into a target order with as few moves as possible: the heaviest run of items already in target
// order stays where it is (a weighted longest increasing subsequence), and only the others are moved around it.
// Pure: the caller says what an item weighs and how to move one.

/**
 * The items of `current` that can stay where they are: in target order among themselves, of the greatest total
 * weight (ties: any). Items of `current` that are not in `target` never stay. Weights must be positive; an item
 * heavier than all lighter ones together stays whenever the order of the heavier ones allows it.
 */
export function itemsInPlace<T>(current: readonly T[], target: readonly T[], weight: (item: T) => number): Set<T> {
  const rank = new Map<T, number>();
  target.forEach((item, i) => rank.set(item, i));
  const items: T[] = [];
  const seen = new Set<T>();
  for (const item of current) {
    if (!rank.has(item) || seen.has(item)) continue;
    seen.add(item);
    items.push(item);
  }
  // The common case, nothing out of order: everything stays, and no weight is asked for.
  if (items.every((item, i) => i === 0 || (rank.get(items[i - 1] as T) as number) < (rank.get(item) as number))) {
    return new Set(items);
  }

  // best[i]: the heaviest run in target order that ends with items[i]; prev[i], the item before it in that run.
  // A Fenwick tree over target ranks answers "the heaviest run ending below this rank" in log time.
  const size = target.length;
  const treeWeight = new Array<number>(size + 1).fill(0);
  const treeEnd = new Array<number>(size + 1).fill(-1);
  const best = new Array<number>(items.length).fill(0);
  const prev = new Array<number>(items.length).fill(-1);
  let top = -1;
  items.forEach((item, i) => {
    const r = rank.get(item) as number;
    let w = 0;
    let from = -1;
    for (let k = r; k > 0; k -= k & -k) {
      if ((treeWeight[k] as number) > w) {
        w = treeWeight[k] as number;
        from = treeEnd[k] as number;
      }
    }
    best[i] = w + weight(item);
    prev[i] = from;
    for (let k = r + 1; k <= size; k += k & -k) {
      if ((best[i] as number) > (treeWeight[k] as number)) {
        treeWeight[k] = best[i] as number;
        treeEnd[k] = i;
      }
    }
    if (top < 0 || (best[i] as number) > (best[top] as number)) top = i;
  });
  const stay = new Set<T>();
  for (let i = top; i >= 0; i = prev[i] as number) stay.add(items[i] as T);
  return stay;
}

/**
 * Put every item of `target` that does not stay before the one that follows it in `target` (`end` for the last),
 * from the last to the first, so each lands among items already in their final order. `put(item, before)` moves the
 * item and says whether it is now in the list: one that could not be put is never used as a place to put another.
 */
export function placeAround<T>(
  target: readonly T[],
  stay: ReadonlySet<T>,
  end: T | null,
  put: (item: T, before: T | null) => boolean,
): void {
  let before = end;
  for (let i = target.length - 1; i >= 0; i--) {
    const item = target[i] as T;
    if (stay.has(item) || put(item, before)) before = item;
  }
}
