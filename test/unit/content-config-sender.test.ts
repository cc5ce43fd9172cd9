// What a content script is told of the reader's settings is its own page's: a script in a frame of another site (an
// ad, an embedded thread Gloss went into for a selection) cannot ask for the settings of a site it names.
import { resetFakeChrome } from "../helpers/fake-extension"; // the modules read the extension API as they load
import { createHandlers } from "../../src/background/handlers";
import { saveSettings } from "../../src/background/settings-store";
import type { TranslationService } from "../../src/connection/translation-service";
import type { Runtime } from "../../src/extension/api";

beforeEach(() => resetFakeChrome());

const service = { capacity: async () => ({}) } as unknown as TranslationService;

const frame = (url: string): Runtime.MessageSender => ({
  id: chrome.runtime.id,
  url,
  frameId: 4,
  tab: { id: 3, index: 0, highlighted: false, active: true, pinned: false, incognito: false },
});

beforeEach(async () => {
  await saveSettings({
    autoTranslate: ["bank.example"],
    skipParts: [{ site: "bank.example", selector: ".balance" }],
  });
});

test("a frame of another site is not told which sites the reader translates, nor their parts", async () => {
  const handlers = createHandlers(service);
  const asked = await handlers.getContentConfig(
    { url: "https://bank.example/account" },
    frame("https://ads.example/x"),
  );
  expect(asked.ok).toBe(false);
});

test("a page is told its own settings, also at an address it moved to since it loaded, and a blank frame its own", async () => {
  const handlers = createHandlers(service);
  const own = await handlers.getContentConfig(
    { url: "https://bank.example/account#later" },
    frame("https://bank.example/"),
  );
  expect(own).toMatchObject({ ok: true, value: { autoTranslate: true, skipParts: [".balance"] } });
  const blank = await handlers.getContentConfig({ url: "about:blank" }, frame("about:blank"));
  expect(blank).toMatchObject({ ok: true, value: { autoTranslate: false, skipParts: [] } });
});
