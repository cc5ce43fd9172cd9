// The post or comment a reply answers, where a thread nests its replies in the markup: the item around the reply's
// (a list entry in a list entry), or the one heading an element that holds the reply (old Reddit's `.thing > .entry`
// before the `.child` holding its replies, new Reddit's `shreddit-comment > [slot=comment]`, a post before its
// comment tree). Flat threads (forums, Hacker News, GitHub) nest nothing: their items answer none.
//
// A thread's comments stand side by side in their thousands (Hacker News's rows of one table, old Reddit's top-level
// comments, new Reddit's replies after their comment's body): each sibling keeps what was found before it, so a reply
// looks back to the sibling before it, not over all of them, and judging a whole thread stays linear in its length.

/** What stands before a child among its siblings: the last item, and the sibling right before it when found. */
interface Before {
  head: Element | null;
  previous: Element | null;
}

export class ReplyParents {
  /** The items' selector (may be complex: `.thing > .entry`). */
  readonly #items: string;
  readonly #before = new WeakMap<Element, Before>();

  constructor(items: string) {
    this.#items = items;
  }

  /** The item `item` answers; null where the markup does not say. */
  of(item: Element): Element | null {
    let branch = item;
    for (let el = item.parentElement; el; branch = el, el = el.parentElement) {
      if (el.matches(this.#items)) return el;
      // Items side by side (a list's entries) are replies to the same one, not to each other.
      if (branch.matches(this.#items)) continue;
      const head = this.#itemBefore(branch);
      if (head) return head;
    }
    return null;
  }

  /** The last item among the siblings before `branch`; each sibling passed on the way keeps the answer. */
  #itemBefore(branch: Element): Element | null {
    const passed: Element[] = [];
    let head: Element | null = null;
    for (let child: Element | null = branch; child; child = child.previousElementSibling) {
      if (child !== branch && child.matches(this.#items)) {
        head = child;
        break;
      }
      const known = this.#known(child);
      if (known !== undefined) {
        head = known;
        break;
      }
      passed.push(child);
    }
    for (const child of passed) this.#before.set(child, { head, previous: child.previousElementSibling });
    return head;
  }

  /**
   * What `child` kept, while its place looks as it was: the same sibling right before it, its item still an item
   * beside it (comments loaded or taken out around it are seen; an item put in further back is not, which only
   * costs a one-line reply the answered comment's say).
   */
  #known(child: Element): Element | null | undefined {
    const before = this.#before.get(child);
    if (!before || before.previous !== child.previousElementSibling) return undefined;
    const { head } = before;
    if (head === null) return null;
    return head.parentElement === child.parentElement && head.matches(this.#items) ? head : undefined;
  }
}
