// The page as the attacker, against the built userscript in Chromium through the GM shim: in the page's own world
// (a manager that ignores @inject-into / @sandbox) and in a world of its own (@inject-into content). The page runs
// first, claims Gloss's old element names, patches the DOM, replaces built-in functions to read what passes through
// them, calls Gloss's event listeners with made-up events, reaches into the settings dialog, changes the server
// address, enforces Trusted Types and re-renders its own elements. In a world of its own the API key never goes
// anywhere but the address it was entered for; in the page's world Gloss does not read it at all, nor anything that
// names another site, saves no settings and listens for no key press. The page reads nothing Gloss did not put in
// the page for it, and the reader gets a translation or one clear message — where the page cannot reach it when the
// page is in the way.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { startDouble, type DoubleHandle } from "../double/server";
import { eventually } from "../helpers/eventually";
import { REPORT_PATH, startStaticServer, type StaticServer } from "../helpers/static-server";
import { CHROMIUM } from "./chromium";
import { CHROMIUM_FLAGS } from "./chromium-flags";
import { closedShadowText, countUi, inClosedShadow } from "./closed-shadow";
import { injectUserscript, type GmShim } from "./gm-shim";
import { preempt, type Loot } from "./hostile-page-scripts";

jest.setTimeout(120_000);

const USERSCRIPT = resolve(__dirname, "../../dist/gloss.user.js");
const SECRET = "sk-gloss-hostile-page-secret";
const TRUSTED_TYPES_CSP = `require-trusted-types-for 'script'; trusted-types 'none'; report-uri ${REPORT_PATH}`;

let keyed: DoubleHandle; // the user's server, which needs the key
let keyless: DoubleHandle; // the user's server, which needs none
let collector: DoubleHandle; // the attacker's server
let pages: StaticServer;
let context: BrowserContext;
let profile: string;
let userscript: string;

beforeAll(async () => {
  userscript = readFileSync(USERSCRIPT, "utf8");
  keyed = await startDouble({ port: 0, apiKey: SECRET });
  keyless = await startDouble({ port: 0 });
  collector = await startDouble({ port: 0 });
  pages = await startStaticServer(resolve(__dirname, "../fixtures"), {
    aliases: { "/strict/": "news-article-de.html", "/no-inline-styles/": "news-article-de.html" },
    headers: (path) =>
      path.startsWith("/strict/")
        ? { "Content-Security-Policy": TRUSTED_TYPES_CSP }
        : path.startsWith("/no-inline-styles/")
          ? { "Content-Security-Policy": "style-src 'self'" }
          : undefined,
  });
  profile = mkdtempSync(join(tmpdir(), "gloss-hostile-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...CHROMIUM_FLAGS, "--disable-background-networking", "--no-first-run", "--lang=en-US"],
  });
});

afterAll(async () => {
  await context?.close();
  rmSync(profile, { recursive: true, force: true });
  await pages?.close();
  await keyed?.close();
  await keyless?.close();
  await collector?.close();
});

beforeEach(() => {
  keyed.reset();
  keyless.reset();
  collector.reset();
  pages.reports.length = 0;
});

afterEach(async () => {
  for (const page of context.pages()) await page.close();
});

async function open(
  path: string,
  options: {
    world?: "page" | "isolated";
    attack?: () => void;
    /** A second attack, run after the first. */
    alsoAttack?: () => void;
    /** Hide the attacks' replacements from Function.prototype.toString (hideReplacements), run before them. */
    hidden?: boolean;
    settings?: Record<string, unknown>;
    storage?: Record<string, unknown>;
  } = {},
): Promise<{ page: Page; gm: GmShim }> {
  const page = await context.newPage();
  if (options.hidden) await page.addInitScript(hideReplacements);
  if (options.attack) await page.addInitScript(options.attack);
  if (options.alsoAttack) await page.addInitScript(options.alsoAttack);
  await page.goto(`${pages.url}${path}`);
  const settings = { schemaVersion: 2, baseUrl: keyed.url, apiKey: SECRET, targetLang: "en", ...options.settings };
  const gm = await injectUserscript(page, userscript, {
    world: options.world ?? "page",
    storage: { settings: JSON.stringify(settings), ...options.storage },
  });
  return { page, gm };
}

const bodyHtml = (page: Page) => page.evaluate(() => document.body.innerHTML);
const stored = async (gm: GmShim) => JSON.parse((await gm.storage()).settings as string) as Record<string, unknown>;
/** Whether any request the script sent carried the key, to any server. */
const keySent = (gm: GmShim) => gm.requests.some((r) => JSON.stringify(r.headers).includes(SECRET));
const TRANSLATED_TITLE = () => document.querySelector("article h1")?.textContent?.startsWith("Heatwave");
/** The requests the script sent to `server`, and whether each carried the key. */
const sentTo = (gm: GmShim, server: DoubleHandle) =>
  gm.requests
    .filter((r) => r.url.startsWith(server.url))
    .map((r) => ({ url: r.url.slice(server.url.length), withKey: JSON.stringify(r.headers).includes(SECRET) }));

async function translateWithShortcut(page: Page): Promise<void> {
  await page.locator("article h1").first().click();
  await page.keyboard.press("Alt+Shift+KeyG");
}

/**
 * A page determined to hide its replacements, before Gloss runs: Function.prototype.toString becomes a Proxy of the
 * browser's own that prints a nameless native function (what a Proxy or a bound function prints) with the name it
 * answers to, as the browser prints its own. It passes for native too. With this, no script can tell the page's
 * Proxies from the browser's functions (the README says so); without it, Gloss tells them by the missing name.
 */
function hideReplacements(): void {
  const toString = Function.prototype.toString;
  const apply = Reflect.apply;
  const nameless = ["function () { [native code] }", "function () {\n    [native code]\n}"];
  Function.prototype.toString = new Proxy(toString, {
    apply(target, self: { name?: unknown }, args: []) {
      const text = apply(target, self, args) as string;
      if (!nameless.includes(text) || typeof self.name !== "string" || !self.name) return text;
      return `function ${self.name}() { [native code] }`;
    },
  });
}

/**
 * A page that replaces attachShadow with a Proxy of the browser's own and keeps every root: the settings dialog is
 * open to it, unless Gloss sees the replacement.
 */
function stealRootsUnseen(): void {
  const stolen: ShadowRoot[] = [];
  Object.assign(window, { stolen });
  Element.prototype.attachShadow = new Proxy(Element.prototype.attachShadow, {
    apply(target, self: Element, args: [ShadowRootInit]) {
      const root = Reflect.apply(target, self, args) as ShadowRoot;
      stolen.push(root);
      return root;
    },
  });
}

const loot = (page: Page) => page.evaluate(() => (window as unknown as { loot: Loot }).loot);

/** What the page's replacements saw pass through them (see readEverything). */
interface Caught {
  /** Texts holding the key or naming the other site. */
  secrets: string[];
  /** Calls that carried the page's own headline: the replacements are in Gloss's way. */
  headline: number;
}

/**
 * The auditor's attack on what Gloss reads: before Gloss runs, the page replaces JSON's, Object's, strings', arrays',
 * regular expressions', maps', sets', headers' and promises' functions with look-alikes (Proxies, which print as the
 * browser's own), and puts setters on Object.prototype for the names a key or a site would be stored under. Each
 * notes any text that holds the key or names the other site. (A page can also catch what the manager hands Gloss,
 * through the promise it comes in; the README says so. This page does not try.)
 */
function readEverything(): void {
  const secrets = ["sk-gloss-hostile-page-secret", "mybank.example"];
  const caught = { secrets: [] as string[], headline: 0 };
  Object.assign(window, { caught });
  const apply = Reflect.apply;
  const includes = String.prototype.includes;
  const stringify = JSON.stringify;
  const defineProperty = Object.defineProperty;
  // The page's own bookkeeping goes through what it replaced too: it looks from the outermost call only, and walks
  // lists by index (a spread would call the replaced iterator). It reads texts, lists' first items, and other objects
  // as JSON (not DOM nodes, or the page would crawl).
  let inside = false;
  const NOTE = "caught by the page: ";
  /**
   * What a text holds, read once per text: the same long texts (the public suffix list, the script's own tables) pass
   * through the replaced functions again and again, and reading each anew was most of the seconds this page spent.
   */
  const read = new Map<string, { note: boolean; headline: boolean; secrets: boolean[] }>();
  const readGet = Map.prototype.get;
  const readSet = Map.prototype.set;
  const check = (where: string, text: string) => {
    let holds = apply(readGet, read, [text]) as { note: boolean; headline: boolean; secrets: boolean[] } | undefined;
    if (!holds) {
      const found: boolean[] = [];
      for (let j = 0; j < secrets.length; j++) found[j] = apply(includes, text, [secrets[j]]);
      holds = { note: apply(includes, text, [NOTE]), headline: apply(includes, text, ["Hitzesommer"]), secrets: found };
      apply(readSet, read, [text, holds]);
    }
    if (holds.note) return; // its own notes, or copies of them
    if (holds.headline) caught.headline++;
    for (let j = 0; j < secrets.length; j++) {
      if (holds.secrets[j]) caught.secrets[caught.secrets.length] = `${NOTE}${where}: ${text}`;
    }
  };
  const look = (where: string, self: unknown, args: readonly unknown[]) => {
    if (inside) return;
    inside = true;
    try {
      for (let i = -1; i < args.length; i++) {
        const value = i < 0 ? self : args[i];
        if (typeof value === "string") check(where, value);
        else if (Array.isArray(value)) {
          for (let k = 0; k < value.length && k < 50; k++) if (typeof value[k] === "string") check(where, value[k]);
        } else if (value && typeof value === "object" && !(value instanceof Node)) {
          try {
            const text = stringify(value);
            if (typeof text === "string") check(where, text);
          } catch {
            // a cycle: nothing to read as text
          }
        }
      }
    } finally {
      inside = false;
    }
  };
  const owners: Array<[object | undefined, string]> = [
    [JSON, "JSON"],
    [Object, "Object"],
    [String.prototype, "String"],
    [Array.prototype, "Array"],
    [RegExp.prototype, "RegExp"],
    [Map.prototype, "Map"],
    [Set.prototype, "Set"],
    [Headers.prototype, "Headers"],
    [URLSearchParams.prototype, "URLSearchParams"],
    [window, "window"],
  ];
  for (const [owner, label] of owners) {
    for (const name of Reflect.ownKeys(owner!)) {
      if (name === "constructor") continue;
      const descriptor = Reflect.getOwnPropertyDescriptor(owner!, name);
      const fn = descriptor?.value as unknown;
      if (!descriptor?.writable || !descriptor.configurable || typeof fn !== "function") continue;
      if (owner === window && name !== "structuredClone" && name !== "fetch") continue;
      // Named once here, not in every call: a name made per call was most of the time the page spent in its spies.
      const where = `${label}.${String(name)}`;
      defineProperty(owner, name, {
        ...descriptor,
        value: new Proxy(fn as (...args: unknown[]) => unknown, {
          apply(target, self, args: unknown[]) {
            look(where, self, args);
            return apply(target, self, args);
          },
        }),
      });
    }
  }
  const then = Promise.prototype.then;
  Promise.prototype.then = function (this: Promise<unknown>, onFulfilled?: unknown, onRejected?: unknown) {
    const spy =
      typeof onFulfilled === "function"
        ? (value: unknown) => {
            look("Promise.then", undefined, [value]);
            return (onFulfilled as (value: unknown) => unknown)(value);
          }
        : onFulfilled;
    return apply(then, this, [spy, onRejected]) as Promise<never>;
  } as typeof then;
  const names = ["authorization", "Authorization", "apiKey", "mybank.example"];
  for (let n = 0; n < names.length; n++) {
    const name = names[n]!;
    defineProperty(Object.prototype, name, {
      configurable: true,
      set(value: unknown) {
        look(`set ${name}`, this, [value]);
        defineProperty(this, name, { value, writable: true, enumerable: true, configurable: true });
      },
    });
  }
}

const caught = (page: Page) => page.evaluate(() => (window as unknown as { caught: Caught }).caught);

/**
 * The auditor's attack on Gloss's event listeners: the page wraps addEventListener in a Proxy (it passes for the
 * browser's own) and keeps every listener added, with its target, to call with made-up events.
 */
function grabListeners(): void {
  const listeners: Array<{ target: EventTarget; type: string; listener: unknown }> = [];
  Object.assign(window, { listeners });
  EventTarget.prototype.addEventListener = new Proxy(EventTarget.prototype.addEventListener, {
    apply(target, self: EventTarget, args: [string, unknown]) {
      listeners.push({ target: self, type: args[0], listener: args[1] });
      return Reflect.apply(target, self, args) as void;
    },
  });
}

/** Calls every listener the page caught for `type` with a made-up event that claims to be the user's. */
function forge(page: Page, type: string, fields: Record<string, unknown>, pathTo?: string) {
  return page.evaluate(
    ({ type, fields, pathTo }) => {
      const { listeners } = window as unknown as {
        listeners: Array<{ target: EventTarget; type: string; listener: unknown }>;
      };
      const target = pathTo ? document.querySelector(pathTo)! : document.body;
      const path: EventTarget[] = [];
      for (let node: Node | null = target; node; node = node.parentNode) path.push(node);
      path.push(window);
      const event = {
        type,
        isTrusted: true,
        altKey: false,
        shiftKey: false,
        ctrlKey: false,
        metaKey: false,
        repeat: false,
        target,
        composedPath: () => path,
        preventDefault() {},
        stopPropagation() {},
        ...fields,
      };
      let called = 0;
      for (const { type: t, listener } of listeners) {
        if (t !== type) continue;
        called++;
        try {
          if (typeof listener === "function") listener(event);
          else (listener as EventListenerObject | null)?.handleEvent(event as unknown as Event);
        } catch {
          // one of the page's own listeners, which wanted a real event
        }
      }
      return called;
    },
    { type, fields, pathTo },
  );
}

/** Everything the page can find of Gloss's UI from its own world: elements under <html> besides head and body. */
function lookForGloss(page: Page) {
  return page.evaluate(() =>
    [...document.documentElement.children]
      .filter((el) => el !== document.head && el !== document.body)
      .map((el) => ({ tag: el.localName, attributes: el.getAttributeNames(), shadowRoot: el.shadowRoot !== null })),
  );
}

describe("userscript in the page's world, against a page that patched the DOM first", () => {
  it("shows no settings or status card to it, says so through the manager, and still translates from the menu", async () => {
    const { page, gm } = await open("/news-article-de.html", { attack: preempt, settings: { baseUrl: keyless.url } });
    await page.evaluate(() => Object.assign((window as unknown as { loot: Loot }).loot, { attachShadowCalls: 0 }));

    await gm.runMenuCommand("Settings");
    await eventually(async () =>
      expect(gm.notifications).toContainEqual(
        expect.stringMatching(/interferes with Gloss's status card and settings dialog.*“DOM” sandbox mode/),
      ),
    );
    expect(await countUi(page, "settings")).toBe(0);
    expect(await lookForGloss(page)).toEqual([]);
    // Gloss noticed before calling anything the page replaced: no root, nothing constructed, nothing to steal.
    expect(await loot(page)).toEqual({ constructed: 0, attachShadowCalls: 0, stolenRoots: 0, typedValues: [] });

    await gm.runMenuCommand("Translate page");
    await page.waitForFunction(TRANSLATED_TITLE);
    await eventually(async () => expect(gm.notifications).toContain("Translated."));
    expect(await lookForGloss(page)).toEqual([]);
    // The key saved for this server stayed in storage: Gloss does not use it in the page's world.
    expect(sentTo(gm, keyless).length).toBeGreaterThan(0);
    expect(keySent(gm)).toBe(false);
  });
});

describe("userscript in a world of its own (@inject-into content), against the same page", () => {
  it("opens its settings untouched by the page's patches, and the page reads nothing of them", async () => {
    const { page, gm } = await open("/news-article-de.html", { world: "isolated", attack: preempt });
    await gm.runMenuCommand("Settings");
    await eventually(async () =>
      expect(
        await inClosedShadow(page, "settings", "function () { return this.activeElement && this.activeElement.id; }"),
      ).toBe("gloss-baseUrl"),
    );
    const text = (await closedShadowText(page, "settings"))!;
    expect(text).toMatch(/A key is saved\./);
    expect(text).not.toMatch(/runs Gloss inside this page/);
    // The user types a new address: the page's listener sees only the unmarked host, never the field or its value.
    await page.keyboard.press("End");
    await page.keyboard.type("/v1");
    expect(await loot(page)).toEqual({
      constructed: 0,
      attachShadowCalls: 0,
      stolenRoots: 0,
      typedValues: ["undefined", "undefined", "undefined"],
    });
    expect(await lookForGloss(page)).toEqual([{ tag: "div", attributes: [], shadowRoot: false }]);
    expect(await page.content()).not.toContain(keyed.url);
    // The dialog says what saving a new address does to the key.
    await eventually(async () =>
      expect(await closedShadowText(page, "settings")).toMatch(
        new RegExp(`The saved key is for ${keyed.url}, and Gloss never sends it anywhere else`),
      ),
    );
  });

  it("drops the key when the address changes behind its back, and never sends it there", async () => {
    const { page, gm } = await open("/news-article-de.html", { world: "isolated" });
    await translateWithShortcut(page);
    await page.waitForFunction(TRANSLATED_TITLE);
    expect(sentTo(gm, keyed).some((r) => r.withKey)).toBe(true); // the key goes where it was entered for
    await translateWithShortcut(page); // back to the original

    // The address changes in storage (a storage editor, another copy of the script): the key stays with the old one.
    await gm.setStorage("settings", JSON.stringify({ ...(await stored(gm)), baseUrl: collector.url }));
    // Text the page has not shown before, so that it goes to the server (the rest comes from the page's memory).
    await page.evaluate(() => {
      const p = document.createElement("p");
      p.textContent = "Die Stadt öffnet ab Montag drei zusätzliche Trinkwasserbrunnen in der Innenstadt.";
      document.querySelector("article")!.append(p);
    });
    await translateWithShortcut(page);
    await page.waitForFunction(TRANSLATED_TITLE);
    await eventually(async () =>
      expect(sentTo(gm, collector).some((r) => r.url.endsWith("/chat/completions"))).toBe(true),
    );
    expect(sentTo(gm, collector).some((r) => r.withKey)).toBe(false);
  });
});

describe("userscript in the page's world, against a page that reaches into the settings dialog", () => {
  it("tells a plain Proxy over attachShadow from the browser's own: no dialog for it to reach, and says why", async () => {
    const { page, gm } = await open("/news-article-de.html", { attack: stealRootsUnseen });
    await gm.runMenuCommand("Settings");
    await eventually(async () =>
      expect(gm.notifications).toContainEqual(
        expect.stringMatching(/interferes with Gloss's status card and settings dialog.*“DOM” sandbox mode/),
      ),
    );
    expect(await countUi(page, "settings")).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { stolen: ShadowRoot[] }).stolen.length)).toBe(0);
    expect(await lookForGloss(page)).toEqual([]);
  });

  it("shows the settings read-only: nothing the page types is saved, and no key is in the dialog or sent", async () => {
    const { page, gm } = await open("/news-article-de.html", { attack: stealRootsUnseen, hidden: true });
    const before = (await gm.storage()).settings;
    await gm.runMenuCommand("Settings");
    // The hidden replacement cannot be told from the browser's own: the dialog opens, and says why it cannot save.
    await eventually(async () =>
      expect(await closedShadowText(page, "settings")).toMatch(
        /runs Gloss inside this page.*settings are read-only.*does not use a saved API key.*@inject-into content.*storage editor/,
      ),
    );

    const seen = await page.evaluate((attacker) => {
      const root = (window as unknown as { stolen: ShadowRoot[] }).stolen.find((r) => r.querySelector("form"))!;
      const field = (id: string) => root.querySelector<HTMLInputElement>(`#gloss-${id}`);
      const read = {
        baseUrl: field("baseUrl")!.value,
        keyField: field("apiKey") !== null,
        saveButton: root.querySelector("button[type=submit]") !== null,
      };
      field("baseUrl")!.disabled = false;
      field("baseUrl")!.value = attacker;
      root.querySelector("form")!.requestSubmit();
      return read;
    }, collector.url);
    // It can read the address (the README says why), but there is no key field, and nothing to save with.
    expect(seen).toEqual({ baseUrl: keyed.url, keyField: false, saveButton: false });
    // Enter, pressed by the user in the field the page typed into, saves nothing either.
    await inClosedShadow(page, "settings", "function () { this.querySelector('#gloss-baseUrl').focus(); }");
    await page.keyboard.press("Enter");
    await page.waitForTimeout(300);
    expect((await gm.storage()).settings).toBe(before);

    await page.keyboard.press("Escape");
    await eventually(async () => expect(await countUi(page, "settings")).toBe(0));
    await gm.runMenuCommand("Translate page");
    // The server wants the key Gloss did not send: the message says why, and how to have it used.
    await eventually(async () =>
      expect(await closedShadowText(page, "status")).toMatch(
        /needs an API key \(HTTP 401\)\. Your userscript manager runs Gloss inside this page, where the page's scripts could read the key, so Gloss does not use a saved key here\..*@inject-into content.*Gloss browser extension/,
      ),
    );
    expect(sentTo(gm, keyed).length).toBeGreaterThan(0);
    expect(keySent(gm)).toBe(false);
    expect(sentTo(gm, collector)).toEqual([]);
  });
});

describe("userscript in the page's world, against the auditor's attacks", () => {
  const OTHER_SITE = "mybank.example";
  /** What the user keeps for another site: rules, a display mode, a glossary entry, translations, a language. */
  const otherSite = {
    settings: {
      autoTranslate: [`${OTHER_SITE}/accounts`],
      siteDisplayModes: { [OTHER_SITE]: "bilingual" },
      glossary: [{ term: "Konto", translation: "account", lang: "", site: OTHER_SITE }],
    },
    storage: {
      "cache-index": JSON.stringify({ v: 1, sites: { [OTHER_SITE]: { entries: 1, bytes: 80, usedAt: 1 } } }),
      [`cache:${OTHER_SITE}`]: JSON.stringify({ v: 1, entries: { k: ["<b>Kontostand</b>", 1] } }),
      writingLanguages: { [OTHER_SITE]: { lang: "de", at: 1 } },
    },
  };
  /** The status card's text and the manager's notifications, wherever Gloss said it. */
  const said = async (page: Page, gm: GmShim) =>
    `${(await closedShadowText(page, "status")) ?? ""}\n${gm.notifications.join("\n")}`;

  it("lets through the page's functions neither the key nor any other site, and says why the server got no key", async () => {
    // Hidden, so that Gloss's UI shows and its paths are in the page's way too (a plain Proxy keeps the UI out).
    const { page, gm } = await open("/news-article-de.html", { attack: readEverything, hidden: true, ...otherSite });
    const before = await gm.storage();

    await gm.runMenuCommand("Translate page");
    await eventually(async () =>
      expect(await said(page, gm)).toMatch(
        /needs an API key \(HTTP 401\)\. Your userscript manager runs Gloss inside this page, where the page's scripts could read the key, so Gloss does not use a saved key here\./,
      ),
    );
    expect(await said(page, gm)).toMatch(/@inject-into content, @sandbox DOM.*Gloss browser extension/);
    // What else reads storage: the settings dialog, and translating what the user wrote.
    await gm.runMenuCommand("Settings");
    await eventually(async () => expect(await closedShadowText(page, "settings")).toMatch(/read-only/));
    await page.keyboard.press("Escape");
    await page.locator("#fb-text").fill("I think the train is always late, but the people here are very nice.");
    await gm.runMenuCommand("Translate what I wrote");
    await eventually(async () => expect(await closedShadowText(page, "writing")).toMatch(/does not use a saved key/));

    expect((await caught(page)).secrets).toEqual([]);
    expect((await caught(page)).headline).toBeGreaterThan(0); // the replacements were in Gloss's way all along
    const html = await page.content();
    expect(html).not.toContain(SECRET);
    expect(html).not.toContain(OTHER_SITE);
    expect(keySent(gm)).toBe(false);
    expect(await gm.storage()).toEqual(before); // nothing written: no settings, no translations, no languages
  });

  it("takes no made-up key press, pointer or click for the user's; the manager's menu still translates", async () => {
    const { page, gm } = await open("/news-article-de.html", {
      attack: grabListeners,
      hidden: true,
      settings: { baseUrl: keyless.url, hoverTranslate: true },
    });
    const before = (await gm.storage()).settings;
    const headline = await page.locator("article h1").innerText();

    // Alt+Shift+G to toggle the page, Alt+Shift+M in the user's text box, Alt held while pointing at a paragraph.
    await forge(page, "keydown", { altKey: true, shiftKey: true, code: "KeyG", key: "G" });
    await page.locator("#fb-text").focus();
    await forge(page, "keydown", { altKey: true, shiftKey: true, code: "KeyM", key: "M" }, "#fb-text");
    await forge(page, "keydown", { altKey: true, code: "AltLeft", key: "Alt" }, "article p");
    await forge(page, "mousemove", { altKey: true }, "article p");
    await page.waitForTimeout(1000); // well past hover's dwell
    expect(keyless.stats().chatRequests).toBe(0);
    expect(await page.locator("article h1").innerText()).toBe(headline);

    // The user opens the settings; the page fills in its own server and a site to translate automatically, and
    // "saves" through the listeners it caught: the form's, its buttons', and Enter in a field.
    await gm.runMenuCommand("Settings");
    await eventually(async () => expect(await closedShadowText(page, "settings")).toMatch(/settings are read-only/));
    const fields = await page.evaluate((attacker) => {
      const { listeners } = window as unknown as { listeners: Array<{ target: EventTarget; type: string }> };
      const form = listeners.find((l) => l.type === "submit")!.target as HTMLFormElement;
      const set = (id: string, value: string) => {
        const field = form.querySelector<HTMLInputElement>(`#gloss-${id}`)!;
        field.disabled = false;
        field.value = value;
      };
      set("baseUrl", attacker);
      set("autoTranslate", "reddit.com");
      return [...form.querySelectorAll("input, select, textarea")].map((el) => el.id);
    }, collector.url);
    expect(fields).not.toContain("gloss-apiKey");
    await forge(page, "keydown", { key: "Enter" }, "#fb-name");
    await forge(page, "click", {});
    expect(await forge(page, "submit", {})).toBeGreaterThan(0); // it did reach the dialog's own listener
    await page.waitForTimeout(500);
    expect((await gm.storage()).settings).toBe(before);

    // The manager's menu, outside the page, is the way to translate; its first use said so.
    await gm.runMenuCommand("Translate page");
    await page.waitForFunction(TRANSLATED_TITLE);
    expect(gm.notifications).toContainEqual(
      expect.stringMatching(/Alt\+Shift\+G, Alt\+Shift\+M and hover translation are off: use the manager's menu/),
    );
    expect(sentTo(gm, keyless).length).toBeGreaterThan(0);
    expect(sentTo(gm, collector)).toEqual([]);
    expect(keySent(gm)).toBe(false);
  });
});

describe("userscript in a world of its own, against the same attacks", () => {
  it("is out of their reach: only the user's own key press translates, and the key goes to its server", async () => {
    const { page, gm } = await open("/news-article-de.html", {
      world: "isolated",
      attack: readEverything,
      alsoAttack: grabListeners,
    });
    await forge(page, "keydown", { altKey: true, shiftKey: true, code: "KeyG", key: "G" });
    await page.waitForTimeout(500);
    expect(keyed.stats().chatRequests).toBe(0);

    await translateWithShortcut(page);
    await page.waitForFunction(TRANSLATED_TITLE);
    await eventually(async () => expect(await closedShadowText(page, "status")).toMatch(/Translated/));
    expect(sentTo(gm, keyed).some((r) => r.withKey)).toBe(true);
    expect((await caught(page)).secrets).toEqual([]);
    await gm.runMenuCommand("Show original");
    await page.waitForFunction(() => document.querySelector("article h1")?.textContent?.startsWith("Hitzesommer"));
    expect(gm.notifications.join("\n")).not.toMatch(/inside this page/);
  });
});

describe("userscript on a page that enforces Trusted Types", () => {
  /** The page's own violation: reports reach the endpoint, and everything before it has arrived. */
  async function pageViolates(page: Page, count: number): Promise<unknown[]> {
    await page.evaluate(() => {
      try {
        document.body.insertAdjacentHTML("beforeend", "<b>page's own</b>");
      } catch {
        // refused, as the policy says
      }
    });
    return pages.reportsReceived(count);
  }

  it("in the page's world: says exactly that the page forbids it and how to fix it, asks the server nothing", async () => {
    const { page, gm } = await open("/strict/article");
    const original = await bodyHtml(page);
    await gm.runMenuCommand("Translate page");
    await eventually(async () =>
      expect(await closedShadowText(page, "status")).toMatch(
        /security policy \(Trusted Types\) forbids scripts in the page to insert HTML.*@inject-into content, @sandbox DOM.*Gloss browser extension/,
      ),
    );
    await gm.runMenuCommand("Translate page"); // asking again does not ask the page again
    expect(await bodyHtml(page)).toBe(original);
    expect(sentTo(gm, keyed).filter((r) => r.url.includes("chat"))).toEqual([]);
    // One report tells the page that something tried to parse HTML (Gloss asks once); the other is the page's own.
    const reports = (await pageViolates(page, 2)).map((r) => JSON.stringify(r));
    expect(reports).toHaveLength(2);
    expect(reports.filter((r) => r.includes("DOMParser"))).toHaveLength(1);
  });
});

describe("userscript in the page's world on a page whose CSP forbids inline styles", () => {
  it("turns a heading the page's script runs right to left to English's way, and Show original turns it back", async () => {
    const { page, gm } = await open("/no-inline-styles/article", { settings: { baseUrl: keyless.url } });
    // The page's own script sets the direction through the CSSOM, which the policy allows (as a framework does).
    await page.evaluate(() => void (document.querySelector<HTMLElement>("article h1")!.style.direction = "rtl"));
    const original = await bodyHtml(page);
    const direction = () => page.evaluate(() => getComputedStyle(document.querySelector("article h1")!).direction);
    expect(await direction()).toBe("rtl");

    await gm.runMenuCommand("Translate page");
    await page.waitForFunction(TRANSLATED_TITLE);
    expect(await direction()).toBe("ltr");

    await gm.runMenuCommand("Show original");
    await page.waitForFunction(() => document.querySelector("article h1")?.textContent?.startsWith("Hitzesommer"));
    // The policy refuses a written style attribute's declarations: the attribute's text alone would say rtl.
    expect(await direction()).toBe("rtl");
    expect(await bodyHtml(page)).toBe(original);
  });
});

describe("userscript on a page whose custom elements re-render their own text", () => {
  it("never doubles their text, and Alt+Shift+G back to the original is exact", async () => {
    const { page } = await open("/self-rendering-de.html", { world: "isolated" });
    const original = await bodyHtml(page);
    const renders = await page.evaluate(() => (window as unknown as { renders: number }).renders);
    await page.locator("article h1").first().click();
    await page.keyboard.press("Alt+Shift+KeyG");
    await page.waitForFunction(() => document.querySelector("article h1")?.textContent === "Letters of the week");
    await eventually(async () => expect(await page.locator("reader-greeting").first().innerText()).toBe("Hello Anna!"));
    await page.keyboard.press("Alt+Shift+KeyG");
    await page.waitForFunction(() => document.querySelector("article h1")?.textContent === "Leserbriefe der Woche");
    expect(await bodyHtml(page)).toBe(original);
    expect(await page.evaluate(() => (window as unknown as { renders: number }).renders)).toBe(renders);
  });
});
