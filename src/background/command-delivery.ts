// Gets a reader's command (shortcut, toolbar, menu) to the page the tab shows, or says why it could not. A press
// used to land in whatever document the tab had committed: during a navigation that is the page being left (or the
// blank page of a new tab), so the page that then showed was never translated and nothing said so. Now a navigation
// in flight is waited out, the content script is injected where needed, every message has a time limit, a failed
// attempt is tried once more after the tab's next step, and what still fails comes back as an error to show.
import { showsTranslation, type ContentCommand, type ContentReport, type UserError } from "../shared/messages";
import { namesPdf, PDF_VIEWER } from "./pdf-viewer";

export type PageCommand = "translate" | "retry" | "restore" | "toggle" | "passage";

/** What a command comes to once the page's state is known (a toggle becomes translate or restore). */
type Resolved = Exclude<PageCommand, "toggle">;

export interface TabInfo {
  status?: string;
  url?: string;
  /** A navigation is in flight: the page shown is on its way out and the next one has not committed yet. */
  navigating?: boolean;
  /** The browser unloaded the tab to save memory (tab.discarded): no page is in it until the reader goes back to it. */
  discarded?: boolean;
}

/** The browser, as delivery sees it (tests stand in for it). */
export interface TabChannel {
  /** The tab now; undefined when it is gone. */
  tab(tabId: number): Promise<TabInfo | undefined>;
  /** Sends to the content script of the tab's top document; rejects when none listens there. */
  send(tabId: number, command: ContentCommand): Promise<unknown>;
  /**
   * Runs the content script in the tab's top document; rejects when the browser does not allow it. With `startWith`,
   * a script that starts there now (none ran in that page before) begins with that command as it comes up, and
   * `started` says it did, unless an older script cut off from Gloss showed the page translated (content/handover.ts):
   * the new one then only took the page back (`handedBack`). `page`, the tab as the press found it, lets the settings
   * for its address go along and says whether the page has finished loading.
   */
  inject(tabId: number, startWith?: "translate", page?: TabInfo): Promise<Injected | void>;
  /**
   * Asks a content script cut off from Gloss (updated or reloaded while the page stayed open) to show the page's
   * original, where one is left in the tab's top document (content/handover.ts); settles either way.
   */
  handOver?(tabId: number): Promise<void>;
  /** False when no content script can be listening in the tab's page (then a press injects without asking first);
   * absent: always ask. */
  mayListen?(tabId: number): boolean | Promise<boolean>;
  /** Resolves once `holds` is false for the tab (checked now and at each of its updates), or after `ms`. */
  waitWhile(tabId: number, holds: (tab: TabInfo) => boolean, ms: number): Promise<void>;
}

export interface Injected {
  started: boolean;
  handedBack?: boolean;
}

export interface DeliveryLimits {
  /** A content script answers at once; a page busy for longer than this is asked again. */
  answerMs: number;
  injectMs: number;
  /** How long a press waits for a page that is still on its way. */
  navigationMs: number;
}

export const DELIVERY_LIMITS: DeliveryLimits = { answerMs: 5_000, injectMs: 30_000, navigationMs: 30_000 };

export type Delivery = { ok: true; report: ContentReport; sent: Resolved } | { ok: false; error: UserError };

export const CANNOT_TRANSLATE: UserError = {
  message: "Gloss cannot translate this page.",
  fix: "Browser pages, extension galleries and some built-in viewers are off limits to extensions. Try a normal web page.",
  kind: "forbidden-page",
};

const NO_ACCESS: UserError = {
  message: "Gloss could not get into this page.",
  fix: "If the page changed after you pressed, press the shortcut or click Gloss's button again. Extension galleries and some built-in viewers are off limits to extensions.",
  kind: "no-access",
};

const NO_ANSWER: UserError = {
  message: "The page did not answer Gloss.",
  fix: "Wait until it has finished loading and try again; if it keeps happening, reload the page.",
  kind: "no-answer",
};

export const TAB_GONE: UserError = { message: "The tab was closed.", kind: "tab-gone" };

/** Nothing runs in a discarded tab, and going to it loads its page afresh, in the original. */
export const ASLEEP: UserError = {
  message: "This tab is asleep: your browser unloaded it to save memory.",
  fix: "Go to the tab to load its page again, then translate it.",
  kind: "asleep",
};

/** A follow found the tab on yet another page (see deliverCommand's `forPage`): nothing to do, nothing to say. */
export const MOVED_ON: UserError = { message: "The tab went on to another page.", kind: "moved-on" };

const IDLE: ContentReport = { status: "idle", progress: { total: 0, done: 0, failed: 0 } };

type Failure = "forbidden" | "no-access" | "pdf" | "no-answer" | "gone" | "moved-on" | "asleep";

const ERRORS: Record<Failure, UserError> = {
  forbidden: CANNOT_TRANSLATE,
  "no-access": NO_ACCESS,
  pdf: PDF_VIEWER,
  "no-answer": NO_ANSWER,
  gone: TAB_GONE,
  "moved-on": MOVED_ON,
  asleep: ASLEEP,
};

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

const isReport = (value: unknown): value is ContentReport =>
  !!value && typeof value === "object" && "status" in value && "progress" in value;

/** The content script's report after `command`, or undefined when none answered in time. */
export async function askTab(
  channel: TabChannel,
  tabId: number,
  command: ContentCommand,
  ms: number,
): Promise<ContentReport | undefined> {
  try {
    const reply = await within(channel.send(tabId, command), ms);
    return isReport(reply) ? reply : undefined;
  } catch {
    return undefined;
  }
}

const isWebUrl = (url: string | undefined) => !!url && /^https?:/.test(url);

/** The extension galleries, which the browsers keep every extension out of: a press there can never get in. */
const GALLERY =
  /^https:\/\/(chromewebstore\.google\.com|chrome\.google\.com\/webstore|addons\.mozilla\.org|microsoftedge\.microsoft\.com\/addons)(\/|$)/;

/**
 * Whether the address is one extensions may enter: a web page, not an extension gallery. An address the browser keeps
 * from Gloss (undefined) is a browser page's, or a page Gloss has neither the site's access nor the reader's click for.
 */
export const mayEnter = (url: string | undefined): boolean => isWebUrl(url) && !GALLERY.test(url ?? "");

/** Why Gloss could not get into the page: a page no extension may enter, the browser's PDF viewer at the PDF's
 * address, or one whose access the press lost. */
const refused = (url: string | undefined): Failure =>
  !mayEnter(url) ? "forbidden" : namesPdf(url) ? "pdf" : "no-access";

/** The press is for the page that is coming, not the one on its way out. */
const navigating = (tab: TabInfo) => tab.navigating === true;

type Attempt = Extract<Delivery, { ok: true }> | { ok: false; failure: Failure };

async function attempt(
  channel: TabChannel,
  tabId: number,
  command: PageCommand,
  intent: { resolved?: Resolved },
  limits: DeliveryLimits,
  forPage?: string,
): Promise<Attempt> {
  let tab = await channel.tab(tabId);
  if (!tab) return { ok: false, failure: "gone" };
  // Injecting failed there, and was then told as a page Gloss could not get into (Try again did the same).
  if (tab.discarded) return { ok: false, failure: "asleep" };
  if (navigating(tab)) {
    await channel.waitWhile(tabId, navigating, limits.navigationMs);
    tab = (await channel.tab(tabId)) ?? tab;
  }
  if (forPage !== undefined && tab.url !== forPage) return { ok: false, failure: "moved-on" };
  const toRestore = (intent.resolved ?? command) === "restore";
  // "Show original" always asks: the background may not have heard from a content script that is there.
  const ask = toRestore || ((await channel.mayListen?.(tabId)) ?? true);
  let state = ask ? await askTab(channel, tabId, { command: "state" }, limits.answerMs) : undefined;
  if (!state) {
    // No content script: the page shows its original, which is all "Show original" asks for, unless an old script
    // cut off from Gloss still shows its translation there (Chromium keeps it running): it is asked to give it back.
    if (toRestore) {
      await within(channel.handOver?.(tabId) ?? Promise.resolve(), limits.injectMs).catch(() => undefined);
      return { ok: true, report: IDLE, sent: "restore" };
    }
    // A script that comes up fresh shows the original, so a toggle means translate: it starts with it, without the
    // two round trips (state, then the command) that would hold its first request back.
    const startWith = (intent.resolved ?? command) === "passage" ? undefined : "translate";
    // The page asked may have been on its way out: a follow must not start the one after it.
    if (forPage !== undefined && (await channel.tab(tabId))?.url !== forPage) return { ok: false, failure: "moved-on" };
    let injected: Injected | void;
    try {
      injected = await within(channel.inject(tabId, startWith, tab), limits.injectMs);
    } catch {
      return { ok: false, failure: refused(tab.url) };
    }
    if (injected?.started) intent.resolved ??= "translate";
    else {
      // The page showed the translation of a script Gloss's update or reload cut off, and has its original back: what
      // a toggle asks for (translated afresh instead, the shortcut never showed the original after an update).
      if (injected?.handedBack && command === "toggle") intent.resolved ??= "restore";
      // The page already had a session (the background had not heard from it): the toggle goes by its state.
      state = await askTab(channel, tabId, { command: "state" }, limits.answerMs);
      if (!state) return { ok: false, failure: "no-answer" };
    }
  }
  // A toggle is decided once, against the page as the press found it, so asking again can never undo it.
  intent.resolved ??= command === "toggle" ? (state && showsTranslation(state) ? "restore" : "translate") : command;
  // After a fresh start this only asks for the report: translate() on a page already translating does nothing.
  const report = await askTab(channel, tabId, { command: intent.resolved }, limits.answerMs);
  if (!report) return { ok: false, failure: "no-answer" };
  return { ok: true, report, sent: intent.resolved };
}

/**
 * Delivers `command` to the tab's page. With `forPage` (an address), only to that page: a press that follows its tab
 * to the page that replaced the one it reached (press-follow.ts) is not for whatever page the reader went to next.
 */
export async function deliverCommand(
  channel: TabChannel,
  tabId: number,
  command: PageCommand,
  limits: DeliveryLimits = DELIVERY_LIMITS,
  forPage?: string,
): Promise<Delivery> {
  const intent: { resolved?: Resolved } = {};
  const first = await attempt(channel, tabId, command, intent, limits, forPage);
  if (first.ok || first.failure === "gone" || first.failure === "moved-on" || first.failure === "asleep") {
    return settle(first);
  }
  // Once more; a loading tab first gets to its next page or the end of its loading: the document the first attempt
  // met (the blank page of a new tab, the page being left) may be on its way out.
  const before = await channel.tab(tabId);
  if (before?.status === "loading") {
    const samePageLoading = (tab: TabInfo) => tab.status === "loading" && tab.url === before.url;
    await channel.waitWhile(tabId, samePageLoading, limits.navigationMs);
  }
  return settle(await attempt(channel, tabId, command, intent, limits, forPage));
}

/** Why a command could not get into the page at `url` (the tab's, where the browser says). */
export const refusal = (url: string | undefined): UserError => ERRORS[refused(url)];

const settle = (result: Attempt): Delivery => (result.ok ? result : { ok: false, error: ERRORS[result.failure] });
