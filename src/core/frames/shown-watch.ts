// Watches the page's hidden frames (display: none, `hidden`, no box) for the moment the page shows one (a preview
// opened, a collapsed post expanded), so a frame shown while the page is translated is translated like one added.

type Frame = HTMLIFrameElement | HTMLFrameElement;

export interface ShownWatch {
  /** Tell `onShown` when this frame gets a box. */
  watch(frame: Frame): void;
  forget(frame: Frame): void;
  /** Stop watching frames no longer in their document. */
  prune(): void;
  stop(): void;
}

/**
 * A frame going from no box to one is a change of its size, which a ResizeObserver reports however it came about
 * (its style, a class on an ancestor, `hidden` removed); a browser without one (or a page that took it) gets no
 * watch, and such a frame waits for the next Translate page, as before.
 */
export function createShownWatch(onShown: (frame: Frame) => void): ShownWatch {
  const observers = new Map<Window, ResizeObserver>();
  const watched = new Set<Frame>();

  const observerFor = (win: Window): ResizeObserver | undefined => {
    const known = observers.get(win);
    if (known) return known;
    const Observer = (win as Window & { ResizeObserver?: typeof ResizeObserver }).ResizeObserver;
    if (!Observer) return undefined;
    const observer = new Observer((entries) => {
      for (const entry of entries) {
        const { width, height } = entry.contentRect;
        if (width > 0 && height > 0 && watched.has(entry.target as Frame)) onShown(entry.target as Frame);
      }
    });
    observers.set(win, observer);
    return observer;
  };

  const forget = (frame: Frame): void => {
    if (!watched.delete(frame)) return;
    const win = frame.ownerDocument.defaultView;
    if (win) observers.get(win)?.unobserve(frame);
  };

  return {
    watch(frame) {
      if (watched.has(frame)) return;
      const win = frame.ownerDocument.defaultView;
      const observer = win ? observerFor(win) : undefined;
      if (!observer) return;
      watched.add(frame);
      observer.observe(frame);
    },
    forget,
    prune() {
      for (const frame of [...watched]) if (!frame.isConnected) forget(frame);
    },
    stop() {
      for (const observer of observers.values()) observer.disconnect();
      observers.clear();
      watched.clear();
    },
  };
}
