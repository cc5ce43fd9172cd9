// Where a field in a frame's editor shows on the page (for Gloss's card beside it): jsdom has no layout, so each box
// is given where a browser would have it.
import { rectOnPage } from "../../src/writing/field-frames";

/** A frame in `doc` at `box` (in its document's viewport), with a 3 px border and 5 px padding all round. */
function frameAt(doc: Document, box: { left: number; top: number; width: number; height: number }): HTMLIFrameElement {
  const frame = doc.createElement("iframe");
  frame.style.cssText = "border: 3px solid; padding: 5px";
  doc.body.append(frame);
  const inside = { width: box.width - 6, height: box.height - 6 }; // within the border, padding included
  Object.defineProperties(frame, {
    clientLeft: { value: 3 },
    clientTop: { value: 3 },
    clientWidth: { value: inside.width },
    clientHeight: { value: inside.height },
  });
  frame.getBoundingClientRect = () => DOMRect.fromRect({ x: box.left, y: box.top, ...box });
  return frame;
}

it("a field in nested frames with borders and padding is placed inside each frame's content, and cut where a frame ends", () => {
  document.body.replaceChildren();
  // The outer frame's content starts at 100 + 3 + 5 and is 400 − 16 wide; the inner one's at 10 + 8 within it.
  const outer = frameAt(document, { left: 100, top: 50, width: 400, height: 300 });
  const inner = frameAt(outer.contentDocument!, { left: 10, top: 20, width: 200, height: 100 });
  const body = inner.contentDocument!.body;
  // The editor's body runs on below and beyond its frame (the user wrote a long text).
  body.getBoundingClientRect = () => DOMRect.fromRect({ x: 0, y: 0, width: 1000, height: 1000 });
  expect(rectOnPage(body, document)).toEqual({
    left: 100 + 8 + 10 + 8,
    top: 50 + 8 + 20 + 8,
    // The inner frame shows 200 − 16 of it.
    right: 100 + 8 + 10 + 8 + 184,
    bottom: 50 + 8 + 20 + 8 + 84,
  });
});

it("a field whose frame was removed is not on the page any more", () => {
  document.body.replaceChildren();
  const frame = frameAt(document, { left: 0, top: 0, width: 100, height: 100 });
  const body = frame.contentDocument!.body;
  frame.remove();
  expect(rectOnPage(body, document)).toBeUndefined();
});

it("an editor's body holding one line yet is the whole frame (the card goes beside the frame, not over the editor); a box in a frame is its own", () => {
  document.body.replaceChildren();
  const frame = frameAt(document, { left: 300, top: 200, width: 416, height: 176 });
  const doc = frame.contentDocument!;
  doc.body.getBoundingClientRect = () => DOMRect.fromRect({ x: 8, y: 8, width: 384, height: 20 });
  expect(rectOnPage(doc.body, document)).toEqual({ left: 308, top: 208, right: 308 + 400, bottom: 208 + 160 });
  const box = doc.createElement("textarea");
  doc.body.append(box);
  box.getBoundingClientRect = () => DOMRect.fromRect({ x: 8, y: 8, width: 200, height: 40 });
  expect(rectOnPage(box, document)).toEqual({ left: 316, top: 216, right: 516, bottom: 256 });
});
