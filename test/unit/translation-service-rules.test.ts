// Issue 14: the translation cache keys on the user's glossary and instructions (a change means new translations, and
// dropping them brings the old ones back); replies that missed glossary terms are used but not kept; what the user
// writes goes to the writing model and is never cached.
import { IDBFactory } from "fake-indexeddb";
import { createTranslationService, type ServerFacts } from "../../src/connection/translation-service";
import { openTranslationCache, type TranslationCache } from "../../src/background/translation-cache";
import { readSettings, type Settings } from "../../src/shared/settings";
import { rulesFor } from "../../src/shared/translation-rules";
import type { Segment, SegmentResult, TranslateOptions } from "../../src/shared/translator";
import { startDouble, type DoubleHandle } from "../double/server";

let double: DoubleHandle;
beforeAll(async () => {
  double = await startDouble({ port: 0 });
});
afterAll(() => double.close());
beforeEach(() => double.reset());

const facts = () => {
  const map = new Map<string, ServerFacts>();
  return { get: async (id: string) => map.get(id), set: async (id: string, f: ServerFacts) => void map.set(id, f) };
};
const segments: Segment[] = [
  { id: "a", html: "Die Bahn ist heute wieder zu spät." },
  { id: "b", html: "Danke für die ehrliche Antwort!" },
];
const page = { site: "reddit.com", incognito: false };
const url = "https://old.reddit.com/r/de/comments/1";

async function run(
  service: ReturnType<typeof createTranslationService>,
  settings: Settings,
  extra: Partial<TranslateOptions> = {},
): Promise<SegmentResult[]> {
  const rules = rulesFor(settings, "en", url);
  const opts = { targetLang: "en", signal: new AbortController().signal, ...(rules ? { rules } : {}), ...extra };
  const out: SegmentResult[] = [];
  for await (const result of service.translate(settings, segments, opts, page)) out.push(result);
  return out;
}

const settingsWith = (patch: Record<string, unknown>) => readSettings({ baseUrl: double.url, ...patch }).settings;

it("a glossary or instructions change the cache key; without them the old translations come back", async () => {
  const cache = openTranslationCache({ indexedDB: new IDBFactory() });
  const service = createTranslationService(facts(), cache);
  const plain = settingsWith({});
  const glossary = settingsWith({ glossary: [{ term: "Bahn", translation: "Deutsche Bahn" }] });
  const instructed = settingsWith({ glossary: glossary.glossary, customInstructions: "Formal English." });

  await run(service, plain);
  const requests = () => double.stats().chatRequests;
  const afterPlain = requests();
  await run(service, plain);
  expect(requests()).toBe(afterPlain); // from the cache

  const withGlossary = await run(service, glossary);
  expect(requests()).toBeGreaterThan(afterPlain);
  expect(withGlossary.find((r) => r.id === "a")).toMatchObject({ html: expect.stringContaining("Deutsche Bahn") });
  const afterGlossary = requests();
  await run(service, glossary);
  expect(requests()).toBe(afterGlossary);

  await run(service, instructed);
  expect(requests()).toBeGreaterThan(afterGlossary);
  const afterInstructions = requests();

  await run(service, plain);
  await run(service, glossary);
  expect(requests()).toBe(afterInstructions);
  expect(await cache.count()).toBe(6);
});

it("a look-up's cache key holds the sentence it came from; a page's batches are keyed without the page's context", async () => {
  const cache = openTranslationCache({ indexedDB: new IDBFactory() });
  const service = createTranslationService(facts(), cache);
  const plain = settingsWith({});
  const requests = () => double.stats().chatRequests;
  const sentence = (s: string) => ({ lookup: true, context: `Page title: Bahn\nSelected from the sentence: "${s}"` });

  await run(service, plain, { context: "Page title: Eins" });
  const afterPage = requests();
  await run(service, plain, { context: "Page title: Zwei" });
  expect(requests()).toBe(afterPage); // the same passages on another page: from the cache

  await run(service, plain, sentence("Der Zug fährt ab."));
  expect(requests()).toBeGreaterThan(afterPage); // a look-up is not the passage's translation
  const afterFirst = requests();
  await run(service, plain, sentence("Der Zug fährt ab."));
  expect(requests()).toBe(afterFirst);
  await run(service, plain, sentence("Ein Zug im Schach."));
  expect(requests()).toBeGreaterThan(afterFirst);
});

/** The cache, with a promise of every write begun so far (the service writes without waiting for the store). */
function watchedWrites(cache: TranslationCache): TranslationCache & { written(): Promise<void> } {
  const writes: Promise<void>[] = [];
  const put = (key: string, html: string): Promise<void> => {
    const write = cache.put(key, html);
    writes.push(write.catch(() => undefined));
    return write;
  };
  return { ...cache, put, written: async () => void (await Promise.all(writes)) };
}

it("a reply that still misses a glossary term after its retry is used but not kept", async () => {
  const cache = watchedWrites(openTranslationCache({ indexedDB: new IDBFactory() }));
  const service = createTranslationService(facts(), cache);
  const glossary = settingsWith({ glossary: [{ term: "Bahn", translation: "Deutsche Bahn" }] });
  double.setFault("ignore-glossary");
  const results = await run(service, glossary);
  expect(results.find((r) => r.id === "a")).toMatchObject({ unmet: ["Bahn"] });
  // Every write the service began, done (a fixed wait was not always enough on a busy machine).
  await cache.written();
  expect(await cache.count()).toBe(1); // only the segment without the term
});

it("the user's own message goes to the writing model and is never cached", async () => {
  const cache = openTranslationCache({ indexedDB: new IDBFactory() });
  const service = createTranslationService(facts(), cache);
  const settings = settingsWith({ model: "small", writingModel: "large" });
  await run(service, settings, { writing: true });
  await run(service, settings, { writing: true });
  expect(double.stats().log.map((r) => r.model)).toEqual(["large", "large"]);
  expect(await cache.count()).toBe(0);
  await run(service, settings);
  expect(double.stats().log.at(-1)?.model).toBeUndefined(); // llama-server: the page model is not named
});
