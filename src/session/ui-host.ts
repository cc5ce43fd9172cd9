// Hosts for everything Gloss shows inside a page (status card, userscript settings dialog, and whatever comes later):
// a built-in element, so no page-defined constructor runs for it (a page can define any custom tag name before Gloss
// does, and its constructor then holds the shadow root); a closed shadow root that Gloss checks is the one it
// attached; no id, class or attribute for the page to find or read. When the page gets in the way — the root cannot
// be verified, or the page removes the host — the caller is told, to say so where the page cannot reach.
import { applyStyles } from "./shadow-styles";
import { topLayerHome } from "./top-layer";
import { hasAttr, newElement, tagOf } from "../core/dom";
import { htmlOf, viewOf } from "../core/dom";

const HTML_NS = "http://www.w3.org/1999/xhtml";

/** Why Gloss's UI is not in the page: it could not be created safely, or the page took it out. */
export type UiBlockedReason = "unverified" | "removed";

export interface UiHostOptions {
  css: string;
  /** Built-in elements that can host a shadow root; never a custom tag name. */
  tag?: "div" | "span";
  /** Checked before anything is created: false when the page has tampered with what Gloss is about to call. */
  precheck?(): boolean;
  /** The platform's own look at `host` (an extension can see closed roots): is `root` really its shadow root? */
  verify?(host: HTMLElement, root: ShadowRoot): boolean;
  onBlocked(reason: UiBlockedReason): void;
  /** Shown in the top layer, over the page's (inside its modal dialog while one shows: see top-layer.ts). */
  aboveTopLayer?: boolean;
}

export interface UiHost {
  readonly root: ShadowRoot;
  /** Puts the host into the page (under <html>, so <body> stays byte-identical); false when the page blocked it.
   * `again`: the page's top layer changed, and the host goes back on top of it. */
  attach(again?: boolean): boolean;
  detach(): void;
  readonly attached: boolean;
  /** For focus handling and tests: the element the page sees as the event target of anything inside. */
  readonly host: HTMLElement;
}

const hosts = new WeakSet<object>();

/** Whether `target` is the host of Gloss's own UI (events from inside a closed root are retargeted to it). */
export function isUiHost(target: unknown): boolean {
  // A WeakSet answers false for anything that is not an object.
  return hosts.has(target as object);
}

// Page CSS reaches a host from outside, but an !important declaration inside the shadow tree wins over any outside
// one (inline styles included), so the page can neither hide nor restyle the host. `all` leaves out `direction` and
// `unicode-bidi`: without them, a right-to-left page (an Arabic or Hebrew one, the pages readers translate from)
// would lay Gloss's English cards out right to left, full stops at the wrong end and buttons in reverse order.
// In the top layer, the host gets a ::backdrop, which a page's bare `::backdrop` rule (a dimmed page) would style too.
const HOST_CSS =
  ":host { all: initial !important; direction: ltr !important; unicode-bidi: isolate !important; }\n" +
  ":host::backdrop { display: none !important; }\n";

function createVerified(doc: Document, options: UiHostOptions): { host: HTMLElement; root: ShadowRoot } | undefined {
  const tag = options.tag ?? "div";
  if (options.precheck && !options.precheck()) return undefined;
  try {
    const host = newElement(doc, tag);
    if (tagOf(host) !== tag || host.namespaceURI !== HTML_NS || hasAttr(host, "is")) return undefined;
    const root = host.attachShadow({ mode: "closed" });
    const ours = root.mode === "closed" && root.host === host && host.shadowRoot === null && !root.firstChild;
    if (!ours || (options.verify && !options.verify(host, root))) return undefined;
    return { host, root };
  } catch {
    return undefined;
  }
}

/** A verified host with its styles, or undefined (after `onBlocked("unverified")`) when the page prevents one. */
export function createUiHost(doc: Document, options: UiHostOptions): UiHost | undefined {
  const made = createVerified(doc, options);
  if (!made) {
    options.onBlocked("unverified");
    return undefined;
  }
  const { host, root } = made;
  hosts.add(host);
  applyStyles(root, HOST_CSS + options.css);

  let attached = false;
  /** Where the host was put: <html> (a router that swaps in a whole new <html> leaves the host in the old one), or the
   * page's top-layer element. */
  let place: Element | null = null;
  /** Whether the host goes into the page's top-layer element; not after the page took it out of one. */
  let borrows = !!options.aboveTopLayer;
  let blocked = false;
  let zoomStyle: ((css: string) => void) | undefined;
  // A page's `zoom` on <html> multiplies down to the host (`all: initial` resets the host's own zoom, not the page's)
  // and scales viewport units with it: at 2x a card `100vw - 16px` wide is twice the window's width, and the settings
  // dialog's top is above the window. The host undoes it: Gloss's UI is drawn at the size the browser's zoom gives.
  const undoPageZoom = () => {
    const zoom = htmlOf(doc).currentCSSZoom || 1;
    if (zoom === 1 && !zoomStyle) return;
    zoomStyle ??= applyStyles(root, "");
    zoomStyle(zoom === 1 ? "" : `:host { zoom: ${1 / zoom} !important; }`);
  };
  // Only the page removes the host while Gloss wants it shown: that is the page blocking it. Gloss does not put it
  // back (a page that removes it once removes it again); it says so elsewhere.
  const watcher = new (viewOf(doc) ?? globalThis).MutationObserver(() => {
    if (!attached) return;
    // Still in its place: a dialog it is in closed (its `open` goes; a component's dialog's close event is not seen
    // outside it), or one came: the host goes where it is seen.
    if (host.parentNode === place) return void ui.attach();
    attached = false;
    watcher.disconnect();
    // A dialog of the page's that drops children it did not render (a framework's) is not the page blocking Gloss:
    // the host goes under <html>, where the rule above holds.
    borrows = false;
    if (place !== htmlOf(doc)) return void ui.attach();
    blocked = true;
    follow(false);
    options.onBlocked("removed");
  });
  // In the top layer itself (a manual popover, shown last), the host is drawn over the page's dialogs, popovers and
  // fullscreen element, at the viewport: a dialog's transform, filter, contain, overflow or small size can neither clip
  // it nor hold its fixed card. Inside a modal dialog still, the only part of the page that is not inert. Only while
  // the page has something there (`over`): on any other page the host stays a bare element, no attribute to find.
  let over = false;
  const raise = () => {
    if (!over && place === htmlOf(doc)) return;
    try {
      // Hidden first, shown again: put back on top of what came since.
      if (host.popover) host.hidePopover();
      host.popover = "manual";
      host.showPopover();
    } catch {
      // No Popover API: the host stays where it was put.
    }
  };
  // A dialog opened (toggle does not bubble: caught on the way down; one in a component is seen by the focus it takes),
  // a popover shown or fullscreen begun: the host goes where it is seen, above what came; not while the keyboard is on
  // the card, which hiding the popover would hand back to the page (`late`: once the focus has gone to the page), nor
  // at each focus move (only a dialog's moves it).
  let late = false;
  const onTopLayer = (event: Event) => {
    if (!attached || event.target === host) return;
    if (event.type !== "focusin") over = late = true;
    // A raise owed is done now, unless the keyboard is on the card: then it stays owed.
    const now = late && !root.activeElement;
    if (now) late = false;
    ui.attach(now);
  };
  // Only while the host is in the page: a host made for each use (the picker's) leaves nothing behind.
  const follow = (on: boolean) => {
    for (const type of ["focusin", "fullscreenchange", "toggle"])
      doc[on ? "addEventListener" : "removeEventListener"](type, onTopLayer, true);
  };

  const ui: UiHost = {
    root,
    host,
    get attached() {
      return attached && host.isConnected;
    },
    attach(again) {
      if (blocked) return false;
      const want = (borrows && topLayerHome(doc)) || htmlOf(doc);
      // Elsewhere, the page did not take the host out: it replaced the whole <html>, and the host goes into the new
      // one; or a modal dialog came or went.
      if (!attached || place !== want) {
        // What the page already shows in the top layer as the card comes (a browser without :popover-open knows none).
        over ||= !attached && borrows && (!!doc.fullscreenElement || pageShowsPopover(doc, host));
        watcher.disconnect();
        undoPageZoom();
        place = want;
        place.append(host);
        attached = true;
        if (borrows) follow(true);
        watcher.observe(place, { childList: true, attributeFilter: ["open"] });
        again = true;
      }
      if (again) raise();
      return true;
    },
    detach() {
      follow(false);
      if (!attached) return;
      attached = over = late = false;
      watcher.disconnect();
      host.removeAttribute("popover");
      host.remove();
    },
  };
  return ui;
}

/** Whether a popover of the page's other than `host` is open; false where the browser cannot tell. */
function pageShowsPopover(doc: Document, host: Element): boolean {
  try {
    return [...doc.querySelectorAll(":popover-open")].some((element) => element !== host);
  } catch {
    return false;
  }
}

export interface LazyUiHost {
  /** The host, made on first use; undefined when the page blocked it. */
  get(): UiHost | undefined;
  /** The host if it was made. */
  readonly current: UiHost | undefined;
  /** How the page prevented the host or removed it (then nothing shows in the page from now on). */
  readonly blocked: UiBlockedReason | undefined;
}

/**
 * A host for `content` made when there is first something to show: nothing of Gloss is in the page before. The page
 * blocking it is told once, and it is never made again.
 */
export function lazyUiHost(doc: Document, content: Node, options: UiHostOptions): LazyUiHost {
  let ui: UiHost | undefined;
  let blocked: UiBlockedReason | undefined;
  return {
    get() {
      if (!ui && !blocked) {
        ui = createUiHost(doc, {
          ...options,
          onBlocked: (reason) => {
            if (blocked) return;
            blocked = reason;
            options.onBlocked(reason);
          },
        });
        ui?.root.append(content);
      }
      return ui;
    },
    get current() {
      return ui;
    },
    get blocked() {
      return blocked;
    },
  };
}

/** What a card's caller says about the page's checks: the rest of a card's host is the card's own. */
export type HostChecks = Pick<UiHostOptions, "onBlocked" | "precheck" | "verify">;

/** A lazy host (see lazyUiHost) for an in-page card with its own `css`, under the page checks its caller gives. */
export function lazyCardHost(doc: Document, card: Node, css: string, checks: HostChecks): LazyUiHost {
  return lazyUiHost(doc, card, {
    css,
    onBlocked: checks.onBlocked,
    precheck: checks.precheck,
    verify: checks.verify,
  });
}
