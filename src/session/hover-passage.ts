// What resting the pointer translates: the paragraph the reader sees under it (below any layer they see through), or
// in a block that mixes its own text with child blocks, the run of text under it; nothing over Gloss's UI or a field.
import { fallbackDisplay, isInlineDisplay } from "../core/collect/display";
import { composedParentElement } from "../core/dom";
import { isEditable } from "./editable";
import type { HoverDeps } from "./hover";
import { looseRuns, runAt, runRange } from "./loose-run";
import { defaultElementsAt, hasOwnText, seenLayers } from "./seen-layer";
import { OPEN_ROOTS_ONLY } from "./shadow-sight";
import { bodyOf, htmlOf, newRange } from "../core/dom";

/** A passage hover may translate; `key` stays the same while the pointer moves within it. */
export interface Passage {
  key: Node;
  range(): Range;
}

/** What resting at (x, y) on `hit`, the innermost element the page lets us see there, translates. */
export type PassageAt = (hit: Element, x: number, y: number) => Passage | null;

export function passageFinder(deps: HoverDeps): PassageAt {
  const win = deps.window;
  const doc = win.document;
  const seen = seenLayers(
    win,
    deps.elementsAt ?? defaultElementsAt,
    (element) => deps.isOwnUi?.(element) ?? false,
    deps.shadows ?? OPEN_ROOTS_ONLY,
  );

  const displayOf = (element: Element): string => {
    try {
      return win.getComputedStyle(element).display || fallbackDisplay(element);
    } catch {
      return fallbackDisplay(element);
    }
  };

  /** The block holding the text under the pointer; none over a container's empty space, Gloss's UI or a field. */
  function paragraphAt(target: Element): Element | null {
    if (!hasOwnText(target)) return null;
    for (let element: Element | null = target; element; element = composedParentElement(element)) {
      if (element === bodyOf(doc) || element === htmlOf(doc)) return null;
      if (isEditable(element)) return null;
      if (!isInlineDisplay(displayOf(element))) return element;
    }
    return null;
  }

  function contentsOf(paragraph: Element): Range {
    const range = newRange(doc);
    range.selectNodeContents(paragraph);
    return range;
  }

  /**
   * The paragraph, or in a block that mixes its own text with child blocks, the run of text under the pointer (none
   * over the space between its paragraphs; the whole block where layout cannot tell).
   */
  return (hit, x, y) => {
    const target = seen.at(hit, x, y);
    const paragraph = target && paragraphAt(target);
    if (!paragraph) return null;
    const runs = looseRuns(paragraph, displayOf);
    const run = runs.length ? runAt(doc, runs, x, y) : undefined;
    if (run === null) return null;
    if (run) return { key: run[0], range: () => runRange(doc, run) };
    return { key: paragraph, range: () => contentsOf(paragraph) };
  };
}
