// Text kept for screen readers alone: the "visually hidden" patterns (`.sr-only`, `.visually-hidden`, WordPress's
// `.screen-reader-text`, GitHub's skip link) lay it out as a 1px box clipped to nothing. The viewport counts that box
// as on screen, but nobody sees it: it is translated (a screen reader reads it amid the translated text), after what
// a sighted reader sees, never in the first requests ahead of visible text.

import { composedParentElement, tagOf } from "../dom";
import type { StyleCache } from "./display";

/**
 * The element lies in a visually hidden box, its own or one around it (read in the style pass collection makes
 * anyway: the walk has read every element above it).
 */
export function screenReaderOnly(el: Element, styles: StyleCache): boolean {
  for (let n: Element | null = el; n && tagOf(n) !== "body"; n = composedParentElement(n)) {
    if (styles.get(n).clippedAway) return true;
  }
  return false;
}

/**
 * Taken out of the flow and clipped to nothing: `clip` a rectangle without area (`rect(0 0 0 0)`, the older
 * `rect(1px, 1px, 1px, 1px)`), `clip-path: inset(50%)`, or a box of at most 1px with hidden overflow. Only a box taken
 * out of the flow: a 1px box in it is a spacer or an image's frame, not text put away.
 */
export function clippedAway(style: CSSStyleDeclaration): boolean {
  if (style.position !== "absolute" && style.position !== "fixed") return false;
  if (emptyRect(style.clip) || insetAway(style.clipPath)) return true;
  const overflow = style.overflowX || style.overflow;
  return /^(hidden|clip)\b/.test(overflow) && atMostOnePixel(style.width) && atMostOnePixel(style.height);
}

function emptyRect(clip: string): boolean {
  const m = /^rect\((.*)\)$/.exec(clip.trim());
  if (!m) return false;
  const [top, right, bottom, left] = (m[1] as string).split(/[\s,]+/).map((v) => (v === "auto" ? NaN : parseFloat(v)));
  const flat = (a: number | undefined, b: number | undefined): boolean =>
    a !== undefined && b !== undefined && !Number.isNaN(a) && !Number.isNaN(b) && b <= a;
  return flat(top, bottom) || flat(left, right);
}

/** `inset(50%)` or more from every side leaves nothing. */
function insetAway(clipPath: string): boolean {
  const m = /^inset\(\s*([\d.]+)%\s*\)$/.exec(clipPath.trim());
  return !!m && parseFloat(m[1] as string) >= 50;
}

function atMostOnePixel(length: string): boolean {
  return /px$/.test(length) && parseFloat(length) <= 1;
}
