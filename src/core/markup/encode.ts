// Compact markup: a unit becomes text with short numbered placeholder tags and no attributes, e.g.
// `Lies <a1>den Artikel</a1> und <x2></x2>`. URLs, classes and attributes never reach the model (they cost tokens and
// are what an injected prompt would want to change). To save tokens further, edges that need no translation stay
// out of the request: whitespace, empty or opaque elements at the start/end, and a wrapper holding the whole unit
// (`<li><a>Home</a></li>` sends `Home`). The numbers are the engine's names; on the way to a model the server client
// leaves out the number of a kind's only placeholder (`<a>`, src/llm/wire-names.ts) and puts it back in the reply.

import { escapeText } from "../../shared/html-text";
import { StyleCache } from "../collect/display";
import {
  type Container,
  hasLetter,
  hasNonSpace,
  isElement,
  isText,
  someText,
  tagOf,
  windowOf,
  documentOf,
  childNodesOf,
} from "../dom";
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
      nodes = childNodesOf(only);
      before = 0;
      after = 0;
      continue;
    }
    return { parent, nodes: core, lead: before + start, trail: after + nodes.length - end, chain };
  }
}

/** A step of the walk: a node, or the end of an inline placeholder's content. */
type Step = Node | { close: Placeholder; wordyBefore: number };

/** What one encoding gathers as it walks the unit. */
interface Encoding {
  role: (el: Element) => Role;
  aside: (el: Element) => boolean;
  collapse: boolean;
  passive: Element[];
  placeholders: Map<string, Placeholder>;
  texts: Text[];
  out: string[];
  counter: number;
  plain: string;
  /** Texts with non-whitespace seen so far: a placeholder holds text when this grew while it was open. */
  wordy: number;
  depth: number;
  maxDepth: number;
}

/** The unit's parent and its nodes: all of a container's children, or a run of siblings (null when detached). */
function unitNodes(target: Container | readonly Node[]): { parent: Container; nodes: Node[] } | null {
  if (!Array.isArray(target)) {
    const parent = target as Container;
    return { parent, nodes: childNodesOf(parent) };
  }
  const first = target[0] as Node | undefined;
  if (!first?.parentNode) return null;
  return { parent: first.parentNode as Container, nodes: [...target] };
}

function encodeText(enc: Encoding, node: Text): void {
  const data = enc.collapse ? node.data.replace(WS_RUN, " ") : node.data;
  enc.texts.push(node);
  enc.plain += data;
  if (hasNonSpace(data)) enc.wordy++;
  enc.out.push(escapeText(data));
}

/** An element sent as an empty placeholder: its content is never touched. */
function encodeOpaque(enc: Encoding, node: Element): void {
  const name = `x${++enc.counter}`;
  enc.passive.push(node);
  // Only words must come back: a letterless one (a footnote mark, a number) that the reply leaves out goes back
  // where it was instead of failing the reply. Letters first: most opaque text has some, and one walk then does.
  const required = someText(node, hasLetter);
  const hasText = required || someText(node, hasNonSpace);
  enc.placeholders.set(name, {
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
  enc.plain += " ";
  enc.out.push(`<${name}></${name}>`);
}

/** An inline element: its placeholder opens, and its content (and then its end) is queued on the stack. */
function openInline(enc: Encoding, node: Element, stack: Step[]): void {
  const inside = coreRange(node, childNodesOf(node), enc.role, enc.passive, enc.aside);
  const name = letterFor([node, ...inside.chain]) + ++enc.counter;
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
  enc.placeholders.set(name, placeholder);
  enc.out.push(`<${name}>`);
  enc.maxDepth = Math.max(enc.maxDepth, ++enc.depth);
  stack.push({ close: placeholder, wordyBefore: enc.wordy });
  for (let i = inside.nodes.length - 1; i >= 0; i--) stack.push(inside.nodes[i] as Node);
}

function closeInline(enc: Encoding, close: Placeholder, wordyBefore: number): void {
  enc.out.push(`</${close.name}>`);
  close.hasText = enc.wordy > wordyBefore;
  close.required = close.hasText;
  enc.depth--;
}

/** Depth first with an explicit stack (no recursion, whatever the page's nesting). */
function walk(enc: Encoding, nodes: Node[]): void {
  const stack: Step[] = nodes.slice().reverse();
  while (stack.length) {
    const step = stack.pop() as Step;
    if (!("nodeType" in step)) closeInline(enc, step.close, step.wordyBefore);
    else if (isText(step)) encodeText(enc, step);
    else if (isElement(step)) {
      const r = enc.role(step);
      if (r === "invisible") enc.passive.push(step);
      else if (r === "opaque") encodeOpaque(enc, step);
      else openInline(enc, step, stack);
    }
  }
}

/**
 * Encode a unit: an element or shadow root (all its children), or a run of consecutive sibling nodes.
 * Returns null when nothing in it needs translating.
 */
export function encodeUnit(target: Container | readonly Node[], options: EncodeOptions = {}): EncodedUnit | null {
  const range = unitNodes(target);
  if (!range) return null;
  const enc: Encoding = {
    role: options.role ?? defaultRoles(documentOf(range.parent)),
    aside: options.aside ?? (() => false),
    collapse: !options.preformatted,
    passive: [],
    placeholders: new Map(),
    texts: [],
    out: [],
    counter: 0,
    plain: "",
    wordy: 0,
    depth: 0,
    maxDepth: 0,
  };
  const core = coreRange(range.parent, range.nodes, enc.role, enc.passive, enc.aside);
  if (!core.nodes.length) return null;
  walk(enc, core.nodes);

  const first = core.nodes[0];
  const last = core.nodes[core.nodes.length - 1];
  const lead = isText(first) ? (/^\s*/.exec(first.data)?.[0] ?? "") : "";
  const trail = isText(last) ? (/\s*$/.exec(last.data)?.[0] ?? "") : "";
  const html = enc.out.join("").replace(/^\s+/, "").replace(/\s+$/, "");
  const text = enc.plain.replace(/\s+/g, " ").trim();
  if (!text) return null;
  return {
    html,
    text,
    lead,
    trail,
    parent: core.parent,
    nodes: core.nodes,
    placeholders: enc.placeholders,
    texts: enc.texts,
    collapse: enc.collapse,
    passive: enc.passive,
    depth: enc.maxDepth,
  };
}

/**
 * A plain-text segment whose line breaks show (a tooltip's lines): spaces collapse within each line, and each break
 * travels as one line feed.
 */
export function encodeLines(value: string): { html: string; lead: string; trail: string } {
  const { html, lead, trail } = encodePlain(value, false);
  const lines = html.split(/\r\n?|\n/).map((line) => line.replace(WS_RUN, " ").trim());
  return { html: lines.join("\n"), lead, trail };
}

/** Encode an attribute value or a single text as a plain-text segment (no placeholders). */
export function encodePlain(value: string, collapse = true): { html: string; lead: string; trail: string } {
  const lead = /^\s*/.exec(value)?.[0] ?? "";
  const trail = value.length > lead.length ? (/\s*$/.exec(value)?.[0] ?? "") : "";
  const body = value.slice(lead.length, value.length - trail.length);
  return { html: escapeText(collapse ? body.replace(WS_RUN, " ") : body), lead, trail };
}
