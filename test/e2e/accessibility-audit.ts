// What an accessibility audit of Gloss's pages (accessibility-chromium.test.ts, or another browser's) does inside
// them, whichever driver puts it there: axe-core's run, and the walk with Tab that reads each control's focus.
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

/** In the page: marks each control a reader can use (data-a11y, in document order) and leaves nothing focused. */
function markControls(): void {
  const usable = (el: HTMLElement) =>
    el.tabIndex >= 0 && !(el as HTMLButtonElement).disabled && !el.closest("[inert]") && el.checkVisibility();
  const controls = [
    ...document.querySelectorAll<HTMLElement>("a[href], button, input, select, textarea, summary, [tabindex]"),
  ];
  controls.filter(usable).forEach((el, i) => (el.dataset.a11y = String(i)));
  (document.activeElement as HTMLElement | null)?.blur();
}

/** In the page: the focused control, and whether its focus is drawn (an outline or a ring). */
function focusedControl() {
  const el = document.activeElement as HTMLElement | null;
  if (!el || el === document.body) return undefined;
  const style = getComputedStyle(el);
  const drawn = (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 1) || style.boxShadow !== "none";
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
