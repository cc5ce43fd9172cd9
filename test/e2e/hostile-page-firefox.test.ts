// The page as the attacker, against the built extension in Firefox ESR, as hostile-page-extension.test.ts does it in
// Chromium. Firefox's content scripts see the page through Xray wrappers rather than an isolated world, so each
// attack is tried again here: scripts that run before Gloss claim its element names and patch the DOM and the
// globals Gloss would use, synthetic events try to drive Gloss's card, the page searches and selects the card's text
// inside its closed root, and a strict policy (CSP and Trusted Types) is in force. The attack must get nothing, and
// the reader still gets a translation or one clear message, with "Show original" exact.
import type { Page } from "puppeteer-core";
import type { Settings } from "../../src/shared/settings";
import { eventually } from "../helpers/eventually";
import { REPORT_PATH } from "../helpers/static-server";
import { closedShadowTextFirefox, inClosedShadowFirefox } from "./closed-shadow-firefox";
import { openPopupFor, press, pressUntilLockedPartWay, settingsTaken, statusText } from "./firefox";
import { useFirefoxRig } from "./firefox-rig";
import {
  lookForGloss,
  nameControlsAfterMembers,
  preempt,
  rewriteGlossHost,
  type Loot as SharedLoot,
} from "./hostile-page-scripts";

jest.setTimeout(120_000);

const STRICT_CSP =
  "default-src 'none'; style-src 'none'; img-src 'none'; script-src 'none'; " +
  `require-trusted-types-for 'script'; trusted-types 'none'; report-uri ${REPORT_PATH}`;

const rig = useFirefoxRig({
  aliases: { "/strict/": "news-article-de.html" },
  headers: (path) => (path.startsWith("/strict/") ? { "Content-Security-Policy": STRICT_CSP } : undefined),
});

/** Never to be seen by the page: the key Gloss sends to the server. */
const API_KEY = "sk-gloss-never-in-the-page-4242";

beforeEach(() => {
  rig.double.reset();
  rig.double.setFault(null);
});

afterEach(async () => {
  for (const page of await rig.firefox.browser.pages()) {
    if (page.url().startsWith("http")) await page.close();
  }
});

const bodyHtml = (page: Page) => page.evaluate(() => document.body.innerHTML);
const heading = (page: Page) => page.$eval("article h1", (h1) => h1.textContent ?? "");

/** A new tab on the fixture at `path`, `attacks` run in it (in order) before anything else, and a popup with `settings` taken. */
async function open(
  path: string,
  settings: Partial<Settings>,
  attacks: Array<() => void> = [],
): Promise<{ page: Page; popup: Page }> {
  const page = await rig.firefox.browser.newPage();
  for (const attack of attacks) await page.evaluateOnNewDocument(attack);
  await page.goto(`${rig.pages.url}${path}`);
  const popup = await openPopupFor(rig.firefox.browser, page, { targetLang: "en", ...settings });
  await settingsTaken(popup, settings);
  return { page, popup };
}

/** What the attacking page learns and did, beyond what the shared script records (kept on its own window). */
interface Loot extends SharedLoot {
  appendCalls: number;
  listenersAdded: number;
  observersMade: number;
  sourceRead: number;
  defined: string[];
  /** Everything that went through the page's JSON.parse, fetch, XMLHttpRequest and postMessage. */
  heard: string[];
  /** Events the page saw come from inside a shadow root (their path not cut at the host). */
  leakedPaths: number;
}

/**
 * Runs after the shared script (hostile-page-scripts.ts: Gloss's old element names, attachShadow, append and what is
 * typed), before any Gloss code: replaces append (counting), appendChild, addEventListener, the observers,
 * JSON.parse, fetch, XMLHttpRequest, Function.prototype.toString and customElements.define, and listens to every
 * message and to the paths of the events Gloss's UI would see.
 */
function patchTheRest(): void {
  const loot = (window as unknown as { loot: Loot }).loot;
  Object.assign(loot, {
    ...{ appendCalls: 0, listenersAdded: 0, observersMade: 0, sourceRead: 0, leakedPaths: 0 },
    ...{ defined: [], heard: [] },
  });
  const listen = EventTarget.prototype.addEventListener;
  listen.call(window, "message", (event) => loot.heard.push(`message ${JSON.stringify((event as MessageEvent).data)}`));
  for (const type of ["click", "keydown", "focusin", "input", "pointerdown", "mouseover"]) {
    listen.call(
      window,
      type,
      (event) => {
        if (event.composedPath().some((node) => node instanceof Node && node.getRootNode() instanceof ShadowRoot)) {
          loot.leakedPaths++;
        }
      },
      true,
    );
  }
  const define = customElements.define.bind(customElements);
  customElements.define = (name: string, ...rest: [CustomElementConstructor, ElementDefinitionOptions?]) => {
    loot.defined.push(name);
    return define(name, ...rest);
  };
  type Counter = "appendCalls" | "listenersAdded" | "sourceRead";
  const counted: Array<[object, string, Counter]> = [
    [Element.prototype, "append", "appendCalls"],
    [Node.prototype, "appendChild", "appendCalls"],
    [EventTarget.prototype, "addEventListener", "listenersAdded"],
    [Function.prototype, "toString", "sourceRead"],
  ];
  for (const [owner, name, counter] of counted) {
    const methods = owner as Record<string, (...args: unknown[]) => unknown>;
    const original = methods[name]!;
    methods[name] = function (this: unknown, ...args: unknown[]) {
      loot[counter]++;
      return original.apply(this, args);
    };
  }
  const Mutations = MutationObserver;
  window.MutationObserver = class extends Mutations {
    constructor(callback: MutationCallback) {
      super(callback);
      loot.observersMade++;
    }
  };
  const Intersections = IntersectionObserver;
  window.IntersectionObserver = class extends Intersections {
    constructor(callback: IntersectionObserverCallback, options?: IntersectionObserverInit) {
      super(callback, options);
      loot.observersMade++;
    }
  };
  const parse = JSON.parse;
  JSON.parse = (text: string, reviver?: (key: string, value: unknown) => unknown) => {
    loot.heard.push(`parse ${text}`);
    return parse(text, reviver);
  };
  const pageFetch = window.fetch;
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    loot.heard.push(`fetch ${String(input instanceof Request ? input.url : input)} ${JSON.stringify(init ?? {})}`);
    return pageFetch(input, init);
  };
  const xhrOpen = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (this: XMLHttpRequest, ...args: unknown[]) {
    loot.heard.push(`xhr ${String(args[1])}`);
    return (xhrOpen as (...rest: unknown[]) => void).apply(this, args);
  };
}

const PATCHED = [preempt, patchTheRest];

/** What the page got of Gloss: every counter and list of its loot that is not zero or empty. */
async function takings(page: Page): Promise<Partial<Loot>> {
  const got = await loot(page);
  return Object.fromEntries(Object.entries(got).filter(([, value]) => (Array.isArray(value) ? value.length : value)));
}

const loot = (page: Page) => page.evaluate(() => (window as unknown as { loot: Loot }).loot);

/** Nothing the page holds or can search names the server's address or the key. */
async function expectNoSecrets(page: Page, serverUrl: string): Promise<void> {
  const port = new URL(serverUrl).port;
  const seen = await page.evaluate(() => ({
    html: document.documentElement.outerHTML,
    heard: (window as unknown as { loot?: Loot }).loot?.heard ?? [],
    names: Object.getOwnPropertyNames(window).filter((name) => /gloss/i.test(name)),
  }));
  const everything = [seen.html, ...seen.heard].join("\n");
  expect(everything).not.toContain(API_KEY);
  expect(everything).not.toContain(serverUrl);
  expect(everything).not.toMatch(new RegExp(`127\\.0\\.0\\.1:${port}\\b`));
  expect(seen.names).toEqual([]);
}

describe("a page that claims Gloss's element names and patches the DOM and globals before Gloss runs", () => {
  it("gets nothing: the card says the server is unreachable, and the page can neither read nor rewrite it", async () => {
    const { page, popup } = await open("/news-article-de.html?unreachable", { baseUrl: "http://127.0.0.1:9" }, PATCHED);
    const original = await bodyHtml(page);
    await press(popup, "Translate page", /cannot reach the server/);
    await eventually(async () =>
      expect(await closedShadowTextFirefox(page, "status")).toMatch(/Gloss cannot reach your server\./),
    );
    // None of the page's constructors or replacements ran for Gloss, and it found an unmarked element with no root.
    expect(await takings(page)).toEqual({});
    expect(await page.evaluate(lookForGloss)).toEqual([
      { tag: "div", attributes: [], shadowRoot: false, text: "", ownKeys: [] },
    ]);
    expect(await page.evaluate(() => document.documentElement.textContent)).not.toMatch(/cannot reach/);
    expect(await bodyHtml(page)).toBe(original);
    await expectNoSecrets(page, "http://127.0.0.1:9");

    // Rewriting it: a second root is refused; text put into the host is not shown; CSS cannot hide the card.
    const attempts = await page.evaluate(rewriteGlossHost);
    expect(attempts).toEqual({ secondRoot: "NotSupportedError", phishingShown: false });
    expect(await closedShadowTextFirefox(page, "status")).toMatch(/^Gloss cannot reach your server/);
    const cardShown = await inClosedShadowFirefox<boolean>(
      page,
      "status",
      "function () { const card = this.querySelector('.card'); const box = card.getBoundingClientRect(); return card.checkVisibility({ opacityProperty: true, visibilityProperty: true }) && box.width > 0 && box.height > 0; }",
    );
    expect(cardShown).toBe(true);
  });

  it("still gets a translation that 'Show original' undoes exactly, and never sees the key or the server", async () => {
    const { page, popup } = await open(
      "/news-article-de.html?patched",
      { baseUrl: rig.double.url, apiKey: API_KEY },
      PATCHED,
    );
    const original = await bodyHtml(page);
    await press(popup, "Translate page", "Translated into English.");
    expect(await heading(page)).toMatch(/^Heatwave/);
    expect(await takings(page)).toEqual({});
    await expectNoSecrets(page, rig.double.url);
    await press(popup, "Show original", "Showing the original.");
    expect(await bodyHtml(page)).toBe(original);
  });
});

describe("a page whose form names its controls after the DOM's own members", () => {
  it("is translated, its form too, and given back exactly", async () => {
    // As in Chromium (hostile-page-extension.test.ts), where a form's controls named so stand in for its members in
    // Gloss's world too; Firefox's Xrays show Gloss the DOM's own members, the page its controls (checked below).
    const { page, popup } = await open("/news-article-de.html?named", { baseUrl: rig.double.url }, [
      nameControlsAfterMembers,
    ]);
    expect(await page.evaluate(() => (document.querySelector("form")!.parentNode as Element).localName)).toBe("input");
    const original = await bodyHtml(page);
    await press(popup, "Translate page", "Translated into English.");
    expect(await heading(page)).toMatch(/^Heatwave/);
    expect(await page.$eval("label[for=fb-name]", (label) => label.textContent)).not.toBe("Ihr Name");
    await press(popup, "Show original", "Showing the original.");
    expect(await bodyHtml(page)).toBe(original);
  });
});

describe("a page that dispatches its own events at Gloss", () => {
  it("cannot press the card's 'Try again' or 'Show original', nor make Gloss ask the server again", async () => {
    const { page, popup } = await open("/old-reddit-de.html?synthetic", {
      baseUrl: rig.double.url,
      // Above the fixture's longest passage (~205 characters): a passage sent in parts is written only once every
      // part is back, so a first answer that was such a part left nothing written and no "Show original" (seen once
      // on a loaded machine, where the first request's passages come in another order); below the page's whole text.
      maxBatchChars: 500,
      maxConcurrent: 1,
    });
    const original = await bodyHtml(page);
    // Stopped part-way: the server wants a key after its first answer, so the card offers both buttons.
    await pressUntilLockedPartWay(popup, rig.double);
    await eventually(async () =>
      expect(await closedShadowTextFirefox(page, "status")).toMatch(/Try again.*Show original/s),
    );
    const partly = await bodyHtml(page);
    expect(partly).not.toBe(original);
    rig.double.setFault(null);
    const asked = rig.double.stats().chatRequests;

    // Everything a script can send: clicks on the host and at the card's buttons' places, keys (Enter, Space,
    // Escape, the browser's shortcuts), focus, and the back/forward cache's pagehide and pageshow.
    const tried = await page.evaluate(() => {
      const host = document.documentElement.lastElementChild as HTMLElement;
      const hits = new Set<string>();
      for (let x = 0; x < innerWidth; x += 8) {
        for (let y = 0; y < innerHeight; y += 8) {
          const at = document.elementFromPoint(x, y);
          if (at !== host) continue;
          hits.add(at.localName);
          for (const type of ["pointerdown", "mousedown", "pointerup", "mouseup", "click"]) {
            at.dispatchEvent(new MouseEvent(type, { bubbles: true, composed: true, clientX: x, clientY: y }));
          }
        }
      }
      host.click();
      host.focus();
      for (const key of ["Enter", " ", "Escape", "Tab", "Y", "G"]) {
        for (const target of [host, document, window]) {
          for (const type of ["keydown", "keypress", "keyup"]) {
            target.dispatchEvent(
              new KeyboardEvent(type, {
                key,
                bubbles: true,
                composed: true,
                altKey: true,
                shiftKey: /[A-Z]/.test(key),
              }),
            );
          }
        }
      }
      dispatchEvent(new PageTransitionEvent("pagehide", { persisted: true }));
      dispatchEvent(new PageTransitionEvent("pageshow", { persisted: true }));

      // In Firefox, text that window.find finds inside a closed root is handed to the page by the selection: a node
      // in the card, and from it the card's root. The page then clicks every button there and presses Escape.
      getSelection()?.removeAllRanges();
      (window as unknown as { find(text: string): boolean }).find("Show original");
      const inside = getSelection()?.rangeCount ? getSelection()!.getRangeAt(0).startContainer : null;
      const root = inside?.getRootNode();
      const buttons = root instanceof ShadowRoot ? [...root.querySelectorAll("button")] : [];
      for (const button of buttons) button.click();
      for (const button of buttons) {
        button.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true, composed: true }));
      }
      getSelection()?.removeAllRanges();
      return { hitTheHost: hits.size > 0, buttonsReached: buttons.length };
    });
    // The card is on screen where the page clicked (so the clicks were aimed at it), and
    // Firefox ESR handed the card's buttons to the page (so their clicks were tried too).
    expect(tried).toEqual({ hitTheHost: true, buttonsReached: 3 });

    // The reader's own "Try again" still works afterwards: the one request count to wait for.
    await eventually(async () => expect(await closedShadowTextFirefox(page, "status")).toMatch(/Show original/));
    expect(await bodyHtml(page)).toBe(partly);
    expect(rig.double.stats().chatRequests).toBe(asked);
    expect(await statusText(popup)).toMatch(/needs an API key/);
    await press(popup, "Try again", "Translated into English.");
    await press(popup, "Show original", "Showing the original.");
    expect(await bodyHtml(page)).toBe(original);
  });
});

describe("a page that searches and selects Gloss's status card", () => {
  it("learns nothing of the server's address, even from the card's text it can reach", async () => {
    const { page, popup } = await open("/news-article-de.html?find", { baseUrl: "http://127.0.0.1:9" });
    await press(popup, "Translate page", /cannot reach the server/);
    await eventually(async () =>
      expect(await closedShadowTextFirefox(page, "status")).toMatch(/cannot reach your server/),
    );
    const found = await page.evaluate(() => {
      const selection = getSelection()!;
      const find = (text: string) => {
        selection.removeAllRanges();
        return (window as unknown as { find(text: string, ...flags: boolean[]): boolean }).find(
          text,
          false,
          false,
          true,
        );
      };
      const card = find("cannot reach your server");
      // Firefox's selection hands the page the node it found inside the closed root, and from it the root: what
      // the page can read there must name no address either (its buttons do nothing for it: see above).
      const range = selection.rangeCount ? selection.getRangeAt(0) : null;
      const root = range?.startContainer.getRootNode();
      const heldText = root instanceof ShadowRoot ? (root.textContent ?? "") : "";
      // Selecting everything and copying what is selected.
      selection.removeAllRanges();
      selection.selectAllChildren(document.documentElement);
      const all = selection.toString();
      return {
        card,
        heldHasAddress: /127\.0\.0\.1|http/.test(heldText),
        address: find("127.0.0.1:9"),
        anyServer: find("server at http"),
        allHasAddress: all.includes("127.0.0.1:9"),
      };
    });
    // The search does reach the card (so the checks below mean something), but finds no address there.
    expect(found).toEqual({
      card: true,
      heldHasAddress: false,
      address: false,
      anyServer: false,
      allHasAddress: false,
    });
    // The popup, an extension page, still names the address.
    await eventually(async () =>
      expect(await statusText(popup)).toBe("Gloss cannot reach the server at http://127.0.0.1:9."),
    );
  });
});

describe("a page with a strict policy (no inline style or script, Trusted Types required)", () => {
  it("shows a styled card, is translated with an exact 'Show original', without a single report about Gloss", async () => {
    const { page, popup } = await open("/strict/article", { baseUrl: rig.double.url }, [
      () => {
        const seen: string[] = [];
        Object.assign(window, { violations: seen });
        document.addEventListener("securitypolicyviolation", (event) =>
          seen.push(`${event.violatedDirective}: ${event.sample}`),
        );
      },
    ]);
    const original = await bodyHtml(page);
    const violations = () => page.evaluate(() => (window as unknown as { violations: string[] }).violations);
    // The page's own inline style and images, refused as it loaded.
    const ownViolations = await violations();
    // A server that wants a key first: Gloss's card says so, styled (no inline style is allowed here) and shown.
    rig.double.setFault("unauthorized");
    await press(popup, "Translate page", /needs an API key/);
    await eventually(async () => expect(await closedShadowTextFirefox(page, "status")).toMatch(/API key/));
    const card = await inClosedShadowFirefox<{ position: string; shown: boolean }>(
      page,
      "status",
      "function () { const card = this.querySelector('.card'); return { position: getComputedStyle(card).position, shown: card.checkVisibility() }; }",
    );
    expect(card).toEqual({ position: "fixed", shown: true });
    rig.double.setFault(null);
    await press(popup, "Try again", "Translated into English.");
    expect(await heading(page)).toMatch(/^Heatwave/);
    await press(popup, "Show original", "Showing the original.");
    expect(await bodyHtml(page)).toBe(original);
    expect(await violations()).toEqual(ownViolations);

    // The policy is in force: the page's own inline style is refused and reported, and so are only the page's own.
    await page.evaluate(() => {
      const style = document.createElement("style");
      style.textContent = "body { color: red }";
      document.head.append(style);
    });
    await eventually(async () => expect(await violations()).toHaveLength(ownViolations.length + 1));
    expect((await violations()).at(-1)).toMatch(/^style-src/);
    const reports = await rig.pages.reportsReceived(ownViolations.length + 1);
    expect(reports).toHaveLength(ownViolations.length + 1);
  });
});
