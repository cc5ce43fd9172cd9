// A press that started a translation follows its tab to the next page when the page it reached is replaced before
// the reader saw any of it: a page that redirects itself right after loading, a link that was already on its way
// (Firefox does not say that a navigation is in flight), a document swapped while the press was being delivered.
// Without this, the new page shows untranslated and, since the browser clears a tab's badge when it navigates,
// nothing says why.
import { outcomeShown, type ContentReport } from "../shared/messages";
import type { Delivery } from "./command-delivery";

export interface PressFollowOptions {
  /** Delivers "translate" to the tab again, to the page at `url` only when given, and reports how that went. */
  redeliver(tabId: number, url?: string): Promise<Delivery>;
  /** How long after the press a new page still counts as the one the reader pressed for. */
  windowMs?: number;
  /** Redeliveries per press, so a page that keeps reloading itself cannot keep Gloss busy. */
  maxFollows?: number;
  now?: () => number;
}

/** One press, as `pressed` returned it. */
export type PressHandle = object;

export interface PressFollow {
  /** The reader pressed: from now on a new page in the tab is noted, even while the press is still on its way. */
  pressed(tabId: number): PressHandle;
  /**
   * Where a command got to. With `press`, the answer is that press's own and is dropped once the reader pressed
   * again (a delivery can take seconds on a page still loading); without, it ends the tab's press unless it
   * started a translation (Show original, a passage).
   */
  delivered(tabId: number, delivery: Delivery, press?: PressHandle): void;
  /** The tab's content script reported. */
  reported(tabId: number, report: ContentReport): void;
  /** The tab committed a page (`url`) or finished loading. */
  updated(tabId: number, change: { url?: string; status?: string }): void;
  forget(tabId: number): void;
}

interface Press {
  at: number;
  delivering: boolean;
  /** The tab moved on while the press was being delivered. */
  movedMeanwhile: boolean;
  /** The address of the last page the tab committed since the press. */
  movedTo?: string;
  /** The address of the page the press (or its last redelivery) reached, as that page reported it. */
  reached?: string;
  /** Pages (addresses) that reported something the reader saw while the press was being delivered: the press's
   * answer, the page's state when the command reached it, can be older than that. */
  seenMeanwhile: Set<string>;
  follows: number;
}

/** The page the press reached showed the reader something before the press's answer came back. */
const seenMeanwhile = (press: Press, delivery: Extract<Delivery, { ok: true }>): boolean =>
  delivery.report.url !== undefined && press.seenMeanwhile.has(delivery.report.url);

export function createPressFollow(options: PressFollowOptions): PressFollow {
  const windowMs = options.windowMs ?? 10_000;
  const maxFollows = options.maxFollows ?? 2;
  const now = options.now ?? Date.now;
  const presses = new Map<number, Press>();

  function follow(tabId: number, press: Press): void {
    // Always to a page named: the one that replaced the page reached or, when the tab only finished loading, the
    // page reached itself. Unnamed, a redelivery that met a navigation would land on whatever page came next (the
    // reader's next page, started unasked, which their own press then turned back to the original).
    const page = press.movedTo ?? press.reached;
    if (page === undefined || now() - press.at > windowMs || press.follows >= maxFollows) {
      presses.delete(tabId);
      return;
    }
    press.follows++;
    press.delivering = true;
    press.movedMeanwhile = false;
    press.seenMeanwhile.clear();
    // The answer is this press's own: dropped if the reader pressed again meanwhile.
    void options.redeliver(tabId, page).then((delivery) => api.delivered(tabId, delivery, press));
  }

  const api: PressFollow = {
    pressed(tabId) {
      const press: Press = { at: now(), delivering: true, movedMeanwhile: false, seenMeanwhile: new Set(), follows: 0 };
      presses.set(tabId, press);
      return press;
    },
    delivered(tabId, delivery, handle) {
      const press = presses.get(tabId);
      if (!press || (handle !== undefined && handle !== press)) return;
      if (
        !delivery.ok ||
        delivery.sent !== "translate" ||
        outcomeShown(delivery.report) ||
        seenMeanwhile(press, delivery)
      ) {
        presses.delete(tabId);
        return;
      }
      press.reached = delivery.report.url ?? press.reached;
      press.delivering = false;
      if (press.movedMeanwhile) follow(tabId, press);
    },
    reported(tabId, report) {
      const press = presses.get(tabId);
      if (!press || !outcomeShown(report)) return;
      if (!press.delivering) presses.delete(tabId);
      else if (report.url) press.seenMeanwhile.add(report.url);
    },
    updated(tabId, change) {
      const press = presses.get(tabId);
      if (!press || (change.url === undefined && change.status !== "complete")) return;
      if (change.url !== undefined) press.movedTo = change.url;
      if (press.delivering) press.movedMeanwhile = true;
      else follow(tabId, press);
    },
    forget(tabId) {
      presses.delete(tabId);
    },
  };
  return api;
}
