// Where a fixed box of Gloss's in-page UI shows, whatever the page does to <html>: the host sits under <html>, and a
// transform, perspective, `will-change` or `contain` there makes <html>'s box the containing block of fixed boxes
// (the page's zoom there is undone by the host itself: see ui-host.ts).
import { fitWidth, onVisibleAreaChange, visibleArea } from "./visible-area";
import { htmlOf, viewOf } from "../core/dom";

/** Puts `card` (position: fixed) with its top left corner at (`top`, `left`) of the viewport, as the reader sees it. */
export function placeFixed(card: HTMLElement, top: number, left: number): void {
  const set = (y: number, x: number) => {
    card.style.top = `${y}px`;
    card.style.left = `${x}px`;
  };
  set(top, left);
  // With <html> as its containing block, the card's 0,0 is the top of the page, scrolled away with it. Measured and
  // made up for.
  const shown = card.getBoundingClientRect();
  const off = (want: number, got: number) => (Math.abs(want - got) > 0.5 ? want - got : 0);
  const dy = off(top, shown.top);
  const dx = off(left, shown.left);
  if (dy || dx) set(top + dy, left + dx);
}

/** An empty fixed box spanning its containing block, to find where that block is (see followViewport). */
export const FRAME_CSS = `.frame { position: fixed; inset: 0; visibility: hidden; pointer-events: none; }`;

export interface ViewportFollower {
  /** Measures (once until stop(), or while following) and moves the box back into the viewport if it is off; follows
   * scrolling from then on. */
  update(): void;
  stop(): void;
}

/**
 * Keeps `box`, set in the viewport's `corner` by its CSS (right and bottom, or top and left), there when a transform,
 * perspective, will-change or contain on <html> makes <html> the containing block of fixed boxes: the box would sit
 * at the page's top or bottom instead, off screen on a long page. `frame` is an empty box with FRAME_CSS in the same
 * shadow root, outside `box` (the box's own shift would move it too). Nothing moves, and nothing is followed, on pages
 * without such a style.
 */
export function followViewport(
  frame: HTMLElement,
  box: HTMLElement,
  corner: "top-left" | "bottom-right",
  /** The box spans its block (inset: 0, a backdrop): it is given the viewport's size there instead. */
  fill = false,
  /** How far the box keeps from the viewport's sides: a narrower visible area (a pinch zoom) narrows it to fit. */
  inset?: number,
): ViewportFollower {
  const doc = frame.ownerDocument;
  const win = viewOf(doc);
  let following = false;
  /** Measured since the box was last put into the page: on a page without such a style, once is enough. */
  let measured = false;
  const measure = () => {
    const view = htmlOf(doc);
    const block = frame.getBoundingClientRect();
    const layout = { width: view.clientWidth, height: view.clientHeight };
    // What the reader sees: on a phone, above the on-screen keyboard and inside a pinch zoom.
    const seen = visibleArea(win, layout);
    const [dx, dy] =
      corner === "top-left"
        ? [seen.left - block.left, seen.top - block.top]
        : [seen.right - block.right, seen.bottom - block.bottom];
    const off = Math.abs(dx) > 0.5 || Math.abs(dy) > 0.5;
    box.style.translate = off ? `${dx}px ${dy}px` : "";
    // The block is not the viewport (<html>'s box, the page's whole height): the box is where it should be only
    // until the page scrolls, even when it is now (a top edge at the top of the page).
    const viewport = [0, 0, layout.width, layout.height];
    const differs = (box: readonly number[]) => box.some((at, i) => Math.abs(at - viewport[i]!) > 0.5);
    const elsewhere = differs([block.left, block.top, block.right, block.bottom]);
    if (inset !== undefined) fitWidth(box, seen, layout.width, inset);
    if (fill) {
      const sized = elsewhere || differs([seen.left, seen.top, seen.right, seen.bottom]);
      box.style.width = sized ? `${seen.right - seen.left}px` : "";
      box.style.height = sized ? `${seen.bottom - seen.top}px` : "";
    }
    if (elsewhere && !following) track(true);
  };
  const update = () => {
    // Each measure lays out the page: not on every progress report while the page is being written.
    if (measured && !following) return;
    if (!measured && win) onVisibleAreaChange(win, measure, true);
    measured = true;
    measure();
  };
  const track = (on: boolean) => {
    following = on;
    if (!win) return;
    const method = on ? "addEventListener" : "removeEventListener";
    win[method]("scroll", update, { capture: true, passive: true });
    win[method]("resize", update, { passive: true });
  };
  return {
    update,
    stop() {
      if (measured && win) onVisibleAreaChange(win, measure, false);
      measured = false;
      if (following) track(false);
    },
  };
}
