// The userscript sizes its work from the server, like the extension's background: the probe goes through the
// manager's transport once per server configuration (again after a failure), what it learned is stored so a later
// page asks nothing, and the settings can override it. A run never waits for the probe: the first one starts with
// defaults and gets the server's figures later.
import { batchCharsFor } from "../../src/connection/capacity";
import { createServerFactsStore } from "../../src/connection/server-facts";
import { createTranslationService, type ServerFactsStore } from "../../src/connection/translation-service";
import type { Transport } from "../../src/llm";
import { DEFAULTS, type Settings } from "../../src/shared/settings";
import type { SessionConfig } from "../../src/session/page-session";
import { openGmTranslationCache } from "../../src/userscript/gm-translation-cache";
import { createSessionConfigSource } from "../../src/userscript/session-config";
import { type DoubleHandle, startDouble } from "../double/server";
import { memoryGmValues } from "../helpers/gm-values";

jest.setTimeout(20_000);

let double: DoubleHandle;
beforeAll(async () => {
  double = await startDouble({ slots: 3, ctx: 1024 });
});
afterAll(() => double.close());

/** A transport that records what it was asked for (the userscript's is GM.xmlHttpRequest). */
function recordingTransport(): Transport & { urls: string[] } {
  const urls: string[] = [];
  const transport = ((url, init) => {
    urls.push(url);
    return fetch(url, init);
  }) as Transport & { urls: string[] };
  transport.urls = urls;
  return transport;
}

/** Facts kept in (stand-in) manager storage, as the userscript keeps them. */
const storedFacts = (): ServerFactsStore => {
  let value: unknown;
  return createServerFactsStore({ read: async () => value, write: async (next) => void (value = next) });
};

/** One run of the userscript on a page: its own translation service over the manager's storage. */
function source(settings: Partial<Settings>, transport: Transport, facts = storedFacts()) {
  let current: Settings = { ...DEFAULTS, baseUrl: double.url, targetLang: "en", ...settings };
  const service = createTranslationService(facts, openGmTranslationCache(memoryGmValues(), "reddit.com"), transport);
  const getConfig = createSessionConfigSource({
    loadSettings: async () => current,
    capacity: (s, wait) => service.capacity(s, wait),
    uiLanguage: "en-US",
  });
  return { getConfig, change: (patch: Partial<Settings>) => void (current = { ...current, ...patch }) };
}

/** The limits a run ends up with: those given at once, or those the server's answer brings later. */
async function settled(getConfig: () => Promise<SessionConfig>) {
  const { serverLimits, ...config } = await getConfig();
  return { ...config, ...(await serverLimits?.()) };
}

const probes = (transport: { urls: string[] }) => transport.urls.filter((url) => url.endsWith("/health")).length;

describe("userscript session config", () => {
  it("uses the server's slots and context size, probing once per configuration", async () => {
    const transport = recordingTransport();
    const { getConfig, change } = source({}, transport);
    expect(batchCharsFor(1024, "en")).toBeLessThan(1500);
    // The first run starts before the server answered: defaults now, the server's figures from its answer.
    const first = await getConfig();
    expect(first).toMatchObject({ targetLang: "en", neverTranslate: [], maxBatchChars: 1500, maxConcurrent: 2 });
    expect(await first.serverLimits?.()).toEqual({ maxBatchChars: batchCharsFor(1024, "en"), maxConcurrent: 3 });
    // Once it has answered, runs start with them.
    expect(await getConfig()).toEqual({
      targetLang: "en",
      translationScope: expect.any(String),
      neverTranslate: [],
      skipParts: [],
      displayMode: "replace",
      bilingualStyle: "quiet",
      maxBatchChars: batchCharsFor(1024, "en"),
      maxConcurrent: 3,
    });
    expect(probes(transport)).toBe(1);
    expect(transport.urls).toContain(`${double.url}/props`);

    // A setting that does not change the server link needs no new probe; one that does, does.
    change({ neverTranslate: ["fr"], bilingualStyle: "highlight" });
    expect(await getConfig()).toMatchObject({ neverTranslate: ["fr"], bilingualStyle: "highlight", maxConcurrent: 3 });
    expect(probes(transport)).toBe(1);
    const other = await startDouble({ slots: 1 });
    try {
      change({ baseUrl: other.url });
      expect(await settled(getConfig)).toMatchObject({ maxBatchChars: batchCharsFor(4096, "en"), maxConcurrent: 1 });
      expect(probes(transport)).toBe(2);
    } finally {
      await other.close();
    }
  });

  it("on a later page, with what the first one learned stored, asks the server nothing", async () => {
    const facts = storedFacts();
    const first = recordingTransport();
    expect(await settled(source({}, first, facts).getConfig)).toMatchObject({ maxConcurrent: 3 });
    expect(probes(first)).toBe(1);
    const later = recordingTransport();
    expect(await source({}, later, facts).getConfig()).toEqual({
      targetLang: "en",
      translationScope: expect.any(String),
      neverTranslate: [],
      skipParts: [],
      displayMode: "replace",
      bilingualStyle: "quiet",
      maxBatchChars: batchCharsFor(1024, "en"),
      maxConcurrent: 3,
    });
    expect(later.urls).toEqual([]);
  });

  it("retries a failed probe next time, with two requests at once and 1,500 characters meanwhile", async () => {
    const transport = recordingTransport();
    const { getConfig } = source({}, transport);
    double.setLoading(10_000);
    try {
      expect(await settled(getConfig)).toMatchObject({ maxBatchChars: 1500, maxConcurrent: 2 });
    } finally {
      double.setLoading(0);
    }
    expect(await settled(getConfig)).toMatchObject({ maxBatchChars: batchCharsFor(1024, "en"), maxConcurrent: 3 });
    expect(await getConfig()).toMatchObject({ maxConcurrent: 3 });
    expect(probes(transport)).toBe(2);

    const unreachable = recordingTransport();
    const nothing = source({ baseUrl: "http://127.0.0.1:9" }, unreachable);
    expect(await settled(nothing.getConfig)).toMatchObject({ maxBatchChars: 1500, maxConcurrent: 2 });
    await settled(nothing.getConfig);
    expect(probes(unreachable)).toBe(2);
  });

  it("lets the settings override the server, and does not probe when both are set", async () => {
    const transport = recordingTransport();
    expect(await source({ maxBatchChars: 600, maxConcurrent: 1 }, transport).getConfig()).toMatchObject({
      maxBatchChars: 600,
      maxConcurrent: 1,
    });
    expect(transport.urls).toEqual([]);
    expect(await settled(source({ maxBatchChars: 600 }, transport).getConfig)).toMatchObject({
      maxBatchChars: 600,
      maxConcurrent: 3,
    });
    expect(await settled(source({ maxConcurrent: 1 }, transport).getConfig)).toMatchObject({
      maxBatchChars: batchCharsFor(1024, "en"),
      maxConcurrent: 1,
    });
  });
});
