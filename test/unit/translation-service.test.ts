// The shared translator (the background's, the userscript's): cache in front of the server client, against the llama-server double.
import { IDBFactory } from "fake-indexeddb";
import {
  createTranslationService,
  type ServerFacts,
  type TranslationService,
} from "../../src/connection/translation-service";
import type { TranslationCache } from "../../src/connection/translation-cache";
import { openTranslationCache } from "../../src/background/translation-cache";
import { serverConfigId } from "../../src/connection/llm-config";
import { readSettings, type Settings } from "../../src/shared/settings";
import type { Segment, SegmentResult } from "../../src/shared/translator";
import { batchCharsFor } from "../../src/connection/capacity";
import type { Transport } from "../../src/llm";
import { startDouble, type DoubleHandle } from "../double/server";
import { eventually } from "../helpers/eventually";
import { holdTimers, withClockStill as still } from "../helpers/held-timers";

let double: DoubleHandle;

beforeAll(async () => {
  double = await startDouble({ port: 0 });
});
afterAll(() => double.close());
beforeEach(() => double.reset());

function memoryFacts() {
  const facts = new Map<string, ServerFacts>();
  return {
    facts,
    get: async (id: string) => facts.get(id),
    set: async (id: string, f: ServerFacts) => void facts.set(id, f),
  };
}

const settingsFor = (baseUrl: string): Settings => readSettings({ baseUrl }).settings;
const segments: Segment[] = [
  { id: "a", html: "Danke für die ehrliche Antwort!" },
  { id: "b", html: "Laut der <a1>offiziellen Statistik</a1> waren es 64 %." },
];
const reddit = { site: "reddit.com", incognito: false };

async function run(
  service: ReturnType<typeof createTranslationService>,
  settings: Settings,
  context = reddit,
  batch = segments,
) {
  const results: SegmentResult[] = [];
  const opts = { targetLang: "en", signal: new AbortController().signal };
  for await (const result of service.translate(settings, batch, opts, context)) results.push(result);
  return results;
}

describe("translation service", () => {
  it("answers a page seen before from the cache — also after a restart while the server is down", async () => {
    const server = await startDouble({ port: 0 });
    const cache = openTranslationCache({ indexedDB: new IDBFactory() });
    const facts = memoryFacts();
    const settings = settingsFor(server.url);
    const fresh = await run(createTranslationService(facts, cache), settings);
    expect(fresh.every((r) => "html" in r)).toBe(true);
    await server.close();

    // A restarted service worker: the same stored facts and cache, nothing listening any more.
    const restarted = createTranslationService(facts, cache);
    expect(await run(restarted, settings)).toEqual(fresh);
  });

  it("keeps a reply under the model that wrote it, not the model stored from the server's last answer", async () => {
    const server = await startDouble({ port: 0, model: "gemma-3-4b-it" });
    const cache = openTranslationCache({ indexedDB: new IDBFactory() });
    const settings = settingsFor(server.url);
    // The reader has restarted llama-server at the same address with another model since Gloss last asked it.
    const stale = memoryFacts();
    stale.facts.set(serverConfigId(settings), { model: "gemma-2-2b-it" });
    let fresh: SegmentResult[];
    try {
      fresh = await run(createTranslationService(stale, cache), settings);
    } finally {
      await server.close();
    }
    expect(fresh.every((r) => "html" in r)).toBe(true);

    // Later, with the server down: the new model's translations come back for the new model only.
    expect(await run(createTranslationService(stale, cache), settings)).toEqual(fresh);
    const old = memoryFacts();
    old.facts.set(serverConfigId(settings), { model: "gemma-2-2b-it" });
    const asOld = await run(createTranslationService(old, cache), settings);
    expect(asOld.every((r) => "error" in r)).toBe(true);
  });

  it("keeps sites apart, and never reads or writes the cache for a private window", async () => {
    const cache = openTranslationCache({ indexedDB: new IDBFactory() });
    const service = createTranslationService(memoryFacts(), cache);
    const settings = settingsFor(double.url);
    await run(service, settings);
    expect(await cache.count()).toBe(2);
    const before = double.stats().chatRequests;
    await run(service, settings, { site: "example.com", incognito: false });
    expect(double.stats().chatRequests).toBeGreaterThan(before);
    expect(await cache.count()).toBe(4);

    const beforePrivate = double.stats().chatRequests;
    await run(service, settings, { site: "reddit.com", incognito: true });
    expect(double.stats().chatRequests).toBeGreaterThan(beforePrivate); // not served from the cache
    await run(service, settings, { site: "private.example", incognito: true });
    expect(await cache.count()).toBe(4); // nothing written
  });

  it("on first contact, the page's request reaches the server before any lookup of the server's facts", async () => {
    const server = await startDouble({ port: 0 });
    // The probe's longest wait for the batch (PROBE_YIELD_MS) stands still: on the wall clock a loaded machine could
    // spend it before the batch's cache look-up was done and its request sent.
    holdTimers();
    try {
      const arrived: string[] = [];
      const transport = (url: string, init?: RequestInit) => {
        arrived.push(`${init?.method ?? "GET"} ${new URL(url).pathname}`);
        return fetch(url, init);
      };
      const facts = memoryFacts();
      let reads = 0;
      const counted = { ...facts, get: (id: string) => (reads++, facts.get(id)) };
      const service = createTranslationService(
        counted,
        openTranslationCache({ indexedDB: new IDBFactory() }),
        transport,
      );
      const settings = settingsFor(server.url);
      // As a page starts: what is known about the server (nothing yet), then the first batch, and the page asks for
      // the server's limits right after sending it.
      expect(await still(service.capacity(settings))).toEqual({});
      const results = run(service, settings);
      const limits = service.capacity(settings, true);
      expect((await still(results)).every((r) => "html" in r)).toBe(true);
      expect(await still(limits)).toMatchObject({ slots: expect.any(Number), contextSize: expect.any(Number) });
      expect(arrived[0]).toBe("POST /v1/chat/completions");
      expect(arrived).toEqual(expect.arrayContaining(["GET /health", "GET /props", "GET /v1/models"]));
      // The start's read of the stored facts also served the batch's cache keys.
      expect(reads).toBe(1);
    } finally {
      jest.useRealTimers();
      await server.close();
    }
  });

  it("keeps a reply handed on before the page went, though the page stopped reading: it is not asked again", async () => {
    const server = await startDouble({ port: 0 });
    try {
      const cache = openTranslationCache({ indexedDB: new IDBFactory() });
      const service = createTranslationService(memoryFacts(), cache);
      const settings = settingsFor(server.url);
      // First contact (no model known yet), and the page is left after its first reply, as the background does when
      // the page's port goes: it stops reading the rest.
      const controller = new AbortController();
      for await (const result of service.translate(
        settings,
        segments,
        { targetLang: "en", signal: controller.signal },
        reddit,
      )) {
        expect("html" in result).toBe(true);
        controller.abort();
        break;
      }
      await eventually(async () => expect(await cache.count()).toBe(1));
      const asked = server.stats().chatRequests;
      const again = await run(service, settings);
      expect(again.every((r) => "html" in r)).toBe(true);
      // Only the segment the page never got goes to the server again.
      expect(server.stats().chatRequests).toBe(asked + 1);
      expect(await cache.count()).toBe(2);
    } finally {
      await server.close();
    }
  });

  it("the lookup of the server's facts also waits for the first reply to be handed on", async () => {
    const server = await startDouble({ port: 0 });
    // The probe's longest wait for the batch (PROBE_YIELD_MS) stands still: on the wall clock a loaded machine could
    // spend it before the first reply came.
    holdTimers();
    try {
      const seen: string[] = [];
      let posted: () => void = () => {};
      const requestOut = new Promise<void>((resolve) => (posted = resolve));
      const transport = (url: string, init?: RequestInit) => {
        seen.push(`${init?.method ?? "GET"} ${new URL(url).pathname}`);
        if (init?.method === "POST") posted();
        return fetch(url, init);
      };
      const service = serviceOver(transport);
      const settings = settingsFor(server.url);
      const opts = { targetLang: "en", signal: new AbortController().signal };
      const replies = service.translate(settings, segments, opts, reddit)[Symbol.asyncIterator]();
      const first = replies.next();
      // As a page does: it asks for the server's limits once its first request is out.
      await still(requestOut);
      const limits = service.capacity(settings, true);
      expect("html" in ((await still(first)).value as SegmentResult)).toBe(true);
      seen.push("first reply");
      while (!(await still(replies.next())).done);
      expect(await still(limits)).toMatchObject({ slots: expect.any(Number) });
      const at = (entry: string) => seen.indexOf(entry);
      expect(at("POST /v1/chat/completions")).toBe(0);
      expect(at("GET /health")).toBeGreaterThan(at("first reply"));
      expect(at("GET /v1/models")).toBeGreaterThan(at("first reply"));
    } finally {
      jest.useRealTimers();
      await server.close();
    }
  });
});

describe("a server that tells its context only when a request does not fit it", () => {
  it("keeps the context its refusal named in the facts, so the pages' batches are made to fit it", async () => {
    // Room for the instructions and a few passages; no /props, and a model list without n_ctx (as Ollama's and LM
    // Studio's are): only the 400 exceed_context_size_error says how large the context is.
    const server = await startDouble({ port: 0, slots: 1, ctx: 700 });
    const transport = async (url: string, init: RequestInit): Promise<Response> => {
      const path = new URL(url).pathname;
      if (path === "/props") return new Response("", { status: 404 });
      if (path === "/v1/models")
        return new Response('{"object":"list","data":[{"id":"gemma2:2b","object":"model","owned_by":"library"}]}', {
          headers: { "Content-Type": "application/json" },
        });
      return fetch(url, init);
    };
    try {
      const facts = memoryFacts();
      const service = createTranslationService(facts, openTranslationCache({ indexedDB: new IDBFactory() }), transport);
      const settings = settingsFor(server.url);
      const batch = Array.from({ length: 24 }, (_, i) => ({
        id: `m${i}`,
        html: `Die Stadt hat im Jahr ${2000 + i} <a1>viele neue Häuser</a1> für junge Familien gebaut.`,
      }));
      const opts = { targetLang: "en", signal: new AbortController().signal };
      for await (const _ of service.translate(settings, batch, opts, reddit));
      expect(server.stats().log.some((l) => l.status === 400)).toBe(true);
      await eventually(() => expect(facts.facts.get(serverConfigId(settings))?.contextSize).toBe(700));
      // After a restart too: a new service reads it from the stored facts.
      const restarted = createTranslationService(facts, openTranslationCache({ indexedDB: new IDBFactory() }));
      expect(await restarted.capacity(settings)).toMatchObject({ contextSize: 700 });
    } finally {
      await server.close();
    }
  });
});

describe("a server restarted with another model while Gloss runs", () => {
  /** One address, whose server the reader restarts with another model: requests go to whichever runs now. */
  async function restartable() {
    const first = await startDouble({ port: 0, model: "gemma-2-2b-it" });
    const second = await startDouble({ port: 0, model: "qwen2.5-7b-instruct" });
    const box = { now: first, first, second };
    const transport = (url: string, init?: RequestInit) => fetch(url.replace(first.url, box.now.url), init);
    return Object.assign(box, { transport, close: () => Promise.all([first.close(), second.close()]) });
  }

  /**
   * The page translated with the first model, then the server restarted with the second, ten minutes later in the
   * same worker life; `then` runs before the clock and servers are put back.
   */
  async function translatedThenRestarted(
    cache: TranslationCache,
    then: (service: TranslationService, server: Awaited<ReturnType<typeof restartable>>) => Promise<void>,
  ) {
    const server = await restartable();
    const facts = memoryFacts();
    const service = createTranslationService(facts, cache, server.transport);
    const realNow = Date.now;
    const clock = jest.spyOn(Date, "now");
    try {
      await run(service, settingsFor(server.first.url));
      await eventually(() => expect([...facts.facts.values()][0]?.model).toBe("gemma-2-2b-it"), 5000);
      server.now = server.second;
      clock.mockImplementation(() => realNow() + 10 * 60_000);
      await then(service, server);
    } finally {
      clock.mockRestore();
      await server.close();
    }
    return settingsFor(server.first.url);
  }

  const more: Segment[] = [{ id: "c", html: "Die Sitzung beginnt um <b1>neun Uhr</b1> im großen Saal." }];

  it("a page served from the cache sends no request at all; the next passage it lacks finds the new model, and the page is then the new model's", async () => {
    await translatedThenRestarted(openTranslationCache({ indexedDB: new IDBFactory() }), async (service, server) => {
      const settings = settingsFor(server.first.url);
      // The page again: served from the cache, no request, not even to ask which model runs.
      const again = await run(service, settings);
      expect(again.every((r) => "html" in r)).toBe(true);
      expect(server.second.stats().requests).toBe(0);
      // A passage the cache lacks goes to the server, which is asked again which model it runs (the last answer is
      // ten minutes old).
      expect((await run(service, settings, reddit, more)).every((r) => "html" in r)).toBe(true);
      await eventually(async () => expect((await service.capacity(settings)).model).toBe("qwen2.5-7b-instruct"), 5000);
      // The page translated again is asked of the new model.
      const asked = server.second.stats().chatRequests;
      await run(service, settings);
      expect(server.second.stats().chatRequests).toBeGreaterThan(asked);
    });
  });

  it("replies of the new model are not kept under the old one's name", async () => {
    const cache = openTranslationCache({ indexedDB: new IDBFactory() });
    const settings = await translatedThenRestarted(cache, async (service, server) => {
      const fresh = await run(service, settingsFor(server.first.url), reddit, more);
      expect(fresh.every((r) => "html" in r)).toBe(true);
      await eventually(async () => expect(await cache.count()).toBe(3), 5000);
    });
    // Later, with the server down: the new passage is the new model's only.
    const asOld = memoryFacts();
    asOld.facts.set(serverConfigId(settings), { model: "gemma-2-2b-it" });
    const old = await run(createTranslationService(asOld, cache), settings, reddit, more);
    expect(old.every((r) => "error" in r)).toBe(true);
  });
});

/** Passages enough that a context of 700 tokens takes them only in several requests, and one of 8,192 in one. */
const batch = (from: number) =>
  Array.from({ length: 24 }, (_, i) => ({
    id: `m${from + i}`,
    html: `Die Stadt hat im Jahr ${from + i} <a1>viele neue Häuser</a1> für junge Familien gebaut.`,
  }));
/** A model list that says no context (a custom OpenAI-compatible server's). */
const listed = '{"object":"list","data":[{"id":"gemma-2-2b-it","object":"model","owned_by":"me"}]}';

/** A service of its own over `transport`, with nothing known yet. */
const serviceOver = (transport: Transport) =>
  createTranslationService(memoryFacts(), openTranslationCache({ indexedDB: new IDBFactory() }), transport);

/** The translator's own sizing follows the server's context: a batch that fits 8,192 tokens goes whole. */
async function sentWhole(service: TranslationService, settings: Settings, server: DoubleHandle, from: number) {
  server.reset();
  const results = await run(service, settings, reddit, batch(from));
  expect(results.every((r) => "html" in r)).toBe(true);
  expect(server.stats().chatRequests).toBe(1);
}

describe("a server restarted at the same address with a larger context", () => {
  it("is sent batches of its new size: the context an earlier refusal named is learnt again when the server's facts change", async () => {
    // First a server whose /props does not say its context (only a refusal does: 700 tokens), then the same model
    // restarted with -c 8192, whose /props says so.
    const small = await startDouble({ port: 0, slots: 1, ctx: 700, model: "gemma-2-2b-it" });
    const large = await startDouble({ port: 0, slots: 1, ctx: 8192, model: "gemma-2-2b-it" });
    const box = { now: small };
    const transport = (url: string, init?: RequestInit): Promise<Response> => {
      const path = new URL(url).pathname;
      if (box.now === small && path === "/props") return Promise.resolve(new Response("", { status: 404 }));
      return fetch(url.replace(small.url, box.now.url), init);
    };
    const realNow = Date.now;
    const clock = jest.spyOn(Date, "now");
    try {
      const service = serviceOver(transport);
      const settings = settingsFor(small.url);
      await run(service, settings, reddit, batch(0));
      await eventually(async () => expect((await service.capacity(settings)).contextSize).toBe(700), 5000);
      // The restart, ten minutes later in the same worker life.
      box.now = large;
      clock.mockImplementation(() => realNow() + 10 * 60_000);
      await run(service, settings, reddit, batch(100));
      await eventually(async () => expect((await service.capacity(settings)).contextSize).toBe(8192), 5000);
      // The translator's own sizing follows: a batch that fits 8,192 tokens goes whole, with its full reply budget.
      await sentWhole(service, settings, large, 200);
    } finally {
      clock.mockRestore();
      await Promise.all([small.close(), large.close()]);
    }
  });
});

describe("a server restarted at the same address that says no context of its own", () => {
  // A custom OpenAI-compatible server (no /props, no n_ctx in its list): only a refusal says its context, 700
  // tokens. The reader stops it, and starts the same model again with -c 8192, which says nothing either.

  /** The first server's refusal learnt, then the server stopped; `then` runs before the clock and servers are put
   * back, with `start` to start the larger one at the address. */
  async function refusedThenStopped(
    then: (
      service: TranslationService,
      settings: Settings,
      server: { start(): DoubleHandle; askedWhileDown: number },
    ) => Promise<void>,
  ) {
    const small = await startDouble({ port: 0, slots: 1, ctx: 700, model: "gemma-2-2b-it" });
    const large = await startDouble({ port: 0, slots: 1, ctx: 8192, model: "gemma-2-2b-it" });
    const box: { now: DoubleHandle | undefined } = { now: small };
    const server = { start: () => (box.now = large), askedWhileDown: 0 };
    const transport = (url: string, init?: RequestInit): Promise<Response> => {
      if (!box.now) {
        server.askedWhileDown++;
        return Promise.reject(new TypeError("fetch failed"));
      }
      const path = new URL(url).pathname;
      if (path === "/props") return Promise.resolve(new Response("", { status: 404 }));
      if (path === "/v1/models")
        return Promise.resolve(new Response(listed, { headers: { "Content-Type": "application/json" } }));
      return fetch(url.replace(small.url, box.now.url), init);
    };
    const clock = jest.spyOn(Date, "now");
    try {
      const service = createTranslationService(
        memoryFacts(),
        openTranslationCache({ indexedDB: new IDBFactory() }),
        transport,
      );
      const settings = settingsFor(small.url);
      await run(service, settings, reddit, batch(0));
      await eventually(async () => expect((await service.capacity(settings)).contextSize).toBe(700), 5000);
      box.now = undefined;
      await then(service, settings, server);
      // The server started again: batches of its own size, whole.
      await eventually(async () => expect((await service.capacity(settings)).contextSize).toBeUndefined(), 5000);
      await sentWhole(service, settings, large, 300);
    } finally {
      clock.mockRestore();
      await Promise.all([small.close(), large.close()]);
    }
  }

  it("is sent batches of its own size once it is back: what a refusal of the server before named goes with it", async () => {
    await refusedThenStopped(async (service, settings, server) => {
      // Ten minutes later: the page's next passages find no server, nor does the probe they start.
      const realNow = Date.now();
      jest.spyOn(Date, "now").mockImplementation(() => realNow + 10 * 60_000);
      expect((await run(service, settings, reddit, batch(100))).every((r) => "error" in r)).toBe(true);
      await eventually(() => expect(server.askedWhileDown).toBeGreaterThanOrEqual(4), 5000);
      await new Promise((resolve) => setTimeout(resolve, 50));
      // Started again with more context, ten minutes after that.
      server.start();
      jest.spyOn(Date, "now").mockImplementation(() => realNow + 20 * 60_000);
      await run(service, settings, reddit, batch(200));
    });
  });

  it("restarted within a minute, its batches are of its own size too: a request that found no server is enough", async () => {
    await refusedThenStopped(async (service, settings, server) => {
      // At once: the page's next passages find no server (no probe asks: the last answered just now).
      expect((await run(service, settings, reddit, batch(100))).every((r) => "error" in r)).toBe(true);
      expect(server.askedWhileDown).toBeGreaterThan(0);
      // Started again with more context, a few seconds later.
      server.start();
      await run(service, settings, reddit, batch(200));
    });
  });
});

describe("a refusal from the server before a restart", () => {
  it("is not taken for the new server's: a request the old one refused after a probe found the new one leaves its size alone", async () => {
    // The old server (700 tokens, said neither in /props nor in its list) refuses a long batch slowly; meanwhile the
    // reader has started another model with -c 8192 at the address, which the probe that batch started finds first.
    const small = await startDouble({ port: 0, slots: 1, ctx: 700, model: "gemma-2-2b-it" });
    const large = await startDouble({ port: 0, slots: 1, ctx: 8192, model: "qwen2.5-7b-instruct" });
    const box = { info: small, chat: small };
    /** The old server's replies wait for it. */
    let gate = Promise.resolve();
    const transport = async (url: string, init?: RequestInit): Promise<Response> => {
      const path = new URL(url).pathname;
      if (path === "/v1/chat/completions") {
        const [to, wait] = [box.chat, gate];
        const res = await fetch(url.replace(small.url, to.url), init);
        if (to === small) await wait;
        return res;
      }
      if (box.info === small && path === "/props") return new Response("", { status: 404 });
      if (box.info === small && path === "/v1/models")
        return new Response(listed, { headers: { "Content-Type": "application/json" } });
      return fetch(url.replace(small.url, box.info.url), init);
    };
    const realNow = Date.now;
    const clock = jest.spyOn(Date, "now");
    try {
      const service = serviceOver(transport);
      const settings = settingsFor(small.url);
      await run(service, settings, reddit, segments);
      await eventually(async () => expect((await service.capacity(settings)).model).toBe("gemma-2-2b-it"), 5000);
      // Ten minutes later: the long batch goes to the old server, whose refusal comes after the probe saw the new.
      let open = () => {};
      gate = new Promise<void>((resolve) => (open = resolve));
      clock.mockImplementation(() => realNow() + 10 * 60_000);
      const running = run(service, settings, reddit, batch(0));
      box.info = large;
      await eventually(async () => expect((await service.capacity(settings)).model).toBe("qwen2.5-7b-instruct"), 5000);
      box.chat = large;
      open();
      await running;
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect((await service.capacity(settings)).contextSize).toBe(8192);
      await sentWhole(service, settings, large, 100);
    } finally {
      clock.mockRestore();
      await Promise.all([small.close(), large.close()]);
    }
  });
});

describe("Ollama, which cuts a prompt longer than its context without a word", () => {
  it("learns the loaded model's context, and a batch filled to the limit it gives fits with a glossary: no prompt is cut", async () => {
    const server = await startDouble({ port: 0, mode: "ollama", slots: 1, ctx: 1024 });
    try {
      const service = createTranslationService(memoryFacts(), openTranslationCache({ indexedDB: new IDBFactory() }));
      const settings = readSettings({ preset: "ollama", baseUrl: `${server.url}/v1`, model: "gemma2:2b" }).settings;
      const { contextSize } = await service.capacity(settings, true);
      expect(contextSize).toBe(1024);
      const glossary = ["Stadt", "Häuser", "Familien", "Jahr", "Schule", "Bahnhof", "Rathaus", "Brücke"].map(
        (term) => ({
          term,
          translation: `${term.toLowerCase()} (as the city council writes it)`,
          lang: "",
          site: "",
        }),
      );
      const rules = { glossary, instructions: "" };
      // As the page engine fills a batch: passages up to the limit the server's context gives.
      const limit = batchCharsFor(contextSize, "en", rules);
      const passage = (i: number) =>
        `Die Stadt hat im Jahr ${2000 + i} <a1>viele neue Häuser</a1> für junge Familien, eine Schule und eine Brücke am Bahnhof gebaut.`;
      const batch: Segment[] = [];
      for (let i = 0, chars = 0; chars + passage(i).length <= limit; chars += passage(i++).length)
        batch.push({ id: `p${i}`, html: passage(i) });
      expect(batch.length).toBeGreaterThan(3);
      server.reset();
      const opts = { targetLang: "en", rules, signal: new AbortController().signal };
      for await (const _ of service.translate(settings, batch, opts, reddit));
      const chats = server.stats().log.filter((l) => l.path === "/v1/chat/completions");
      expect(chats.length).toBeGreaterThan(0);
      expect(chats.filter((l) => l.promptCut)).toEqual([]);
      for (const l of chats) expect((l.promptTokens ?? 0) + (l.maxTokens ?? 0)).toBeLessThanOrEqual(1024);
      // A batch larger than that (a batch size set by hand in the settings) is split by the translator before it
      // goes, to the same context, rather than cut by the server.
      server.reset();
      const large = Array.from({ length: 12 }, (_, i) => ({ id: `q${i}`, html: passage(100 + i) }));
      for await (const _ of service.translate(settings, large, opts, reddit));
      const split = server.stats().log.filter((l) => l.path === "/v1/chat/completions");
      expect(split.filter((l) => l.promptCut)).toEqual([]);
      for (const l of split) expect((l.promptTokens ?? 0) + (l.maxTokens ?? 0)).toBeLessThanOrEqual(1024);
    } finally {
      await server.close();
    }
  });
});

describe("a refusal's context stored in a worker life before", () => {
  it("survives the first probe of the next life when the same model says no context: its batches still fit", async () => {
    // A custom OpenAI-compatible server (no /props, no n_ctx in its list) whose refusal said 700 tokens, stored.
    const server = await startDouble({ port: 0, slots: 1, ctx: 700, model: "gemma-2-2b-it" });
    let probes = 0;
    const transport = (url: string, init?: RequestInit): Promise<Response> => {
      const path = new URL(url).pathname;
      if (path === "/props") return Promise.resolve(new Response("", { status: 404 }));
      if (path === "/v1/models") {
        probes++;
        return Promise.resolve(new Response(listed, { headers: { "Content-Type": "application/json" } }));
      }
      return fetch(url, init);
    };
    try {
      const settings = settingsFor(server.url);
      const facts = memoryFacts();
      facts.facts.set(serverConfigId(settings), { model: "gemma-2-2b-it", contextSize: 700 });
      const service = createTranslationService(facts, openTranslationCache({ indexedDB: new IDBFactory() }), transport);
      // The new life's first passages are short: a probe follows them, and says nothing of the context.
      await run(service, settings);
      await eventually(() => expect(probes).toBe(1), 5000);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(facts.facts.get(serverConfigId(settings))?.contextSize).toBe(700);
      expect((await service.capacity(settings)).contextSize).toBe(700);
      // The page's long batch is cut to fit at once: the server refuses none.
      server.reset();
      expect((await run(service, settings, reddit, batch(0))).every((r) => "html" in r)).toBe(true);
      expect(server.stats().log.some((l) => l.status === 400)).toBe(false);
    } finally {
      await server.close();
    }
  });
});

describe("a server still loading its model", () => {
  it("is asked about itself once while it loads, not once more for each passage sent meanwhile", async () => {
    // The double's own clock: loading until the test moves it on.
    let now = 0;
    const server = await startDouble({ port: 0, loadingMs: 1000, clock: () => now });
    const asked: string[] = [];
    const transport = (url: string, init?: RequestInit): Promise<Response> => {
      if (init?.method !== "POST") asked.push(new URL(url).pathname);
      return fetch(url, init);
    };
    try {
      const service = serviceOver(transport);
      const settings = settingsFor(server.url);
      // The reader scrolls: a passage at a time goes out while the model loads.
      const passages = batch(0).slice(0, 6);
      const running: Array<Promise<SegmentResult[]>> = [];
      for (const passage of passages) {
        running.push(run(service, settings, reddit, [passage]));
        await new Promise((resolve) => setTimeout(resolve, 400));
      }
      const whileLoading = [...asked];
      now = 2000;
      const results = (await Promise.all(running)).flat();
      expect(results.every((r) => "html" in r)).toBe(true);
      // One probe (its /props and model list), not one for each passage; nor does the translator look at /props
      // again for each (once, and once more when the model is loaded).
      expect(whileLoading.filter((path) => path === "/v1/models")).toHaveLength(1);
      expect(whileLoading.filter((path) => path === "/props").length).toBeLessThanOrEqual(2);
      await eventually(async () => expect((await service.capacity(settings)).contextSize).toBe(4096), 5000);
    } finally {
      await server.close();
    }
  });
});
