// The part of the window the reader sees, in the coordinates fixed boxes and getBoundingClientRect() use (the layout
// viewport's). On a phone that is less than the window: the on-screen keyboard and a pinch zoom shrink only the
// visual viewport, so a card kept inside innerWidth × innerHeight can sit under the keyboard or off the zoomed view.

export interface VisibleArea {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** `size`: the layout viewport as the caller counts it (the window, or its part without scroll bars). */
export function visibleArea(win: Window | null, size: { width: number; height: number }): VisibleArea {
  const area = { top: 0, left: 0, bottom: size.height, right: size.width };
  const visual = win?.visualViewport;
  if (!visual || !(visual.width > 0) || !(visual.height > 0)) return area;
  return {
    top: Math.max(area.top, visual.offsetTop),
    left: Math.max(area.left, visual.offsetLeft),
    bottom: Math.min(area.bottom, visual.offsetTop + visual.height),
    right: Math.min(area.right, visual.offsetLeft + visual.width),
  };
}

/**
 * Keeps `box` `margin` px inside both sides of the visible area where a pinch zoom makes it narrower than the window:
 * a card as wide as the window allows would run off the zoomed view. Call before measuring the box.
 */
export function fitWidth(box: HTMLElement, area: VisibleArea, layoutWidth: number, margin: number): void {
  const width = area.right - area.left;
  box.style.maxWidth = width < layoutWidth - 0.5 ? `${Math.max(0, width - 2 * margin)}px` : "";
}

/** Calls `listener` when the visible area changes without a window event (the keyboard opens, the reader zooms). */
export function onVisibleAreaChange(win: Window, listener: () => void, on: boolean): void {
  const visual = win.visualViewport;
  if (!visual) return;
  const method = on ? "addEventListener" : "removeEventListener";
  visual[method]("resize", listener);
  visual[method]("scroll", listener);
}
