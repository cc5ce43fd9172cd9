// Watches the page's hidden frames (display: none, visibility: hidden, `hidden`, no box) for the moment the page shows
// one (a preview opened, a collapsed post expanded), so a frame shown while the page is translated is translated like
// one added.
import { isShown } from "./frame-documents";
import { parentElementOf, holds, documentOf, viewOf } from "../dom";

type Frame = HTMLIFrameElement | HTMLFrameElement;

/** The window of the frame's holder, by the document's own getter: the page may name an image defaultView. */
const windowAround = (frame: Frame): Window | null => viewOf(documentOf(frame));

export interface ShownWatch {
  /** Tell `onShown` when this frame is shown. */
  watch(frame: Frame): void;
  forget(frame: Frame): void;
  /** Stop watching frames no longer in their document. */
  prune(): void;
  stop(): void;
}

/** What a frame's window watches its hidden frames with: either may be missing (an old browser, a page that took it). */
interface Observers {
  /** A frame going from no box to one (display: none lifted, however it came about). */
  size?: ResizeObserver;
  /** The attributes that show a frame without giving it a box (visibility: hidden lifted): on it and its ancestors. */
  attributes?: MutationObserver;
}

/** What a page changes to show a frame whose box it kept (`visibility` in a style or a class, `hidden`). */
const SHOWING_ATTRIBUTES = ["style", "class", "hidden"];

/**
 * A frame going from no box to one is a change of its size, which a ResizeObserver reports however it came about
 * (its style, a class on an ancestor, `hidden` removed). One hidden with `visibility: hidden` keeps its box, so its
 * size says nothing: the attributes that style it, on it and its ancestors, are watched instead, and only on the
 * hidden frames' line of ancestors, so a page without hidden frames pays nothing for any of its changes. A change
 * by other means (a style sheet swapped) waits for the next Translate page, as before.
 */
export function createShownWatch(onShown: (frame: Frame) => void): ShownWatch {
  const observers = new Map<Window, Observers>();
  const watched = new Set<Frame>();

  const observersFor = (win: Window): Observers => {
    const known = observers.get(win);
    if (known) return known;
    const made = { size: sizeObserver(win, watched, onShown), attributes: attributeObserver(win, watched, onShown) };
    observers.set(win, made);
    return made;
  };

  /** Each watched frame of `win` and its ancestors observed anew (a MutationObserver cannot let one node go). */
  const reobserve = (win: Window, attributes: MutationObserver): void => {
    attributes.disconnect();
    for (const frame of watched) if (windowAround(frame) === win) observeLine(attributes, frame);
  };

  const forget = (frame: Frame): void => {
    if (!watched.delete(frame)) return;
    const win = windowAround(frame);
    const own = win ? observers.get(win) : undefined;
    own?.size?.unobserve(frame);
    if (win && own?.attributes) reobserve(win, own.attributes);
  };

  return {
    watch(frame) {
      const win = windowAround(frame);
      if (!win) return;
      const { size, attributes } = observersFor(win);
      if (!size && !attributes) return;
      // Watched already: its line of ancestors is looked at again, as the page may have moved it.
      if (attributes) observeLine(attributes, frame);
      if (watched.has(frame)) return;
      watched.add(frame);
      size?.observe(frame);
    },
    forget,
    prune() {
      for (const frame of [...watched]) if (!frame.isConnected) forget(frame);
    },
    stop() {
      for (const { size, attributes } of observers.values()) {
        size?.disconnect();
        attributes?.disconnect();
      }
      observers.clear();
      watched.clear();
    },
  };
}

function sizeObserver(win: Window, watched: Set<Frame>, onShown: (frame: Frame) => void): ResizeObserver | undefined {
  const Observer = (win as Window & { ResizeObserver?: typeof ResizeObserver }).ResizeObserver;
  if (!Observer) return undefined;
  return new Observer((entries) => {
    for (const entry of entries) {
      const { width, height } = entry.contentRect;
      if (width > 0 && height > 0 && watched.has(entry.target as Frame)) onShown(entry.target as Frame);
    }
  });
}

/** Reports each watched frame under a changed element that is shown now. */
function attributeObserver(
  win: Window,
  watched: Set<Frame>,
  onShown: (frame: Frame) => void,
): MutationObserver | undefined {
  const Observer = (win as Window & { MutationObserver?: typeof MutationObserver }).MutationObserver;
  if (!Observer) return undefined;
  return new Observer((records) => {
    const changed = records.map((record) => record.target);
    for (const frame of [...watched]) if (shownBy(frame, win, changed)) onShown(frame);
  });
}

/** Whether `frame`, of `win`, is under an element that changed and is shown now. The page answers for its frame. */
function shownBy(frame: Frame, win: Window, changed: Node[]): boolean {
  try {
    if (windowAround(frame) !== win) return false;
    return changed.some((node) => holds(node, frame)) && isShown(frame);
  } catch {
    return false;
  }
}

/** The frame and each element above it, up to its document's root. */
function observeLine(observer: MutationObserver, frame: Frame): void {
  for (let node: Element | null = frame; node; node = parentElementOf(node)) {
    observer.observe(node, { attributes: true, attributeFilter: SHOWING_ATTRIBUTES });
  }
}
