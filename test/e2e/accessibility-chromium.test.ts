// Gloss's own UI as a reader with a screen reader or only a keyboard meets it, in real Chromium: axe-core's rules (the
// reference engine, the one Lighthouse runs) over the popup, the options page with every part opened, and the in-page
// cards and the userscript's settings dialog, in the light and the dark scheme; then every control of the popup and
// the options page reached with Tab, its focus drawn, and worked with Enter or Space.
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { AxeResults, RunOptions } from "axe-core";
import type { Page } from "playwright-core";
import {
  launchWithExtension,
  openOptions,
  openPopup,
  OPTIONS_READY,
  setSettings,
  tabIdOf,
  type ExtensionBrowser,
} from "./chromium";
import { pageBundle } from "./page-bundle";

jest.setTimeout(60_000);

const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

let browser: ExtensionBrowser;
let site: Server;
let siteUrl: string;

beforeAll(async () => {
  site = createServer((_request, response) => {
    response.setHeader("content-type", "text/html; charset=utf-8");
    response.end(`<!doctype html><html lang="de"><title>Seite</title><p>Der Zug ist heute pünktlich.</p></html>`);
  });
  await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
  siteUrl = `http://127.0.0.1:${(site.address() as AddressInfo).port}/`;
  browser = await launchWithExtension();
  // A server address where nothing answers, whatever else runs on this machine: the errors a reader meets first.
  await setSettings(browser, { baseUrl: "http://127.0.0.1:1" });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => site?.close(resolve));
});

/**
 * axe-core's violations in `page` in the light and the dark scheme, one line each: scheme, rule, nodes. Every rule it
 * runs by default, and WCAG 2.2's target size (24 px, or room around), which it leaves off by default.
 */
async function audit(page: Page): Promise<string[]> {
  // Evaluated rather than added as a <script>: the extension's pages allow no inline script.
  await page.evaluate(AXE);
  const found: string[] = [];
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    const lines = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(context: Document, options: RunOptions): Promise<AxeResults> } })
        .axe;
      const result = await axe.run(document, {
        resultTypes: ["violations"],
        rules: { "target-size": { enabled: true } },
      });
      return result.violations.map(
        (v) => `${v.id}: ${v.nodes.map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ""}`).join(" | ")}`,
      );
    });
    found.push(...lines.map((line) => `${colorScheme} ${line}`));
  }
  return found;
}

/** The popup for a page of the site, ready: its Translate page enabled. */
async function popupForSite(): Promise<{ page: Page; popup: Page }> {
  const page = await browser.context.newPage();
  await page.goto(siteUrl);
  const popup = await openPopup(browser, await tabIdOf(browser, page));
  await popup.locator("#toggle:not([disabled])").waitFor();
  return { page, popup };
}

describe("axe-core finds nothing to fix", () => {
  it("in the popup for a page", async () => {
    const { page, popup } = await popupForSite();
    await popup.locator("#diagnostics > summary").click();
    const found = await audit(popup);
    // Translated with no server there: the error and its fix.
    await popup.locator("#toggle").focus();
    await popup.keyboard.press("Enter");
    await popup.locator("#status-box.error, #status-detail:not([hidden])").first().waitFor();
    found.push(...(await audit(popup)));
    expect(found).toEqual([]);
    await popup.close();
    await page.close();
  });

  it("on the options page as it first opens, every part opened", async () => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html#welcome`);
    await options.locator(OPTIONS_READY).waitFor();
    await options.locator("#welcome:not([hidden])").waitFor();
    await options.getByRole("button", { name: "Add a term" }).click();
    await options.getByRole("button", { name: "Add a part" }).click();
    await options.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
    const found = await audit(options);
    await options.getByRole("button", { name: "Test connection" }).click();
    await options.locator("#test-result:not(:empty)").waitFor();
    found.push(...(await audit(options)));
    expect(found).toEqual([]);
    await options.close();
  });

  it("in the status card, the look-up card, the reply-box card and the userscript's settings dialog", async () => {
    const page = await browser.context.newPage();
    await page.setContent(
      `<!doctype html><html lang="de"><head><title>Seite</title></head><body><main><h1>Seite</h1>` +
        `<p><span id="word">Wort</span></p><label>Antwort <textarea id="field"></textarea></label></main></body></html>`,
    );
    // Gloss attaches closed shadow roots, which axe cannot enter: once Gloss has checked each is its own, the host
    // shows it to axe as its `shadowRoot`, the way an open root would be.
    await page.addScriptTag({
      content: `{ const attach = Element.prototype.attachShadow; window.__roots = [];
        Element.prototype.attachShadow = function (init) { const root = attach.call(this, init); __roots.push(root); return root; }; }`,
    });
    await page.addScriptTag({ content: pageBundle("accessibility-entry.ts") });
    // One at a time, as a reader sees them: axe cannot judge the colours of a card under another one.
    const found: string[] = [];
    for (const [ui, id] of [
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
    ]) {
      await page.evaluate(
        ([ui, id]) => {
          for (const root of (window as unknown as { __roots: ShadowRoot[] }).__roots) root.host.remove();
          (globalThis as unknown as { gloss: Record<string, (id: string) => void> }).gloss[ui!]!(id!);
        },
        [ui, id],
      );
      // The settings dialog fills its form once it has loaded the settings.
      await page.waitForFunction(
        (shown) =>
          (window as unknown as { __roots: ShadowRoot[] }).__roots.some(
            (root) => root.host.isConnected && root.querySelector(shown),
          ),
        ui === "settings" ? "form" : "button",
      );
      // Shown to axe once it has faded in: axe passes over text it cannot see (opacity 0). axe lays out only what is
      // in <body> (its colour checks start there) and Gloss's hosts hang under <html>: the one shown moves into
      // <body>, where it looks the same (its card is fixed to the viewport) and Gloss leaves it be.
      await page.evaluate(async () => {
        for (const root of (window as unknown as { __roots: ShadowRoot[] }).__roots) {
          Object.defineProperty(root.host, "shadowRoot", { value: root, configurable: true });
          if (root.host.isConnected) document.body.append(root.host);
          await Promise.all(root.getAnimations().map((animation) => animation.finished));
        }
      });
      found.push(...(await audit(page)).map((line) => `${ui} ${line}`));
    }
    expect(found).toEqual([]);
    await page.close();
  });
});

/**
 * Presses Tab until focus comes round again (at most `limit` presses) and returns the controls it reached, in order,
 * each with whether its focus is drawn (an outline or a ring), and the controls a reader can use but Tab never reached.
 */
async function tabThrough(page: Page, limit: number) {
  await page.evaluate(() => {
    const usable = (el: HTMLElement) =>
      el.tabIndex >= 0 && !(el as HTMLButtonElement).disabled && !el.closest("[inert]") && el.checkVisibility();
    const controls = [
      ...document.querySelectorAll<HTMLElement>("a[href], button, input, select, textarea, summary, [tabindex]"),
    ];
    controls.filter(usable).forEach((el, i) => (el.dataset.a11y = String(i)));
    (document.activeElement as HTMLElement | null)?.blur();
  });
  const reached: { name: string; native: boolean; drawn: boolean }[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return undefined;
      const style = getComputedStyle(el);
      const drawn =
        (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 1) || style.boxShadow !== "none";
      const name = `${el.localName}${el.id ? `#${el.id}` : ""} "${(el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 30)}"`;
      return {
        key: el.dataset.a11y ?? name,
        name,
        native: /^(a|button|input|select|textarea|summary)$/.test(el.localName),
        drawn,
      };
    });
    if (!focused) continue;
    if (seen.has(focused.key)) break;
    seen.add(focused.key);
    reached.push({ name: focused.name, native: focused.native, drawn: focused.drawn });
  }
  const missed = await page.evaluate(
    (keys) =>
      [...document.querySelectorAll<HTMLElement>("[data-a11y]")]
        .filter((el) => !keys.includes(el.dataset.a11y!))
        .map((el) => `${el.localName}${el.id ? `#${el.id}` : ""}`),
    [...seen],
  );
  return { reached, missed };
}

describe("with the keyboard alone", () => {
  it("every control of the popup is reached with Tab, shows its focus, and works with Space and Enter", async () => {
    const { page, popup } = await popupForSite();
    const { reached, missed } = await tabThrough(popup, 40);
    expect(missed).toEqual([]);
    expect(reached.filter((c) => !c.native || !c.drawn)).toEqual([]);
    expect(reached.length).toBeGreaterThanOrEqual(7);
    // Space ticks a box, Enter opens Diagnostics and follows Settings.
    const bilingual = popup.locator("#bilingual");
    const wasChecked = await bilingual.isChecked();
    await bilingual.focus();
    await popup.keyboard.press("Space");
    expect(await bilingual.isChecked()).toBe(!wasChecked);
    await popup.keyboard.press("Space");
    await popup.locator("#diagnostics > summary").focus();
    await popup.keyboard.press("Enter");
    expect(await popup.locator("#diagnostics").getAttribute("open")).toBe("");
    // The welcome tab Gloss opened when installed would only be brought forward.
    for (const open of browser.context.pages()) if (open.url().includes("/options.html")) await open.close();
    await popup.locator("#open-options").focus();
    const settings = browser.context.waitForEvent("page");
    await popup.keyboard.press("Enter");
    expect((await settings).url()).toContain("/options.html");
    await (await settings).close();
    await popup.close();
    await page.close();
  });

  it("every control of the options page is reached with Tab, shows its focus, and works with Space and Enter", async () => {
    const options = await openOptions(browser);
    await options.evaluate(() => document.querySelectorAll("details").forEach((d) => (d.open = true)));
    const { reached, missed } = await tabThrough(options, 150);
    expect(missed).toEqual([]);
    expect(reached.filter((c) => !c.native || !c.drawn)).toEqual([]);
    expect(reached.length).toBeGreaterThanOrEqual(30);
    // Space shows the key and ticks a box; Enter adds a glossary row and takes the focus into it.
    await options.locator("#show-key").focus();
    await options.keyboard.press("Space");
    expect(await options.locator("#apiKey").getAttribute("type")).toBe("text");
    expect(await options.locator("#show-key").getAttribute("aria-pressed")).toBe("true");
    const cue = options.locator("#progressCue");
    const cueWas = await cue.isChecked();
    await cue.focus();
    await options.keyboard.press("Space");
    expect(await cue.isChecked()).toBe(!cueWas);
    await options.getByRole("button", { name: "Add a term" }).focus();
    await options.keyboard.press("Enter");
    await options.keyboard.type("Zug");
    expect(await options.getByRole("textbox", { name: "Term" }).last().inputValue()).toBe("Zug");
    await options.close();
  });
});
