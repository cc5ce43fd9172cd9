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

export class PageFollow {
  private cache: PageCache | undefined;
  /** Counts holds, so a wait for the page shown next answers only its own hold. */
  private holds = 0;

  constructor(private readonly p: PageFollowParts) {}

  /** Starts following the page, once. */
  start(): void {
    if (this.cache) return;
    watchBody(this.p.doc, () => this.bodyChanged());
    this.cache = followPageCache(this.p.doc, {
      beforeCache: () => this.giveOriginalToCache(),
      loaded: () => this.resumeAtVisitEnd(),
    });
  }

  /** Whether the engine shows a page run (not only passages the reader picked, nor a run an error stopped). */
  private pageRunShown(current: PageTranslator): boolean {
    return (current.state === "translating" || current.state === "translated") && !this.p.state.passages.length;
  }

  private bodyChanged(): void {
    const { doc, engine } = this.p;
    const current = engine.current;
    if (!current || bodyOf(doc) === engine.body || !bodyOf(doc)) return;
    // A page run goes on in the new page; passages the reader picked (or a run an error stopped) left with the old.
    if (!this.p.state.heldForCache && !this.pageRunShown(current)) {
      this.leaveOldPage(current.state !== "idle" && current.state !== "restored");
      return;
    }
    // A preview is replaced by the fresh page in a moment: the run waits for that one rather than send requests.
    if (this.cache?.showsPreview()) this.holdForCache();
    else this.resumeRun();
  }

  /** The router copies the page next: it gets its original back now, whatever Gloss shows on it. */
  private giveOriginalToCache(): void {
    const { doc, engine } = this.p;
    const current = engine.current;
    if (!current || engine.body !== bodyOf(doc)) return;
    if (this.pageRunShown(current)) this.holdForCache();
    else this.leaveOldPage(current.state !== "idle" && current.state !== "restored");
  }

  /**
   * The page run stops, its page back in the original, until the page shown next. Until then the run is not over:
   * "translating", never "translated" over a page in the original.
   */
  private holdForCache(): void {
    const s = this.p.state;
    if (s.heldForCache) return;
    s.heldForCache = true;
    s.run++; // the stopped run's outcome is not the session's
    s.settled = false; // nor is it over: the run goes on in the page shown next
    this.p.engine.current?.restore();
    s.status = "translating";
    s.progress = EMPTY;
    this.p.emit();
    this.waitForNextPage(++this.holds, 0);
  }

  /**
   * The visit's next page (bodyChanged) or its end (turbo:load) resumes the held run. With no visit under way (none came
   * after the page said it was about to be copied, or the visit went quiet: given up, or the page's own script firing
   * the events to stop Gloss), the run goes on in the page shown, from memory (no request for what was translated).
   */
  private waitForNextPage(hold: number, waited: number): void {
    this.p.doc.defaultView?.setTimeout(() => {
      if (hold !== this.holds || !this.p.state.heldForCache) return;
      const held = waited + CACHE_LEAVE_MS;
      if (this.cache?.visiting() && held < HOLD_LONGEST_MS) this.waitForNextPage(hold, held);
      else this.resumeRun();
    }, CACHE_LEAVE_MS);
  }

  private resumeRun(): void {
    this.p.state.heldForCache = false;
    this.p.rerun();
  }

  /** The visit is over: the page shown is the one that stays, also one that kept the <body> (a frame's visit promoted
   * to the address, a refresh morphed in place) or one still marked as a preview (Turbo never ends a visit on one). */
  private resumeAtVisitEnd(): void {
    if (this.p.state.heldForCache) this.resumeRun();
  }

  /**
   * The site swapped in a new page while the old one showed no page run: passages the reader picked (or a run an error
   * stopped) leave with it, given back on the old <body> (a site may show it again from its cache). The new page is
   * one Gloss has not touched: "idle", not "original", which would say the reader declined it (auto-translate.ts).
   */
  private leaveOldPage(shown: boolean): void {
    const s = this.p.state;
    s.heldForCache = false;
    if (shown) {
      s.run++;
      this.p.engine.current?.restore();
    }
    this.p.engine.drop();
    if (!shown) return;
    s.passages = [];
    s.status = "idle";
    s.progress = EMPTY;
    s.error = s.notice = undefined;
    s.serverStatus = undefined;
    s.reasons = {};
    this.p.emit();
  }
}
