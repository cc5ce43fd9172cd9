// What the picker shows over the page while the reader picks: the shield that takes the pointer, the hint, and the
// outline around the part pointed at or moved to, labelled with the selector it would be saved under and how many
// parts of the page that names, which the live region says.
import { el, speaksEnglish } from "../session/element";
import { placeFixed } from "../session/place-fixed";
import { labelPlace } from "./label-place";
import { createOutlineSpeech, type Spoken } from "./outline-speech";
import { chooseSelector } from "./part-selector";
import { partWords } from "./part-words";

const HINT =
  "Point at the part to leave untranslated and click it. Keys: ↑ outer part, ↓ inner part, ← → next to it, Enter chooses, Esc cancels.";
/** The hint as a screen reader says it when the picker starts: the arrows' glyphs are not read out by all. */
const SPOKEN_HINT =
  "Leave a part untranslated: point at it and click, or move with the arrow keys: up to the part around it, down into it, left and right to the parts beside it. Enter chooses, Escape cancels.";

/**
 * When the outlined part is said: at once (the keys), once the pointer rests on it, or not now (the picker's start
 * says it with what to do).
 */
export type Said = "now" | "resting" | "later";

export interface PickerOverlay {
  /** The overlay's root, for the picker's shadow root; the panel goes in it too. */
  readonly root: HTMLDivElement;
  /** Over the whole page: the pointer moves and clicks on it, not on the page. */
  readonly shield: HTMLDivElement;
  /** The part outlined, if any. */
  readonly current: Element | undefined;
  /** Outlines `element` and labels it with its selector and how many parts of the page that names. */
  outline(element: Element, said: Said): void;
  /** Places the outline and its label on the part again (the page scrolled, or the window changed size); none when
   * the part left the page. */
  place(): void;
  /** The outlined part went with a page that drew itself afresh: nothing is outlined. */
  dropGone(): void;
  /** Says what to do, with the part outlined by then (if still in the page). */
  start(): void;
  /** The panel showed: the hint goes, and nothing more is said of the outline. */
  chosen(): void;
  /** The reader picks again from the panel: the hint comes back, and the part outlined is said again. */
  again(): void;
  /** The picker went: nothing more is said. */
  stop(): void;
}

/**
 * Where `part` shows in the window. An element with `display: contents` (a component's wrapper) has no box of its own:
 * its rect is empty, at the window's corner. What it shows is its content (its shadow root's, when open), outlined
 * instead.
 */
function shownRect(part: Element, win: Window): DOMRect {
  if (win.getComputedStyle(part).display !== "contents") return part.getBoundingClientRect();
  const content = part.ownerDocument.createRange();
  content.selectNodeContents(part.shadowRoot ?? part);
  return content.getBoundingClientRect?.() ?? part.getBoundingClientRect();
}

export function createPickerOverlay(doc: Document, win: Window, count: (selector: string) => number): PickerOverlay {
  const shield = el(doc, "div", "shield");
  const box = el(doc, "div", "box");
  const label = el(doc, "div", "label");
  const hint = el(doc, "div", "hint");
  hint.textContent = HINT;
  // The live region says what the outline and its label show; the hint is said when the picker starts.
  box.setAttribute("aria-hidden", "true");
  label.setAttribute("aria-hidden", "true");
  hint.setAttribute("aria-hidden", "true");
  const speech = createOutlineSpeech(doc);
  box.hidden = label.hidden = true;
  const root = el(doc, "div");
  speaksEnglish(root);
  root.append(shield, box, label, hint, speech.region);

  let current: Element | undefined;
  /** What the live region says of the outlined part. */
  let spoken: Spoken | undefined;

  /** Nothing outlined: the part went with the page. */
  function drop(): void {
    current = undefined;
    box.hidden = label.hidden = true;
  }

  function place(): void {
    if (!current) return;
    // The page took the part away (a re-render): its outline and label would sit in the window's corner.
    if (!current.isConnected) return drop();
    const rect = shownRect(current, win);
    box.hidden = label.hidden = false;
    placeFixed(box, Math.round(rect.top), Math.round(rect.left));
    box.style.width = `${Math.round(rect.width)}px`;
    box.style.height = `${Math.round(rect.height)}px`;
    const at = labelPlace(rect, label.getBoundingClientRect(), win, doc);
    placeFixed(label, at.top, at.left);
  }

  return {
    root,
    shield,
    get current() {
      return current;
    },
    outline(element, said) {
      current = element;
      const selector = chooseSelector(element);
      const found = count(selector);
      label.textContent = `${selector} · ${found} on this page`;
      spoken = { words: partWords(element), selector, count: found };
      if (said === "now") speech.now(spoken);
      else if (said === "resting") speech.rested(spoken);
      place();
    },
    place,
    dropGone() {
      if (!current?.isConnected) drop();
    },
    start() {
      speech.start(SPOKEN_HINT, () => (current?.isConnected ? spoken : undefined));
    },
    chosen() {
      speech.stop();
      hint.hidden = true;
    },
    again() {
      hint.hidden = false;
      if (current?.isConnected && spoken) speech.now(spoken);
    },
    stop: () => speech.stop(),
  };
}
