// A key pressed in a frame of the page (a TinyMCE or CKEditor 4 editor writes in one) goes to the frame's document,
// where the userscript, run in the top page only (@noframes), does not listen: its listener follows the keyboard
// focus into the frames whose document the page can read, as the writer follows it to the field.
import { MAX_FRAME_NESTING } from "../core/frames/frame-documents";

/** Calls `onKey` for each keydown in `doc`, and in every frame of it (nested too) the focus goes into that the page can read. */
export function keydownInFrames(doc: Document, onKey: (event: KeyboardEvent) => void): void {
  // Per document: a frame that loads another page has a new one, listened to when the focus goes there again.
  const listened = new WeakSet<Document>();
  const listen = (at: Document, depth: number): void => {
    if (listened.has(at)) return;
    listened.add(at);
    const win = at.defaultView;
    if (!win) return;
    // On the window, before the page's own listeners on its document see the key (the same listener is added once).
    win.addEventListener("keydown", onKey, true);
    if (depth >= MAX_FRAME_NESTING) return;
    // The focus leaving this document's window may have gone into one of its frames, the active element once it has.
    win.addEventListener("blur", (event) => {
      if (event.target === win) win.setTimeout(() => follow(at, depth));
    });
    // The focus may be in a frame already (an editor the page focused as it loaded, before Gloss started).
    follow(at, depth);
  };
  const follow = (at: Document, depth: number): void => {
    const inner = focusedFrameDocument(at);
    if (inner) listen(inner, depth + 1);
  };
  listen(doc, 0);
}

/** The document of the frame that has the focus in `doc`, when the page can read it. */
function focusedFrameDocument(doc: Document): Document | undefined {
  try {
    let active = doc.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    if (active?.localName !== "iframe" && active?.localName !== "frame") return undefined;
    return (active as HTMLIFrameElement).contentDocument ?? undefined;
  } catch {
    return undefined; // another site's frame, where a browser throws rather than answer null
  }
}
