// Whether the reader can see the page, and a wait until they can. Chromium prerenders pages the reader may open
// (speculation rules, the address bar's guesses: `document.prerendering`, then `prerenderingchange` when shown), and a
// tab opened in the background is hidden until the reader goes to it. Firefox has no `prerendering`: there it is
// undefined and only the visibility counts. The page owns its document and may redefine both: a page that says it is
// never shown only delays its own translation.

const SHOWN_EVENTS = ["prerenderingchange", "visibilitychange"] as const;

export function pageShown(doc: Document): boolean {
  try {
    return (doc as Document & { prerendering?: unknown }).prerendering !== true && doc.visibilityState !== "hidden";
  } catch {
    return false; // the page's own getter threw: it waits, as it asked
  }
}

export interface ShownWait {
  /** True once the page is shown (at once if it is now); false if the wait was cancelled first. */
  readonly shown: Promise<boolean>;
  cancel(): void;
}

/** Waits for the page to be shown: each of the browser's events is checked against the page's state, so an event the
 * page fires itself ends nothing while the page is still prerendered or hidden. */
export function waitUntilShown(doc: Document): ShownWait {
  if (pageShown(doc)) return { shown: Promise.resolve(true), cancel: () => undefined };
  let settle: (shown: boolean) => void = () => undefined;
  const shown = new Promise<boolean>((resolve) => (settle = resolve));
  const end = (result: boolean) => {
    for (const name of SHOWN_EVENTS) doc.removeEventListener(name, onChange);
    settle(result);
  };
  function onChange(): void {
    if (pageShown(doc)) end(true);
  }
  for (const name of SHOWN_EVENTS) doc.addEventListener(name, onChange);
  return { shown, cancel: () => end(false) };
}
