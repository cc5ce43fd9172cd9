// A page remembers its translations by source text while what decides them stays the same: the server
// configuration and the reader's glossary and instructions for the page (see session.test.ts for the page's side).
import { translationScopeText } from "../../src/connection/translation-scope";
import { DEFAULTS, type Settings } from "../../src/shared/settings";
import { createSessionConfigSource } from "../../src/userscript/session-config";

const URL_DE = "https://www.reddit.com/r/de/comments/1/";
const base: Settings = { ...DEFAULTS, baseUrl: "http://127.0.0.1:8080", targetLang: "en" };
const entry = (term: string, site = "", lang = "") => ({ term, translation: "Deutsche Bahn", lang, site });

describe("a page's translation scope", () => {
  const scope = (patch: Partial<Settings>) => translationScopeText({ ...base, ...patch }, "en", URL_DE);

  it("changes with the server, the model, the glossary for the page and the instructions", () => {
    const before = scope({});
    for (const patch of [
      { baseUrl: "http://127.0.0.1:11434/v1" },
      { model: "qwen2.5:7b" },
      { glossary: [entry("Bahn")] },
      { glossary: [entry("Bahn", "reddit.com/r/de")] },
      { customInstructions: "Informal tone." },
    ]) {
      expect(scope(patch)).not.toBe(before);
    }
  });

  it("stays the same for what does not apply to the page", () => {
    const before = scope({});
    expect(scope({ glossary: [entry("Bahn", "spiegel.de")] })).toBe(before);
    expect(scope({ glossary: [entry("Bahn", "", "fr")] })).toBe(before);
    expect(scope({ apiKey: "secret", apiKeyFor: base.baseUrl })).toBe(before);
  });

  it("is what the userscript's page session is told, for the page it is on", async () => {
    let settings = base;
    const getConfig = createSessionConfigSource({
      loadSettings: async () => settings,
      capacity: async () => ({ slots: 1, contextSize: 4096 }),
      uiLanguage: "en-US",
      url: () => URL_DE,
    });
    const before = (await getConfig()).translationScope;
    settings = { ...base, glossary: [entry("Bahn", "reddit.com/r/de")] };
    expect((await getConfig()).translationScope).not.toBe(before);
  });

  it("changes with the model the server runs, with none named in the settings (a server restarted with another)", async () => {
    for (const limits of [{}, { maxBatchChars: 2000, maxConcurrent: 2 }]) {
      let served = "gemma-3-4b";
      const getConfig = createSessionConfigSource({
        loadSettings: async () => ({ ...base, ...limits }),
        capacity: async () => ({ slots: 1, contextSize: 4096, model: served }),
        uiLanguage: "en-US",
        url: () => URL_DE,
      });
      const before = (await getConfig()).translationScope;
      expect((await getConfig()).translationScope).toBe(before);
      served = "qwen3-14b";
      expect((await getConfig()).translationScope).not.toBe(before);
    }
  });
});
