// The one walk from a document to the reader's focus (the userscript's keys, the field to translate, the selection):
// through shadow roots, into the frames the page can read, and never held by what the page answers.
import { focusWalk } from "../../src/core/frames/focus-walk";

afterEach(() => document.body.replaceChildren());

it("goes into a frame, the frame inside it and an open shadow root there; a closed root only where the platform shows it", () => {
  const outer = document.body.appendChild(document.createElement("iframe"));
  const inner = outer.contentDocument!.body.appendChild(document.createElement("iframe"));
  const host = inner.contentDocument!.body.appendChild(document.createElement("x-chat"));
  const box = host.attachShadow({ mode: "open" }).appendChild(document.createElement("textarea"));
  box.focus();
  inner.focus();
  outer.focus();
  const walk = focusWalk(document);
  expect(walk).toEqual({ docs: [document, outer.contentDocument, inner.contentDocument], element: box });

  const closedHost = document.body.appendChild(document.createElement("x-closed"));
  const closed = closedHost.attachShadow({ mode: "closed" });
  const field = closed.appendChild(document.createElement("input"));
  field.focus();
  expect(focusWalk(document).element).toBe(closedHost);
  expect(focusWalk(document, { shadowRootOf: (el) => (el === closedHost ? closed : el.shadowRoot) }).element).toBe(
    field,
  );
});

it("stops at a frame it is not to enter, another site's, or one nested too deep, and names it", () => {
  let frame = document.body.appendChild(document.createElement("iframe"));
  frame.focus();
  expect(focusWalk(document, { enters: () => false })).toEqual({ docs: [document], element: frame, stoppedAt: frame });
  Object.defineProperty(frame, "contentDocument", { get: () => null });
  expect(focusWalk(document).stoppedAt).toBe(frame);

  // Seventeen frames, each inside the last.
  document.body.replaceChildren();
  let doc = document;
  for (let i = 0; i < 17; i++) {
    frame = doc.body.appendChild(doc.createElement("iframe"));
    frame.focus();
    doc = frame.contentDocument!;
  }
  const deep = focusWalk(document);
  expect(deep.docs).toHaveLength(17);
  expect(deep.stoppedAt).toBe(frame);
});

it("is not held by a page whose getters throw or lead round in a circle", () => {
  const host = document.body.appendChild(document.createElement("x-loop"));
  host.tabIndex = 0;
  host.focus();
  // The page's shadow root names its own host as what has the focus inside it.
  Object.defineProperty(host, "shadowRoot", { get: () => ({ activeElement: host }) });
  expect(focusWalk(document)).toEqual({ docs: [document], element: host });

  const frame = document.body.appendChild(document.createElement("iframe"));
  frame.focus();
  const inner = frame.contentDocument!;
  Object.defineProperty(inner, "activeElement", {
    get: () => {
      throw new Error("the page's own getter");
    },
  });
  // The document's own activeElement is read: a page's property of that name (a form named so) neither throws nor
  // stands in for it.
  expect(focusWalk(document)).toEqual({ docs: [document, inner], element: inner.body });
  expect(
    focusWalk(document, {
      enters: () => {
        throw new Error("asked the page");
      },
    }).stoppedAt,
  ).toBe(frame);
});
