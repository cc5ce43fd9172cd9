// The extension's page is told its translation scope (see translation-scope.test.ts) hashed: it changes when the
// reader's glossary for the page does, and never names the server's address to the page's script.
import "../helpers/fake-extension"; // the background modules read the extension API as they load
import { contentConfigFor } from "../../src/background/content-config";
import { saveSettings } from "../../src/background/settings-store";
import type { TranslationService } from "../../src/connection/translation-service";

const URL_DE = "https://www.reddit.com/r/de/comments/1/";
const service = { capacity: async () => ({ slots: 1, contextSize: 4096 }) } as unknown as TranslationService;

it("changes with the glossary for the page, and does not name the server", async () => {
  await saveSettings({ baseUrl: "http://127.0.0.1:8080", targetLang: "en", glossary: [] });
  const before = await contentConfigFor(service, URL_DE);
  expect(before.translationScope).toMatch(/^[0-9a-f]{64}$/);
  expect((await contentConfigFor(service, URL_DE)).translationScope).toBe(before.translationScope);
  await saveSettings({ glossary: [{ term: "Bahn", translation: "Deutsche Bahn", lang: "", site: "reddit.com" }] });
  expect((await contentConfigFor(service, URL_DE)).translationScope).not.toBe(before.translationScope);
});

it("changes with the model the server runs, with none named in the settings, limits set or not", async () => {
  let served = "gemma-3-4b";
  const serving = {
    capacity: async () => ({ slots: 1, contextSize: 4096, model: served }),
  } as unknown as TranslationService;
  for (const limits of [
    { maxBatchChars: 0, maxConcurrent: 0 },
    { maxBatchChars: 2000, maxConcurrent: 2 },
  ]) {
    served = "gemma-3-4b";
    await saveSettings({ baseUrl: "http://127.0.0.1:8080", targetLang: "en", model: "", glossary: [], ...limits });
    const before = (await contentConfigFor(serving, URL_DE)).translationScope;
    expect((await contentConfigFor(serving, URL_DE)).translationScope).toBe(before);
    // llama-server restarted with another model: the page's translations of the old one are not shown again.
    served = "qwen3-14b";
    expect((await contentConfigFor(serving, URL_DE)).translationScope).not.toBe(before);
  }
});
