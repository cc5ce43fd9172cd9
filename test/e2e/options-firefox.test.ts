// The options page of the built Firefox extension (Firefox ESR, see firefox.ts), as extension-chromium.test.ts tests
// it in Chromium: "Test connection" shows the server's facts and runs the model check, an Ollama that turns
// Firefox's moz-extension:// origin away gets the command that lets it in (and started that way, it does), and
// settings come back from a backup file and go into one; the look of translations below the original is saved.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "puppeteer-core";
import { startDouble, type DoubleHandle } from "../double/server";
import { eventually } from "../helpers/eventually";
import { joinFromSync, splitForSync } from "../../src/shared/settings-sync";
import { extensionPage, launchFirefoxWithExtension, type FirefoxWithExtension } from "./firefox";

jest.setTimeout(120_000);

let double: DoubleHandle;
let ollama: DoubleHandle;
let firefox: FirefoxWithExtension;
/** The options page Firefox opened on install (the driver cannot open moz-extension:// pages itself). */
let options: Page;
/** Where Firefox saves downloads, without asking. */
const downloads = mkdtempSync(join(tmpdir(), "gloss-firefox-downloads-"));

beforeAll(async () => {
  double = await startDouble({ port: 0 });
  ollama = await startDouble({ port: 0, mode: "ollama" });
  firefox = await launchFirefoxWithExtension({
    prefs: {
      "browser.download.folderList": 2,
      "browser.download.dir": downloads,
      "browser.download.useDownloadDir": true,
      "browser.download.always_ask_before_handling_new_types": false,
      "browser.download.alwaysOpenPanel": false,
    },
  });
  options = await extensionPage(firefox.browser, "/options.html");
  // Used once it shows the saved settings, as a reader first sees it (until then the form is inert).
  await options.waitForSelector("#settings:not([inert])");
});

afterAll(async () => {
  rmSync(downloads, { recursive: true, force: true });
  await firefox?.close();
  await ollama?.close();
  await double?.close();
});

/** Replaces a field's text as a reader would: select it all, type over it. */
async function fill(selector: string, text: string): Promise<void> {
  await options.click(selector, { count: 3 });
  await options.keyboard.press("Backspace");
  await options.type(selector, text);
}

/** The element's text, once it includes `text`. */
async function waitForText(selector: string, text: string): Promise<string> {
  await options.waitForFunction(
    (s, t) => document.querySelector<HTMLElement>(s)?.innerText.includes(t),
    { timeout: 30_000 },
    selector,
    text,
  );
  return options.evaluate((s) => document.querySelector<HTMLElement>(s)?.innerText ?? "", selector);
}

describe("Firefox ESR, options page", () => {
  it("tests the connection, shows the server's facts and runs the model check", async () => {
    await options.select("#preset", "llama-server");
    expect(await waitForText("label[for=model]", "uses the one it loaded")).not.toContain("required");
    await fill("#baseUrl", double.url);
    await options.click("#test-connection");
    const result = await waitForText("#test-result", "Connected.");
    expect(result).toContain("gloss-double");
    expect(result).toMatch(/Slots\s+2/);
    expect(result).toMatch(/Translation\s+The weather is nice today/);
    const check = await waitForText("#model-check", "Model check: good for formatted pages.");
    expect(check).toMatch(/Formatting kept\s+4 of 4 sentences/);
    expect(check).toMatch(/Passages in place\s+6 of 6/);
  });

  it("names the fix when Ollama rejects Firefox's extension origin", async () => {
    await options.select("#preset", "ollama");
    // Unlike llama-server, Ollama needs a model name, and the field's label says so.
    expect(await waitForText("label[for=model]", "required")).toContain("Ollama serves the model you name");
    await fill("#baseUrl", `${ollama.url}/v1`);
    await fill("#model", "gemma2:2b");
    await options.click("#test-connection");
    const result = await waitForText("#test-result", "OLLAMA_ORIGINS=");
    expect(result).toContain("moz-extension://*");
    expect(ollama.stats().chatRequests).toBe(0);

    // Started as the message says, Ollama lets Gloss in.
    const origins = /OLLAMA_ORIGINS='([^']+)' ollama serve/.exec(result)?.[1];
    expect(origins).toBeDefined();
    const allowed = await startDouble({ port: 0, mode: "ollama", ollamaOrigins: origins!.split(",") });
    try {
      await fill("#baseUrl", `${allowed.url}/v1`);
      await options.click("#test-connection");
      expect(await waitForText("#test-result", "Connected.")).toContain("gemma2:2b");
    } finally {
      await allowed.close();
    }
  });

  it("restores settings from a file, and saves them to one without the API key", async () => {
    const key = "sk-firefox-never-in-a-file";
    await options.evaluate(
      (url, apiKey) =>
        (globalThis as unknown as { browser: typeof chrome }).browser.storage.local.set({
          settings: { schemaVersion: 5, baseUrl: url, apiKey },
        }),
      double.url,
      key,
    );
    // The earlier tests typed in the address; the key field shows what was stored.
    await options.waitForFunction((k) => (document.getElementById("apiKey") as HTMLInputElement).value === k, {}, key);
    await fill("#model", "typed-not-saved");

    const file = join(downloads, "my-backup.json");
    writeFileSync(
      file,
      JSON.stringify({
        format: "gloss-settings",
        settings: {
          schemaVersion: 5,
          baseUrl: double.url,
          autoTranslate: ["reddit.com/r/de", "lemonde.fr"],
          glossary: [{ term: "Bahn", translation: "Deutsche Bahn", lang: "", site: "" }],
        },
      }),
    );
    // Straight into the input: Firefox ESR 153 does not tell BiDi when the button opens the picker (Chromium's test
    // goes through the button). Firefox reads the file when the page asks for its text: it stays until the end.
    const input = await options.$("input#backup-file");
    await input!.uploadFile(file);
    // The form had an unsaved edit: restoring asks first.
    await waitForText("#backup-confirm", "Restoring replaces the changes you have not saved.");
    await options.click("#backup-confirm-restore");
    const status = await waitForText("#backup-status", "Restored settings from");
    expect(status).toContain("3 settings, 2 sites, 1 glossary term.");
    expect(await options.$eval("#autoTranslate", (e) => (e as HTMLTextAreaElement).value)).toBe(
      "reddit.com/r/de\nlemonde.fr",
    );
    expect(
      await options.$$eval("#glossary-rows [data-field=term]", (inputs) =>
        inputs.map((input) => (input as HTMLInputElement).value),
      ),
    ).toEqual(["Bahn"]);
    expect(await options.$eval("#model", (e) => (e as HTMLInputElement).value)).toBe("");
    expect(await options.$eval("#apiKey", (e) => (e as HTMLInputElement).value)).toBe(key);

    await options.click("#backup-save");
    await waitForText("#backup-status", "Your API key is not in it.");
    const saved = await eventually(() => {
      const name = readdirSync(downloads).find((n) => /^gloss-settings-\d{4}-\d{2}-\d{2}\.json$/.test(n));
      if (!name) throw new Error("no download yet");
      return readFileSync(join(downloads, name), "utf8");
    });
    expect(saved).not.toContain(key);
    expect(JSON.parse(saved).settings.autoTranslate).toEqual(["reddit.com/r/de", "lemonde.fr"]);
  });
});

describe("Firefox ESR, keeping settings in step", () => {
  it("puts this browser's settings in the sync area without the key once turned on, and takes another browser's", async () => {
    const key = "sk-firefox-never-synced";
    await options.evaluate(
      (url, apiKey) =>
        (globalThis as unknown as { browser: typeof chrome }).browser.storage.local.set({
          settings: { schemaVersion: 6, baseUrl: url, apiKey, model: "here" },
        }),
      double.url,
      key,
    );
    await options.waitForFunction(() => (document.getElementById("model") as HTMLInputElement).value === "here");
    await options.click("#sync-on");
    await waitForText("#sync-status", "On: a change saved here reaches your other browsers");
    // The status says "On" once sync is noted on, which comes just before the settings are sent (the page hears
    // the note from storage): the sync area is read until they are all there.
    const { items, held } = await eventually(async () => {
      const items = (await options.evaluate("browser.storage.sync.get(null)")) as Record<string, unknown>;
      const held = joinFromSync(items);
      if (held.state !== "ready") throw new Error(`not in the sync area (${held.state})`);
      return { items, held };
    });
    expect(JSON.stringify(items)).not.toContain(key);
    expect(held.shared.model).toBe("here");

    // Another browser signed in to the account changes the model: the open page shows it, the key stays.
    const theirs = splitForSync({ ...held.shared, model: "there" });
    if (!theirs.ok) throw new Error("should fit");
    await options.evaluate(`browser.storage.sync.set(${JSON.stringify(theirs.items)})`);
    await options.waitForFunction(() => (document.getElementById("model") as HTMLInputElement).value === "there");
    expect(await options.$eval("#apiKey", (e) => (e as HTMLInputElement).value)).toBe(key);

    await options.click("#sync-on");
    await waitForText("#sync-status", "Off: these settings are kept in this browser only.");
  });
});

describe("Firefox ESR, the look of translations below the original", () => {
  it("is a choice on the options page, with a preview, saved like the others", async () => {
    const stored = () =>
      options.evaluate(async () => {
        const { settings } = await (globalThis as unknown as { browser: typeof chrome }).browser.storage.local.get(
          "settings",
        );
        return (settings as { bilingualStyle?: string } | undefined)?.bilingualStyle;
      });
    // Plain settings: the file restored above named sites that Save would ask access for first.
    await options.evaluate(
      (url) =>
        (globalThis as unknown as { browser: typeof chrome }).browser.storage.local.set({
          settings: { schemaVersion: 5, baseUrl: url },
        }),
      double.url,
    );
    await options.waitForFunction(() => (document.getElementById("autoTranslate") as HTMLTextAreaElement).value === "");
    expect(await options.$eval("#bilingualStyle", (e) => (e as HTMLSelectElement).value)).toBe("quiet");
    await options.select("#bilingualStyle", "highlight");
    expect(await options.$eval("#bilingualStyle-preview", (el) => getComputedStyle(el).backgroundColor)).toBe(
      "rgba(255, 204, 0, 0.2)",
    );
    await options.click("#save");
    await waitForText("#save-status", "Saved.");
    expect(await stored()).toBe("highlight");
  });
});

describe("Firefox ESR, a narrow window (or 200% zoom)", () => {
  it("needs no sideways scrolling at 320 px wide, the glossary's fields stacked under their headings", async () => {
    const before = options.viewport();
    await options.setViewport({ width: 320, height: 700 });
    try {
      await options.click("#glossary-add");
      const found = await options.evaluate(() => {
        const width = document.documentElement.clientWidth;
        const wide = [...document.querySelectorAll<HTMLElement>("main *")]
          .filter((el) => el.getClientRects().length && el.getBoundingClientRect().right > width + 0.5)
          .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}`);
        const term = document.querySelector<HTMLElement>('#glossary-rows [data-field="term"]')!;
        // The heading drawn over the field (Firefox reports the rule, attr() and all, not the text it draws).
        const above = term.getBoundingClientRect().top - term.parentElement!.getBoundingClientRect().top;
        return { wide, above, heading: getComputedStyle(term.parentElement!, "::before").content };
      });
      expect(found.wide).toEqual([]);
      expect(found.heading).toContain("data-label");
      expect(found.above).toBeGreaterThan(10);
    } finally {
      await options.evaluate(() => document.querySelector<HTMLElement>("#glossary-rows")?.replaceChildren());
      if (before) await options.setViewport(before);
    }
  });
});
