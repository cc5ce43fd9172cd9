// A browser profile where the extension cannot keep translations (IndexedDB refused: a profile that keeps no
// history, a damaged one): the options page says plainly that nothing is kept and pages are still translated, not
// that Gloss itself went wrong and should be reloaded.
import "../helpers/fake-extension";
import { CACHE_UNAVAILABLE, createHandlers } from "../../src/background/handlers";
import { openTranslationCache } from "../../src/background/translation-cache";
import { createTranslationService } from "../../src/connection/translation-service";
import type { Runtime } from "../../src/extension/api";

/** An IndexedDB whose every open fails, as Firefox's did in a profile that keeps no history. */
const refusing = {
  open() {
    const error = new DOMException("A mutation operation was attempted on a database that did not allow mutations.");
    const request = { error } as unknown as IDBOpenDBRequest;
    setTimeout(() => request.onerror?.(new Event("error")));
    return request;
  },
} as unknown as IDBFactory;

const facts = { get: async () => undefined, set: async () => undefined };
const fromOptions = { url: "chrome-extension://gloss/options.html" } as Runtime.MessageSender;

afterEach(() => jest.restoreAllMocks());

it.each([
  ["counted", {}],
  ["cleared", { clear: true }],
])("saved translations %s where the store cannot be opened: told so calmly, not 'reload Gloss'", async (_, request) => {
  jest.spyOn(console, "warn").mockImplementation(() => undefined);
  const handlers = createHandlers(createTranslationService(facts, openTranslationCache({ indexedDB: refusing })));
  const reply = await handlers.translationCache(request, fromOptions);
  expect(reply).toEqual({ ok: false, error: { kind: "bad-request", message: CACHE_UNAVAILABLE } });
  expect(CACHE_UNAVAILABLE).toMatch(/still translated/);
});
