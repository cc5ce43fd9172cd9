// Compact markup: a unit becomes text with short numbered placeholder tags and no attributes, e.g.
// `Lies <a1>den Artikel</a1> und <x2></x2>`. URLs, classes and attributes never reach the model (they cost tokens and
// are what an injected prompt would want to change). To save tokens further, edges that need no translation stay
// out of the request: whitespace, empty or opaque elements at the start/end, and a wrapper holding the whole unit
// (`<li><a>Home</a></li>` sends `Home`). The numbers are the engine's names; on the way to a model the server client
// leaves out the number of a kind's only placeholder (`<a>`, src/llm/wire-names.ts) and puts it back in the reply.

import { escapeText } from "../../shared/html-text";
import { StyleCache } from "../collect/display";
import { type Container, hasLetter, hasNonSpace, isElement, isText, someText, tagOf, windowOf } from "../dom";
import { isReferenceMark } from "../collect/reference-mark";
import { Rules } from "../collect/rules";

/** How an element inside a unit travels: with its text (`inline`), as an empty pair (`opaque`), or not at all. */
export type Role = "inline" | "opaque" | "invisible";

export interface Placeholder {
  name: string;
  /** The page's element this placeholder stands for (moved as a whole, with everything in it). */
  el: Element;
  /** Moved as a whole, content untouched (code, images, footnote marks, excluded or text-less elements). */
  opaque: boolean;
  /** Held non-whitespace text. */
  hasText: boolean;
  /** A reply must keep it: it held text, and (opaque ones) words; otherwise a reply may leave it out. */
  required: boolean;
  /**
   * Inline placeholders: where the reply's content goes. Usually `el` and all its children; when `el` only wraps
   * another element (`<li><a>…</a></li>`) or has empty edges (an icon), the innermost wrapper and the part between
   * the edges. `lead`/`trail` count the untouched edge nodes before and after `nodes` in `target`.
   */
  target: Element;
  nodes: Node[];
  lead: number;
  trail: number;
}

export interface EncodedUnit {
  /** Compact HTML sent to the translator. */
  html: string;
  /** Plain text (whitespace-normalised), for language detection. */
  text: string;
  /** Whitespace before/after the sent part, put back unchanged. */
  lead: string;
  trail: string;
  /** The part of the page the reply replaces: consecutive children of `parent`. */
  parent: Container;
  nodes: Node[];
  placeholders: Map<string, Placeholder>;
  /** Text nodes that carry translatable text, in document order. */
  texts: Text[];
  /** Whether runs of whitespace were collapsed (false inside `pre` and `white-space: pre*`). */
  collapse: boolean;
  /** Elements whose inside is not part of the sent text (opaque, invisible, or left at the edges): changes there do
   * not change the unit. */
  passive: Element[];
  /** How deeply placeholders nest (0: none). An HTML parser flattens very deep nesting, so a deep unit is split. */
  depth: number;
}

export interface EncodeOptions {
  /** Role of each element; default: computed from tag, style, translate="no" and whether it has text. */
  role?: (el: Element) => Role;
  /** Whitespace is significant (do not collapse). Default false. */
  preformatted?: boolean;
  /** Page chrome glued to the unit (excluded by the site's rules: a flair, a domain, a timestamp): at the unit's
   * edges it stays in place, unsent, like an icon. Every token the model need not copy back is time saved. */
  aside?: (el: Element) => boolean;
}

const WS_RUN = /[ \t\n\r\f]+/g;

function letterOf(el: Element): string {
  switch (tagOf(el)) {
    case "a":
      return "a";
    case "b":
    case "strong":
      return "b";
    case "i":
    case "em":
      return "i";
    default:
      return "s";
  }
}

/** A hint letter: small models keep `<a1>…</a1>` better when it looks like a link. A link anywhere in a wrapper
 * chain wins (`<li><a>` is a link); otherwise the outermost specific kind. */
function letterFor(chain: Element[]): string {
  const letters = chain.map(letterOf);
  if (letters.includes("a")) return "a";
  return letters.find((l) => l !== "s") ?? "s";
}

/** Role function used when encodeUnit is called without a collection pass. */
export function defaultRoles(doc: Document): (el: Element) => Role {
  const styles = new StyleCache(windowOf(doc));
  const rules = new Rules(doc, "");
  const memo = new WeakMap<Element, Role>();
  /** A footnote mark travels opaque (as in the collection pass). */
  const inlineOrMark = (el: Element): Role => (isReferenceMark(el, someText(el, hasLetter)) ? "opaque" : "inline");
  /** The role when the element's own kind or text decides it; undefined when its element children do. */
  const own = (el: Element): Role | undefined => {
    const kind = rules.classify(el, styles.get(el));
    if (kind.kind === "invisible") return "invisible";
    if (kind.kind === "excluded" || rules.translateFlag(el) === "no") return "opaque";
    for (let c = el.firstChild; c; c = c.nextSibling) if (isText(c) && hasNonSpace(c.data)) return inlineOrMark(el);
    return undefined;
  };
  // An element is inline when it holds text of its own or an inline child: decided children first, with an
  // explicit stack (no recursion, whatever the nesting).
  return (el: Element): Role => {
    const stack: Element[] = [el];
    while (stack.length) {
      const top = stack[stack.length - 1] as Element;
      if (memo.has(top)) {
        stack.pop();
        continue;
      }
      const decided = own(top);
      if (decided) {
        memo.set(top, decided);
        stack.pop();
        continue;
      }
      let waiting = false;
      for (let c = top.firstElementChild; c; c = c.nextElementSibling) {
        if (!memo.has(c)) {
          stack.push(c);
          waiting = true;
        }
      }
      if (waiting) continue;
      let inline = false;
      for (let c = top.firstElementChild; c && !inline; c = c.nextElementSibling) inline = memo.get(c) === "inline";
      memo.set(top, inline ? inlineOrMark(top) : "opaque");
      stack.pop();
    }
    return memo.get(el) as Role;
  };
}

/**
 * Edges that need no translation stay where they are, unsent: whitespace, and elements without words (icons,
 * images, "[–]" toggles, numbers, invisible nodes). Punctuation text stays in (a sentence keeps its full stop).
 */
function skippableAtEdge(node: Node, role: (el: Element) => Role, aside: (el: Element) => boolean): boolean {
  if (isText(node)) return !hasNonSpace(node.data);
  if (!isElement(node)) return true; // comments, processing instructions
  return role(node) === "invisible" || !someText(node, hasLetter) || (role(node) === "opaque" && aside(node));
}

interface Core {
  parent: Container;
  nodes: Node[];
  /** Untouched edge nodes before/after `nodes` in `parent`. */
  lead: number;
  trail: number;
  /** Wrapper elements descended into, outermost first. */
  chain: Element[];
}

/** Narrow a range to the part that needs translating (see the file comment). */
function coreRange(
  parent: Container,
  nodes: Node[],
  role: (el: Element) => Role,
  passive: Element[],
  aside: (el: Element) => boolean,
): Core {
  const chain: Element[] = [];
  // Edge counts are relative to `nodes` (for placeholders that is all of an element's children).
  let before = 0;
  let after = 0;
  for (;;) {
    let start = 0;
    let end = nodes.length;
    while (start < end && skippableAtEdge(nodes[start] as Node, role, aside)) start++;
    while (end > start && skippableAtEdge(nodes[end - 1] as Node, role, aside)) end--;
    for (const n of [...nodes.slice(0, start), ...nodes.slice(end)]) if (isElement(n)) passive.push(n);
    const core = nodes.slice(start, end);
    const only = core[0];
    if (core.length === 1 && isElement(only) && role(only) === "inline") {
      chain.push(only);
      parent = only;
      nodes = Array.from(only.childNodes);
      before = 0;
      after = 0;
      continue;
    }
    return { parent, nodes: core, lead: before + start, trail: after + nodes.length - end, chain };
  }
}

/**
 * Encode a unit: an element or shadow root (all its children), or a run of consecutive sibling nodes.
 * Returns null when nothing in it needs translating.
 */
export function encodeUnit(target: Container | readonly Node[], options: EncodeOptions = {}): EncodedUnit | null {
  let parent: Container;
  let nodes: Node[];
  if (Array.isArray(target)) {
    const first = target[0] as Node | undefined;
    if (!first?.parentNode) return null;
    parent = first.parentNode as Container;
    nodes = [...target];
  } else {
    parent = target as Container;
    nodes = Array.from(parent.childNodes);
  }
  const role = options.role ?? defaultRoles(parent.ownerDocument as Document);
  const collapse = !options.preformatted;
  const passive: Element[] = [];
  const aside = options.aside ?? (() => false);
  const core = coreRange(parent, nodes, role, passive, aside);
  if (!core.nodes.length) return null;

  const placeholders = new Map<string, Placeholder>();
  const texts: Text[] = [];
  let counter = 0;
  let plain = "";
  /** Texts with non-whitespace seen so far: a placeholder holds text when this grew while it was open. */
  let wordy = 0;
  let depth = 0;
  let maxDepth = 0;
  const out: string[] = [];

  // Depth first with an explicit stack (no recursion, whatever the page's nesting): a node, or the end of an
  // inline placeholder's content.
  type Step = Node | { close: Placeholder; wordyBefore: number };
  const stack: Step[] = core.nodes.slice().reverse();
  while (stack.length) {
    const step = stack.pop() as Step;
    if (!("nodeType" in step)) {
      out.push(`</${step.close.name}>`);
      step.close.hasText = wordy > step.wordyBefore;
      step.close.required = step.close.hasText;
      depth--;
      continue;
    }
    const node = step;
    if (isText(node)) {
      const data = collapse ? node.data.replace(WS_RUN, " ") : node.data;
      texts.push(node);
      plain += data;
      if (hasNonSpace(data)) wordy++;
      out.push(escapeText(data));
      continue;
    }
    if (!isElement(node)) continue;
    const r = role(node);
    if (r === "invisible") {
      passive.push(node);
      continue;
    }
    if (r === "opaque") {
      const name = `x${++counter}`;
      passive.push(node);
      // Only words must come back: a letterless one (a footnote mark, a number) that the reply leaves out goes back
      // where it was instead of failing the reply. Letters first: most opaque text has some, and one walk then does.
      const required = someText(node, hasLetter);
      const hasText = required || someText(node, hasNonSpace);
      placeholders.set(name, {
        name,
        el: node,
        opaque: true,
        hasText,
        required,
        target: node,
        nodes: [],
        lead: 0,
        trail: 0,
      });
      // A space keeps words apart in the plain text used for detection.
      plain += " ";
      out.push(`<${name}></${name}>`);
      continue;
    }
    const inside = coreRange(node, Array.from(node.childNodes), role, passive, aside);
    const name = letterFor([node, ...inside.chain]) + ++counter;
    const placeholder: Placeholder = {
      name,
      el: node,
      opaque: false,
      hasText: false,
      required: false,
      target: inside.parent as Element,
      nodes: inside.nodes,
      lead: inside.lead,
      trail: inside.trail,
    };
    placeholders.set(name, placeholder);
    out.push(`<${name}>`);
    maxDepth = Math.max(maxDepth, ++depth);
    stack.push({ close: placeholder, wordyBefore: wordy });
    for (let i = inside.nodes.length - 1; i >= 0; i--) stack.push(inside.nodes[i] as Node);
  }
  let html = out.join("");

  const first = core.nodes[0];
  const last = core.nodes[core.nodes.length - 1];
  const lead = isText(first) ? (/^\s*/.exec(first.data)?.[0] ?? "") : "";
  const trail = isText(last) ? (/\s*$/.exec(last.data)?.[0] ?? "") : "";
  html = html.replace(/^\s+/, "").replace(/\s+$/, "");
  const text = plain.replace(/\s+/g, " ").trim();
  if (!text) return null;
  return {
    html,
    text,
    lead,
    trail,
    parent: core.parent,
    nodes: core.nodes,
    placeholders,
    texts,
    collapse,
    passive,
    depth: maxDepth,
  };
}

/** Encode an attribute value or a single text as a plain-text segment (no placeholders). */
export function encodePlain(value: string, collapse = true): { html: string; lead: string; trail: string } {
  const lead = /^\s*/.exec(value)?.[0] ?? "";
  const trail = value.length > lead.length ? (/\s*$/.exec(value)?.[0] ?? "") : "";
  const body = value.slice(lead.length, value.length - trail.length);
  return { html: escapeText(collapse ? body.replace(WS_RUN, " ") : body), lead, trail };
}
