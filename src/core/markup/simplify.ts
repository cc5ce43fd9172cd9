// Simplified formatting: what a unit becomes when the model cannot keep its markup even after a retry. Its text runs
// are translated as plain text, without their inline formatting (bold, italics and other purely visual elements are
// dropped from the translation), while links and anything that is more than formatting (images, code, elements with
// their own attributes or edges) stay where they are, each with its own text translated separately. Runs are cut
// only at those kept elements, so a sentence without links goes to the model whole.
// The result is compact HTML built here from plain-text translations (escaped, so no tag can come from the model),
// decoded and merged like any reply: restore stays exact.

import { escapeText } from "../../shared/html-text";
import { hasLetter, tagOf } from "../dom";
import { type EncodedUnit, encodePlain } from "./encode";

/** Elements whose only job is how text looks: dropped in a simplified translation (their text is kept). */
const FORMATTING = new Set([
  "b",
  "strong",
  "i",
  "em",
  "u",
  "s",
  "strike",
  "del",
  "ins",
  "mark",
  "small",
  "big",
  "font",
  "tt",
  "cite",
  "q",
  "abbr",
  "dfn",
  "bdi",
  "span",
]);

/** A run of text translated on its own, as plain text. */
export interface TextRun {
  /** The request: plain text as compact HTML (escaped), edge whitespace kept aside. */
  html: string;
  lead: string;
  trail: string;
  /** Has words to translate; otherwise (punctuation, spaces) its text is kept as it is. */
  translate: boolean;
}

type Piece = { run: TextRun } | { name: string; children: Piece[] };

export interface SimplifiedPlan {
  runs: TextRun[];
  pieces: Piece[];
  /** Placeholders left out of the translation (their text is part of a run). */
  flattened: ReadonlySet<string>;
}

interface Node {
  name?: string;
  /** Escaped text (a text node), or the children (an element). */
  text?: string;
  children: Node[];
}

const unescape = (html: string): string => html.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

/** The unit's compact HTML as a tree (it is Gloss's own encoding: placeholder tags and escaped text only). */
function treeOf(html: string): Node[] {
  const root: Node = { children: [] };
  const stack: Node[] = [root];
  for (const part of html.split(/(<\/?[a-z]\d+>)/)) {
    if (!part) continue;
    const top = stack[stack.length - 1] as Node;
    const tag = /^<(\/?)([a-z]\d+)>$/.exec(part);
    if (!tag) top.children.push({ text: part, children: [] });
    else if (!tag[1]) {
      const el: Node = { name: tag[2] as string, children: [] };
      top.children.push(el);
      stack.push(el);
    } else if (stack.length > 1) stack.pop();
  }
  return root.children;
}

/** A placeholder the simplified translation may drop: pure formatting, all of whose placeholders may be dropped too. */
function flattenable(node: Node, unit: Pick<EncodedUnit, "placeholders">): boolean {
  const p = node.name ? unit.placeholders.get(node.name) : undefined;
  if (!p || p.opaque || node.name?.startsWith("a")) return false;
  // An element that wraps another (`<b><a>…`) or keeps an icon at its edge would take those with it.
  if (p.target !== p.el || p.lead > 0 || p.trail > 0) return false;
  const tag = tagOf(p.el);
  if (!FORMATTING.has(tag)) return false;
  // A span with a class or role is usually more than looks (a spoiler, a badge).
  if (tag === "span" && p.el.attributes.length > 0) return false;
  return node.children.every((c) => c.text !== undefined || flattenable(c, unit));
}

function textOf(nodes: Node[]): string {
  return nodes.map((n) => (n.text !== undefined ? n.text : textOf(n.children))).join("");
}

/** The unit as runs of plain text between the elements it keeps. Null when it has nothing to simplify. */
export function planSimplified(unit: Pick<EncodedUnit, "html" | "placeholders" | "collapse">): SimplifiedPlan | null {
  if (!unit.placeholders.size) return null;
  const runs: TextRun[] = [];
  const flattened = new Set<string>();
  const collect = (node: Node): void => {
    if (node.name) flattened.add(node.name);
    for (const c of node.children) collect(c);
  };
  const level = (nodes: Node[]): Piece[] => {
    const pieces: Piece[] = [];
    let pending: Node[] = [];
    const close = (): void => {
      const text = unescape(textOf(pending));
      pending = [];
      if (!text) return;
      const plain = encodePlain(text, unit.collapse);
      const run: TextRun = { ...plain, translate: hasLetter(text) };
      runs.push(run);
      pieces.push({ run });
    };
    for (const node of nodes) {
      if (node.text !== undefined) pending.push(node);
      else if (flattenable(node, unit)) {
        collect(node);
        pending.push(node);
      } else {
        close();
        const p = unit.placeholders.get(node.name as string);
        pieces.push({ name: node.name as string, children: p?.opaque ? [] : level(node.children) });
      }
    }
    close();
    return pieces;
  };
  const pieces = level(treeOf(unit.html));
  return { runs, pieces, flattened };
}

/** Compact HTML of the simplified translation: each run's translated text (escaped), the kept placeholders around. */
export function simplifiedHtml(plan: SimplifiedPlan, translations: ReadonlyMap<TextRun, string>): string {
  const write = (pieces: Piece[]): string =>
    pieces
      .map((p) => {
        if ("run" in p) {
          const run = p.run;
          const text = run.translate ? translations.get(run) : undefined;
          // A run without words keeps its own text; a translation is plain text with its edge whitespace back on.
          return text !== undefined ? escapeText(text) : run.lead + run.html + run.trail;
        }
        return `<${p.name}>${write(p.children)}</${p.name}>`;
      })
      .join("");
  return write(plan.pieces);
}
