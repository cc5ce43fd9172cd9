// "Translate automatically" for one tab: translate when the page's address is covered by a rule, including after
// in-page navigation on single-page sites (new Reddit). It respects the reader: "Show original" sticks for that
// page (a `?sort=` or `#comment` change is the same page), and a session the rule started ends when navigation
// leaves the rule's scope, so Gloss does not keep translating r/popular after r/de. Every in-page navigation is
// also told to the session, rule or not (PageSession.newRoute).
//
// A page the reader has not seen is not translated until they see it (page-shown.ts): one Chromium prerenders (they
// may never open it), and a tab opened in the background too. Translating those ahead would take the reader's slow
// local server from the page they are on: a request in a slot is never stopped for a shown page's (llm/limiter.ts),
// the userscript has no lanes at all (each tab its own limiter), and a hidden page has no view to start from. Brought
// to the front, the page starts as on a normal load, in view first; a page seen before comes from the cache at once.
import type { ContentReport } from "../shared/messages";
import { watchNavigation } from "./navigation";
import type { PageSession } from "./page-session";
import { waitUntilShown, type ShownWait } from "./page-shown";

export interface AutoTranslateDeps {
  window: Window;
  /** Whether a rule covers `url` (asks the background in the extension, GM storage in the userscript). */
  covers(url: string): Promise<boolean>;
}

export interface AutoTranslate {
  /** Feed every session report: a switch to the original by the reader is remembered. */
  noteReport(report: ContentReport): void;
  /** Check the current page, and every in-page navigation from now on. */
  start(session: PageSession): void;
  /** Follow navigation no more (the script gave the page back: see content/handover.ts). */
  stop(): void;
}

const pageOf = (url: string) => {
  const u = new URL(url);
  return u.origin + u.pathname;
};

export function createAutoTranslate(deps: AutoTranslateDeps): AutoTranslate {
  let session: PageSession | undefined;
  let startedByRule = false;
  /** The page where the reader chose the original; not translated automatically again until they leave it. */
  let declinedPage: string | undefined;
  let checking = 0;
  let unwatch: (() => void) | undefined;
  /** The wait for the page to be shown, shared by every check made while it is not. */
  let wait: ShownWait | undefined;
  let lastStatus: ContentReport["status"] | undefined;

  // A frame is not a page the rules cover (their scripts run in top frames only): Gloss is in one for what the reader
  // asked there (a selection, a reply box), and a run of the whole frame would not show in the badge or popup, nor go
  // back with their Show original.
  const inFrame = deps.window !== deps.window.top;

  function untilShown(): Promise<boolean> {
    if (!wait) {
      const made = waitUntilShown(deps.window.document);
      wait = made;
      void made.shown.then(() => {
        if (wait === made) wait = undefined;
      });
    }
    return wait.shown;
  }

  async function check(url: string): Promise<void> {
    if (inFrame) return;
    const mine = ++checking;
    // Not even the rule is asked for before the reader sees the page: the answer would be old by then. Except to end
    // a run the rule started, on a route (in-page, Turbo) that left its scope while the tab was hidden: ending asks
    // the server nothing, and put off, the run would go on translating the new route behind the reader's back.
    const ending = startedByRule && session?.active === true;
    if (!ending && (!(await untilShown()) || mine !== checking)) return;
    const covered = await deps.covers(url).catch(() => false);
    if (mine !== checking || !session) return; // a newer navigation decides
    if (covered) {
      if (!(await untilShown()) || mine !== checking || !session) return;
      // A passage the reader had translated does not stand for the page: the rest is translated too.
      if (declinedPage === pageOf(url) || session.pageActive) return;
      startedByRule = true;
      await session.translate();
    } else if (startedByRule && (session.active || session.report().status === "error")) {
      // A run the rule started that failed ends too: its error is not news about the page the reader went to.
      startedByRule = false;
      session.restore();
    }
  }

  return {
    start(started) {
      session = started;
      let lastPage = pageOf(deps.window.location.href);
      unwatch = watchNavigation(deps.window, (url) => {
        // Whatever the rules say: the elements a site reuses for each route change with it, and that is not churn.
        started.newRoute();
        const page = pageOf(url);
        if (page === lastPage) return; // only the query or the fragment changed: the same page
        lastPage = page;
        if (declinedPage !== page) declinedPage = undefined;
        void check(url);
      });
      void check(deps.window.location.href);
    },
    stop() {
      unwatch?.();
      unwatch = undefined;
      wait?.cancel();
      wait = undefined;
      session = undefined;
    },
    noteReport(report) {
      // The switch to the original, not every report of it: the session reports the original again after the page
      // moved on (its paced progress, a new route's), and that page was not declined.
      const switched = report.status === "original" && lastStatus !== "original";
      lastStatus = report.status;
      if (switched) {
        declinedPage = pageOf(deps.window.location.href);
        startedByRule = false;
      }
    },
  };
}
