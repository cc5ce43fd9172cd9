// Issue 9, item 1 in real Chromium with the built extension: a page script performs seeded random DOM operations
// (insert, remove, move, wrap, change an element's or a Text node's text, change a title) on nodes it created itself,
// before the first reply, while replies stream and after the page is translated, and the same operations run in an
// untranslated control tab. The page's words all come from the double's dictionary, so the right translation is the
// control's text and titles word for word in English; Gloss's own English sent back would come back accented (the
// double marks every word it does not know), and a stale translation would not match. "Show original" must then
// give the control tab's HTML.
import { resolve } from "node:path";
import type { Page } from "playwright-core";
import { WORDS_DE_EN } from "../double/dictionary";
import { startDouble, type DoubleHandle } from "../double/server";
import type { RequestRecord } from "../double/state";
import { startStaticServer, type StaticServer } from "../helpers/static-server";
import { closePages, launchWithExtension, openPopup, setSettings, tabIdOf, type ExtensionBrowser } from "./chromium";

jest.setTimeout(120_000);

const PARAGRAPHS = 24;
/** Operations in each phase: before the first reply, while replies stream, after the page is translated. */
const PHASE_OPS = 20;
const WORDS = ["heute", "morgen", "gestern", "hier", "dort", "immer", "nicht", "auch", "noch", "nur", "sehr", "viele"];

/** The page script: `build(seed)` writes the paragraphs, `ops(n, delay)` runs the next n seeded operations. */
const FUZZ_SCRIPT = `
  (() => {
    const WORDS = ${JSON.stringify(WORDS)};
    const root = document.getElementById("root");
    const els = [], texts = [];
    let seed = 1;
    const rand = () => { seed = (seed + 0x6d2b79f5) | 0; let t = seed; t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; };
    const pick = (list) => list[Math.floor(rand() * list.length)];
    const sentence = () => { const n = 3 + Math.floor(rand() * 5); const w = [];
      for (let i = 0; i < n; i++) w.push(pick(WORDS)); w[0] = w[0][0].toUpperCase() + w[0].slice(1); return w.join(" ") + "."; };
    const text = (s) => { const t = document.createTextNode(s); texts.push(t); return t; };
    const el = (tag) => { const e = document.createElement(tag); els.push(e); return e; };
    const paragraph = () => { const p = el("p"); p.append(text(sentence() + " "));
      if (rand() < 0.5) { const b = el("b"); b.append(text(sentence())); p.append(b, text(" " + sentence())); }
      return p; };
    const live = (list) => list.filter((n) => root.contains(n) && n !== root);
    const paragraphs = () => live(els).filter((e) => e.tagName === "P");
    const ops = [
      () => { root.insertBefore(paragraph(), pick(paragraphs()) ?? null); },
      () => { pick(live(els))?.remove(); },
      () => { const a = pick(paragraphs()); const b = pick(paragraphs()); if (a && b && a !== b) root.insertBefore(a, b); },
      () => { const p = pick(paragraphs()); if (!p) return; const i = el("i");
        while (p.firstChild) i.append(p.firstChild); p.append(i); },
      () => { const e = pick(live(els)); if (e) { e.textContent = ""; e.append(text(sentence())); } },
      () => { const t = pick(live(texts)); if (t) t.data = sentence() + " "; },
      () => { const t = pick(live(texts)); if (t) t.data += " " + sentence(); },
      () => { const e = pick(live(els)); if (e) e.title = sentence(); },
    ];
    window.fuzz = {
      build(s) { seed = s; for (let i = 0; i < ${PARAGRAPHS}; i++) root.append(paragraph()); },
      ops: (count, delay) => new Promise((done) => {
        let n = 0;
        const step = () => { if (n++ >= count) return done(); pick(ops)(); delay ? setTimeout(step, delay) : step(); };
        step();
      }),
    };
  })();`;

const PAGE = `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Nachrichten</title></head><body>
<main id="root"></main><script>${FUZZ_SCRIPT}</script></body></html>`;

interface Fuzz {
  build(seed: number): void;
  ops(count: number, delay: number): Promise<void>;
}
const build = (p: Page, seed: number): Promise<void> =>
  p.evaluate((s) => (window as unknown as { fuzz: Fuzz }).fuzz.build(s), seed);
const ops = (p: Page, count: number, delay: number): Promise<void> =>
  p.evaluate(([n, d]) => (window as unknown as { fuzz: Fuzz }).fuzz.ops(n, d), [count, delay] as const);

/** The words of the root's text, then of every title in document order, lower-cased. */
const wordsOf = (p: Page): Promise<{ text: string[]; titles: string[][] }> =>
  p.evaluate(() => {
    const words = (s: string): string[] => s.toLowerCase().match(/[\p{L}\p{M}]+/gu) ?? [];
    const root = document.getElementById("root") as Element;
    const titles = [...root.querySelectorAll("[title]")].map((e) => words(e.getAttribute("title") ?? ""));
    return { text: words(root.textContent ?? ""), titles };
  });
const rootHtml = (p: Page): Promise<string> => p.evaluate(() => document.getElementById("root")?.innerHTML ?? "");
const english = (words: string[]): string[] => words.map((w) => WORDS_DE_EN[w] ?? `(no entry: ${w})`);

let double: DoubleHandle;
let pages: StaticServer;
let browser: ExtensionBrowser;
/** The chat requests the double received in this test. */
let records: RequestRecord[] = [];

beforeAll(async () => {
  // Slow enough that replies stream while the page changes (two slots, as llama-server's default).
  double = await startDouble({ port: 0, genTps: 400 });
  double.events.on("request", (r: RequestRecord) => void (r.path.includes("chat") && records.push(r)));
  pages = await startStaticServer(resolve(__dirname, "../fixtures"), { pages: { "/fuzz.html": () => PAGE } });
  browser = await launchWithExtension();
});

afterAll(async () => {
  await browser?.close();
  await pages?.close();
  await double?.close();
});

beforeEach(async () => {
  double.reset();
  records = [];
  await setSettings(browser, { baseUrl: double.url, targetLang: "en" }, { replace: true });
});

afterEach(() => closePages(browser));

/** Resolves at the double's next event of `name` for a chat request (one arriving, its first token streamed). */
const nextEvent = (name: string): Promise<void> =>
  new Promise((done) => {
    const on = (r: RequestRecord): void => {
      if (!r.path.includes("chat")) return;
      double.events.off(name, on);
      done();
    };
    double.events.on(name, on);
  });

/** Settled: no word of the page's language left in its text or titles, and the popup says so. */
async function translated(p: Page, popup: Page): Promise<void> {
  await p.waitForFunction((german) => {
    const root = document.getElementById("root") as Element;
    const all = [root.textContent ?? "", ...[...root.querySelectorAll("[title]")].map((e) => e.getAttribute("title"))];
    return !all.some((s) =>
      (s ?? "")
        .toLowerCase()
        .split(/[^\p{L}]+/u)
        .some((w) => german.includes(w)),
    );
  }, WORDS);
  await popup.getByText("Translated into English.").waitFor();
}

test.each([1, 2, 3])("seed %i: never twice, never stale, Show original equals the control tab", async (seed) => {
  // The control tab (its own address, so the popup cannot pick it): the same operations, never translated.
  const control = await browser.context.newPage();
  await control.goto(`${pages.url}/fuzz.html?control`);
  await build(control, seed);
  await ops(control, 3 * PHASE_OPS, 0);
  const controlHtml = await rootHtml(control);
  const controlWords = await wordsOf(control);

  const p = await browser.context.newPage();
  await p.goto(`${pages.url}/fuzz.html?gloss`);
  await build(p, seed);
  const popup = await openPopup(browser, await tabIdOf(browser, p));
  const firstRequest = nextEvent("request");
  const firstToken = nextEvent("first-token");
  await popup.getByRole("button", { name: "Translate page" }).click();
  // Before the first reply: the page changes what was just collected and sent.
  await firstRequest;
  await ops(p, PHASE_OPS, 0);
  // While replies stream and are written.
  await firstToken;
  await ops(p, PHASE_OPS, 10);
  // After the page is translated: the page's version wins again.
  await translated(p, popup);
  await ops(p, PHASE_OPS, 5);
  await translated(p, popup);

  // Word for word the control's text and titles in English: nothing stale, nothing translated twice.
  const seen = await wordsOf(p);
  expect(seen.text).toEqual(english(controlWords.text));
  expect(seen.titles).toEqual(controlWords.titles.map(english));
  // Nothing Gloss wrote was ever sent back: every word sent is the page's own.
  // The page text in each request: what follows the instructions in its last user message.
  const sentText = records.map((r) => {
    const user = (r.messages ?? []).filter((m) => m.role === "user").at(-1)?.content ?? "";
    const marker = /Reply with the translation only\.|Segments to translate into English:/.exec(user);
    return marker ? user.slice(marker.index + marker[0].length) : `(no page text found in: ${user})`;
  });
  const sentWords =
    sentText
      .join(" ")
      .toLowerCase()
      .match(/[\p{L}]+/gu) ?? [];
  expect(sentWords.filter((w) => !WORDS.includes(w) && !/^[a-z]\d*$/.test(w))).toEqual([]);

  await popup.getByRole("button", { name: "Show original" }).click();
  await popup.getByText("Showing the original.").waitFor();
  expect(await rootHtml(p)).toBe(controlHtml);
});
