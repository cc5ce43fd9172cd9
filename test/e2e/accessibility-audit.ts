// What the accessibility audits of Gloss's pages (accessibility-chromium.test.ts, accessibility-firefox.test.ts) do
// inside them, whichever driver puts it there: axe-core's run, the in-page cards shown one by one for it, and the walk
// with Tab that reads each control's focus.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { AxeResults, RunOptions } from "axe-core";
import { pageBundle } from "./page-bundle";

const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** A page as both drivers evaluate a script in it. */
export interface ScriptPage {
  evaluate(script: string): Promise<unknown>;
}

/**
 * Puts axe-core into `page` unless it has it already. Evaluated again, even behind a check of its own, its 650 kB took
 * 0.3–1.2 s each time in a loaded Firefox, more than the audit of one card. Evaluated by the driver rather than added
 * as a <script>: the extension's pages allow no inline script.
 */
export async function loadAxe(page: ScriptPage): Promise<void> {
  if (!(await page.evaluate("'axe' in window"))) await page.evaluate(AXE);
}

/** A page of a German site, served on 127.0.0.1, whose popup the audits open: its address and its closing. */
export async function startSite(): Promise<{ url: string; close(): Promise<void> }> {
  const site = createServer((_request, response) => {
    response.setHeader("content-type", "text/html; charset=utf-8");
    response.end(`<!doctype html><html lang="de"><title>Seite</title><p>Der Zug ist heute pünktlich.</p></html>`);
  });
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(site.address() as AddressInfo).port}/`,
    close: () => new Promise((resolve) => site.close(() => resolve())),
  };
}

/** A page as both drivers (playwright, puppeteer) drive it: a function run in it, and a key pressed. */
export interface DrivenPage {
  run<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
  press(key: string): Promise<void>;
}

/** A page as both drivers set one up: its content, and a script added to it. */
export interface ContentPage {
  setContent(html: string): Promise<unknown>;
  addScriptTag(options: { content: string }): Promise<unknown>;
}

/**
 * Gloss's in-page cards in each state a reader meets, and the userscript's settings dialog: the function of
 * accessibility-entry.ts that shows it, and the id of the page's element it shows beside.
 */
const CARD_STATES: [ui: string, id: string][] = [
  ["status", ""],
  ["statusTranslating", ""],
  ["statusTranslated", ""],
  ["statusNotice", ""],
  ["lookup", "word"],
  ["lookupWorking", "word"],
  ["lookupProblem", "word"],
  ["lookupNote", "word"],
  ["writing", "field"],
  ["writingWorking", "field"],
  ["writingDone", "field"],
  ["writingProblem", "field"],
  ["settings", ""],
];

/**
 * Gloss attaches closed shadow roots, which axe cannot enter: each is kept (window.__roots) for showCard to show axe
 * once Gloss has checked it is its own. Run before the cards' script.
 */
const RECORD_ROOTS = `{ const attach = Element.prototype.attachShadow; window.__roots = [];
  Element.prototype.attachShadow = function (init) { const root = attach.call(this, init); __roots.push(root); return root; }; }`;

/** The cards' script, bundled once for every page openCards makes (esbuild takes 1–2 s over it). */
let cards: string | undefined;

/** Makes `page` a German page with a word and a reply box, and Gloss's cards ready to be shown in it. */
export async function openCards(page: ContentPage): Promise<void> {
  await page.setContent(
    `<!doctype html><html lang="de"><head><title>Seite</title></head><body><main><h1>Seite</h1>` +
      `<p><span id="word">Wort</span></p><label>Antwort <textarea id="field"></textarea></label></main></body></html>`,
  );
  await page.addScriptTag({ content: RECORD_ROOTS });
  cards ??= pageBundle("accessibility-entry.ts");
  await page.addScriptTag({ content: cards });
}

/**
 * In the page: only the card `ui` shown (beside `id`), as a reader sees it (axe cannot judge the colours of a card under
 * another one), and shown to axe once it is filled and has faded in.
 */
async function showCard([ui, id]: [string, string]): Promise<void> {
  const roots = (window as unknown as { __roots: ShadowRoot[] }).__roots;
  for (const root of roots) root.host.remove();
  (globalThis as unknown as { gloss: Record<string, (id: string) => void> }).gloss[ui]!(id);
  // The settings dialog fills its form once it has loaded the settings.
  const filled = ui === "settings" ? "form" : "button";
  for (const since = Date.now(); !roots.some((root) => root.host.isConnected && root.querySelector(filled));) {
    if (Date.now() - since > 5000) throw new Error(`${ui}: no ${filled} shown after 5 s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  // axe passes over text it cannot see (opacity 0). axe lays out only what is in <body> (its colour checks start
  // there) and Gloss's hosts hang under <html>: the one shown moves into <body>, where it looks the same (its card is
  // fixed to the viewport) and Gloss leaves it be. The host shows axe its root as `shadowRoot`, as an open root would.
  for (const root of roots) {
    Object.defineProperty(root.host, "shadowRoot", { value: root, configurable: true });
    if (root.host.isConnected) document.body.append(root.host);
    await Promise.all(root.getAnimations().map((animation) => animation.finished));
  }
}

/** `audit`'s findings over each card of a page made by openCards, shown alone, one line each: card, finding. */
export async function auditCards(page: DrivenPage, audit: () => Promise<string[]>): Promise<string[]> {
  const found: string[] = [];
  for (const state of CARD_STATES) {
    await page.run(showCard, state);
    found.push(...(await audit()).map((line) => `${state[0]} ${line}`));
  }
  return found;
}

/**
 * In the page, after loadAxe: axe-core's violations, one line each: rule, nodes. Every rule it runs by default, and WCAG
 * 2.2's target size (24 px, or room around), which it leaves off by default.
 */
export async function axeViolations(): Promise<string[]> {
  const axe = (window as unknown as { axe: { run(context: Document, options: RunOptions): Promise<AxeResults> } }).axe;
  const result = await axe.run(document, { resultTypes: ["violations"], rules: { "target-size": { enabled: true } } });
  return result.violations.map(
    (v) => `${v.id}: ${v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ""}`).join(" | ")}`,
  );
}

/**
 * In the page: marks each control a reader can use (data-a11y, in document order) and puts the start of Tab's way at
 * the top of the page. Only blurred, the focused control stays where Tab goes on from: a walk begun there went through
 * Firefox's own toolbar before it reached the first controls, and came back to a page whose window had not taken the
 * focus back, where Firefox draws no focus ring (:focus-visible does not match), though a reader's Firefox does.
 */
function markControls(): void {
  const usable = (el: HTMLElement) =>
    el.tabIndex >= 0 && !(el as HTMLButtonElement).disabled && !el.closest("[inert]") && el.checkVisibility();
  const controls = [
    ...document.querySelectorAll<HTMLElement>("a[href], button, input, select, textarea, summary, [tabindex]"),
  ];
  controls.filter(usable).forEach((el, i) => (el.dataset.a11y = String(i)));
  const start = document.createElement("span");
  start.tabIndex = -1;
  document.body.prepend(start);
  start.addEventListener("blur", () => start.remove(), { once: true });
  start.focus();
}

/**
 * In the page: the focused control, and whether its focus is drawn plainly: a ring (box-shadow), or an outline at least
 * 2 px thick whose colour stands out 3:1 from the page's background (WCAG's contrast for what is not text). Firefox's
 * own ring, where Gloss draws none, is 1 px of the text's colour.
 */
function focusedControl() {
  const el = document.activeElement as HTMLElement | null;
  if (!el || el === document.body) return undefined;
  const style = getComputedStyle(el);
  const luminance = (color: string) => {
    const [r, g, b] = (color.match(/[\d.]+/g) ?? []).slice(0, 3).map((c) => {
      const v = Number(c) / 255;
      return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [lighter, darker] = [
    luminance(style.outlineColor),
    luminance(getComputedStyle(document.body).backgroundColor),
  ].sort((a, b) => b - a);
  const drawn =
    (style.outlineStyle !== "none" &&
      parseFloat(style.outlineWidth) >= 2 &&
      (lighter! + 0.05) / (darker! + 0.05) >= 3) ||
    style.boxShadow !== "none";
  const name = `${el.localName}${el.id ? `#${el.id}` : ""} "${(el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 30)}"`;
  return {
    key: el.dataset.a11y ?? name,
    name,
    native: /^(a|button|input|select|textarea|summary)$/.test(el.localName),
    drawn,
  };
}

/** In the page: the marked controls whose mark is not among `keys`. */
function missedControls(keys: string[]): string[] {
  return [...document.querySelectorAll<HTMLElement>("[data-a11y]")]
    .filter((el) => !keys.includes(el.dataset.a11y!))
    .map((el) => `${el.localName}${el.id ? `#${el.id}` : ""}`);
}

/**
 * Presses Tab until focus comes round again (at most `limit` presses) and returns the controls it reached, in order,
 * each with whether its focus is drawn, and the controls a reader can use but Tab never reached.
 */
export async function tabThrough(page: DrivenPage, limit: number) {
  await page.run(markControls, undefined);
  const reached: { name: string; native: boolean; drawn: boolean }[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < limit; i++) {
    await page.press("Tab");
    const focused = await page.run(focusedControl, undefined);
    if (!focused) continue;
    if (seen.has(focused.key)) break;
    seen.add(focused.key);
    reached.push({ name: focused.name, native: focused.native, drawn: focused.drawn });
  }
  const missed = await page.run(missedControls, [...seen]);
  return { reached, missed };
}
