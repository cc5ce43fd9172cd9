// The userscript's Alt+Shift+M where the focus is in a frame's editor (TinyMCE): the userscript runs in the top page
// only, and keys pressed in a frame go to the frame's window. Its listener follows the focus into the frames the page
// can read, nested ones too.
import { keydownInFrames } from "../../src/userscript/frame-keys";
import { eventually } from "../helpers/eventually";

/** A frame in `doc` with an empty document of the page's own. */
function frameIn(doc: Document): HTMLIFrameElement {
  const frame = doc.createElement("iframe");
  doc.body.append(frame);
  return frame;
}

it("a key pressed in an editor inside frames of the page reaches Gloss once the focus has gone there", async () => {
  document.body.replaceChildren();
  const outer = frameIn(document);
  const inner = frameIn(outer.contentDocument!);
  const editor = inner.contentDocument!.createElement("textarea");
  inner.contentDocument!.body.append(editor);
  const heard: EventTarget[] = [];
  keydownInFrames(document, (event) => heard.push(event.target!));

  // The focus in the editor, each document naming the frame it went into (jsdom follows one level only).
  editor.focus();
  inner.focus();
  outer.focus();
  expect([document.activeElement, outer.contentDocument!.activeElement]).toEqual([outer, inner]);
  const press = (at: Element) => at.dispatchEvent(new KeyboardEvent("keydown", { key: "M", bubbles: true }));
  // The browser's blur of each window the focus left on its way into the frames (jsdom fires none).
  window.dispatchEvent(new FocusEvent("blur"));
  const outerBody = outer.contentDocument!.body;
  await eventually(() => {
    press(outerBody);
    expect(heard).toContain(outerBody);
  });
  outer.contentWindow!.dispatchEvent(new FocusEvent("blur"));
  await eventually(() => {
    press(editor);
    expect(heard).toContain(editor);
  });
});

it("a key pressed in a frame's editor the page focused before Gloss started reaches it, with no focus change after", () => {
  document.body.replaceChildren();
  const outer = frameIn(document);
  const inner = frameIn(outer.contentDocument!);
  const editor = inner.contentDocument!.createElement("textarea");
  inner.contentDocument!.body.append(editor);
  // Focused as the page loaded (autofocus): no window blurs once Gloss listens.
  editor.focus();
  inner.focus();
  outer.focus();
  const heard: EventTarget[] = [];
  keydownInFrames(document, (event) => heard.push(event.target!));
  editor.dispatchEvent(new KeyboardEvent("keydown", { key: "M", bubbles: true }));
  expect(heard).toEqual([editor]);
});

it("a key in an editor frame that had the focus before Gloss started, and in another frame the focus went to from there, reaches Gloss", async () => {
  document.body.replaceChildren();
  const [first, second] = [frameIn(document), frameIn(document)];
  const editorIn = (frame: HTMLIFrameElement) => frame.contentDocument!.body.appendChild(document.createElement("p"));
  const [one, two] = [editorIn(first), editorIn(second)];
  // The page focused its first editor as it loaded: no window's blur is left for Gloss to hear.
  first.focus();
  const heard: EventTarget[] = [];
  keydownInFrames(document, (event) => heard.push(event.target!));
  const press = (at: Element) => at.dispatchEvent(new KeyboardEvent("keydown", { key: "M", bubbles: true }));
  press(one);
  expect(heard).toEqual([one]);

  // The user clicks into the second editor: only the first frame's window hears the focus go.
  second.focus();
  first.contentWindow!.dispatchEvent(new FocusEvent("blur"));
  await eventually(() => {
    press(two);
    expect(heard).toContain(two);
  });
});

it("a frame whose window's addEventListener the page replaced never gets Gloss's listener, and its keys still reach Gloss", () => {
  document.body.replaceChildren();
  const frame = frameIn(document);
  const editor = frame.contentDocument!.body.appendChild(document.createElement("p"));
  // The page keeps every listener handed to its frame's window, to call it with keys it makes up.
  const kept: unknown[] = [];
  Object.defineProperty(frame.contentWindow, "addEventListener", {
    value: (_type: string, fn: unknown) => kept.push(fn),
  });
  frame.focus();
  const heard: EventTarget[] = [];
  keydownInFrames(document, (event) => heard.push(event.target!));
  editor.dispatchEvent(new KeyboardEvent("keydown", { key: "M", bubbles: true }));
  expect(kept).toEqual([]);
  expect(heard).toEqual([editor]);
});

it("a key in an editor frame the page wrote again with document.open() (CKEditor 4 setting its text) still reaches Gloss", async () => {
  document.body.replaceChildren();
  // The listeners Gloss adds, known so that the page's rewrite can erase them as browsers do (jsdom keeps them).
  const added: Array<{ target: EventTarget; type: string; listener: EventListenerOrEventListenerObject | null }> = [];
  const { addEventListener, removeEventListener } = EventTarget.prototype;
  EventTarget.prototype.addEventListener = function (this: EventTarget, type, listener, options) {
    added.push({ target: this, type, listener });
    addEventListener.call(this, type, listener, options);
  };
  let fresh!: typeof keydownInFrames;
  try {
    jest.isolateModules(() => {
      fresh = jest.requireActual<{ keydownInFrames: typeof keydownInFrames }>(
        "../../src/userscript/frame-keys",
      ).keydownInFrames;
    });
  } finally {
    EventTarget.prototype.addEventListener = addEventListener;
  }
  const frame = frameIn(document);
  const inner = frame.contentDocument!;
  inner.body.append(inner.createElement("p"));
  frame.focus();
  const heard: EventTarget[] = [];
  fresh(document, (event) => heard.push(event.target!));
  const press = (at: Element) => at.dispatchEvent(new KeyboardEvent("keydown", { key: "M", bubbles: true }));
  press(inner.body);
  expect(heard).toEqual([inner.body]);

  // The editor sets its text: the page writes the frame's document anew, which erases the listeners of the document
  // and of its window (HTML's document open steps).
  inner.open();
  inner.write("<p>Hallo</p>");
  inner.close();
  const win = frame.contentWindow!;
  for (const { target, type, listener } of added.filter((a) => a.target === win || a.target === inner)) {
    removeEventListener.call(target, type, listener, true);
    removeEventListener.call(target, type, listener, false);
  }
  // The reader clicks a button of the page, then into the editor again.
  (document.activeElement as HTMLElement | null)?.blur();
  frame.focus();
  window.dispatchEvent(new FocusEvent("blur"));
  await eventually(() => {
    press(inner.body);
    expect(heard.at(-1)).toBe(inner.body);
  }, 2000);
});
