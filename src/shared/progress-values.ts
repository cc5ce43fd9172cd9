// A progress bar as screen readers get it, the same in the popup, the in-page status card and the progress line:
// "3 of 10 passages" while the passages are counted; before that it has no value (indeterminate), not "0 of 0".
import { passages } from "./outcome-text";

/** Sets `bar`'s ARIA values for `done` of `total`; returns the part done, from 0 to 1. */
export function setProgressValues(bar: Element, done: number, total: number): number {
  const shown = Math.min(done, total);
  bar.setAttribute("aria-valuemin", "0");
  if (total) {
    bar.setAttribute("aria-valuemax", String(total));
    bar.setAttribute("aria-valuenow", String(shown));
    bar.setAttribute("aria-valuetext", `${shown} of ${passages(total)}`);
  } else {
    bar.setAttribute("aria-valuemax", "100");
    bar.removeAttribute("aria-valuenow");
    bar.setAttribute("aria-valuetext", "Starting");
  }
  return total ? shown / total : 0;
}

/**
 * The fill of a bar in a page (the progress line, the status card's bar), as a transform of a fill as wide as the bar:
 * its transition then runs on the compositor. A transition of its width laid the page out and painted it again at
 * every animation frame for as long as progress kept coming (a third of the page's CPU while a long thread was
 * translated; bench/content-cpu.ts). `least`: the part shown before any is done.
 */
export function fillTransform(part: number, least = 0): string {
  return `scaleX(${Math.max(least, part).toFixed(3)})`;
}

/** The CSS of such a fill: it grows from the bar's start, the right on a right-to-left page. */
export function fillCss(fill: string, transition: string): string {
  return `${fill} { height: 100%; width: 100%; transform: scaleX(0); transform-origin: left; ${transition} }
${fill}:dir(rtl) { transform-origin: right; }`;
}
