// A press's injection (background/tab-channel.ts) against a fake `chrome`: the settings it hands the page are sent
// before content.js, so the script finds them as it starts instead of waiting for them before its first request.
import { readFileSync } from "node:fs";
import { runInNewContext } from "node:vm";
import { fakeChrome, resetFakeChrome } from "../helpers/fake-extension";
import { browserTabChannel } from "../../src/background/tab-channel";
import { handOverWhenCutOff } from "../../src/content/handover";
import { handoverKey } from "../../src/background/handover-key";

type Injection = { files?: string[]; func?: unknown; args?: unknown[]; target?: unknown; injectImmediately?: boolean };

/** Records each executeScript call in the order the background makes it (the order the browser runs them in). */
function recordInjections(): Injection[] {
  const calls: Injection[] = [];
  Object.assign(chrome.scripting, {
    executeScript: async (injection: Injection) => {
      calls.push(injection);
      return [{ frameId: 0, result: injection.files ? true : undefined }];
    },
  });
  return calls;
}

beforeEach(() => resetFakeChrome());

describe("a press's injection", () => {
  const page = { url: "https://example.com/article", status: "complete" };

  it("sends the page's settings before content.js, so the script never waits for them", async () => {
    fakeChrome.storage.settings = { schemaVersion: 1, baseUrl: "http://127.0.0.1:8080", targetLang: "fr" };
    const calls = recordInjections();
    const injected = await browserTabChannel.inject(7, "translate", page);
    expect(injected).toEqual({ started: true, handedBack: false });
    expect(calls.map((call) => (call.files ? call.files.join(" + ") : "settings"))).toEqual([
      "settings",
      "content.js + start-translation.js",
    ]);
    const [url, config] = calls[0]!.args as [string, { targetLang: string }];
    expect(url).toBe(page.url);
    expect(config.targetLang).toBe("fr");
  });

  it("leaves the install's handover key before content.js, with the settings or without them", async () => {
    // The key goes so that the press's start tells at once whether an older script cut off from Gloss gave back the
    // translation it showed (a toggle then means the original).
    const calls = recordInjections();
    await browserTabChannel.inject(7, "translate", page);
    expect(calls.map((call) => (call.files ? call.files.join(" + ") : "before"))).toEqual([
      "before",
      "content.js + start-translation.js",
    ]);
    const key = await handoverKey();
    const [url, config] = calls[0]!.args!;
    // Run in the page's isolated world as the browser would, with the settings it made and with none.
    for (const settings of [config, null]) {
      const world: Record<string, unknown> = {};
      runInNewContext(`(${String(calls[0]!.func)})(...args)`, { globalThis: world, args: [url, settings, key], Date });
      expect(world).toEqual(
        settings ? expect.objectContaining({ __glossHandoverKey: key }) : { __glossHandoverKey: key },
      );
    }
  });

  it("still injects the script when the settings cannot be handed over (the page then asks for them)", async () => {
    const calls = recordInjections();
    const executeScript = chrome.scripting.executeScript.bind(chrome.scripting);
    Object.assign(chrome.scripting, {
      executeScript: (injection: Injection) =>
        injection.files ? executeScript(injection as never) : Promise.reject(new Error("Frame with ID 0 was removed")),
    });
    await expect(browserTabChannel.inject(7, "translate", page)).resolves.toMatchObject({ started: true });
    expect(calls.map((call) => call.files)).toEqual([["content.js", "start-translation.js"]]);
  });

  it("says when the new script only took the page back from an older one cut off from Gloss", async () => {
    Object.assign(chrome.scripting, {
      executeScript: async (injection: Injection) => [
        { frameId: 0, result: injection.files ? "handed back" : undefined },
      ],
    });
    await expect(browserTabChannel.inject(7, "translate", page)).resolves.toEqual({
      started: false,
      handedBack: true,
    });
  });

  it("hands no settings over when the reader asked for something other than a translation", async () => {
    const calls = recordInjections();
    await browserTabChannel.inject(7, undefined, page);
    expect(calls.map((call) => call.files)).toEqual([["content.js"]]);
  });
});

describe("Show original where no script answers", () => {
  it("asks a script cut off from Gloss in the page to give it back, at once, even while the page loads", async () => {
    const calls = recordInjections();
    await browserTabChannel.handOver!(7);
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ target: { tabId: 7 }, injectImmediately: true });
    // Run as the browser would in the page, where the old script listens: it read the install's key as it started.
    const page = new EventTarget();
    let retired = 0;
    const key = { value: await handoverKey(), ready: Promise.resolve() };
    handOverWhenCutOff({
      window: page as Window,
      key,
      cutOff: () => true,
      translated: () => true,
      retire: () => void retired++,
    });
    await key.ready;
    const global = globalThis as { dispatchEvent?: unknown };
    global.dispatchEvent = page.dispatchEvent.bind(page);
    try {
      (calls[0]!.func as (...args: unknown[]) => void)(...calls[0]!.args!);
    } finally {
      delete global.dispatchEvent;
    }
    expect(retired).toBe(1);
  });

  it("settles when the browser refuses (a page Gloss may not enter)", async () => {
    Object.assign(chrome.scripting, { executeScript: () => Promise.reject(new Error("Cannot access")) });
    await expect(browserTabChannel.handOver!(7)).resolves.toBeUndefined();
  });
});

describe("start-translation.js, the press's second file", () => {
  const run = (startPress: unknown) =>
    runInNewContext(readFileSync("static/start-translation.js", "utf8"), { __glossStartPress: startPress }) as unknown;

  it("hands back what the new script did: started, handed back by an older script, or neither", () => {
    expect(run(() => true)).toBe(true);
    expect(run(() => "handed back")).toBe("handed back");
    expect(run(() => false)).toBe(false);
    expect(run(() => "anything else")).toBe(false);
    expect(run(undefined)).toBe(false);
  });
});
