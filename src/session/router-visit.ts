// Tells whether a router that keeps copies of its pages (Turbo Drive, Turbolinks 5) is in the middle of a visit: the
// page it copied is about to go, or the copy it shows (a preview) is about to give way to the fresh page.

import { htmlOf } from "../core/dom";
/** Fired when a visit starts: before the router copies the page left (both routers wait a frame to copy it). */
const STARTED = ["turbo:visit", "turbolinks:visit"] as const;

/**
 * Fired as a visit goes on: its request, and the new page's rendering (after its stylesheets have loaded). On <html>
 * (Turbolinks: the document); the same names bubble up from a frame's or a form's own requests, which are no sign of
 * the visit (a frame the page reloads every few seconds would keep a visit given up under way for good).
 */
const GOING_ON = [
  "turbo:before-fetch-request",
  "turbo:before-fetch-response",
  "turbo:before-render",
  "turbo:render",
  "turbolinks:request-start",
  "turbolinks:request-end",
  "turbolinks:before-render",
  "turbolinks:render",
] as const;

/** Fired when a visit is over, also a failed one (its error page rendered), or when the router gives up and reloads. */
const OVER = ["turbo:load", "turbolinks:load", "turbo:reload"] as const;

/** Fired on <html> when the visit's own request fails (a frame's or a form's fires on that element): Turbo reloads. */
const REQUEST_FAILED = "turbo:fetch-request-error";

/**
 * How long a visit may go without a sign before it is taken as given up: the longest quiet part is the site's answer
 * while a preview is shown. A visit cancelled by the next one says nothing, and a page's own script can fire these
 * events to keep Gloss waiting: neither keeps a page untranslated longer than this.
 */
export const VISIT_QUIET_MS = 10_000;

export interface RouterVisit {
  /** Whether a visit has started, is not over, and gave a sign in the last VISIT_QUIET_MS. */
  underWay(): boolean;
}

/** Follows the router's visits from now on. Listens in the capture phase, ahead of the page's own handlers. */
export function followRouterVisits(doc: Document): RouterVisit {
  let lastSign: number | undefined;
  // Not the wall clock: one set back would keep a visit under way for as long.
  const now = () => performance.now();
  const sign = (event: Event) => {
    if (lastSign !== undefined && ofTheVisit(doc, event)) lastSign = now();
  };
  const over = () => {
    lastSign = undefined;
  };
  for (const type of STARTED) doc.addEventListener(type, () => (lastSign = now()), true);
  for (const type of GOING_ON) doc.addEventListener(type, sign, true);
  for (const type of OVER) doc.addEventListener(type, over, true);
  doc.addEventListener(REQUEST_FAILED, (event) => ofTheVisit(doc, event) && over(), true);
  return { underWay: () => lastSign !== undefined && now() - lastSign < VISIT_QUIET_MS };
}

/** The router fires a visit's events on <html> (Turbo) or the document (Turbolinks), not on an element in the page. */
function ofTheVisit(doc: Document, event: Event): boolean {
  return event.target === htmlOf(doc) || event.target === doc;
}
