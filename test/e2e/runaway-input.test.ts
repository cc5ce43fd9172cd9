// Issue 9, items 2–4 in real Chromium with the built extension and the llama-server double: a server whose replies
// run away (10 MB in token-sized pieces) or babble without closing a segment, a 200 KB paragraph, and pages nested
// 2,000 divs / 5,000 spans deep. Each finishes with a result or one clear message, the background keeps answering,
// "Show original" closes every request at the server at once and gives back the page's exact HTML.
import { resolve } from "node:path";
import type { Page } from "playwright-core";
import { startDouble, type DoubleHandle } from "../double/server";
import type { RequestRecord } from "../double/state";
import { startStaticServer, type StaticServer } from "../helpers/static-server";
import {
  callBackground,
  closePages,
  launchWithExtension,
  openPopup,
  serviceWorker,
  setSettings,
  tabIdOf,
  tabState,
  type ExtensionBrowser,
} from "./chromium";

jest.setTimeout(180_000);

const SENTENCE = (i: number): string => `Das ist der Satz Nummer ${i} in diesem sehr langen Absatz.`;
const longParagraph = (chars: number): string => {
  const out: string[] = [];
  let length = 0;
  for (let i = 0; length < chars; i++) {
    const s = SENTENCE(i);
    out.push(s);
    length += s.length + 1;
  }
  return out.join(" ");
};
const shortParagraphs = (n: number): string =>
  Array.from({ length: n }, (_, i) => `<p class="short">Ein kurzer Absatz Nummer ${i} über das Wetter.</p>`).join("");
const page = (body: string): string =>
  `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Test</title></head><body>${body}</body></html>`;

const PAGES: Record<string, () => string> = {
  "/big.html": () => page(`<p id="big">${longParagraph(200_000)}</p>${shortParagraphs(6)}`),
  "/divs.html": () =>
    page(`<p class="short">Oben ein Absatz.</p>${"<div>".repeat(2000)}Ganz tief unten.${"</div>".repeat(2000)}`),
  // 5,000 spans deep, a word in every tenth: the depth is what is tested (a word in each made it 300 requests of
  // 16 words, written one after another into a 5,000-deep tree: 15 s of the suite for no more depth).
  "/spans.html": () =>
    page(
      `<p class="short">Oben ein Absatz.</p><p id="deep">${Array.from({ length: 5000 }, (_, i) => (i % 10 ? "<span>" : `<span>Wort ${i} `)).join("")}${"</span>".repeat(5000)}</p>`,
    ),
  "/news.html": () => page(shortParagraphs(8)),
  // A live ticker: a new item every 10 ms, the oldest dropped beyond 12; window.pause stops it between measurements.
  "/ticker.html": () =>
    page(`<h1>Liveticker</h1><div id="feed"></div><script>
      window.ticks = 0; window.pause = false;
      const feed = document.getElementById("feed");
      setInterval(() => {
        if (window.pause) return;
        const n = ++window.ticks;
        const item = document.createElement("p");
        item.className = "tick";
        item.innerHTML = "Meldung " + n + ": Der Zug nach <b>Berlin</b> hat heute <a href='#" + n + "'>Verspätung</a>.";
        feed.prepend(item);
        while (feed.children.length > 12) feed.lastElementChild.remove();
      }, 10);
    </script>`),
};

let double: DoubleHandle;
let pages: StaticServer;
let browser: ExtensionBrowser;
/** The chat requests the double received in this test. */
let records: RequestRecord[] = [];

beforeAll(async () => {
  double = await startDouble({ port: 0 });
  double.events.on("request", (r: RequestRecord) => void (r.path.includes("chat") && records.push(r)));
  pages = await startStaticServer(resolve(__dirname, "../fixtures"), { pages: PAGES });
  browser = await launchWithExtension();
});

afterAll(async () => {
  await browser?.close();
  await pages?.close();
  await double?.close();
});

beforeEach(async () => {
  records = [];
  double.reset();
  double.setFault(null);
  await setSettings(browser, { baseUrl: double.url, targetLang: "en" }, { replace: true });
  await callBackground(browser, "translationCache", { clear: true });
});

afterEach(() => closePages(browser));

async function open(path: string): Promise<{ page: Page; tabId: number; before: string }> {
  const p = await browser.context.newPage();
  await p.goto(`${pages.url}${path}`);
  return { page: p, tabId: await tabIdOf(browser, p), before: await p.evaluate(() => document.body.innerHTML) };
}

/** Clicks "Translate page" in `popup` and waits for its final word; what it says about passages that stayed original. */
async function translateIn(popup: Page): Promise<{ popup: Page; detail: string }> {
  await popup.getByRole("button", { name: "Translate page" }).click();
  await popup.getByText("Translated into English.").waitFor({ timeout: 150_000 });
  const detail = popup.getByText(/stayed in the original/);
  return { popup, detail: (await detail.count()) ? await detail.innerText() : "" };
}

async function translate(tabId: number): Promise<{ popup: Page; detail: string }> {
  return translateIn(await openPopup(browser, tabId));
}

async function showOriginal(popup: Page): Promise<void> {
  await popup.getByRole("button", { name: "Show original" }).click();
  await popup.getByText("Showing the original.").waitFor();
}

/** Every chat request the double has seen has ended (the client left, or the reply was complete). */
async function requestsClosed(): Promise<void> {
  await new Promise<void>((resolve) => {
    const check = (): void => {
      if (records.some((r) => r.endedAt === undefined)) return;
      double.events.off("done", check);
      resolve();
    };
    double.events.on("done", check);
    check();
  });
}

/** A held-up event loop: [start, end] in wall-clock ms. */
type Gap = [number, number];

/** Starts a 20 ms ticker in the calling context; each late tick records how long its event loop was held up. */
function startTicker(): void {
  const probe = globalThis as unknown as { stallProbe?: { timer: ReturnType<typeof setInterval>; gaps: Gap[] } };
  let last = Date.now();
  const gaps: Gap[] = [];
  const timer = setInterval(() => {
    const now = Date.now();
    if (now - last > 40) gaps.push([last, now]);
    last = now;
  }, 20);
  probe.stallProbe = { timer, gaps };
}

function stopTicker(): Gap[] {
  const probe = globalThis as unknown as { stallProbe: { timer: ReturnType<typeof setInterval>; gaps: Gap[] } };
  clearInterval(probe.stallProbe.timer);
  return probe.stallProbe.gaps;
}

const overlap = (gap: Gap, others: Gap[]): number =>
  others.reduce((sum, [s, e]) => sum + Math.max(0, Math.min(gap[1], e) - Math.max(gap[0], s)), 0);

/**
 * The longest the background's event loop was held up while `work` ran, in ms: a timer in the service worker ticks
 * every 20 ms, and every message handler is a task on that loop, so a late tick is how long an answer would wait.
 * The same ticker runs in `control`, a visible extension page on another thread: when the whole machine stalls (a
 * loaded CI host), both tick late at once, and only the part of a stall the control did not share counts. (Timed
 * from this side, a question to the worker also carries the test's own and the DevTools protocol's delays: 0.2–0.6 s
 * here with the worker stalling under 0.12 s, over a second on a loaded CI machine.)
 */
async function longestStall(work: Promise<unknown>, control: Page): Promise<number> {
  const worker = serviceWorker(browser);
  // A hidden page's timers are throttled to once a second, which would excuse any stall.
  expect(await control.evaluate(() => document.visibilityState)).toBe("visible");
  await Promise.all([worker.evaluate(startTicker), control.evaluate(startTicker)]);
  await work;
  const [own, machine] = await Promise.all([worker.evaluate(stopTicker), control.evaluate(stopTicker)]);
  return Math.max(0, ...own.map((gap) => gap[1] - gap[0] - overlap(gap, machine)));
}

const allShortTranslated = (p: Page): Promise<boolean> =>
  p.evaluate(() => [...document.querySelectorAll("p.short")].every((el) => !/Absatz/.test(el.textContent ?? "")));

describe("runaway replies", () => {
  test.each(["runaway", "babble"])(
    "%s: the affected passages get one clear message, the rest is translated, the background keeps answering",
    async (fault) => {
      double.setFault(`${fault};seg=2`);
      const { page: p, tabId, before } = await open("/news.html");
      const popup = await openPopup(browser, tabId);
      const translation = translateIn(popup);
      const stall = await longestStall(translation, popup);
      const { detail } = await translation;
      // One message for the passages affected, in words a reader understands.
      expect(detail).toMatch(/^\d+ passages? stayed in the original\. \S/);
      const state = await tabState(browser, tabId);
      expect(state.progress.failed).toBeGreaterThan(0);
      expect(state.progress.failed).toBeLessThan(8);
      // The background could answer within half a second throughout.
      expect(stall).toBeLessThan(500);
      await requestsClosed();
      const babbled = records.filter((r) => r.babbled !== undefined).map((r) => r.babbled as number);
      expect(babbled.length).toBeGreaterThan(0);
      for (const chars of babbled) expect(chars).toBeLessThan(1_000_000);
      await showOriginal(popup);
      expect(await p.evaluate(() => document.body.innerHTML)).toBe(before);
    },
  );

  test("Show original while a reply babbles: every request is closed at the server at once", async () => {
    double.setFault("babble");
    const { page: p, tabId, before } = await open("/news.html");
    const popup = await openPopup(browser, tabId);
    const babbling = new Promise<void>((resolve) => double.events.once("first-token", () => resolve()));
    await popup.getByRole("button", { name: "Translate page" }).click();
    await babbling;
    await showOriginal(popup);
    await requestsClosed();
    expect(await p.evaluate(() => document.body.innerHTML)).toBe(before);
    expect(double.stats().inFlight).toBe(0);
  });
});

describe("memory", () => {
  /** Live DOM nodes in the tab after a full garbage collection, once Gloss has translated every item on screen. */
  async function liveNodesAfter(p: Page, ticks: number): Promise<number> {
    await p.evaluate(() => void Object.assign(window, { pause: false }));
    await p.waitForFunction((n) => (window as unknown as { ticks: number }).ticks >= n, ticks, { timeout: 120_000 });
    await p.evaluate(() => void Object.assign(window, { pause: true }));
    await p.waitForFunction(
      () => ![...document.querySelectorAll("p.tick")].some((el) => /Meldung/.test(el.textContent ?? "")),
      undefined,
      {
        timeout: 60_000,
      },
    );
    const cdp = await browser.context.newCDPSession(p);
    await cdp.send("Performance.enable");
    await cdp.send("HeapProfiler.collectGarbage");
    await cdp.send("HeapProfiler.collectGarbage");
    const { metrics } = await cdp.send("Performance.getMetrics");
    await cdp.detach();
    return metrics.find((m) => m.name === "Nodes")?.value ?? NaN;
  }

  test("a ticker that adds and drops items: live nodes stay flat while Gloss translates it", async () => {
    const { page: p, tabId } = await open("/ticker.html");
    // A ticker is never done: the translation keeps following it.
    const popup = await openPopup(browser, tabId);
    await popup.getByRole("button", { name: "Translate page" }).click();
    const warm = await liveNodesAfter(p, 100);
    const later = await liveNodesAfter(p, 500);
    // 400 items dropped meanwhile (each ~6 nodes): keeping even one node per dropped item would add 400.
    expect(later - warm).toBeLessThan(100);
  });
});

describe("oversized and deeply nested input", () => {
  test("a 200 KB paragraph is translated in parts; the short paragraphs are not held back; restored exactly", async () => {
    const { page: p, tabId, before } = await open("/big.html");
    const { popup, detail } = await translate(tabId);
    expect(detail).toBe("");
    expect(await allShortTranslated(p)).toBe(true);
    const big = await p.evaluate(() => document.querySelector("#big")?.textContent ?? "");
    expect(big.length).toBeGreaterThan(150_000);
    expect(big).not.toMatch(/Das ist der Satz/);
    // No request carried more than a request's worth.
    for (const r of records) expect(r.promptTokens ?? 0).toBeLessThan(4096);
    await showOriginal(popup);
    expect(await p.evaluate(() => document.body.innerHTML)).toBe(before);
  });

  test.each(["/divs.html", "/spans.html"])(
    "%s: translated without a stack overflow and restored exactly",
    async (path) => {
      const { page: p, tabId, before } = await open(path);
      const errors: string[] = [];
      p.on("console", (m) => void (m.type() === "error" || /RangeError/.test(m.text()) ? errors.push(m.text()) : 0));
      const { popup, detail } = await translate(tabId);
      expect(detail).toBe("");
      expect(await allShortTranslated(p)).toBe(true);
      expect(await p.evaluate(() => document.body.textContent ?? "")).not.toMatch(/Ganz tief|Wort 4990 /);
      expect(errors.filter((e) => /RangeError|call stack/.test(e))).toEqual([]);
      await showOriginal(popup);
      expect(await p.evaluate(() => document.body.innerHTML)).toBe(before);
    },
  );
});
