// Background modules that talk to the browser, against a fake `chrome`: the service-worker keep-alive and the
// registration of auto-translate content scripts, and a page's report as the popup gets it.
import { fakeChrome, resetFakeChrome } from "../helpers/fake-extension";
import { syncAutoTranslateScripts } from "../../src/background/auto-translate-scripts";
import { holdAwake } from "../../src/background/keep-alive";
import { createHandlers } from "../../src/background/handlers";
import { loadSettings, saveSettings, watchSettings } from "../../src/background/settings-store";
import type { TranslationService } from "../../src/connection/translation-service";

watchSettings(() => undefined);

beforeEach(() => resetFakeChrome());
afterEach(() => jest.useRealTimers());

describe("keeping the service worker awake", () => {
  it("touches an extension API every 20 s while a job runs, and stops when the last one ends", () => {
    jest.useFakeTimers();
    const releaseA = holdAwake();
    const releaseB = holdAwake();
    jest.advanceTimersByTime(61_000);
    expect(fakeChrome.platformInfoCalls).toBe(3);
    releaseA();
    releaseA(); // releasing twice counts once
    jest.advanceTimersByTime(20_000);
    expect(fakeChrome.platformInfoCalls).toBe(4);
    releaseB();
    jest.advanceTimersByTime(60_000);
    expect(fakeChrome.platformInfoCalls).toBe(4);
  });
});

describe("a page's settings while the server is slow to say its limits", () => {
  it("keep the worker awake until the server answers: a stopped worker left the page waiting", async () => {
    jest.useFakeTimers();
    let answer: (facts: { slots: number }) => void = () => undefined;
    const service = {
      capacity: (_settings: unknown, wait?: boolean) =>
        wait ? new Promise((resolve) => (answer = resolve)) : Promise.resolve({}),
    } as unknown as TranslationService;
    const handlers = createHandlers(service);
    const sender = { id: chrome.runtime.id, tab: { id: 4 }, url: "https://example.de/a" };
    const config = handlers.getContentConfig({ url: "https://example.de/a", waitForServer: true }, sender as never);
    await jest.advanceTimersByTimeAsync(41_000);
    expect(fakeChrome.platformInfoCalls).toBe(2);
    answer({ slots: 3 });
    expect(await config).toMatchObject({ ok: true, value: { maxConcurrent: 3 } });
    await jest.advanceTimersByTimeAsync(60_000);
    expect(fakeChrome.platformInfoCalls).toBe(2);
  });
});

describe("registering auto-translate scripts", () => {
  const saveRules = (rules: string[]) =>
    chrome.storage.local.set({ settings: { schemaVersion: 1, autoTranslate: rules } });

  it("registers the granted hosts of the saved rules", async () => {
    fakeChrome.granted = new Set(["http://127.0.0.1/*", "https://spiegel.de/*"]);
    await saveRules(["127.0.0.1:8000/r/de", "spiegel.de", "lemonde.fr"]);
    await syncAutoTranslateScripts();
    expect(fakeChrome.registered.get("gloss-auto-translate")?.matches).toEqual([
      "http://127.0.0.1/*",
      "https://spiegel.de/*",
    ]);
  });

  it("ends with the latest rules when syncs overlap (a save and the permission grant it caused)", async () => {
    fakeChrome.granted = new Set(["http://localhost/*", "http://127.0.0.1/*"]);
    await saveRules(["localhost"]);
    const first = syncAutoTranslateScripts();
    await saveSettings({ autoTranslate: ["localhost", "127.0.0.1"] });
    const second = syncAutoTranslateScripts();
    await Promise.all([first, second]);
    expect(fakeChrome.registered.get("gloss-auto-translate")?.matches.sort()).toEqual([
      "http://127.0.0.1/*",
      "http://localhost/*",
    ]);
  });

  it("says so when the browser refuses the registration, the rules staying saved, and the next sync still runs", async () => {
    const handlers = createHandlers({} as TranslationService);
    const sender = { id: chrome.runtime.id };
    const register = chrome.scripting.registerContentScripts;
    const error = jest.spyOn(console, "error").mockImplementation(() => undefined);
    Object.assign(chrome.scripting, {
      registerContentScripts: async () => Promise.reject(new Error("Invalid url pattern '*://[::1/*'")),
    });
    try {
      fakeChrome.granted = new Set(["http://localhost/*"]);
      const answer = await handlers.saveSettings({ patch: { autoTranslate: ["localhost"] } }, sender);
      expect(answer).toMatchObject({
        ok: true,
        value: { saved: true, autoTranslateProblem: expect.stringMatching(/Invalid url pattern '\*:\/\/\[::1\/\*'/) },
      });
      expect((await loadSettings()).autoTranslate).toEqual(["localhost"]);
      const set = await handlers.setAutoTranslate({ rule: "127.0.0.1", enabled: true }, sender);
      expect(set).toMatchObject({ ok: true, value: { autoTranslateProblem: expect.any(String) } });
    } finally {
      Object.assign(chrome.scripting, { registerContentScripts: register });
      error.mockRestore();
    }
    expect(await syncAutoTranslateScripts()).toBeUndefined();
    expect(fakeChrome.registered.get("gloss-auto-translate")?.matches).toEqual(["http://localhost/*"]);
  });

  it("unregisters when no rule has a granted host any more", async () => {
    fakeChrome.granted = new Set(["http://localhost/*"]);
    await saveRules(["localhost"]);
    await syncAutoTranslateScripts();
    expect(fakeChrome.registered.size).toBe(1);
    fakeChrome.granted.clear();
    await syncAutoTranslateScripts();
    expect(fakeChrome.registered.size).toBe(0);
  });

  it("ready on every site: the script runs on every page once every site is granted, and stops when it is off", async () => {
    await chrome.storage.local.set({ settings: { schemaVersion: 5, readyOnEverySite: true } });
    fakeChrome.granted = new Set(["http://127.0.0.1/*"]);
    await syncAutoTranslateScripts();
    expect(fakeChrome.registered.size).toBe(0); // asked for, but every site was not granted
    fakeChrome.granted.add("*://*/*");
    await syncAutoTranslateScripts();
    expect(fakeChrome.registered.get("gloss-auto-translate")?.matches).toEqual(["http://*/*", "https://*/*"]);
    await saveSettings({ readyOnEverySite: false });
    await syncAutoTranslateScripts();
    expect(fakeChrome.registered.size).toBe(0);
  });
});

describe("sites set to translate automatically at once (two tabs' menus, the popup)", () => {
  it("keeps every rule", async () => {
    const handlers = createHandlers({} as TranslationService);
    const sender = { id: chrome.runtime.id };
    await Promise.all(
      ["spiegel.de", "lemonde.fr", "elpais.com"].map((rule) =>
        handlers.setAutoTranslate({ rule, enabled: true }, sender),
      ),
    );
    expect((await loadSettings()).autoTranslate.sort()).toEqual(["elpais.com", "lemonde.fr", "spiegel.de"]);
  });
});

describe("a page's report, as the popup reads it", () => {
  // The tabs that report are open, their address kept from the background (it has no "tabs" permission): a tab the
  // browser does not know is one that was closed, which has no report to read.
  const noTabs = chrome.tabs;
  beforeEach(() => Object.assign(chrome, { tabs: { get: async (id: number) => ({ id }) } }));
  afterEach(() => Object.assign(chrome, { tabs: noTabs }));

  const translated = {
    status: "translated",
    progress: { total: 3, done: 3, failed: 0, simplified: 0, unmet: 2 },
    unmetTerms: ["Bahn", "r/de"],
  };

  it("carries the glossary terms translations did not follow", async () => {
    const handlers = createHandlers({} as TranslationService);
    const sender = { id: chrome.runtime.id, tab: { id: 7 } };
    expect(await handlers.reportProgress(translated as never, sender as never)).toEqual({ ok: true, value: null });
    const state = await handlers.getTabState({ tabId: 7 }, { id: chrome.runtime.id } as never);
    expect(state).toMatchObject({ ok: true, value: { progress: { unmet: 2 }, unmetTerms: ["Bahn", "r/de"] } });
  });

  it("is the top page's: a frame's own report (a selection translated in an embedded thread) does not replace it", async () => {
    const handlers = createHandlers({} as TranslationService);
    const top = { id: chrome.runtime.id, tab: { id: 9 }, frameId: 0 };
    const frame = { id: chrome.runtime.id, tab: { id: 9 }, frameId: 3 };
    await handlers.reportProgress({ ...translated, url: "https://news.example/article" } as never, top as never);
    const framed = {
      status: "translating",
      progress: { total: 1, done: 0, failed: 0 },
      url: "https://disqus.com/embed",
      inFrame: true,
    };
    await handlers.reportProgress(framed as never, frame as never);
    const state = await handlers.getTabState({ tabId: 9 }, { id: chrome.runtime.id } as never);
    expect(state).toMatchObject({ ok: true, value: { status: "translated", siteRule: "news.example" } });
  });

  it("is a page Chrome prerendered (its frameId is not 0, and it is no frame): its report stands for the tab", async () => {
    const handlers = createHandlers({} as TranslationService);
    const prerendered = { id: chrome.runtime.id, tab: { id: 10 }, frameId: 7 };
    await handlers.reportProgress({ ...translated, url: "https://news.example/next" } as never, prerendered as never);
    const state = await handlers.getTabState({ tabId: 10 }, { id: chrome.runtime.id } as never);
    expect(state).toMatchObject({ ok: true, value: { status: "translated", siteRule: "news.example" } });
  });

  it("names the page it came from: a frame of another site cannot report another site's address for the tab", async () => {
    const handlers = createHandlers({} as TranslationService);
    const top = { id: chrome.runtime.id, tab: { id: 12 }, frameId: 0, url: "https://news.example/article" };
    await handlers.reportProgress({ ...translated, url: "https://news.example/article" } as never, top as never);
    const ad = { id: chrome.runtime.id, tab: { id: 12 }, frameId: 5, url: "https://ads.example/frame" };
    const posing = { ...translated, status: "original", url: "https://bank.example/" };
    expect(await handlers.reportProgress(posing as never, ad as never)).toMatchObject({ ok: false });
    const state = await handlers.getTabState({ tabId: 12 }, { id: chrome.runtime.id } as never);
    expect(state).toMatchObject({ ok: true, value: { status: "translated", siteRule: "news.example" } });
  });

  it("is the page the tab shows: gone on to a page where Gloss does not run, the tab is not said to be translated", async () => {
    const handlers = createHandlers({} as TranslationService);
    const before = chrome.tabs;
    // The reader followed a link: the next page has no content script to answer (Firefox says "loading" as the
    // navigation starts, and the page being left was still translating: its last report came after that).
    Object.assign(chrome, {
      tabs: {
        get: async (id: number) => ({ id, url: "https://news.example/next#top" }),
        sendMessage: async () => Promise.reject(new Error("Could not establish connection.")),
      },
    });
    try {
      const left = { id: chrome.runtime.id, tab: { id: 11 }, frameId: 0 };
      await handlers.reportProgress({ ...translated, url: "https://news.example/article" } as never, left as never);
      const state = await handlers.getTabState({ tabId: 11 }, { id: chrome.runtime.id } as never);
      expect(state).toMatchObject({ ok: true, value: { status: "idle", progress: { done: 0 } } });
      expect(state.ok && state.value.unmetTerms).toBeUndefined();
      // The same page (its address told without the part after #): its report stands.
      await handlers.reportProgress({ ...translated, url: "https://news.example/next" } as never, left as never);
      const same = await handlers.getTabState({ tabId: 11 }, { id: chrome.runtime.id } as never);
      expect(same).toMatchObject({ ok: true, value: { status: "translated" } });
    } finally {
      Object.assign(chrome, { tabs: before });
    }
  });

  it("refuses terms that are not text", async () => {
    const handlers = createHandlers({} as TranslationService);
    const sender = { id: chrome.runtime.id, tab: { id: 8 } };
    const bad = { ...translated, unmetTerms: [{ toString: () => "Bahn" }] };
    expect(await handlers.reportProgress(bad as never, sender as never)).toMatchObject({ ok: false });
  });
});
