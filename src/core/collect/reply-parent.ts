// The post or comment a reply answers, where a thread nests its replies in the markup: the item around the reply's
// (a list entry in a list entry), or the one heading an element that holds the reply (old Reddit's `.thing > .entry`
// before the `.child` holding its replies, new Reddit's `shreddit-comment > [slot=comment]`, a post before its
// comment tree). Flat threads (forums, Hacker News, GitHub) nest nothing: their items answer none.

/** The item `item` answers, under the items' selector; null where the markup does not say. */
export function replyParent(item: Element, items: string): Element | null {
  let branch = item;
  for (let el = item.parentElement; el; branch = el, el = el.parentElement) {
    if (el.matches(items)) return el;
    // Items side by side (a list's entries) are replies to the same one, not to each other.
    if (branch.matches(items)) continue;
    const head = itemBefore(el, branch, items);
    if (head) return head;
  }
  return null;
}

/** The last child of `el` before `branch` that is an item. */
function itemBefore(el: Element, branch: Element, items: string): Element | null {
  let head: Element | null = null;
  for (const child of Array.from(el.children)) {
    if (child === branch) return head;
    if (child.matches(items)) head = child;
  }
  return null;
}
