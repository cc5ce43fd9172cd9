// The text field the user is writing in, found through shadow roots, read (its selection, or all of it) and
// written back through the editing APIs the page listens to. `document.execCommand("insertText")` over the selected
// range is what typing does: the page's editor sees ordinary `input` events (Chromium and Firefox fire no
// `beforeinput` for it), and the browser's undo stack — or an editor's own history, as in Lexical-based composers —
// takes the change, so Ctrl+Z brings back what the user wrote. Where a page's editor refuses it, a paste event goes
// to the editor instead, and as a last resort the text is set directly, which no undo stack records (the caller
// says so and offers to restore the user's text).
import { fallbackDisplay } from "../core/collect/display";
import { bodyOf, focusedIn, htmlOf, isMatch, own, parentElementOf } from "../core/dom";
import { langDirection } from "../shared/lang-direction";
import { textStart } from "../shared/text-ends";
import { focusWalk, type ShadowRootOf } from "../core/frames/focus-walk";
import { editorBody } from "./field-frames";
import { emojiImageText } from "./emoji-images";
import { watchReaderEdits } from "./reader-edits";

/** The element a closed or open shadow root belongs to, as the platform can see it. */
export type { ShadowRootOf };

const TEXT_INPUT_TYPES = new Set(["text", "search"]);
/** Markup a rich editor uses for what Markdown would write as syntax: it does not survive a plain-text write. */
const FORMATTING =
  "a[href], b, strong, i, em, u, s, del, strike, code, pre, ul, ol, blockquote, h1, h2, h3, h4, h5, h6, img, sup, sub, table";

/** `partial`: the field took a different text than asked (a length limit cut it): undo still brings back the user's. */
export type WriteOutcome = { written: true; undoable: boolean; partial?: boolean } | { written: false };

export interface EditableField {
  readonly element: HTMLElement;
  readonly kind: "text-control" | "rich";
  /** What the user wrote, or what they selected of it; `whole` when it is everything in the field. */
  read(): { text: string; whole: boolean };
  /** The field's whole text now (to tell whether the user changed it meanwhile). */
  snapshot(): string;
  /** Whether what `read()` covered still holds what it read (a page's render can move a selection off it). */
  stillCovers(): boolean;
  /**
   * Whether the text that would be replaced (`everywhere`: the whole box, which `replaceAll` writes) holds links or
   * formatting a plain-text write turns into text.
   */
  hasFormatting(everywhere?: boolean): boolean;
  /** Replaces what `read()` covered with `text`; resolves once the page's editor has taken it (or not). */
  replace(text: string): Promise<WriteOutcome>;
  /** Puts the field's whole text back to `text` (the user's original), through the same editing APIs. */
  replaceAll(text: string): Promise<WriteOutcome>;
  /** After a translation into `lang` was written: lets the field run the way that language does, where needed. */
  suitDirection(lang: string): void;
}

export type FocusedField =
  { field: EditableField } | { problem: "none" | "frame" | "unreachable" | "read-only" | "unsupported" };

/** A text box the reader cannot edit: read-only, or disabled, by its own attribute or by a `<fieldset disabled>`
 * around it (a page's form while it posts), which its `disabled` does not tell. */
const locked = (element: Element) => isMatch(element, ":read-only");

function isTextControl(element: Element): element is HTMLTextAreaElement | HTMLInputElement {
  if (element.localName === "textarea") return true;
  return element.localName === "input" && TEXT_INPUT_TYPES.has((element as HTMLInputElement).type);
}

/**
 * A custom element focused as a whole, with no shadow root Gloss can see (open, or closed yet visible to it), usually
 * means the focus is inside a root it cannot see.
 */
function closedOff(element: Element, shadowRootOf: ShadowRootOf): boolean {
  if (!element.localName.includes("-") || isEditable(element)) return false;
  try {
    return !shadowRootOf(element);
  } catch {
    return true;
  }
}

/** The DOM's own isContentEditable: an editor's parent may be a form, whose controls can stand in for it. */
const editable: (element: Element) => boolean = own("HTMLElement", "isContentEditable");

const isEditable = (element: Element): boolean => isTextControl(element) || editable(element) === true;

/** The outermost contenteditable element around `element` (its editing host), no further than its body. */
function editingHost(element: HTMLElement): HTMLElement {
  // A designMode document is editable up to its root, whose head (a title) is no part of what the user wrote.
  for (let up; element !== bodyOf(element.ownerDocument) && (up = parentElementOf(element)) && editable(up);)
    element = up as HTMLElement;
  return element;
}

/**
 * The field that has the keyboard focus in `doc`, following the focus into frames whose document the page can read
 * (a TinyMCE or CKEditor 4 editor writes in one); another site's frame is out of reach.
 */
export function focusedField(
  doc: Document,
  shadowRootOf: ShadowRootOf,
  isOwnUi: (el: Element) => boolean,
  /** Whether an event is the reader's own (tests stand in for the browser's `isTrusted`). */
  isTrusted?: (event: Event) => boolean,
): FocusedField {
  // Into every frame the page can read, rich editors' above all.
  const { docs, element, stoppedAt } = focusWalk(doc, { shadowRootOf });
  if (stoppedAt) return { problem: "frame" };
  // The document itself may be the editor: a frame's, followed here from the page, or the one this script runs in
  // (the menu clicked in an editor's frame the page cannot read runs Gloss there).
  const at = docs.at(-1)!;
  return fieldInDocument(at, element, element !== null && closedOff(element, shadowRootOf), isOwnUi, isTrusted);
}

/** The field in a document: the element focused there, or the document itself when it is an editor. */
export function fieldInDocument(
  doc: Document,
  element: Element | null,
  closedOff: boolean,
  isOwnUi: (el: Element) => boolean,
  isTrusted?: (event: Event) => boolean,
): FocusedField {
  if (!element || element === bodyOf(doc) || element === htmlOf(doc)) {
    const body = editorBody(doc);
    return body ? { field: richField(body, isTrusted) } : { problem: "none" };
  }
  if (isOwnUi(element)) return { problem: "none" };
  if (closedOff) return { problem: "unreachable" };
  if (isTextControl(element)) {
    if (locked(element)) return { problem: "read-only" };
    return { field: textControlField(element) };
  }
  if ((element as HTMLElement).isContentEditable) {
    return { field: richField(editingHost(element as HTMLElement), isTrusted) };
  }
  if (element.localName === "input") return { problem: "unsupported" };
  return { problem: "none" };
}

/** Two frames: editors that take a change after the current task (Lexical) have taken it by then. */
function settled(win: Window): Promise<void> {
  return new Promise((resolve) => win.requestAnimationFrame(() => win.requestAnimationFrame(() => resolve())));
}

/**
 * Focuses the page's element, whose `focus()` the page may have made throw: what a write did is read from the field
 * after it, never from whether this threw.
 */
export function focusField(element: HTMLElement): void {
  try {
    element.focus({ preventScroll: true });
  } catch {
    // Left where it is: the write checks what the field took.
  }
}

function insertText(doc: Document, text: string): boolean {
  try {
    return doc.execCommand("insertText", false, text);
  } catch {
    return false;
  }
}

// ---- textarea, input ----

/** What a box with `maxLength` (-1: none) has room for in place of `selected` of its `length` UTF-16 units. */
const roomIn = (maxLength: number, length: number, selected: number) =>
  maxLength < 0 ? Infinity : Math.max(0, maxLength - (length - selected));

/** A text box's field. Its selection is kept as offsets: the same text (see heldBack) is the same place. */
function textControlField(element: HTMLTextAreaElement | HTMLInputElement): EditableField {
  const doc = element.ownerDocument;
  const win = doc.defaultView ?? window;
  let start = 0;
  let end = 0;

  async function write(from: number, to: number, text: string): Promise<WriteOutcome> {
    // Locked since it was read (a page disables its box while it posts): the text stays as the page has it.
    if (locked(element)) return { written: false };
    const before = element.value;
    const expected = before.slice(0, from) + text + before.slice(to);
    focusField(element);
    element.setSelectionRange(from, to);
    // The editing command writes into whichever box has the focus: one hidden meanwhile does not take it, and the
    // box the user went on to would get the translation.
    const focused = focusedIn(element) === element;
    if (focused && insertText(doc, text) && element.value === expected) return { written: true, undoable: true };
    if (element.value !== before) return { written: true, undoable: true, partial: true };
    // The last resort: set the text the way a script would, and tell the page's listeners as typing would. A
    // script's text passes the `maxlength` the browser holds typing to: it is cut as typing's would be, never
    // through an emoji.
    const room = roomIn(element.maxLength, before.length, to - from);
    const fitted = text.length > room ? textStart(text, room) : text;
    element.setRangeText(fitted, from, to, "end");
    element.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertReplacementText", data: fitted }));
    await settled(win);
    if (element.value !== before.slice(0, from) + fitted + before.slice(to)) return { written: false };
    return fitted === text ? { written: true, undoable: false } : { written: true, undoable: false, partial: true };
  }

  return {
    element,
    kind: "text-control",
    read() {
      const value = element.value;
      start = element.selectionStart ?? 0;
      end = element.selectionEnd ?? 0;
      const selected = value.slice(start, end);
      if (start === end || !selected.trim()) {
        start = 0;
        end = value.length;
        return { text: value, whole: true };
      }
      return { text: selected, whole: start === 0 && end === value.length };
    },
    snapshot: () => element.value,
    stillCovers: () => true,
    hasFormatting: () => false,
    replace(text) {
      // A single-line field takes no line breaks.
      const clean = element.localName === "input" ? text.replace(/\s*\n\s*/g, " ") : text;
      return write(start, end, clean);
    },
    replaceAll(text) {
      return write(0, element.value.length, text);
    },
    suitDirection(lang) {
      // A box runs one way for all its text: a Hebrew reply in a left-to-right box reads left-aligned, its full stop
      // at the wrong end. `dir="auto"` makes the box follow the text it holds (the user's own again after Ctrl+Z).
      // Never over a `dir` of the box's own: the page's choice, or Gloss's `auto` from before (which records it).
      if (element.hasAttribute("dir")) return;
      const runs = win.getComputedStyle(element).direction === "rtl" ? "rtl" : "ltr";
      if (langDirection(lang) !== runs) element.dir = "auto";
    },
  };
}

// ---- contenteditable (rich editors) ----

/**
 * Text of a node as the user sees it in an editor: one line per block, `<br>` a line break, nbsp a space, an emoji
 * image its emoji.
 */
export function editorText(node: Node): string {
  const lines: string[] = [];
  let line: string | null = null;
  const flush = () => {
    if (line !== null) lines.push(line);
    line = null;
  };
  const walk = (parent: Node): void => {
    for (let child = parent.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === Node.TEXT_NODE) {
        line = (line ?? "") + (child as Text).data.replace(/\u00a0/g, " ").replace(/[\r\n]+/g, " ");
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        const el = child as Element;
        const name = el.localName;
        if (name === "br") {
          // The last <br> of a block only keeps an empty block open; any other ends a line.
          if (isLastInBlock(el)) line ??= "";
          else {
            lines.push(line ?? "");
            line = "";
          }
        } else if (name === "img") {
          const emoji = emojiImageText(el);
          if (emoji) line = (line ?? "") + emoji;
        } else if (isBlock(el)) {
          flush();
          walk(el);
          if (line === null) lines.push("");
          else flush();
        } else if (name !== "script" && name !== "style" && name !== "template") {
          walk(el);
        }
      }
    }
  };
  walk(node);
  flush();
  return lines.join("\n");
}

function isLastInBlock(br: Element): boolean {
  for (let next = br.nextSibling; next; next = next.nextSibling) {
    if (next.nodeType === Node.TEXT_NODE && !(next as Text).data.trim()) continue;
    return false;
  }
  return br.parentElement === null || isBlock(br.parentElement) || br.parentElement.isContentEditable;
}

/** Block by tag (a selection's copy has no computed style to ask): one line each in the editor's text. */
const isBlock = (element: Element) => fallbackDisplay(element) === "block";

type SelectionRoot = { getSelection?(): Selection | null };

/** The selection that holds ranges inside `host`'s tree (Chromium keeps a shadow tree's own). */
function selectionFor(host: HTMLElement): Selection | null {
  const root = host.getRootNode() as Document | (ShadowRoot & SelectionRoot);
  if (root !== host.ownerDocument && typeof (root as SelectionRoot).getSelection === "function") {
    const own = (root as SelectionRoot).getSelection!();
    if (own) return own;
  }
  return host.ownerDocument.getSelection();
}

/** The range of the user's selection inside `host`, if there is one. */
function rangeIn(host: HTMLElement): Range | undefined {
  try {
    return selectedRangeIn(host);
  } catch {
    return undefined; // a frame's editor is the page's, which may throw from its selection: the whole text is read
  }
}

function selectedRangeIn(host: HTMLElement): Range | undefined {
  const selection = selectionFor(host);
  if (!selection || selection.rangeCount === 0) return undefined;
  const root = host.getRootNode();
  const composed = (
    selection as Selection & { getComposedRanges?(options: { shadowRoots: ShadowRoot[] }): StaticRange[] }
  ).getComposedRanges;
  let range: Range | undefined;
  if (root instanceof (host.ownerDocument.defaultView ?? window).ShadowRoot && composed) {
    const [r] = composed.call(selection, { shadowRoots: [root] });
    if (r) {
      range = host.ownerDocument.createRange();
      range.setStart(r.startContainer, r.startOffset);
      range.setEnd(r.endContainer, r.endOffset);
    }
  }
  range ??= selection.getRangeAt(0);
  return host.contains(range.commonAncestorContainer) ? range : undefined;
}

/** Selects `range`; false where the page's selection would not take it (the editor's document is the page's). */
function select(host: HTMLElement, range: Range): boolean {
  try {
    const selection = selectionFor(host);
    if (!selection) return false;
    selection.removeAllRanges();
    selection.addRange(range);
    return true;
  } catch {
    return false;
  }
}

const normalize = (text: string) => text.replace(/\s+/g, " ").trim();

/** Whether the keyboard focus is in `host` (the editing host, or an element inside it), as its own tree sees it. */
function holdsFocus(host: HTMLElement): boolean {
  const active = focusedIn(host);
  return active !== null && host.contains(active);
}

/**
 * Keeps where the user is in `field` now, to give the focus back there later (another box's write takes it): a text
 * box keeps its own selection, an editor's caret is kept here.
 */
export function holdFocus(field: EditableField): () => void {
  const { element } = field;
  const range = field.kind === "rich" ? rangeIn(element)?.cloneRange() : undefined;
  return () => {
    focusField(element);
    if (range) select(element, range);
  };
}

/** What each way of writing into a rich editor needs. */
interface RichWrite {
  host: HTMLElement;
  doc: Document;
  /** The text to write, and whether it replaces all of the editor's text. */
  text: string;
  whole: boolean;
  /** Whether the editor shows the text written (as all of it, or in it). */
  taken(): Promise<boolean>;
}

/** How a way of writing went: the editor took the text, did not, or the range could not be selected (then no other
 * way is tried: a selection the page refuses is no place to write). */
type WriteTry = "taken" | "not taken" | "unselectable";

/** An editing command, where the selection is: the editor takes it as typing, into its own history. */
async function writeByCommand(
  w: RichWrite,
  range: Range,
  isTrusted: ((event: Event) => boolean) | undefined,
): Promise<WriteTry> {
  focusField(w.host);
  // An editing command writes wherever the selection is: nowhere but where the user's text is.
  if (!select(w.host, range)) return "unselectable";
  // It writes into a text box that has the focus, too: a page that took the focus from its editor as Gloss gave it
  // (to a box of its own) gets no command; the editor is written through its paste instead.
  const focused = holdsFocus(w.host);
  const edits = watchReaderEdits(w.host, w.text, isTrusted);
  try {
    // The reader's edit after the command is theirs to keep (see reader-edits.ts): the editor took the command.
    const taken = focused && edits.own(() => insertText(w.doc, w.text)) && ((await w.taken()) || edits.seen);
    return taken ? "taken" : "not taken";
  } finally {
    edits.stop();
  }
}

/** A paste, for editors that refuse execCommand: they keep it in their own history. */
async function writeByPaste(w: RichWrite, range: Range): Promise<WriteTry> {
  if (!select(w.host, range)) return "unselectable";
  const data = new DataTransfer();
  data.setData("text/plain", w.text);
  const paste = new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true });
  return !w.host.dispatchEvent(paste) && (await w.taken()) ? "taken" : "not taken";
}

/** The last resort: plain DOM, which no undo stack records; the editor hears of it through an input event. */
async function writeByDom(w: RichWrite, live: Range): Promise<boolean> {
  live.deleteContents();
  const fragment = w.doc.createDocumentFragment();
  w.text.split("\n").forEach((part, i) => {
    if (i) fragment.append(w.doc.createElement("br"));
    fragment.append(w.doc.createTextNode(part));
  });
  live.insertNode(fragment);
  // The caret after the translation, as a paste leaves it: where it was, the deletion left it at the box's start.
  live.collapse(false);
  select(w.host, live);
  w.host.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertReplacementText", data: w.text }));
  return w.taken();
}

/** A range over all of `host`'s contents. */
function wholeRange(host: HTMLElement): Range {
  const range = host.ownerDocument.createRange();
  range.selectNodeContents(host);
  return range;
}

/** Writes `text` over `range` (all of the editor's text when `whole`), each way in turn until the editor takes one. */
async function writeRich(
  host: HTMLElement,
  range: Range,
  text: string,
  whole: boolean,
  isTrusted: ((event: Event) => boolean) | undefined,
): Promise<WriteOutcome> {
  const doc = host.ownerDocument;
  const win = doc.defaultView ?? window;
  const before = editorText(host);
  const taken = async () => {
    await settled(win);
    const now = normalize(editorText(host));
    return whole ? now === normalize(text) : now.includes(normalize(text));
  };
  const w: RichWrite = { host, doc, text, whole, taken };
  const command = await writeByCommand(w, range, isTrusted);
  if (command !== "not taken") return command === "taken" ? { written: true, undoable: true } : { written: false };
  const changed = () => normalize(editorText(host)) !== normalize(before);
  if (changed()) return { written: false };
  // An editor that rendered its text again (new nodes) moved a selection's range off it: the part the user
  // selected cannot be found again, and the whole text is not what they asked to replace.
  if (!whole && range.collapsed) return { written: false };
  const paste = await writeByPaste(w, whole ? wholeRange(host) : range);
  if (paste !== "not taken") return paste === "taken" ? { written: true, undoable: true } : { written: false };
  if (changed()) return { written: false };
  // Not over links or formatting: only writing the box's text back could undo it, and that would lose them.
  if ((!whole && range.collapsed) || host.querySelector(FORMATTING)) return { written: false };
  return (await writeByDom(w, whole ? wholeRange(host) : range))
    ? { written: true, undoable: false }
    : { written: false };
}

/**
 * A rich editor's field. Its direction is left to the editor: Lexical (new Reddit's composer) sets `dir` on each
 * paragraph from its text as it renders, and an attribute of Gloss's on nodes the editor owns could be undone or
 * fought by its next render.
 */
function richField(host: HTMLElement, isTrusted: ((event: Event) => boolean) | undefined): EditableField {
  let target: Range | undefined;
  /** The text `target` held when read. */
  let selected = "";

  const write = (range: Range, text: string, whole: boolean) => writeRich(host, range, text, whole, isTrusted);

  return {
    element: host,
    kind: "rich",
    read() {
      const range = rangeIn(host);
      if (range && !range.collapsed) {
        const text = editorText(range.cloneContents());
        // All of it selected (Ctrl+A) is the whole text: written over the whole editor, as with nothing selected. A
        // range of the selection would not outlive Gloss's own write, so the text could not be put back and
        // translated into another language.
        if (text.trim() && normalize(text) !== normalize(editorText(host))) {
          target = range.cloneRange();
          selected = text;
          return { text, whole: false };
        }
      }
      target = undefined;
      return { text: editorText(host), whole: true };
    },
    snapshot: () => editorText(host),
    stillCovers: () => !target || editorText(target.cloneContents()) === selected,
    hasFormatting(everywhere) {
      if (!target || everywhere) return host.querySelector(FORMATTING) !== null;
      const fragment = target.cloneContents();
      return (
        fragment.querySelector(FORMATTING) !== null || target.startContainer.parentElement?.closest(FORMATTING) != null
      );
    },
    replace(text) {
      return target ? write(target, text, false) : write(wholeRange(host), text, true);
    },
    replaceAll(text) {
      return write(wholeRange(host), text, true);
    },
    suitDirection: () => undefined,
  };
}
