// Small DOM helpers. Everything here works across realms (jsdom windows, content-script xrays, iframes), so nothing
// uses `instanceof` or the global `Node`/`window`: node types are compared as numbers and the window is always the
// one that owns the node being translated.

export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;
export const COMMENT_NODE = 8;
export const DOCUMENT_NODE = 9;
export const DOCUMENT_FRAGMENT_NODE = 11;

const HTML_NS = "http://www.w3.org/1999/xhtml";

/** A node that can hold the children of a unit: an element or a shadow root. */
export type Container = Element | ShadowRoot;

export function isElement(node: Node | null | undefined): node is Element {
  return node != null && typeOf(node) === ELEMENT_NODE;
}

export function isText(node: Node | null | undefined): node is Text {
  return node != null && typeOf(node) === TEXT_NODE;
}

export function isShadowRoot(node: Node | null | undefined): node is ShadowRoot {
  return node != null && typeOf(node) === DOCUMENT_FRAGMENT_NODE && "host" in node && (node as ShadowRoot).host != null;
}

export function isDocument(node: Node | null | undefined): node is Document {
  return node != null && typeOf(node) === DOCUMENT_NODE;
}

export function documentOf(node: Node): Document {
  return isDocument(node) ? node : ownerOf(node);
}

export function windowOf(node: Node): Window & typeof globalThis {
  const win = viewOf(documentOf(node));
  if (!win) throw new Error("Gloss: the document being translated has no window.");
  return win as Window & typeof globalThis;
}

/**
 * A custom element the page has defined (`<x-y>`, or a built-in with `is="x-y"`). Moving one runs its
 * connectedCallback again and changing an observed attribute its attributeChangedCallback; one that renders its own
 * text there cannot be put back exactly afterwards, so Gloss never moves them nor rewrites their attributes.
 */
export function isDefinedCustomElement(el: Element): boolean {
  if (!tagOf(el).includes("-") && !hasAttr(el, "is")) return false;
  // Only HTML elements can be custom; SVG's <font-face> or MathML's <annotation-xml> always match :defined.
  if (el.namespaceURI !== HTML_NS) return false;
  try {
    return isMatch(el, ":defined");
  } catch {
    return true; // cannot tell: treat it as one
  }
}

/** Elements whose state a move or a copy loses: a frame reloads (what was typed in it is gone), media stop, a
 * copied canvas is blank. */
const LIVE_STATE_TAGS = new Set(["iframe", "frame", "object", "embed", "video", "audio", "canvas", "fencedframe"]);

/** Custom elements a site's rules say are formatting inside a sentence (see SiteRules.inline): not pinned. */
const unpinned = new WeakSet<Element>();

/** Lets `el`, a custom element the site's rules call inline formatting, be moved and copied like a span. */
export function unpin(el: Element): void {
  unpinned.add(el);
}

/**
 * A defined custom element whose attributes Gloss leaves alone (see isDefinedCustomElement): all but those the site's
 * rules call inline formatting, whose tooltip is translated like a link's.
 */
export function keepsOwnAttributes(el: Element): boolean {
  return isDefinedCustomElement(el) && !unpinned.has(el);
}

/**
 * An element Gloss must leave where it is and never copy: a defined custom element (see isDefinedCustomElement) or
 * one whose state a move or a copy loses. Only the element itself; see holdsPinned for what lies below it.
 */
export function isPinned(el: Element): boolean {
  return LIVE_STATE_TAGS.has(tagOf(el)) || (isDefinedCustomElement(el) && !unpinned.has(el));
}

/**
 * The element is pinned or holds a pinned one anywhere below it: moving or copying it would move or copy that one
 * too. One look at each element below: no selector finds autonomous custom elements.
 */
export function holdsPinned(el: Element): boolean {
  if (isPinned(el)) return true;
  const all = tagged(el, "*");
  for (let i = 0; i < all.length; i++) if (isPinned(all[i] as Element)) return true;
  return false;
}

// A page can name elements after the DOM's own members: a <form> shows its controls by name in their place, and the
// document its named forms and images ([LegacyOverrideBuiltIns]), in the content script's world too. With
// `<input name="parentNode">`, form.parentNode is that input, inside the form, and a walk up from there went round
// for ever (the tab froze); with `name="localName"` or `"getAttribute"` a read threw and the whole translation failed.
// What Gloss reads of a page's element goes through these: the DOM's own getter or method reads the tree, a frame's
// nodes too (they take any realm's node); a realm without a DOM (unit tests) has none and reads the member.
// A method is looked up on the prototype at each call, as `el.matches()` does.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const own = (type: string, name: string): ((node: any, ...args: any[]) => any) => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const proto = (globalThis as any)[type]?.prototype ?? {};
  const get = Object.getOwnPropertyDescriptor(proto, name)?.get;
  if (get) return (node) => get.call(node);
  if (name in proto) return (node, ...args) => proto[name].apply(node, args);
  return (node, ...args) => (typeof node[name] == "function" ? node[name](...args) : node[name]);
};

/** The node's parent in the tree, whatever the page named its elements (see above). */
export const parentOf: (node: Node) => ParentNode | null = own("Node", "parentNode");
export const parentElementOf: (node: Node) => Element | null = own("Node", "parentElement");
export const firstChildOf: (node: Node) => ChildNode | null = own("Node", "firstChild");
export const nextOf: (node: Node) => ChildNode | null = own("Node", "nextSibling");
export const prevOf: (node: Node) => ChildNode | null = own("Node", "previousSibling");
export const prevElementOf: (el: Element) => Element | null = own("Element", "previousElementSibling");
export const nextElementOf: (el: Element) => Element | null = own("Element", "nextElementSibling");
const childList: (node: Node) => NodeListOf<ChildNode> = own("Node", "childNodes");
/** The node's children, in a list of their own: a form may name a control childNodes. */
export const childNodesOf = (node: Node): ChildNode[] => Array.from(childList(node));
const typeOf: (node: Node) => number = own("Node", "nodeType");
export const textOf: (node: Node) => string | null = own("Node", "textContent");
const ownerOf: (node: Node) => Document = own("Node", "ownerDocument");
/** The root of the node's tree: its document, its shadow root, or the top of a tree out of the page. */
export const rootOf: (node: Node) => Node = own("Node", "getRootNode");
/** Whether a node is still in the document (through shadow roots): a form taken out may name a field isConnected. */
export const isConnected: (node: Node) => boolean = own("Node", "isConnected");
/** A copy of the node (`deep`: with what it holds); a form may name a control cloneNode. */
export const cloneOf: <T extends Node>(node: T, deep?: boolean) => T = own("Node", "cloneNode");
export const putBefore: (parent: Node, node: Node, ref: Node | null) => Node = own("Node", "insertBefore");
export const removeFrom: (parent: Node, node: Node) => Node = own("Node", "removeChild");
/** Whether `node` is `other` or holds it. */
export const holds: (node: Node, other: Node) => boolean = own("Node", "contains");
export const attrOf: (el: Element, name: string) => string | null = own("Element", "getAttribute");
/** Sets an attribute of the page's element: a form may name a control setAttribute. */
export const setAttr: (el: Element, name: string, value: string) => void = own("Element", "setAttribute");
export const hasAttr: (el: Element, name: string) => boolean = own("Element", "hasAttribute");
export const isMatch: (el: Element, selector: string) => boolean = own("Element", "matches");
export const queryIn: (el: Element, selector: string) => Element | null = own("Element", "querySelector");
export const queryAllIn: (el: Element, selector: string) => NodeListOf<Element> = own("Element", "querySelectorAll");
const closest: (el: Element, selector: string) => Element | null = own("Element", "closest");
/** The nearest element at or above `el` that matches; null for none or no `el`. */
export const closestOf = (el: Element | null | undefined, selector: string): Element | null =>
  el ? closest(el, selector) : null;
/** Lower-case local name of an element ("a", "shreddit-post"). */
export const tagOf: (el: Element) => string = own("Element", "localName");
export const tagged: (el: Element, tag: string) => HTMLCollectionOf<Element> = own("Element", "getElementsByTagName");
export const shadowOf: (el: Element) => ShadowRoot | null = own("Element", "shadowRoot");
export const slotOf: (el: Element) => HTMLSlotElement | null = own("Element", "assignedSlot");
export const rectOf: (el: Element) => DOMRect = own("Element", "getBoundingClientRect");
const classesOf: (el: Element) => DOMTokenList = own("Element", "classList");
export const hasClass = (el: Element, name: string): boolean => classesOf(el).contains(name);
// The document shows its named forms, images, embeds and iframes the same way.
export const viewOf: (doc: Document) => (Window & typeof globalThis) | null = own("Document", "defaultView");
export const bodyOf: (doc: Document) => HTMLElement = own("Document", "body");
export const htmlOf: (doc: Document) => HTMLElement = own("Document", "documentElement");
export const titleOf: (doc: Document) => string = own("Document", "title");
/** The document's focused element (a page's form may be named activeElement; a shadow root shows no names). */
export const focusOf: (doc: Document) => Element | null = own("Document", "activeElement");
const designModeOf: (doc: Document) => string = own("Document", "designMode");
/** Whether the whole document is the reader's to edit (designMode), whatever the page named its images. */
export const designed = (doc: Document): boolean => designModeOf(doc) === "on";
export const queryOne: (doc: Document, selector: string) => Element | null = own("Document", "querySelector");
export const queryAll: (doc: Document, selector: string) => NodeListOf<Element> = own("Document", "querySelectorAll");
// What Gloss makes in the page's document (its nodes, ranges and inert documents), made by the document's own methods.
export const newElement: <K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K) => HTMLElementTagNameMap[K] =
  own("Document", "createElement");
export const newText: (doc: Document, data: string) => Text = own("Document", "createTextNode");
export const newRange: (doc: Document) => Range = own("Document", "createRange");
export const implOf: (doc: Document) => DOMImplementation = own("Document", "implementation");
export const walkerOf: (doc: Document, root: Node, show?: number, filter?: NodeFilter | null) => TreeWalker = own(
  "Document",
  "createTreeWalker",
);
/** A walker through `root` and what it holds, in its document: `show` 4 for the texts (NodeFilter.SHOW_TEXT), 5 for
 * the elements too (| SHOW_ELEMENT). */
export const walkIn = (root: Node, show: number, filter?: NodeFilter | null): TreeWalker =>
  walkerOf(documentOf(root), root, show, filter);
/** The language marked at or above `el` (its nearest `lang` attribute), "" where none. */
export const langOf = (el: Element): string => attrOf(closestOf(el, "[lang]") ?? el, "lang") ?? "";

/** The parent through shadow boundaries: a shadow root's parent is its host. */
export function composedParent(node: Node): Node | null {
  if (isShadowRoot(node)) return node.host;
  return parentOf(node);
}

/** The element holding the keyboard focus as seen from `node`'s tree: in a shadow root, the document sees only
 * the host; the shadow root sees the element itself (or the host of the next shadow tree down). */
export function focusedIn(node: Node): Element | null {
  const root = rootOf(node);
  return isDocument(root) ? focusOf(root) : ((root as Partial<DocumentOrShadowRoot>).activeElement ?? null);
}

/** The element the reader focused, looking into open shadow roots (the document sees only their hosts). */
export function deepFocus(doc: Document): Element | null {
  let active = focusOf(doc);
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** The nearest element at or above `node`, crossing shadow boundaries. */
export function composedParentElement(node: Node): Element | null {
  let current = composedParent(node);
  while (current && !isElement(current)) current = composedParent(current);
  return current;
}

/** True when `inner` is `outer` or lies inside it, also through shadow roots. */
export function composedContains(outer: Node, inner: Node): boolean {
  for (let n: Node | null = inner; n; n = composedParent(n)) if (n === outer) return true;
  return false;
}

/** An element that can anchor visibility and priority for nodes of a container. */
export function anchorElement(container: Container): Element {
  return isShadowRoot(container) ? container.host : container;
}

export function hasLetter(text: string): boolean {
  return /\p{L}/u.test(text);
}

export function hasNonSpace(text: string): boolean {
  return /\S/.test(text);
}

/**
 * Whether any text inside `node` passes `test`, stopping at the first that does: on deeply nested content, asking
 * each level for its whole `textContent` would cost the depth squared.
 */
export function someText(node: Node, test: (text: string) => boolean): boolean {
  if (isText(node)) return test(node.data);
  const walker = walkIn(node, 4);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) if (test((t as Text).data)) return true;
  return false;
}
