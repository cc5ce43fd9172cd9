// Turbo Drive (and Turbolinks 5 before it) keep a copy of each page they leave: Back shows it again without asking
// the site, and a later visit to the page shows it for a moment (a preview) while the fresh page loads. Just before
// copying the page they fire an event on it; Gloss gives the page its original back then, so the copy never holds a
// translation that Show original could not undo, and the page is translated again when it is shown.
//
// Not reached: a frame's visit promoted to the address (<turbo-frame data-turbo-action="advance">, Turbo 7.2 and later;
// FrameController.proposeVisitIfNavigatedWithAction) copies the live <body> as the frame starts to load (within
// turbo:click, or right after the form's turbo:before-fetch-response, or on a lazy frame's appearance with no event),
// and turbo:before-cache later copies that copy. Giving the original there would flash the whole page untranslated at
// every such click while the frame loads; the README says what the reader sees on Back.
import { followRouterVisits } from "./router-visit";
import { hasAttr } from "../core/dom";
import { htmlOf } from "../core/dom";

/** Fired on <html> (bubbling to the document) before the copy is taken, in Turbo's and in Turbolinks' names. */
const BEFORE_CACHE = ["turbo:before-cache", "turbolinks:before-cache"] as const;

/** Set on <html> by the router as it renders a preview (before turbo:before-render), taken off as it renders the fresh
 * page (before that page's turbo:before-render): see View.markAsPreview in hotwired/turbo. */
const PREVIEW = ["data-turbo-preview", "data-turbolinks-preview"] as const;

/** Fired once a visit is over, also when its page was rendered in place rather than swapped in. */
const LOADED = ["turbo:load", "turbolinks:load"] as const;

export interface PageCacheEvents {
  /** The router is about to copy the page into its cache: the original must be what it copies. */
  beforeCache(): void;
  /** The router's visit is over. */
  loaded(): void;
}

export interface PageCache {
  /** Whether a visit is under way (see router-visit.ts): the page shown is about to give way to the visit's page. */
  visiting(): boolean;
  /** Whether the <body> shown is a cached copy, shown only until the fresh page comes: not worth a request. An
   * attribute that outlives the visit (a stale one, or the page's own) does not make a page a preview. */
  showsPreview(): boolean;
}

/**
 * Listens for the router's events. In the capture phase on the document, so Gloss gives the original back before the
 * page's own handlers tidy the page for the copy (they then tidy the original, as they expect).
 */
export function followPageCache(doc: Document, events: PageCacheEvents): PageCache {
  const visit = followRouterVisits(doc);
  for (const type of BEFORE_CACHE) doc.addEventListener(type, () => events.beforeCache(), true);
  for (const type of LOADED) doc.addEventListener(type, () => events.loaded(), true);
  return {
    visiting: () => visit.underWay(),
    showsPreview: () => visit.underWay() && markedAsPreview(doc),
  };
}

function markedAsPreview(doc: Document): boolean {
  const html = htmlOf(doc);
  return !!html && PREVIEW.some((name) => hasAttr(html, name));
}
