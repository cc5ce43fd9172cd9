// The page as the attacker, against the built userscript in Chromium through the GM shim: in the page's own world
// (a manager that ignores @inject-into / @sandbox) and in a world of its own (@inject-into content). The page runs
// first, claims Gloss's old element names, patches the DOM, reaches into the settings dialog, changes the server
// address, enforces Trusted Types and re-renders its own elements. The API key never goes anywhere but the address
// it was entered for, the page reads nothing Gloss did not put in the page for it, and the reader gets a
// translation or one clear message — where the page cannot reach it when the page is in the way.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { startDouble, type DoubleHandle } from "../double/server";
import { eventually } from "../helpers/eventually";
import { REPORT_PATH, startStaticServer, type StaticServer } from "../helpers/static-server";
import { CHROMIUM } from "./chromium";
import { closedShadowText, countUi, inClosedShadow } from "./closed-shadow";
import { injectUserscript, type GmShim } from "./gm-shim";

jest.setTimeout(120_000);

const USERSCRIPT = resolve(__dirname, "../../dist/gloss.user.js");
const SECRET = "sk-gloss-hostile-page-secret";
const TRUSTED_TYPES_CSP = `require-trusted-types-for 'script'; trusted-types 'none'; report-uri ${REPORT_PATH}`;

let keyed: DoubleHandle; // the user's server, which needs the key
let collector: DoubleHandle; // the attacker's server
let pages: StaticServer;
let context: BrowserContext;
let profile: string;
let userscript: string;

beforeAll(async () => {
  userscript = readFileSync(USERSCRIPT, "utf8");
  keyed = await startDouble({ port: 0, apiKey: SECRET });
  collector = await startDouble({ port: 0 });
  pages = await startStaticServer(resolve(__dirname, "../fixtures"), {
    aliases: { "/strict/": "news-article-de.html" },
    headers: (path) => (path.startsWith("/strict/") ? { "Content-Security-Policy": TRUSTED_TYPES_CSP } : undefined),
  });
  profile = mkdtempSync(join(tmpdir(), "gloss-hostile-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run", "--lang=en-US"],
  });
});

afterAll(async () => {
  await context?.close();
  rmSync(profile, { recursive: true, force: true });
  await pages?.close();
  await keyed?.close();
  await collector?.close();
});

beforeEach(() => {
  keyed.reset();
  collector.reset();
  pages.reports.length = 0;
});

afterEach(async () => {
  for (const page of context.pages()) await page.close();
});

async function open(
  path: string,
  options: { world?: "page" | "isolated"; attack?: () => void; settings?: Record<string, unknown> } = {},
): Promise<{ page: Page; gm: GmShim }> {
  const page = await context.newPage();
  if (options.attack) await page.addInitScript(options.attack);
  await page.goto(`${pages.url}${path}`);
  const settings = { schemaVersion: 2, baseUrl: keyed.url, apiKey: SECRET, targetLang: "en", ...options.settings };
  const gm = await injectUserscript(page, userscript, {
    world: options.world ?? "page",
    storage: { settings: JSON.stringify(settings) },
  });
  return { page, gm };
}

const bodyHtml = (page: Page) => page.evaluate(() => document.body.innerHTML);
const stored = async (gm: GmShim) => JSON.parse((await gm.storage()).settings as string) as Record<string, unknown>;
/** The requests the script sent to `server`, and whether each carried the key. */
const sentTo = (gm: GmShim, server: DoubleHandle) =>
  gm.requests
    .filter((r) => r.url.startsWith(server.url))
    .map((r) => ({ url: r.url.slice(server.url.length), withKey: JSON.stringify(r.headers).includes(SECRET) }));

async function translateWithShortcut(page: Page): Promise<void> {
  await page.locator("article h1").first().click();
  await page.keyboard.press("Alt+Shift+KeyG");
}

/** What the attacking page learns and did (kept on its own window). */
interface Loot {
  constructed: number;
  attachShadowCalls: number;
  stolenRoots: number;
  typedValues: string[];
}

/**
 * Runs before Gloss: claims its old element names (their constructors keep an open root), replaces attachShadow
 * (forcing roots open and keeping them) and append, and listens for what is typed anywhere.
 */
function preempt(): void {
  const stolen: ShadowRoot[] = [];
  const loot: Loot = { constructed: 0, attachShadowCalls: 0, stolenRoots: 0, typedValues: [] };
  Object.assign(window, { loot, stolen });
  for (const name of ["gloss-status", "gloss-settings"]) {
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
    return append.apply(this, nodes);
  };
  addEventListener(
    "input",
    (event) => loot.typedValues.push(String((event.composedPath()[0] as HTMLInputElement).value)),
    true,
  );
}

/**
 * A page that replaces attachShadow with a Proxy of the browser's own, which no script can tell apart from it, and
 * keeps every root: the settings dialog is then open to it.
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

/** Everything the page can find of Gloss's UI from its own world: elements under <html> besides head and body. */
function lookForGloss(page: Page) {
  return page.evaluate(() =>
    [...document.documentElement.children]
      .filter((el) => el !== document.head && el !== document.body)
      .map((el) => ({ tag: el.localName, attributes: el.getAttributeNames(), shadowRoot: el.shadowRoot !== null })),
  );
}

describe("userscript in the page's world, against a page that patched the DOM first", () => {
  it("shows no settings or status card to it, says so through the manager, and still translates", async () => {
    const { page, gm } = await open("/news-article-de.html", { attack: preempt });
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

    await translateWithShortcut(page);
    await page.waitForFunction(() => document.querySelector("article h1")?.textContent?.startsWith("Heatwave"));
    await eventually(async () => expect(gm.notifications).toContain("Translated."));
    expect(await lookForGloss(page)).toEqual([]);
    expect(sentTo(gm, keyed).every((r) => r.withKey)).toBe(true);
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
});

describe("userscript in the page's world, against a page that reaches into the settings dialog", () => {
  it("saves nothing a script asks for, and never sends the key to the address the page put in", async () => {
    const { page, gm } = await open("/news-article-de.html", { attack: stealRootsUnseen });
    await gm.runMenuCommand("Settings");
    // The replacement cannot be told from the browser's own: the dialog opens, and says what that risks.
    await eventually(async () =>
      expect(await closedShadowText(page, "settings")).toMatch(/runs Gloss inside this page, so the page's scripts/),
    );

    const seen = await page.evaluate((attacker) => {
      const root = (window as unknown as { stolen: ShadowRoot[] }).stolen.find((r) => r.querySelector("form"))!;
      const field = (id: string) => root.querySelector<HTMLInputElement>(`#gloss-${id}`)!;
      const read = { baseUrl: field("baseUrl").value, apiKey: field("apiKey").value };
      field("baseUrl").value = attacker;
      root.querySelector<HTMLButtonElement>("button[type=submit]")!.click();
      root.querySelector("form")!.requestSubmit();
      return read;
    }, collector.url);
    // It can read the address (the README says why), but the key was never in the page.
    expect(seen).toEqual({ baseUrl: keyed.url, apiKey: "" });
    expect(await stored(gm)).toMatchObject({ baseUrl: keyed.url, apiKey: SECRET });

    // Even if the user then saves what the page typed, the key stays behind: it was entered for the old address.
    await inClosedShadow(page, "settings", "function () { this.querySelector('button[type=submit]').focus(); }");
    await page.keyboard.press("Enter");
    await eventually(async () => expect(await stored(gm)).toMatchObject({ baseUrl: collector.url, apiKey: "" }));
    await page.keyboard.press("Escape");
    await translateWithShortcut(page);
    await page.waitForFunction(() => document.querySelector("article h1")?.textContent?.startsWith("Heatwave"));
    expect(sentTo(gm, collector).length).toBeGreaterThan(0);
    expect(sentTo(gm, collector).some((r) => r.withKey)).toBe(false);
  });

  it("drops the key when the address changes behind its back, and never sends it there", async () => {
    const { page, gm } = await open("/news-article-de.html");
    await translateWithShortcut(page);
    await page.waitForFunction(() => document.querySelector("article h1")?.textContent?.startsWith("Heatwave"));
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
    await page.waitForFunction(() => document.querySelector("article h1")?.textContent?.startsWith("Heatwave"));
    await eventually(async () =>
      expect(sentTo(gm, collector).some((r) => r.url.endsWith("/chat/completions"))).toBe(true),
    );
    expect(sentTo(gm, collector).some((r) => r.withKey)).toBe(false);
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
    await translateWithShortcut(page);
    await eventually(async () =>
      expect(await closedShadowText(page, "status")).toMatch(
        /security policy \(Trusted Types\) forbids scripts in the page to insert HTML.*@inject-into content, @sandbox DOM.*Gloss browser extension/,
      ),
    );
    await translateWithShortcut(page); // asking again does not ask the page again
    expect(await bodyHtml(page)).toBe(original);
    expect(sentTo(gm, keyed).filter((r) => r.url.includes("chat"))).toEqual([]);
    // One report tells the page that something tried to parse HTML (Gloss asks once); the other is the page's own.
    const reports = (await pageViolates(page, 2)).map((r) => JSON.stringify(r));
    expect(reports).toHaveLength(2);
    expect(reports.filter((r) => r.includes("DOMParser"))).toHaveLength(1);
  });
});

describe("userscript on a page whose custom elements re-render their own text", () => {
  it("never doubles their text, and Alt+Shift+G back to the original is exact", async () => {
    const { page } = await open("/self-rendering-de.html");
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
