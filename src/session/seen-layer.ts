// The element whose text the reader sees under the pointer, for hover. Pages lay layers over their text that the
// pointer hits first: a click catcher, a link stretched over a whole card, a scrim faded to nothing, a block of text
// at opacity 0. Such layers are looked through to what lies below, and text a page hid is never the answer.
import { UNSEEN_OPACITY, shownOpacity, styleReader, type StyleOf } from "../core/shown-opacity";
import type { ShadowSight } from "./shadow-sight";
import { newRange, tagOf } from "../core/dom";

type Scope = Document | ShadowRoot;
/** The elements under a point in a document or shadow root, topmost first (the browser's elementsFromPoint). */
export type ElementsAt = (x: number, y: number, scope: Scope) => Element[];

/** A text-less layer covering less than this (its background's alpha times its opacity) leaves the text below it
 * readable: a transparent click catcher, a dimming scrim. */
const SEE_THROUGH = 0.5;
/** Elements that show something of their own without text: over a paragraph, the reader sees them, not the text. */
const PAINTED = new Set([
  "img",
  "picture",
  "video",
  "canvas",
  "svg",
  "iframe",
  "frame",
  "object",
  "embed",
  "input",
  "textarea",
  "select",
  "meter",
  "progress",
]);

/** What a layer is to the reader at the point: its own text, a surface hiding what is below, or see-through. */
type Look = "text" | "surface" | "through";

export const defaultElementsAt: ElementsAt = (x, y, scope) => scope.elementsFromPoint?.(x, y) ?? [];

export function hasOwnText(element: Element): boolean {
  for (const child of element.childNodes) {
    if (child.nodeType === 3 && child.nodeValue?.trim()) return true;
  }
  return false;
}

/** A colour's alpha, as computed styles give it (`rgba(…, a)`, `rgb(… / a)`, `transparent`); `unset` when empty. */
function alphaOf(color: string | undefined, unset: number): number {
  const value = color?.trim() ?? "";
  if (!value) return unset;
  if (value === "transparent") return 0;
  const inside = /\((.*)\)$/.exec(value)?.[1];
  if (!inside) return 1;
  const alpha = inside.includes("/") ? inside.split("/")[1] : inside.split(",")[3];
  if (alpha === undefined) return 1;
  const number = parseFloat(alpha);
  if (!Number.isFinite(number)) return 1;
  return alpha.trim().endsWith("%") ? number / 100 : number;
}

/** The box around a range's text boxes (it covers the gaps between lines); undefined where there is no layout. */
function textBox(range: Range): { top: number; left: number; bottom: number; right: number } | undefined {
  let rects: DOMRect[];
  try {
    rects = typeof range.getClientRects === "function" ? Array.from(range.getClientRects()) : [];
  } catch {
    return undefined;
  }
  if (!rects.length) return undefined;
  return {
    top: Math.min(...rects.map((r) => r.top)),
    left: Math.min(...rects.map((r) => r.left)),
    bottom: Math.max(...rects.map((r) => r.bottom)),
    right: Math.max(...rects.map((r) => r.right)),
  };
}

export interface SeenLayers {
  /** What the reader sees at the point where `pointed` is the element the pointer hit: it, or one below it. */
  at(pointed: Element, x: number, y: number): Element | null;
}

/** How an element shows at (x, y), its style read afresh for each point (a page changes it as the pointer goes). */
function lookAt(doc: Document, styleOf: StyleOf, x: number, y: number): (element: Element) => Look {
  const opacities = new Map<Element, number>();
  return (element) => {
    const style = styleOf(element);
    const opacity = shownOpacity(element, styleOf, opacities);
    if (opacity < UNSEEN_OPACITY || style?.visibility === "hidden" || style?.visibility === "collapse") {
      return "through";
    }
    if (hasOwnText(element) && textShownAt(doc, element, style, opacity, x, y)) return "text";
    return paints(element, style, opacity) ? "surface" : "through";
  };
}

/** Whether the element's text can be read, and lies under the point (where layout can tell). */
function textShownAt(
  doc: Document,
  element: Element,
  style: CSSStyleDeclaration | undefined,
  opacity: number,
  x: number,
  y: number,
): boolean {
  // Transparent letters are hidden text, unless they show the background through them (a gradient heading).
  const fill = style?.getPropertyValue("-webkit-text-fill-color") || style?.color;
  const clip = `${style?.backgroundClip ?? ""} ${style?.getPropertyValue("-webkit-background-clip") ?? ""}`;
  if (alphaOf(fill, 1) * opacity < UNSEEN_OPACITY && !clip.includes("text")) return false;
  const range = newRange(doc);
  range.selectNodeContents(element);
  const box = textBox(range);
  return !box || (x >= box.left && x <= box.right && y >= box.top && y <= box.bottom);
}

/** Whether a layer with no text at the point hides what lies below it. */
function paints(element: Element, style: CSSStyleDeclaration | undefined, opacity: number): boolean {
  // A custom element may draw in a closed shadow root Gloss cannot look into.
  if (PAINTED.has(tagOf(element)) || tagOf(element).includes("-")) return true;
  if (!style) return true;
  if ((style.backgroundImage || "none") !== "none") return true;
  const backdrop = style.getPropertyValue("backdrop-filter") || style.getPropertyValue("-webkit-backdrop-filter");
  if (backdrop && backdrop !== "none") return true;
  return alphaOf(style.backgroundColor, 0) * opacity >= SEE_THROUGH;
}

/** How the elements under a point are found, and which are Gloss's own. */
interface LayerSight {
  elementsAt: ElementsAt;
  isOwnUi: (element: Element) => boolean;
  shadows: ShadowSight;
}

/**
 * The elements under the point, topmost first, into the shadow roots this platform sees (a component's text is
 * drawn there, or a picture over the page's text: a host is judged by what its shadow draws at the point).
 */
function* layers(sight: LayerSight, x: number, y: number, scope: Scope): Generator<Element> {
  for (const element of sight.elementsAt(x, y, scope)) {
    if (element.getRootNode() !== scope) continue;
    const root = sight.shadows.rootOf(element);
    if (root && !sight.isOwnUi(element)) yield* layers(sight, x, y, root);
    yield element;
  }
}

export function seenLayers(
  win: Window,
  elementsAt: ElementsAt,
  isOwnUi: (element: Element) => boolean,
  shadows: ShadowSight,
): SeenLayers {
  const doc = win.document;
  const styleOf: StyleOf = styleReader(win);
  const sight: LayerSight = { elementsAt, isOwnUi, shadows };
  return {
    at(pointed, x, y) {
      const look = lookAt(doc, styleOf, x, y);
      if (look(pointed) !== "through") return pointed;
      for (const element of layers(sight, x, y, doc)) {
        if (isOwnUi(element)) return null;
        if (element !== pointed && look(element) !== "through") return element;
      }
      return null;
    },
  };
}
