// A page in whose world Gloss runs that refuses bilingual copies in one element: its insertBefore throws there.

const COPY = 'span[translate="no"][lang="en"]';

/** From now on, no bilingual copy may go into the element with this id (restore the returned spy to let go). */
export function refuseCopiesIn(id: string): jest.SpyInstance {
  const insertBefore = Node.prototype.insertBefore;
  return jest.spyOn(Node.prototype, "insertBefore").mockImplementation(function <T extends Node>(
    this: Node,
    node: T,
    child: Node | null,
  ): T {
    if ((this as Element).id === id && (node as unknown as Element).matches?.(COPY)) throw new Error("no copies");
    return insertBefore.call(this, node, child) as T;
  });
}
