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
  /** The reader's press decides this page (content/handover.ts): the rule leaves it alone until they leave it. */
  decline(): void;
}

const pageOf = (url: string) => {
  const u = new URL(url);
  return u.origin + u.pathname;
};

/** What the steps share: the window and its rules, the session followed, and what the reader and the rule did here. */
interface AutoState {
  deps: AutoTranslateDeps;
  /**
   * A frame is not a page the rules cover (their scripts run in top frames only): Gloss is in one for what the reader
   * asked there (a selection, a reply box), and a run of the whole frame would not show in the badge or popup, nor
   * go back with their Show original.
   */
  inFrame: boolean;
  session?: PageSession;
  startedByRule: boolean;
  /** The page where the reader chose the original; not translated automatically again until they leave it. */
  declinedPage?: string;
  checking: number;
  unwatch?: () => void;
  /** The wait for the page to be shown, shared by every check made while it is not. */
  wait?: ShownWait;
  lastStatus?: ContentReport["status"];
}

function untilShown(a: AutoState): Promise<boolean> {
  if (!a.wait) {
    const made = waitUntilShown(a.deps.window.document);
    a.wait = made;
    void made.shown.then(() => {
      if (a.wait === made) a.wait = undefined;
    });
  }
  return a.wait.shown;
}

/** Translates the page at `url` if a rule covers it, or ends a run the rule started when it does not. */
async function checkPage(a: AutoState, url: string): Promise<void> {
  if (a.inFrame) return;
  const mine = ++a.checking;
  // Not even the rule is asked for before the reader sees the page: the answer would be old by then. Except to end
  // a run the rule started, on a route (in-page, Turbo) that left its scope while the tab was hidden: ending asks
  // the server nothing, and put off, the run would go on translating the new route behind the reader's back.
  const ending = a.startedByRule && a.session?.active === true;
  if (!ending && (!(await untilShown(a)) || mine !== a.checking)) return;
  const covered = await a.deps.covers(url).catch(() => false);
  if (mine !== a.checking || !a.session) return; // a newer navigation decides
  if (covered) {
    if (!(await untilShown(a)) || mine !== a.checking || !a.session) return;
    // A passage the reader had translated does not stand for the page: the rest is translated too.
    if (a.declinedPage === pageOf(url) || a.session.pageActive) return;
    a.startedByRule = true;
    await a.session.translate();
  } else if (a.startedByRule && (a.session.active || a.session.report().status === "error")) {
    // A run the rule started that failed ends too: its error is not news about the page the reader went to.
    a.startedByRule = false;
    a.session.restore();
  }
}

/** Checks the page now, and again on every in-page navigation to another page. */
function followPages(a: AutoState, started: PageSession): void {
  const { window } = a.deps;
  a.session = started;
  let lastPage = pageOf(window.location.href);
  a.unwatch = watchNavigation(window, (url, rewritten) => {
    const page = pageOf(url);
    // Whatever the rules say: the elements a site reuses for each route change with it, and that is not churn. An
    // address rewritten in place comes with no new route: a ticker there is still one.
    if (!rewritten) started.newRoute(page !== lastPage);
    if (page === lastPage) return; // only the query or the fragment changed: the same page
    // The site wrote where the reader is into the address (the post scrolled to): they are still on the page they
    // declined, and it stays in the original.
    if (rewritten && a.declinedPage === lastPage) a.declinedPage = page;
    lastPage = page;
    if (a.declinedPage !== page) a.declinedPage = undefined;
    void checkPage(a, url);
  });
  void checkPage(a, window.location.href);
}

function stopFollowing(a: AutoState): void {
  a.unwatch?.();
  a.unwatch = undefined;
  a.wait?.cancel();
  a.wait = undefined;
  a.session = undefined;
}

/** The reader's switch to the original declines this page (see AutoTranslate.noteReport). */
function noteSwitch(a: AutoState, report: ContentReport): void {
  // The switch to the original, not every report of it: the session reports the original again after the page
  // moved on (its paced progress, a new route's), and that page was not declined.
  const switched = report.status === "original" && a.lastStatus !== "original";
  a.lastStatus = report.status;
  if (switched) {
    a.declinedPage = pageOf(a.deps.window.location.href);
    a.startedByRule = false;
  }
}

export function createAutoTranslate(deps: AutoTranslateDeps): AutoTranslate {
  const a: AutoState = { deps, inFrame: deps.window !== deps.window.top, startedByRule: false, checking: 0 };
  return {
    start: (started) => followPages(a, started),
    stop: () => stopFollowing(a),
    noteReport: (report) => noteSwitch(a, report),
    decline: () => void (a.declinedPage = pageOf(deps.window.location.href)),
  };
}
