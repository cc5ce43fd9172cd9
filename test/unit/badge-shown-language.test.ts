// The toolbar badge of a translated page names the language its translation is in: the one chosen as it began, not
// one the reader chose since (the options page, another window), which the page takes only at its next translation.
import { eventually } from "../helpers/eventually";
import { fakeChrome, resetFakeChrome } from "../helpers/fake-extension";
import type * as TabControl from "../../src/background/tab-control";
import type * as SettingsStore from "../../src/background/settings-store";
import type { ContentReport } from "../../src/shared/messages";
import { DEFAULTS } from "../../src/shared/settings";

/** A tab of its own for each test: what a test's worker still writes as it ends is of its tab. */
let TAB = 21;
const URL = "https://example.org/article";
const noEvent = { addListener: () => undefined, removeListener: () => undefined };

const report = (status: ContentReport["status"], done = 2): ContentReport => ({
  status,
  progress: { total: 2, done, failed: 0 },
  url: URL,
});

let control: typeof TabControl;
let settings: typeof SettingsStore;

beforeEach(() => {
  resetFakeChrome();
  TAB++;
  Object.assign(chrome, {
    tabs: {
      onUpdated: noEvent,
      onRemoved: noEvent,
      get: async (id: number) => ({ id, status: "complete", url: URL, active: true, incognito: false }),
      sendMessage: async () => report("translated"),
    },
  });
  fakeChrome.storage.settings = { ...DEFAULTS, targetLang: "fr" };
  jest.isolateModules(() => {
    control = jest.requireActual("../../src/background/tab-control");
    settings = jest.requireActual("../../src/background/settings-store");
  });
});

const lastBadge = () => fakeChrome.badgeTexts.get(TAB)?.at(-1);

const recorded = (lang: string) =>
  eventually(() => expect(fakeChrome.storage.translatedTabs).toHaveProperty([String(TAB), "lang"], lang), 5_000, 5);

/** The page translated into French and its record kept; then the reader chose German elsewhere. */
async function translatedThenOtherChosen(): Promise<void> {
  await control.recordReport(TAB, report("translating", 0));
  await control.recordReport(TAB, report("translated"));
  await recorded("fr");
  expect(await settings.saveSettings({ targetLang: "de" })).toMatchObject({ saved: true });
}

it("keeps the language a page was translated into after the reader chose another, until it is translated again", async () => {
  await control.recordReport(TAB, report("translating", 0));
  await control.recordReport(TAB, report("translated"));
  expect(lastBadge()).toBe("FR");
  await eventually(
    () => expect(fakeChrome.storage.translatedTabs).toHaveProperty([String(TAB), "lang"], "fr"),
    5_000,
    5,
  );
  // Chosen elsewhere; the page, still in French, reports again (a part it translated as it showed).
  expect(await settings.saveSettings({ targetLang: "de" })).toMatchObject({ saved: true });
  await control.recordReport(TAB, report("translating", 1));
  await control.recordReport(TAB, report("translated"));
  expect(lastBadge()).toBe("FR");
  // Show original, then translated again: now in German.
  await control.recordReport(TAB, report("original", 0));
  await control.recordReport(TAB, report("translating", 0));
  await control.recordReport(TAB, report("translated"));
  expect(lastBadge()).toBe("DE");
});

it("keeps it when the page reports to a worker started since the reader chose another (Chrome stops an idle one)", async () => {
  await translatedThenOtherChosen();
  // The next worker: the same life of Gloss (session storage stays), nothing kept in memory.
  jest.isolateModules(() => (control = jest.requireActual("../../src/background/tab-control")));
  await control.recordReport(TAB, report("translating", 1));
  await control.recordReport(TAB, report("translated"));
  expect(lastBadge()).toBe("FR");
  expect(await control.tabState(TAB)).toMatchObject({ status: "translated", targetLang: "de", shownLang: "fr" });
});

it("takes the new language when a worker just started hears Show original and the new translation at once", async () => {
  await translatedThenOtherChosen();
  // The next worker, woken by the page's reports: the original, then the new translation, before it has read the
  // record the last worker kept. The record of the French translation is gone with the first.
  jest.isolateModules(() => (control = jest.requireActual("../../src/background/tab-control")));
  void control.recordReport(TAB, report("original", 0));
  await control.recordReport(TAB, report("translating", 0));
  await recorded("de");
  await control.recordReport(TAB, report("translated"));
  expect(lastBadge()).toBe("DE");
});
