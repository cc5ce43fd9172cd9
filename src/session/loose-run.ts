// The run of loose text under the pointer in a block that mixes its own text with child blocks (a forum post's
// lines between quotes, a Hacker News comment's first paragraph before its <p>s): hover translates that run, not
// every paragraph of the block.
import { isInlineDisplay } from "../core/collect/display";
import { newRange } from "../core/dom";

/** The first and last node of a run of inline content between a block's child blocks. */
export type Run = readonly [first: Node, last: Node];

function hasText(nodes: readonly Node[]): boolean {
  return nodes.some((node) => (node.nodeType === 3 || node.nodeType === 1) && !!node.textContent?.trim());
}

/** The block's runs of inline content with text; none when it holds no child block (it is one paragraph). */
export function looseRuns(block: Element, displayOf: (element: Element) => string): Run[] {
  const runs: Run[] = [];
  let current: Node[] = [];
  let mixed = false;
  const close = () => {
    if (hasText(current)) runs.push([current[0]!, current.at(-1)!]);
    current = [];
  };
  for (const child of block.childNodes) {
    // A hidden child (a script, a collapsed span) sits inside a line without ending it.
    const display = child.nodeType === 1 ? displayOf(child as Element) : "inline";
    if (display !== "none" && !isInlineDisplay(display)) {
      mixed = true;
      close();
    } else current.push(child);
  }
  close();
  return mixed ? runs : [];
}

export function runRange(doc: Document, [first, last]: Run): Range {
  const range = newRange(doc);
  range.setStartBefore(first);
  range.setEndAfter(last);
  return range;
}

/**
 * The run whose lines hold the point (client coordinates): the box around its text boxes, which also covers the gaps
 * between its lines (a text box is only as tall as the font, a line as tall as its line-height); null outside every
 * run (the space between the block's paragraphs), undefined where the browser gives no layout to tell.
 */
export function runAt(doc: Document, runs: readonly Run[], x: number, y: number): Run | null | undefined {
  let laidOut = false;
  for (const run of runs) {
    let rects: ArrayLike<DOMRect>;
    try {
      rects = runRange(doc, run).getClientRects();
    } catch {
      return undefined;
    }
    const around = { top: Infinity, left: Infinity, bottom: -Infinity, right: -Infinity };
    for (const rect of Array.from(rects)) {
      laidOut = true;
      around.top = Math.min(around.top, rect.top);
      around.left = Math.min(around.left, rect.left);
      around.bottom = Math.max(around.bottom, rect.bottom);
      around.right = Math.max(around.right, rect.right);
    }
    if (x >= around.left && x <= around.right && y >= around.top && y <= around.bottom) return run;
  }
  return laidOut ? null : undefined;
}
