// The options page of the built Firefox extension (Firefox ESR, see firefox.ts), as extension-chromium.test.ts tests
// it in Chromium: "Test connection" shows the server's facts and runs the model check, and an Ollama that turns
// Firefox's moz-extension:// origin away gets the command that lets it in (and started that way, it does).
import type { Page } from "puppeteer-core";
import { startDouble, type DoubleHandle } from "../double/server";
import { extensionPage, launchFirefoxWithExtension, type FirefoxWithExtension } from "./firefox";

jest.setTimeout(120_000);

let double: DoubleHandle;
let ollama: DoubleHandle;
let firefox: FirefoxWithExtension;
/** The options page Firefox opened on install (the driver cannot open moz-extension:// pages itself). */
let options: Page;

beforeAll(async () => {
  double = await startDouble({ port: 0 });
  ollama = await startDouble({ port: 0, mode: "ollama" });
  firefox = await launchFirefoxWithExtension();
  options = await extensionPage(firefox.browser, "/options.html");
  await options.waitForFunction(() => (document.getElementById("preset") as HTMLSelectElement | null)?.options.length);
});

afterAll(async () => {
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
});
