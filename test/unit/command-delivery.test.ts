// Delivering a reader's command to the page a tab shows, against a stand-in tab whose documents come and go the way
// a browser's do: a navigation in flight, the blank page of a new tab, a page that does not answer, a browser page.
import {
  deliverCommand,
  MOVED_ON,
  type DeliveryLimits,
  type TabChannel,
  type TabInfo,
} from "../../src/background/command-delivery";
import { showsTranslation, type ContentCommand, type ContentReport } from "../../src/shared/messages";

const LIMITS: DeliveryLimits = { answerMs: 50, injectMs: 200, navigationMs: 1_000 };

/** One document's content script, answering as the page session does. */
class Script {
  report: ContentReport = { status: "idle", progress: { total: 0, done: 0, failed: 0 } };
  received: string[] = [];
  handle(command: ContentCommand): ContentReport {
    this.received.push(command.command);
    const shown = showsTranslation(this.report);
    if (command.command === "translate" || (command.command === "toggle" && !shown)) {
      if (!shown) this.report = { ...this.report, status: "translating" };
    } else if (command.command === "restore" || command.command === "toggle") {
      this.report = { ...this.report, status: "original" };
    }
    return this.report;
  }
}

interface Doc {
  url: string;
  script?: Script;
  /** Whether the browser lets the extension inject here. */
  injectable: boolean;
  /** Milliseconds the page's main thread is busy before it answers (Infinity: never). */
  busyMs: number;
  /** The translation an older script, cut off from Gloss by its update, shows until a new script takes over. */
  cutOffShows?: boolean;
}

/** A tab: its current document, its loading state, and the waits on it. */
class FakeTab implements TabChannel {
  doc: Doc;
  status = "complete";
  navigating = false;
  closed = false;
  injections = 0;
  mayListen?: (tabId: number) => boolean;
  private waiters = new Set<() => void>();

  constructor(url: string, options: Partial<Doc> = {}) {
    this.doc = { url, injectable: true, busyMs: 0, ...options };
  }

  async tab(): Promise<TabInfo | undefined> {
    return this.closed ? undefined : { status: this.status, url: this.doc.url, navigating: this.navigating };
  }

  async send(_tabId: number, command: ContentCommand): Promise<unknown> {
    const doc = this.doc;
    const script = doc.script;
    if (!script) throw new Error("Could not establish connection. Receiving end does not exist.");
    if (doc.busyMs === Infinity) return new Promise(() => undefined);
    if (doc.busyMs) await new Promise((resolve) => setTimeout(resolve, doc.busyMs));
    if (this.doc !== doc) throw new Error("The message port closed before a response was received.");
    return script.handle(command);
  }

  /** As the real one: a page with a session keeps it; a fresh script takes the command it was injected with. */
  async inject(_tabId: number, startWith?: "translate"): Promise<{ started: boolean; handedBack?: boolean }> {
    this.injections++;
    if (!this.doc.injectable) throw new Error("Cannot access contents of the page.");
    if (this.doc.script) return { started: false };
    const script = new Script();
    this.doc.script = script;
    if (!startWith) return { started: false };
    // The new script takes the page back from the old one first; that was all a toggle could ask for.
    if (this.doc.cutOffShows) {
      this.doc.cutOffShows = false;
      return { started: false, handedBack: true };
    }
    script.handle({ command: startWith });
    script.received = [`starts with ${startWith}`];
    return { started: true };
  }

  waitWhile(_tabId: number, holds: (tab: TabInfo) => boolean, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (this.closed || !holds({ status: this.status, url: this.doc.url, navigating: this.navigating })) finish();
      };
      const finish = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(finish, ms);
      this.waiters.add(check);
      check();
    });
  }

  /** A navigation starts: the current page stays until the next one commits. */
  startNavigation(): void {
    this.status = "loading";
    this.navigating = true;
    this.notify();
  }

  /** The next page commits: a new document without Gloss's content script. */
  commit(url: string, options: Partial<Doc> = {}): Doc {
    this.doc = { url, injectable: true, busyMs: 0, ...options };
    this.navigating = false;
    this.status = "loading";
    this.notify();
    return this.doc;
  }

  private notify(): void {
    for (const check of [...this.waiters]) check();
  }
}

const later = (ms: number, action: () => void) => setTimeout(action, ms);

describe("a command reaches the page the tab shows", () => {
  it("a fresh page gets the content script, then the translation starts", async () => {
    const tab = new FakeTab("https://zeit.de/a");
    const delivery = await deliverCommand(tab, 1, "toggle", LIMITS);
    expect(delivery).toMatchObject({ ok: true, sent: "translate", report: { status: "translating" } });
    expect(tab.injections).toBe(1);
  });

  it("a page Gloss has not heard from gets the script at once, without a question no script can answer", async () => {
    const tab = new FakeTab("https://zeit.de/a");
    const asked: string[] = [];
    const send = tab.send.bind(tab);
    tab.send = (tabId, command) => {
      asked.push(`${command.command}${tab.doc.script ? "" : " (no script)"}`);
      return send(tabId, command);
    };
    tab.mayListen = () => false;
    expect(await deliverCommand(tab, 1, "toggle", LIMITS)).toMatchObject({ ok: true, sent: "translate" });
    // The fresh script starts translating as it comes up: no state to ask, and the command only fetches the report.
    expect(asked).toEqual(["translate"]);
    expect(tab.doc.script?.received).toEqual(["starts with translate", "translate"]);
    expect(tab.doc.script?.report.status).toBe("translating");
    expect(tab.injections).toBe(1);

    // The background may not know of a script that is there (its worker restarted): a second injection is the
    // same session, so the toggle still goes by the page's state.
    expect(await deliverCommand(tab, 1, "toggle", LIMITS)).toMatchObject({ ok: true, sent: "restore" });
    expect(tab.injections).toBe(2);
  });

  it("a selection press injects without starting the page's translation, then sends the passage", async () => {
    const tab = new FakeTab("https://zeit.de/a");
    tab.mayListen = () => false;
    expect(await deliverCommand(tab, 1, "passage", LIMITS)).toMatchObject({ ok: true, sent: "passage" });
    expect(tab.doc.script?.received).toEqual(["state", "passage"]);
  });

  it("Show original always asks the page, even one the background has not heard from", async () => {
    const tab = new FakeTab("https://zeit.de/a");
    tab.doc.script = new Script();
    tab.doc.script.report = { status: "translated", progress: { total: 4, done: 4, failed: 0 } };
    tab.mayListen = () => false;
    expect(await deliverCommand(tab, 1, "restore", LIMITS)).toMatchObject({ ok: true, sent: "restore" });
    expect(tab.doc.script.report.status).toBe("original");
    expect(tab.injections).toBe(0);
  });

  it("a toggle on a page that shows a translation shows the original", async () => {
    const tab = new FakeTab("https://zeit.de/a");
    tab.doc.script = new Script();
    tab.doc.script.report = { status: "translated", progress: { total: 4, done: 4, failed: 0 } };
    expect(await deliverCommand(tab, 1, "toggle", LIMITS)).toMatchObject({ ok: true, sent: "restore" });
    expect(tab.injections).toBe(0);
  });

  it("a press while the next page is on its way is for that page, not the translated page being left", async () => {
    const tab = new FakeTab("https://zeit.de/a");
    const leaving = tab.doc;
    leaving.script = new Script();
    leaving.script.report = { status: "translated", progress: { total: 4, done: 4, failed: 0 } };
    tab.startNavigation();
    later(30, () => tab.commit("https://zeit.de/b"));
    const delivery = await deliverCommand(tab, 1, "toggle", LIMITS);
    expect(delivery).toMatchObject({ ok: true, sent: "translate", report: { status: "translating" } });
    expect(tab.doc.url).toBe("https://zeit.de/b");
    expect(tab.doc.script?.received).toEqual(["starts with translate", "translate"]);
    expect(leaving.script.received).toEqual([]);
    expect(leaving.script.report.status).toBe("translated");
  });

  it("the blank page of a new tab refuses the script; once the page commits, it is tried again there", async () => {
    // Firefox does not say that a navigation is in flight: the first attempt meets about:blank.
    const tab = new FakeTab("about:blank", { injectable: false });
    tab.status = "loading";
    later(30, () => tab.commit("https://zeit.de/a"));
    const delivery = await deliverCommand(tab, 1, "translate", LIMITS);
    expect(delivery).toMatchObject({ ok: true, sent: "translate" });
    expect(tab.doc.url).toBe("https://zeit.de/a");
    expect(tab.injections).toBe(2);
  });

  it("a follow for one page does not start the page the reader went to after it", async () => {
    const tab = new FakeTab("https://zeit.de/c");
    expect(await deliverCommand(tab, 1, "translate", LIMITS, "https://zeit.de/b")).toEqual({
      ok: false,
      error: MOVED_ON,
    });
    expect(tab.injections).toBe(0);
  });

  it("nor one that commits while the page it was for is being asked (the page on its way out)", async () => {
    const tab = new FakeTab("https://zeit.de/b");
    const leaving = tab.doc;
    leaving.script = new Script();
    leaving.busyMs = 20;
    tab.mayListen = () => true;
    later(5, () => tab.commit("https://zeit.de/c"));
    expect(await deliverCommand(tab, 1, "translate", LIMITS, "https://zeit.de/b")).toEqual({
      ok: false,
      error: MOVED_ON,
    });
    expect(tab.injections).toBe(0);
    expect(tab.doc.script).toBeUndefined();
  });

  it("a follow reaches the page it is for, also when that page has the address of the one before (a reload)", async () => {
    const tab = new FakeTab("https://zeit.de/b");
    expect(await deliverCommand(tab, 1, "translate", LIMITS, "https://zeit.de/b")).toMatchObject({
      ok: true,
      sent: "translate",
    });
    expect(tab.doc.script?.report.status).toBe("translating");
  });

  it("a page busy for a moment is asked again and translated", async () => {
    const tab = new FakeTab("https://zeit.de/a");
    tab.doc.script = new Script();
    tab.doc.busyMs = 80; // longer than an answer may take
    later(60, () => (tab.doc.busyMs = 0));
    expect(await deliverCommand(tab, 1, "toggle", LIMITS)).toMatchObject({ ok: true, sent: "translate" });
  });

  it("a toggle is decided once: asking again after a late answer cannot undo the press", async () => {
    const tab = new FakeTab("https://zeit.de/a");
    const script = new Script();
    tab.doc.script = script;
    // The state answers at once; the page then stalls on the command past the answer's limit, and carries it out
    // late: just as it is asked again (a gate, not a timer, so a loaded machine cannot let it answer in time).
    const send = tab.send.bind(tab);
    let answerLate: () => void = () => undefined;
    const late = new Promise<void>((resolve) => (answerLate = resolve));
    let carriedOut: Promise<unknown> = Promise.resolve();
    let calls = 0;
    tab.send = async (tabId, command) => {
      calls++;
      if (calls === 2) return (carriedOut = late.then(() => script.handle(command)));
      if (calls === 3) {
        answerLate();
        await carriedOut;
      }
      return send(tabId, command);
    };
    expect(await deliverCommand(tab, 1, "toggle", LIMITS)).toMatchObject({ ok: true, sent: "translate" });
    // Asked again, the page shows the translation under way: the press stays a translate, not a restore.
    expect(script.received).toEqual(["state", "translate", "state", "translate"]);
    expect(script.report.status).toBe("translating");
  });

  it("a page that never answers: an error that says so, after one more try", async () => {
    const tab = new FakeTab("https://zeit.de/a");
    tab.doc.script = new Script();
    tab.doc.busyMs = Infinity;
    const delivery = await deliverCommand(tab, 1, "toggle", LIMITS);
    expect(delivery).toMatchObject({
      ok: false,
      error: { kind: "no-answer", message: "The page did not answer Gloss." },
    });
  });

  it("a browser page: Gloss says it cannot translate it", async () => {
    const tab = new FakeTab("chrome://settings/", { injectable: false });
    const delivery = await deliverCommand(tab, 1, "toggle", LIMITS);
    expect(delivery).toMatchObject({ ok: false, error: { kind: "forbidden-page" } });
    expect(tab.injections).toBe(2);
  });

  it.each(["https://addons.mozilla.org/de/firefox/", "https://chromewebstore.google.com/category/extensions"])(
    "an extension gallery (%s): Gloss says it cannot translate it, not to press again",
    async (url) => {
      const tab = new FakeTab(url, { injectable: false });
      const delivery = await deliverCommand(tab, 1, "toggle", LIMITS);
      expect(delivery).toMatchObject({
        ok: false,
        error: { kind: "forbidden-page", message: "Gloss cannot translate this page." },
      });
    },
  );

  it("a web page Gloss lost access to (it changed after the press): the error says to press again", async () => {
    const tab = new FakeTab("https://zeit.de/a", { injectable: false });
    const delivery = await deliverCommand(tab, 1, "translate", LIMITS);
    expect(delivery).toMatchObject({ ok: false, error: { kind: "no-access" } });
    expect(!delivery.ok && delivery.error.fix).toMatch(/press the shortcut or click Gloss's button again/);
  });

  it("Show original on a page Gloss never touched: nothing to inject, nothing to do", async () => {
    const tab = new FakeTab("https://zeit.de/a");
    expect(await deliverCommand(tab, 1, "restore", LIMITS)).toMatchObject({
      ok: true,
      sent: "restore",
      report: { status: "idle" },
    });
    expect(tab.injections).toBe(0);
  });

  it("Show original after Gloss was updated: the old script, cut off but still showing its translation, gives the page back", async () => {
    // Chromium leaves the old script in the page, translated; it no longer hears the background, and the new
    // extension has no script there yet. Nothing was asked of it, and the page stayed translated behind "Original".
    const tab = new FakeTab("https://zeit.de/a");
    let cutOffShowsTranslation = true;
    let handOvers = 0;
    const channel: TabChannel = Object.assign(Object.create(tab) as FakeTab, {
      handOver: async () => {
        handOvers++;
        cutOffShowsTranslation = false;
      },
    });
    expect(await deliverCommand(channel, 1, "restore", LIMITS)).toMatchObject({
      ok: true,
      sent: "restore",
      report: { status: "idle" },
    });
    expect([cutOffShowsTranslation, handOvers, tab.injections]).toEqual([false, 1, 0]);
  });

  it("the shortcut after Gloss was updated, on a page the old script shows translated: the original, not a new translation", async () => {
    const tab = new FakeTab("https://zeit.de/a", { cutOffShows: true });
    expect(await deliverCommand(tab, 1, "toggle", LIMITS)).toMatchObject({ ok: true, sent: "restore" });
    expect(tab.doc.cutOffShows).toBe(false);
    expect(tab.doc.script?.received).toEqual(["state", "restore"]);
    expect(showsTranslation(tab.doc.script!.report)).toBe(false);
    // Pressed again: the new script shows the original, so now it translates.
    expect(await deliverCommand(tab, 1, "toggle", LIMITS)).toMatchObject({ ok: true, sent: "translate" });
  });

  it("Translate page after Gloss was updated, on a page the old script shows translated: translated afresh", async () => {
    const tab = new FakeTab("https://zeit.de/a", { cutOffShows: true });
    expect(await deliverCommand(tab, 1, "translate", LIMITS)).toMatchObject({ ok: true, sent: "translate" });
    expect(tab.doc.script?.report.status).toBe("translating");
  });

  it("a closed tab: nothing more is tried", async () => {
    const tab = new FakeTab("https://zeit.de/a");
    tab.closed = true;
    expect(await deliverCommand(tab, 1, "toggle", LIMITS)).toMatchObject({ ok: false, error: { kind: "tab-gone" } });
  });
});
