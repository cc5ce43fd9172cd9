// What the accessibility audits of Gloss's pages (accessibility-chromium.test.ts, accessibility-firefox.test.ts) do
// inside them, whichever driver puts it there: axe-core's run, and the walk with Tab that reads each control's focus.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { AxeResults, RunOptions } from "axe-core";

export const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

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

/**
 * In the page, after AXE: axe-core's violations, one line each: rule, nodes. Every rule it runs by default, and WCAG
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
