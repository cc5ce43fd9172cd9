// The page as the attacker, against the built extension in Chromium. Each test is written the way a hostile page
// would go about it — scripts that run before Gloss, define its old element names, patch the DOM, hide or remove
// what Gloss shows, time the translation cache from another site, enforce Trusted Types with a report endpoint,
// re-render their own elements — and checks that the attack gets nothing and the reader still gets a translation
// or one clear message, with "Show original" exact.
import { resolve } from "node:path";
import type { Page } from "playwright-core";
import { startDouble, type DoubleHandle } from "../double/server";
import { eventually } from "../helpers/eventually";
import { REPORT_PATH, startStaticServer, type StaticServer } from "../helpers/static-server";
import {
  callBackground,
  closePages,
  extensionGranting,
  launchWithExtension,
  openPopup,
  serviceWorker,
  setSettings,
  tabIdOf,
  tabState,
  type ExtensionBrowser,
} from "./chromium";
import { closedShadowText, inClosedShadow } from "./closed-shadow";
import { lookForGloss, nameControlsAfterMembers, rewriteGlossHost } from "./hostile-page-scripts";

jest.setTimeout(120_000);

const TRUSTED_TYPES_CSP = `require-trusted-types-for 'script'; trusted-types 'none'; report-uri ${REPORT_PATH}`;

let double: DoubleHandle;
let pages: StaticServer;
let browser: ExtensionBrowser;

beforeAll(async () => {
  double = await startDouble({ port: 0 });
  pages = await startStaticServer(resolve(__dirname, "../fixtures"), {
    aliases: { "/strict/": "news-article-de.html" },
    headers: (path) => (path.startsWith("/strict/") ? { "Content-Security-Policy": TRUSTED_TYPES_CSP } : undefined),
  });
  // Two sites under one public suffix, served from 127.0.0.1; the extension may run on them, as after the user
  // granted it.
  browser = await launchWithExtension({
    extensionDir: extensionGranting(["*://*.github.io/*"]),
    args: ["--host-resolver-rules=MAP alice.github.io 127.0.0.1, MAP bob.github.io 127.0.0.1"],
  });
});

afterAll(async () => {
  await browser?.close();
  await pages?.close();
  await double?.close();
});

beforeEach(async () => {
  double.reset();
  await setSettings(browser, { baseUrl: double.url, targetLang: "en" }, { replace: true });
  await callBackground(browser, "translationCache", { clear: true });
});

afterEach(() => closePages(browser));

async function open(url: string, attack?: () => void): Promise<{ page: Page; tabId: number }> {
  const page = await browser.context.newPage();
  if (attack) await page.addInitScript(attack);
  await page.goto(url);
  return { page, tabId: await tabIdOf(browser, page) };
}

async function translateWithPopup(tabId: number, outcome: string | RegExp = "Translated into English."): Promise<Page> {
  const popup = await openPopup(browser, tabId);
  await popup.getByRole("button", { name: /Translate page|Try again/ }).click();
  await popup.getByText(outcome).first().waitFor();
  return popup;
}

const bodyHtml = (page: Page) => page.evaluate(() => document.body.innerHTML);
const heading = (page: Page) => page.locator("article h1").first().innerText();

/** What the attacking page learns and did (kept on its own window). */
interface Loot {
  constructed: number;
  attachShadowCalls: number;
  appendCalls: number;
  defined: string[];
  stolenRoots: number;
}

/**
 * Runs before any Gloss code: claims Gloss's old element names (their constructors keep an open root) and replaces
 * attachShadow (forcing roots open and keeping them), append, appendChild and customElements.define.
 */
function preempt(): void {
  const stolen: ShadowRoot[] = [];
  const loot = { constructed: 0, attachShadowCalls: 0, appendCalls: 0, defined: [] as string[], stolenRoots: 0 };
  Object.assign(window, { loot, stolen });
  const define = customElements.define.bind(customElements);
  customElements.define = (name: string, ...rest: [CustomElementConstructor, ElementDefinitionOptions?]) => {
    loot.defined.push(name);
    return define(name, ...rest);
  };
  for (const name of ["gloss-status", "gloss-settings", "gloss-card", "gloss-ui"]) {
    customElements.define(
      name,
      class extends HTMLElement {
        constructor() {
          super();
          loot.constructed++;
          stolen.push(this.attachShadow({ mode: "open" }));
          loot.stolenRoots = stolen.length;
        }
      },
    );
  }
  const attachShadow = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (this: Element, init: ShadowRootInit) {
    loot.attachShadowCalls++;
    const root = attachShadow.call(this, { ...init, mode: "open" });
    stolen.push(root);
    loot.stolenRoots = stolen.length;
    return root;
  };
  const append = Element.prototype.append;
  Element.prototype.append = function (this: Element, ...nodes: Array<Node | string>) {
    loot.appendCalls++;
    return append.apply(this, nodes);
  };
  const appendChild = Node.prototype.appendChild;
  Node.prototype.appendChild = function <T extends Node>(this: Node, node: T): T {
    loot.appendCalls++;
    return appendChild.call(this, node) as T;
  };
}

const loot = (page: Page) => page.evaluate(() => (window as unknown as { loot: Loot }).loot);

describe("a page that claims Gloss's element names and patches the DOM before Gloss runs", () => {
  it("gets nothing: the status card still shows Gloss's own message, which the page can neither read nor rewrite", async () => {
    await setSettings(browser, { baseUrl: "http://127.0.0.1:9" });
    const { page, tabId } = await open(`${pages.url}/news-article-de.html`, preempt);
    await page.evaluate(() => Object.assign((window as unknown as { loot: Loot }).loot, { appendCalls: 0 }));

    await translateWithPopup(tabId, /cannot reach the server/);
    await eventually(async () =>
      // The card says what happened without the address: a page can search its text (see the window.find test).
      expect(await closedShadowText(page, "status")).toMatch(/Gloss cannot reach your server\./),
    );
    // None of the page's constructors or replacements ran for Gloss (only the page's own four definitions went
    // through its define); it found an unmarked element and no root.
    expect(await loot(page)).toEqual({
      constructed: 0,
      attachShadowCalls: 0,
      appendCalls: 0,
      defined: ["gloss-status", "gloss-settings", "gloss-card", "gloss-ui"],
      stolenRoots: 0,
    });
    const found = await page.evaluate(lookForGloss);
    expect(found).toEqual([{ tag: "div", attributes: [], shadowRoot: false, text: "", ownKeys: [] }]);
    expect(await page.evaluate(() => document.documentElement.textContent)).not.toMatch(/cannot reach/);

    // Rewriting it: a second root is refused; text put into the host is not shown; CSS cannot hide the card.
    const attempts = await page.evaluate(rewriteGlossHost);
    expect(attempts).toEqual({ secondRoot: "NotSupportedError", phishingShown: false });
    expect(await closedShadowText(page, "status")).toMatch(/^Gloss cannot reach your server/);
    const cardShown = await inClosedShadow<boolean>(
      page,
      "status",
      "function () { const card = this.querySelector('.card'); const box = card.getBoundingClientRect(); return card.checkVisibility({ opacityProperty: true, visibilityProperty: true }) && box.width > 0 && box.height > 0; }",
    );
    expect(cardShown).toBe(true);
    // Gloss's English card still runs left to right: its message starts at the left and its full stop ends it.
    const layout = await inClosedShadow<{ direction: string; startsLeft: boolean }>(
      page,
      "status",
      `function () {
        const card = this.querySelector('.card');
        const text = [...card.querySelectorAll('*')].flatMap((el) => [...el.childNodes]).find((n) => n.nodeType === 3 && /cannot reach/.test(n.data));
        const range = document.createRange();
        range.setStart(text, 0);
        range.setEnd(text, 1);
        const first = range.getBoundingClientRect();
        range.setStart(text, text.data.length - 1);
        range.setEnd(text, text.data.length);
        const last = range.getBoundingClientRect();
        return { direction: getComputedStyle(card).direction, startsLeft: first.left < last.left };
      }`,
    );
    expect(layout).toEqual({ direction: "ltr", startsLeft: true });
  });

  it("still gets a translation that 'Show original' undoes exactly", async () => {
    const { page, tabId } = await open(`${pages.url}/news-article-de.html`, preempt);
    const original = await bodyHtml(page);
    const popup = await translateWithPopup(tabId);
    expect(await heading(page)).toMatch(/^Heatwave/);
    expect((await loot(page)).stolenRoots).toBe(0);
    await popup.getByRole("button", { name: "Show original" }).click();
    await popup.getByText("Showing the original.").waitFor();
    expect(await bodyHtml(page)).toBe(original);
  });
});

describe("a page whose form names its controls after the DOM's own members", () => {
  it("is translated, its form too, and given back exactly", async () => {
    const { page, tabId } = await open(`${pages.url}/news-article-de.html`, nameControlsAfterMembers);
    expect(await page.evaluate(() => (document.querySelector("form")!.parentNode as Element).localName)).toBe("input");
    const original = await bodyHtml(page);
    const popup = await translateWithPopup(tabId);
    expect(await heading(page)).toMatch(/^Heatwave/);
    expect(await page.locator("label[for=fb-name]").innerText()).not.toBe("Ihr Name");
    await popup.getByRole("button", { name: "Show original" }).click();
    await popup.getByText("Showing the original.").waitFor();
    expect(await bodyHtml(page)).toBe(original);
  });
});

describe("a page whose elements are named like Gloss's own globals", () => {
  it("still gets a session, a translation and an exact 'Show original'", async () => {
    // Named elements show through `window` even in the isolated world: each of these once passed for Gloss's own.
    const { page, tabId } = await open(`${pages.url}/news-article-de.html`, () => {
      document.addEventListener("DOMContentLoaded", () => {
        for (const name of [
          "__glossContentSession",
          "__glossStartPress",
          "__glossPressConfig",
          "__glossPressConfigCame",
        ]) {
          const img = document.createElement("img");
          img.name = name;
          img.alt = "";
          document.body.append(img);
        }
      });
    });
    const original = await bodyHtml(page);
    const popup = await translateWithPopup(tabId);
    expect(await heading(page)).toMatch(/^Heatwave/);
    await popup.getByRole("button", { name: "Show original" }).click();
    await popup.getByText("Showing the original.").waitFor();
    expect(await bodyHtml(page)).toBe(original);
  });
});

describe("a page that searches Gloss's status card with window.find", () => {
  it("learns nothing of the server's address from an error; the reader still reads what to do", async () => {
    await setSettings(browser, { baseUrl: "http://127.0.0.1:9", targetLang: "en" }, { replace: true });
    const { page, tabId } = await open(`${pages.url}/news-article-de.html`);
    const popup = await openPopup(browser, tabId);
    await popup.getByRole("button", { name: /Translate page|Try again/ }).click();
    await eventually(async () => expect(await closedShadowText(page, "status")).toMatch(/cannot reach your server/));
    const found = await page.evaluate(() => {
      const find = (text: string) => {
        getSelection()?.removeAllRanges();
        return (window as unknown as { find(text: string, ...flags: boolean[]): boolean }).find(
          text,
          false,
          false,
          true,
        );
      };
      return {
        card: find("cannot reach your server"),
        address: find("127.0.0.1:9"),
        anyServer: find("server at http"),
      };
    });
    // The search does reach the card (so the check below means something), but finds no address there.
    expect(found).toEqual({ card: true, address: false, anyServer: false });
    // The popup, an extension page, still names the address.
    await popup.getByText("Gloss cannot reach the server at http://127.0.0.1:9.").waitFor();
  });
});

describe("a page that removes what Gloss shows", () => {
  /** Takes out anything added under <html> besides head and body, as soon as it appears. */
  function removeStrangers(): void {
    document.addEventListener("DOMContentLoaded", () =>
      new MutationObserver((records) => {
        for (const record of records) {
          for (const node of record.addedNodes) {
            if (node !== document.head && node !== document.body) (node as ChildNode).remove();
          }
        }
      }).observe(document.documentElement, { childList: true }),
    );
  }

  it("cannot silence Gloss: the popup says what happened and that the page blocks its messages; it still translates", async () => {
    await setSettings(browser, { baseUrl: "http://127.0.0.1:9" });
    const { page, tabId } = await open(`${pages.url}/news-article-de.html`, removeStrangers);
    await (await translateWithPopup(tabId, /cannot reach the server/)).close();
    await eventually(async () => expect((await tabState(browser, tabId)).uiBlocked).toBe(true));
    expect(await closedShadowText(page, "status")).toBeUndefined();
    // Opened again, as a reader would after seeing nothing on the page.
    const popup = await openPopup(browser, tabId);
    await popup.getByText(/cannot reach the server/).waitFor();
    await popup.getByText(/This page blocks Gloss's messages on the page, so they show here\./).waitFor();
    // The badge, which the page cannot touch, shows there is a problem.
    const badge = await serviceWorker(browser).evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
    expect(badge).toBe("!");

    // With the server back, "Try again" translates the page; the popup keeps saying where the messages are.
    await setSettings(browser, { baseUrl: double.url });
    await popup.getByRole("button", { name: "Try again" }).click();
    await popup.getByText("Translated into English.").waitFor();
    expect(await heading(page)).toMatch(/^Heatwave/);
    await popup.getByText(/This page blocks Gloss's messages on the page/).waitFor();
  });
});

describe("a page on another site under the same public suffix (two github.io sites)", () => {
  it("cannot tell by timing what was translated on the other site: each site has its own saved translations", async () => {
    const port = new URL(pages.url).port;
    const alice = `http://alice.github.io:${port}/news-article-de.html`;
    const bob = `http://bob.github.io:${port}/news-article-de.html`;

    // Passages the server was asked for (how they are grouped into requests depends on timing).
    const passagesAsked = () => double.stats().log.reduce((n, record) => n + (record.segments ?? 0), 0);
    const first = await open(alice);
    await translateWithPopup(first.tabId);
    const asked = double.stats().chatRequests;
    const passages = passagesAsked();
    expect(asked).toBeGreaterThan(0);
    // The same page on the same site again comes from the cache: nothing asked, answered at once.
    await first.page.reload();
    await translateWithPopup(first.tabId);
    expect(double.stats().chatRequests).toBe(asked);

    // Bob's page, which is the same article, is translated by the server again: nothing of Alice's is served to it,
    // so its timing says nothing about what Alice's visitor read.
    const second = await open(bob);
    await translateWithPopup(second.tabId);
    expect(await heading(second.page)).toMatch(/^Heatwave/);
    expect(passagesAsked()).toBe(2 * passages);
  });

  it("offers 'Always translate' for that one site, and a rule for it does not reach the other", async () => {
    const port = new URL(pages.url).port;
    const first = await open(`http://alice.github.io:${port}/news-article-de.html`);
    const second = await open(`http://bob.github.io:${port}/news-article-de.html`);
    expect((await tabState(browser, first.tabId)).siteRule).toBe(`alice.github.io:${port}`);
    await callBackground(browser, "setAutoTranslate", { rule: `alice.github.io:${port}`, enabled: true });
    expect((await tabState(browser, first.tabId)).autoTranslate).toBe(true);
    expect((await tabState(browser, second.tabId)).autoTranslate).toBe(false);
    const refused = callBackground(browser, "setAutoTranslate", { rule: "github.io", enabled: true });
    await expect(refused).rejects.toThrow(/not a site rule/);
  });
});

describe("a page that enforces Trusted Types and listens for violations", () => {
  it("is translated without a single report about Gloss", async () => {
    const { page, tabId } = await open(`${pages.url}/strict/article`, () => {
      const seen: string[] = [];
      Object.assign(window, { violations: seen });
      document.addEventListener("securitypolicyviolation", (event) =>
        seen.push(`${event.violatedDirective}: ${event.sample}`),
      );
    });
    const original = await bodyHtml(page);
    const popup = await translateWithPopup(tabId);
    expect(await heading(page)).toMatch(/^Heatwave/);
    await popup.getByRole("button", { name: "Show original" }).click();
    await popup.getByText("Showing the original.").waitFor();
    expect(await bodyHtml(page)).toBe(original);

    // The policy is in force and reports reach the endpoint: the page's own violation is reported…
    await page.evaluate(() => {
      try {
        document.body.insertAdjacentHTML("beforeend", "<b>page's own</b>");
      } catch {
        // refused, as the policy says
      }
    });
    const reports = await pages.reportsReceived(1);
    // …and it is the only one: Gloss created no policy and used no sink.
    expect(reports).toHaveLength(1);
    expect(JSON.stringify(reports[0])).toMatch(/insertAdjacentHTML/);
    expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([
      expect.stringMatching(/^require-trusted-types-for: .*insertAdjacentHTML/),
    ]);
  });
});

/** A frame a late page script put into translated text, as the page sees it. */
interface Late {
  late: HTMLIFrameElement;
  lateWindow: Window | null;
  lateLoads: number;
  undone: boolean;
}

describe("a page whose custom elements re-render their own text", () => {
  it("gets its text translated around and inside them, never doubled, and 'Show original' is exact", async () => {
    const { page, tabId } = await open(`${pages.url}/self-rendering-de.html`);
    // The reader types into the inline frame (it stays where it is, so this is kept).
    await page.frameLocator("iframe").locator("#f").fill("vom Leser getippt");
    const original = await bodyHtml(page);
    const rendersBefore = await page.evaluate(() => (window as unknown as { renders: number }).renders);
    expect(original).toContain("Hallo Anna!</reader-greeting>");

    const popup = await translateWithPopup(tabId);
    expect(await heading(page)).toBe("Letters of the week");
    expect(await page.locator("reader-greeting").first().innerText()).toBe("Hello Anna!");
    expect(await page.locator("reader-greeting").first().getAttribute("title")).toBe("Begrüßung");
    await popup.getByRole("button", { name: "Show original" }).click();
    await popup.getByText("Showing the original.").waitFor();
    expect(await bodyHtml(page)).toBe(original);
    // Gloss never moved them or touched their attributes: their callbacks did not run again.
    expect(await page.evaluate(() => (window as unknown as { renders: number }).renders)).toBe(rendersBefore);
    // Nor the frame (loaded once, the reader's text still in it), nor the custom element inside <code> (renders).
    const frame = await page.evaluate(() => ({
      loads: (window as unknown as { loads: number }).loads,
      typed: (document.querySelector("iframe")?.contentDocument?.getElementById("f") as HTMLInputElement | null)?.value,
    }));
    expect(frame).toEqual({ loads: 1, typed: "vom Leser getippt" });
  });

  it("keeps a frame the page puts into a translated paragraph loaded once, through the page's change and 'Show original'", async () => {
    const { page, tabId } = await open(`${pages.url}/self-rendering-de.html`);
    await page.evaluate(() =>
      document
        .querySelector("article")
        ?.insertAdjacentHTML("beforeend", `<p id="late">Neu ist <em>heute</em> der Fahrplan.</p>`),
    );
    const paragraph = page.locator("#late");
    const popup = await translateWithPopup(tabId);
    expect(await paragraph.innerText()).not.toMatch(/Neu ist/);
    // A late script puts a frame (an embed, an ad) between two translated words. The frame counts its loads; a
    // frame taken out and put back gets a new window and loads again.
    await page.evaluate(() => {
      const w = window as unknown as Late;
      const p = document.querySelector("#late") as HTMLParagraphElement;
      w.lateLoads = 0;
      w.undone = false;
      // Seen from the page: Gloss puts the original words back before it translates the changed paragraph again.
      new MutationObserver(() => {
        if (p.textContent?.includes("Neu ist")) w.undone = true;
      }).observe(p, { characterData: true, childList: true, subtree: true });
      w.late = document.createElement("iframe");
      w.late.srcdoc = "<p>Anzeige</p>";
      w.late.addEventListener("load", () => w.lateLoads++);
      p.insertBefore(w.late, p.querySelector("em"));
      w.lateWindow = w.late.contentWindow;
    });
    const late = () =>
      page.evaluate(() => {
        const w = window as unknown as Late;
        const place = Array.from(document.querySelector("#late")?.childNodes ?? []).indexOf(w.late);
        return { loads: w.lateLoads, sameWindow: w.late.contentWindow === w.lateWindow, place };
      });
    await eventually(async () => expect(await page.evaluate(() => (window as unknown as Late).undone)).toBe(true));
    await eventually(async () => expect(await paragraph.innerText()).not.toMatch(/Neu ist/));
    await eventually(async () => expect((await late()).loads).toBe(1));
    expect(await late()).toEqual({ loads: 1, sameWindow: true, place: 1 });

    await popup.getByRole("button", { name: "Show original" }).click();
    await popup.getByText("Showing the original.").waitFor();
    expect(await page.evaluate(() => document.querySelector("#late")?.innerHTML)).toMatch(
      /^Neu ist <iframe srcdoc="[^"]*"><\/iframe><em>heute<\/em> der Fahrplan\.$/,
    );
    // Give a second load the time to happen, were there one.
    await page.waitForTimeout(300);
    expect(await late()).toEqual({ loads: 1, sameWindow: true, place: 1 });
  });
});
