// Follows a site that swaps in a new page (a new <body>, or a new <html>) and a router that keeps copies of its pages,
// for the page session. The engine works on the <body> it was made for: it would go on watching the old one, out of
// the page, holding it and its units, while the new page stayed in its language and a new run found nothing.
import type { PageTranslator } from "../core";
import { watchBody } from "./body-watch";
import { followPageCache, type PageCache } from "./page-cache";
import { EMPTY, type SessionState } from "./session-report";
import type { SessionEngine } from "./session-engine";
import { bodyOf } from "../core/dom";

/** How long a page that said it was about to be copied, with no visit under way, has to give way to the next one
 * before it is taken to stay; also how often a held run looks again whether the visit is still under way. The copy is
 * taken at once (a task after the event), so a later run does not reach it. */
const CACHE_LEAVE_MS = 1500;

/** The longest a run is held for one visit, however long the visit says it goes on: a page's own script firing the
 * router's events every few seconds would otherwise keep the page in the original, saying Translating…, for good. */
export const HOLD_LONGEST_MS = 60_000;

/** What the follower works with: the session's state and engine, its report, and its page run. */
export interface PageFollowParts {
  doc: Document;
  state: SessionState;
  engine: SessionEngine;
  emit(): void;
  /** Runs the page run again, in the page shown. */
  rerun(): void;
}

/** What the follower keeps between events: its parts, the router's page cache once followed, and its holds. */
interface Follow {
  p: PageFollowParts;
  cache?: PageCache | undefined;
  /** Counts holds, so a wait for the page shown next answers only its own hold. */
  holds: number;
}

/** The session's follower of the page: `start` begins following it, once (when the first engine is made). */
export function pageFollow(p: PageFollowParts): { start(): void } {
  const f: Follow = { p, holds: 0 };
  return { start: () => startFollowing(f) };
}

function startFollowing(f: Follow): void {
  if (f.cache) return;
  watchBody(f.p.doc, () => bodyChanged(f));
  f.cache = followPageCache(f.p.doc, {
    beforeCache: () => giveOriginalToCache(f),
    loaded: () => resumeAtVisitEnd(f),
  });
}

/** Whether the engine shows a page run (not only passages the reader picked, nor a run an error stopped). */
function pageRunShown(f: Follow, current: PageTranslator): boolean {
  return (current.state === "translating" || current.state === "translated") && !f.p.state.passages.length;
}

function bodyChanged(f: Follow): void {
  const { doc, engine } = f.p;
  const current = engine.current;
  if (!current || bodyOf(doc) === engine.body || !bodyOf(doc)) return;
  // A page run goes on in the new page; passages the reader picked (or a run an error stopped) left with the old.
  if (!f.p.state.heldForCache && !pageRunShown(f, current)) {
    leaveOldPage(f, current.state !== "idle" && current.state !== "restored");
    return;
  }
  // A preview is replaced by the fresh page in a moment: the run waits for that one rather than send requests.
  if (f.cache?.showsPreview()) holdForCache(f);
  else resumeRun(f);
}

/** The router copies the page next: it gets its original back now, whatever Gloss shows on it. */
function giveOriginalToCache(f: Follow): void {
  const { doc, engine } = f.p;
  const current = engine.current;
  if (!current || engine.body !== bodyOf(doc)) return;
  if (pageRunShown(f, current)) holdForCache(f);
  else leaveOldPage(f, current.state !== "idle" && current.state !== "restored");
}

/**
 * The page run stops, its page back in the original, until the page shown next. Until then the run is not over:
 * "translating", never "translated" over a page in the original.
 */
function holdForCache(f: Follow): void {
  const s = f.p.state;
  if (s.heldForCache) return;
  s.heldForCache = true;
  s.run++; // the stopped run's outcome is not the session's
  s.settled = false; // nor is it over: the run goes on in the page shown next
  f.p.engine.current?.restore();
  s.status = "translating";
  s.progress = EMPTY;
  f.p.emit();
  waitForNextPage(f, ++f.holds, 0);
}

/**
 * The visit's next page (bodyChanged) or its end (turbo:load) resumes the held run. With no visit under way (none came
 * after the page said it was about to be copied, or the visit went quiet: given up, or the page's own script firing
 * the events to stop Gloss), the run goes on in the page shown, from memory (no request for what was translated).
 */
function waitForNextPage(f: Follow, hold: number, waited: number): void {
  f.p.doc.defaultView?.setTimeout(() => {
    if (hold !== f.holds || !f.p.state.heldForCache) return;
    const held = waited + CACHE_LEAVE_MS;
    if (f.cache?.visiting() && held < HOLD_LONGEST_MS) waitForNextPage(f, hold, held);
    else resumeRun(f);
  }, CACHE_LEAVE_MS);
}

function resumeRun(f: Follow): void {
  f.p.state.heldForCache = false;
  f.p.rerun();
}

/** The visit is over: the page shown is the one that stays, also one that kept the <body> (a frame's visit promoted
 * to the address, a refresh morphed in place) or one still marked as a preview (Turbo never ends a visit on one). */
function resumeAtVisitEnd(f: Follow): void {
  if (f.p.state.heldForCache) resumeRun(f);
}

/**
 * The site swapped in a new page while the old one showed no page run: passages the reader picked (or a run an error
 * stopped) leave with it, given back on the old <body> (a site may show it again from its cache). The new page is
 * one Gloss has not touched: "idle", not "original", which would say the reader declined it (auto-translate.ts).
 */
function leaveOldPage(f: Follow, shown: boolean): void {
  const s = f.p.state;
  s.heldForCache = false;
  if (shown) {
    s.run++;
    f.p.engine.current?.restore();
  }
  f.p.engine.drop();
  if (!shown) return;
  s.passages = [];
  s.status = "idle";
  s.progress = EMPTY;
  s.error = s.notice = undefined;
  s.serverStatus = undefined;
  s.reasons = {};
  f.p.emit();
}
