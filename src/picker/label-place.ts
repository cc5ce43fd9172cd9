// Where the picker's label (the outlined part's selector and count) shows: just above the part, and always whole
// inside what the reader sees of the window, at its edges, with the browser's zoom and inside a pinch zoom.
import { visibleArea } from "../session/visible-area";

type Box = Pick<DOMRect, "top" | "left" | "width" | "height">;

/** How far the label keeps from the window's edges. */
const EDGE = 4;

/** The label's top left corner for the part at `part`, the label being `label` in size. */
export function labelPlace(part: Box, label: Box, win: Window, doc: Document): { top: number; left: number } {
  const view = doc.documentElement;
  const area = visibleArea(win, {
    width: view.clientWidth || win.innerWidth,
    height: view.clientHeight || win.innerHeight,
  });
  const height = label.height || 22;
  // Above the part, or inside its top edge when the window's top is there.
  const above = part.top - height;
  const top = above >= area.top ? above : Math.max(area.top, part.top);
  const within = (at: number, size: number, start: number, end: number) =>
    Math.round(Math.max(start + EDGE, Math.min(at, end - size - EDGE)));
  return {
    top: within(top, height, area.top - EDGE, area.bottom),
    left: within(part.left, label.width, area.left, area.right),
  };
}
