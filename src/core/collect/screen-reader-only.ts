// Text kept for screen readers alone: the "visually hidden" patterns (`.sr-only`, `.visually-hidden`, WordPress's
// `.screen-reader-text`, GitHub's skip link) lay it out as a 1px box clipped to nothing. The viewport counts that box
// as on screen, but nobody sees it: it is translated (a screen reader reads it amid the translated text), after what
// a sighted reader sees, never in the first requests ahead of visible text.

import { composedParentElement, tagOf } from "../dom";
import type { StyleCache } from "./display";

/**
 * The element lies in a visually hidden box, its own or one around it (read in the style pass collection makes
 * anyway: the walk has read every element above it). A fixed box escapes the clips around it (a hidden overflow and
 * `clip` stop at it; only `clip-path` would not): a page's banner inside a visually hidden box is seen.
 */
export function screenReaderOnly(el: Element, styles: StyleCache): boolean {
  for (let n: Element | null = el; n && tagOf(n) !== "body"; n = composedParentElement(n)) {
    const style = styles.get(n);
    if (style.clippedAway) return true;
    if (style.fixed) return false;
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
  // The overflow shows up to the padding's edge: a 1px content box with padding is a box anyone sees.
  return (
    /^(hidden|clip)\b/.test(overflow) &&
    atMostOnePixel(style.width, style.paddingLeft, style.paddingRight) &&
    atMostOnePixel(style.height, style.paddingTop, style.paddingBottom)
  );
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

/** A length and its two paddings (unset or 0 as browsers and jsdom give them) add up to at most 1px. */
function atMostOnePixel(length: string, ...paddings: Array<string | undefined>): boolean {
  if (!/px$/.test(length)) return false;
  let sum = parseFloat(length);
  for (const padding of paddings) {
    if (!padding || /^0(px)?$/.test(padding)) continue;
    if (!/px$/.test(padding)) return false;
    sum += parseFloat(padding);
  }
  return sum <= 1;
}
