// The page's parts as the element picker reaches them, open shadow roots included: the part under a point, the parts
// around and inside one, and how many parts a selector names. A saved part is excluded with Element.matches, which
// holds inside a shadow root (core/collect/rules.ts), so a part of a web component is picked like any other, with
// what its slots show; a closed root's content is reached through its host.
import { parentElementOf } from "../core/dom";
import { countMatches } from "./part-selector";

type Scope = Document | ShadowRoot;

export interface PageParts {
  /** The innermost pickable part under the point, inside open shadow roots too. */
  at(x: number, y: number): Element | undefined;
  /** The part around `element`: its parent, or the host of the shadow root it is in. */
  outer(element: Element): Element | null;
  /** The parts inside `element`: its shadow root's (when open), then its own children. */
  inner(element: Element): Element[];
  /** `element`, or the host the picker reaches it by: a closed shadow root's content is not the picker's to name. */
  reachable(element: Element): Element | undefined;
  /** How many parts `selector` names: in the page and in every open shadow root in it. */
  count(selector: string): number;
  /** The picker went: the page's changes are no longer followed. */
  stop(): void;
}

const isShadowRoot = (node: Node): node is ShadowRoot => node.nodeType === 11 && "host" in node;

/** The open shadow roots in `scope`, and in theirs, in document order. */
function openRoots(scope: Scope, into: ShadowRoot[] = []): ShadowRoot[] {
  for (const element of scope.querySelectorAll("*")) {
    const root = element.shadowRoot;
    if (root) {
      into.push(root);
      openRoots(root, into);
    }
  }
  return into;
}

export function createPageParts(
  doc: Document,
  pickable: (element: Element) => boolean,
  elementsAt: (x: number, y: number, scope: Scope) => Element[],
): PageParts {
  // Gathered at the first count, and again after the page added elements (a feed loading more of its components):
  // a walk of the whole page is too slow for every move of the pointer. A root whose host left the page is not
  // counted: its parts are no longer on this page.
  let roots: ShadowRoot[] | undefined;
  const Observer = doc.defaultView?.MutationObserver;
  const added = Observer
    ? new Observer((records) => {
        if (records.some((record) => [...record.addedNodes].some((node) => node.nodeType === 1))) roots = undefined;
      })
    : undefined;
  const gather = (): ShadowRoot[] => {
    const found = openRoots(doc);
    for (const scope of [doc, ...found]) added?.observe(scope, { childList: true, subtree: true });
    return found;
  };

  const topmost = (x: number, y: number, scope: Scope) =>
    elementsAt(x, y, scope).find((element) => element.getRootNode() === scope && pickable(element));

  return {
    at(x, y) {
      let found = topmost(x, y, doc);
      // Over a web component's own content the page sees only its host: look inside, as deep as roots are open.
      for (let root = found?.shadowRoot; root; root = found?.shadowRoot) {
        const inside = topmost(x, y, root);
        if (!inside) break;
        found = inside;
      }
      return found;
    },
    outer(element) {
      // Shown in a component's slot: the part around it is the one it shows in (a card's frame), as the reader sees
      // it, and as a part left out holds what its slots show (core/collect/rules.ts).
      const shownIn = element.assignedSlot ?? element;
      const root = shownIn.getRootNode();
      return parentElementOf(shownIn) ?? (isShadowRoot(root) ? root.host : null);
    },
    inner(element) {
      // A slot shows nothing of its own: what it shows stands in for it.
      return [...(element.shadowRoot?.children ?? []), ...element.children].flatMap((child) =>
        child.localName === "slot" ? (child as HTMLSlotElement).assignedElements({ flatten: true }) : [child],
      );
    },
    reachable(element) {
      let reached = element;
      for (let node = element, root = node.getRootNode(); isShadowRoot(root); root = node.getRootNode()) {
        if (root.mode !== "open") reached = root.host;
        node = root.host;
      }
      return reached.isConnected && reached.ownerDocument === doc ? reached : undefined;
    },
    count(selector) {
      roots ??= gather();
      const shown = roots.filter((root) => root.host.isConnected);
      return shown.reduce((sum, root) => sum + countMatches(root, selector), countMatches(doc, selector));
    },
    stop() {
      added?.disconnect();
      roots = undefined;
    },
  };
}
