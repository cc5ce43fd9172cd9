// Chooses the CSS selector a picked part of a page is saved under: short, readable, and true of the same kind of part
// on the site's other pages (a class or a component's tag rather than a position), never a generated name.
import { parentElementOf } from "../core/dom";

/** Landmarks a page has few of: their tag alone names the part (`aside`, `nav`). */
const LANDMARKS = new Set(["aside", "nav", "header", "footer", "main", "article", "section", "form", "table"]);

/** Classes that say how an element looks or what state it is in now, not what part it is (utility CSS, toggles). */
const PASSING_CLASS =
  /^(is|has|js)-|^(active|selected|open|opened|closed|hover|focus|focused|visible|hidden|show|shown|collapsed|expanded|current|disabled|clearfix|container|row|flex|grid|block|inline|relative|absolute|fixed|sticky)$|^(m|p)[trblxy]?-|^(w|h|gap|text|bg|font|rounded|border|shadow|leading|tracking|items|justify|col|space)-/i;

/** How far up the page a selector may name an ancestor of the part. */
const MAX_STEPS = 3;

/**
 * Whether a name was made by a program for this page or this build (a hash, a counter, an item's number), so it
 * would not name the part on another page or after the site's next release: `css-1q2w3e`, `sc-bdfBwQ`, `:r4:`,
 * `post-123456`, `ember421`, `id-t1_kx3c9e9`.
 */
export function looksGenerated(name: string): boolean {
  // React's ids (`:r4:`) and utility classes (`md:flex`, `w-1/2`, `[&>p]:mt-2`) carry punctuation; a name in another
  // script, or one starting with a digit, is a name all the same (escaped).
  if (!name || name.length > 40 || /[\s:/[\]().#!%,&>+~*='"]/.test(name)) return true;
  if (/\d{3,}/.test(name) || (name.match(/\d/g) ?? []).length >= 4) return true;
  return name.split(/[-_]+/).some((part) => {
    const mixed = /\d/.test(part) && /[a-z]/i.test(part) && part.length >= 5;
    // Upper case letters scattered through a short word: `bdfBwQ`, `kXyZq` (camelCase words have one or two at joins).
    const scattered = part.length <= 10 && (part.slice(1).match(/[A-Z]/g) ?? []).length >= 2 && /[a-z]/.test(part);
    return mixed || scattered;
  });
}

/** CSS.escape as the CSSOM spec serialises an identifier (jsdom and older engines lack CSS.escape). */
export function cssEscape(value: string): string {
  let out = "";
  const first = value.charCodeAt(0);
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    const digit = c >= 0x30 && c <= 0x39;
    if (c === 0) out += "\uFFFD";
    else if ((c >= 1 && c <= 0x1f) || c === 0x7f || (i === 0 && digit) || (i === 1 && digit && first === 0x2d)) {
      out += `\\${c.toString(16)} `;
    } else if (i === 0 && value.length === 1 && c === 0x2d) out += `\\${value[i]}`;
    else if (c >= 0x80 || c === 0x2d || c === 0x5f || digit || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) {
      out += value[i];
    } else out += `\\${value[i]}`;
  }
  return out;
}

type Scope = Document | ShadowRoot | DocumentFragment;

/** How many elements `selector` names in `scope`; 0 for one the browser cannot read. */
export function countMatches(scope: Scope, selector: string): number {
  try {
    return scope.querySelectorAll(selector).length;
  } catch {
    return 0;
  }
}

const tagOf = (element: Element) => element.localName;

/** A stable id that only `element` has: `#sidebar`. */
function idSelector(element: Element, scope: Scope): string | undefined {
  const id = element.getAttribute("id") ?? "";
  if (looksGenerated(id)) return undefined;
  const selector = `#${cssEscape(id)}`;
  return countMatches(scope, selector) === 1 ? selector : undefined;
}

/** The element's stable classes, the most telling first (the one the fewest elements share): `.side`. */
function classSelectors(element: Element, scope: Scope): string[] {
  const names = (element.getAttribute("class") ?? "").split(/\s+/).filter(Boolean);
  const usable = names.filter((name) => !looksGenerated(name) && !PASSING_CLASS.test(name));
  return usable
    .map((name) => {
      const selector = `.${cssEscape(name)}`;
      return { selector, count: countMatches(scope, selector) };
    })
    .filter(({ count }) => count > 0)
    .sort((a, b) => a.count - b.count)
    .map(({ selector }) => selector);
}

/** What names `element` by itself, without its ancestors, the best first; empty when nothing stable does. */
function ownSelectors(element: Element, scope: Scope): string[] {
  const tag = tagOf(element);
  const id = idSelector(element, scope);
  return [
    ...(id ? [id] : []),
    // A component's own tag (`shreddit-comment`) is the site's name for the part.
    ...(tag.includes("-") && !looksGenerated(tag) ? [tag] : []),
    ...classSelectors(element, scope),
    ...(LANDMARKS.has(tag) ? [tag] : []),
  ];
}

/** The elements around `element`, out through the hosts of the shadow roots it is in. */
function ancestorsOf(element: Element): Element[] {
  const around: Element[] = [];
  for (let node: Node | null = element; node;) {
    const root: Node = node.getRootNode();
    const parent: Element | null =
      parentElementOf(node) ?? (root !== node && "host" in root ? (root as ShadowRoot).host : null);
    if (parent) around.push(parent);
    node = parent;
  }
  return around;
}

function matches(element: Element, selector: string): boolean {
  try {
    return element.matches(selector);
  } catch {
    return false;
  }
}

/**
 * The selector for the part `element` is: its own stable id, component tag, class or landmark tag; else the nearest
 * ancestor (at most three steps up) that has one, with the tags down to the element (`.side > div > ul`); else the
 * tags alone (`main > div > ul`), from `<body>` when they reach it (`body > div`). Never one that also names an
 * element around the part: the page chooses its names, and a class it gives the part and its whole content (or
 * `<body>`) would leave every page of the site untranslated.
 */
export function chooseSelector(element: Element): string {
  const scope = element.getRootNode() as Scope;
  const around = ancestorsOf(element);
  const fits = (selector: string) => !around.some((ancestor) => matches(ancestor, selector));
  const own = ownSelectors(element, scope).find(fits);
  if (own) return own;
  const path = [tagOf(element)];
  const body = element.ownerDocument.body;
  let ancestor = parentElementOf(element);
  // Past three steps, the tags go on up only while they name an element around the part (nested `div`s).
  for (let step = 0; ancestor && ancestor !== body; step++) {
    if (step >= MAX_STEPS && fits(path.join(" > "))) break;
    const named =
      step < MAX_STEPS &&
      ownSelectors(ancestor, scope)
        .map((name) => [name, ...path].join(" > "))
        .find(fits);
    if (named) return named;
    path.unshift(tagOf(ancestor));
    ancestor = parentElementOf(ancestor);
  }
  // A few tags that reach <body> start from it: a bare `div` (the page's wrapper) or `div > ul` would name every such
  // element of every page of the site. A longer chain of tags names few elements already.
  if (ancestor === body && path.length <= MAX_STEPS) path.unshift("body");
  return path.join(" > ");
}
