// An undo made of many small changes, done whole even where the page refuses one of them.

/**
 * `step` for each item, whatever it does for one of them: a page in whose world Gloss runs may refuse a change to one
 * node (its DOM function throws), and that node then stays as the page keeps it, not the rest of the undo with it.
 */
export function eachStep<T>(items: Iterable<T>, step: (item: T) => void): void {
  for (const item of items) {
    try {
      step(item);
    } catch {
      // Refused by the page: see above.
    }
  }
}
