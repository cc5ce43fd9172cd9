// The post or comment a reply answers, where a thread nests its replies in the markup: the item around the reply's
// (a list entry in a list entry), or the one heading an element that holds the reply (old Reddit's `.thing > .entry`
// before the `.child` holding its replies, new Reddit's `shreddit-comment > [slot=comment]`, a post before its
// comment tree, WordPress's `article` before the `ol.children` in their list entry). Flat threads (forums, Hacker News, GitHub) nest nothing: their items answer none.
//
// A thread's comments stand side by side in their thousands (Hacker News's rows of one table, old Reddit's top-level
// comments, new Reddit's replies after their comment's body): each sibling keeps what was found before it, so a reply
// looks back to the sibling before it, not over all of them, and judging a whole thread stays linear in its length.
// An item put in among the siblings (a comment's text loaded after the replies below it, a comment inserted further
// up) makes what each of them kept stale, though the sibling before each is the same: the siblings' parent is watched
// for that, and what its children kept is dropped when it happens. Comments added that are not items (a thread's
// rows, replies appended) leave it kept, so a thread that grows is still judged in linear time.
// An item put in or taken out there may also change the comment a reply already judged answers: the parents where it
// happened are reported (once per task, however many changes), for those replies to be judged again (late-answers.ts).

import { isElement, isMatch, parentElementOf, documentOf, viewOf, prevElementOf } from "../dom";

/** What stands before a child among its siblings: the last item, and the sibling right before it when found. */
interface Before {
  head: Element | null;
  parent: Element;
  previous: Element | null;
  /** The parent's count of items put in among its children when this was kept (#inserted). */
  inserted: number;
}

export class ReplyParents {
  /** The items' selector (may be complex: `.thing > .entry`). */
  readonly #items: string;
  readonly #before = new WeakMap<Element, Before>();
  /** How many items were put in among each watched parent's children since it was first watched. */
  readonly #inserted = new WeakMap<Element, number>();
  /** Parents whose children keep what stands before them; created with the first, from its window. */
  #watch: MutationObserver | null = null;
  /** The items found answered: one taken out is known by this (detached, it no longer matches `.thing > .entry`). */
  readonly #answered = new WeakSet<Element>();
  /** Told the parents where items were put in or taken out among the children, once per task. */
  readonly #changed: (parents: Set<Element>) => void;
  /** Parents changed since they were last told, or null when none are. */
  #changedParents: Set<Element> | null = null;

  constructor(items: string, changed: (parents: Set<Element>) => void = () => {}) {
    this.#items = items;
    this.#changed = changed;
  }

  /** The item `item` answers; null where the markup does not say. */
  of(item: Element): Element | null {
    // Changes not yet delivered to the observer's callback (the page changed in this very task) count as well.
    if (this.#watch) this.#noteInserted(this.#watch.takeRecords());
    const answered = this.#find(item);
    if (answered) this.#answered.add(answered);
    return answered;
  }

  #find(item: Element): Element | null {
    let branch = item;
    for (let el = parentElementOf(item); el; branch = el, el = parentElementOf(el)) {
      if (isMatch(el, this.#items)) {
        // A comment's body and its replies in one list entry (WordPress's `li > article + ol.children`): the body.
        const head = this.#itemBefore(branch);
        if (head) return head;
        // An item holding nothing before the reply is the reply's own list entry, not a comment it answers.
        if (prevElementOf(branch)) return el;
        continue;
      }
      // Items side by side (a list's entries) are replies to the same one, not to each other.
      if (isMatch(branch, this.#items)) continue;
      const head = this.#itemBefore(branch);
      if (head) return head;
    }
    return null;
  }

  /** The last item among the siblings before `branch`; each sibling passed on the way keeps the answer. */
  #itemBefore(branch: Element): Element | null {
    const passed: Element[] = [];
    let head: Element | null = null;
    for (let child: Element | null = branch; child; child = prevElementOf(child)) {
      if (child !== branch && isMatch(child, this.#items)) {
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
    const parent = parentElementOf(branch);
    if (!parent) return head;
    this.#watchChildren(parent);
    const inserted = this.#inserted.get(parent) ?? 0;
    for (const child of passed) {
      this.#before.set(child, { head, parent, previous: prevElementOf(child), inserted });
    }
    return head;
  }

  /** Watch `parent` for items put in among its children (once; a watch lasts as long as the parent). */
  #watchChildren(parent: Element): void {
    if (this.#inserted.has(parent)) return;
    if (!this.#watch) {
      const Observer = viewOf(documentOf(parent))?.MutationObserver;
      if (!Observer) return;
      this.#watch = new Observer((records) => this.#noteInserted(records));
    }
    this.#inserted.set(parent, 0);
    this.#watch.observe(parent, { childList: true });
  }

  /**
   * Count, for each parent, the items put in among its children: what its children kept no longer holds. Parents where
   * items were put in or taken out are told of (#tellChanged).
   */
  #noteInserted(records: MutationRecord[]): void {
    for (const record of records) {
      const parent = record.target as Element;
      const inserted = some(record.addedNodes, (node) => isMatch(node, this.#items));
      if (inserted) this.#inserted.set(parent, (this.#inserted.get(parent) ?? 0) + 1);
      if (inserted || some(record.removedNodes, (node) => this.#answered.has(node))) this.#tellChanged(parent);
    }
  }

  /** Keep `parent` to be told of in a microtask: a site's re-render of many comments is looked at once. */
  #tellChanged(parent: Element): void {
    if (this.#changedParents) {
      this.#changedParents.add(parent);
      return;
    }
    this.#changedParents = new Set([parent]);
    queueMicrotask(() => {
      const parents = this.#changedParents ?? new Set<Element>();
      this.#changedParents = null;
      this.#changed(parents);
    });
  }

  /**
   * What `child` kept, while its place looks as it was: the same sibling right before it, no item put in among its
   * siblings since, its item still an item beside it.
   */
  #known(child: Element): Element | null | undefined {
    const before = this.#before.get(child);
    if (!before || before.previous !== prevElementOf(child) || before.parent !== parentElementOf(child)) {
      return undefined;
    }
    if (before.inserted !== (this.#inserted.get(before.parent) ?? 0)) return undefined;
    const { head } = before;
    if (head === null) return null;
    return parentElementOf(head) === parentElementOf(child) && isMatch(head, this.#items) ? head : undefined;
  }
}

/** Whether any of the element nodes is one that `test` holds for. */
function some(nodes: NodeList, test: (element: Element) => boolean): boolean {
  for (const node of nodes) if (isElement(node) && test(node)) return true;
  return false;
}
