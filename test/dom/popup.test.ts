// The toolbar popup in jsdom, with a stand-in for the extension API and the background's answers: what it says and
// what keyboard and screen-reader users get from it.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { TabState } from "../../src/shared/messages";
import { DEFAULTS, type Settings } from "../../src/shared/settings";

const html = readFileSync(join(__dirname, "../../src/popup/popup.html"), "utf8");

const original: TabState = {
  status: "original",
  progress: { total: 0, done: 0, failed: 0 },
  targetLang: "en",
  siteRule: "example.de",
  siteOrigins: ["*://example.de/*", "*://*.example.de/*"],
  autoTranslate: false,
  translatable: true,
  displayMode: "replace",
};

interface Background {
  /** The background's answer to each message, by name. */
  answers: Record<string, (request: unknown) => unknown>;
  /** What the browser's permission prompt answers. */
  grant: boolean;
  /** Firefox for Android: no keyboard commands, no context menus. */
  phone: boolean;
}

/** The popup's tabs.onUpdated listeners: the browser's news that a tab loads another page. */
let tabUpdatedListeners: Array<
  (tabId: number, change: { status?: string; url?: string; discarded?: boolean }) => void
> = [];

/** The popup's tabs.onRemoved listeners: the browser's news that a tab was closed. */
let tabRemovedListeners: Array<(tabId: number) => void> = [];

/** The popup's storage.onChanged listeners: the news that settings were stored (by another window, by sync). */
type StorageListener = (changes: Record<string, { newValue?: unknown }>, area: string) => void;
let storageListeners: StorageListener[] = [];

/** Stores settings as another window or browser would: the popup hears of it from storage.onChanged. */
function storeElsewhere(settings: Settings): void {
  for (const listener of storageListeners) listener({ settings: { newValue: settings } }, "local");
}

/** The ports the popup opened to the background: their name, what it sent, and the background's news to it. */
interface PopupPort {
  name: string;
  sent: unknown[];
  tell(message: unknown): void;
  /** The background dropped the port (its worker stopped). */
  lose(): void;
}
let ports: PopupPort[] = [];

function fakeConnect({ name }: { name: string }) {
  const listeners: Array<(message: unknown) => void> = [];
  const lost: Array<() => void> = [];
  const port: PopupPort = {
    name,
    sent: [],
    tell: (message) => listeners.forEach((listener) => listener(message)),
    lose: () => lost.forEach((listener) => listener()),
  };
  ports.push(port);
  return {
    name,
    postMessage: (message: unknown) => void port.sent.push(message),
    onMessage: { addListener: (listener: (message: unknown) => void) => void listeners.push(listener) },
    onDisconnect: { addListener: (listener: () => void) => void lost.push(listener) },
    disconnect: () => undefined,
  };
}

/** Opens the popup (a fresh copy of its script) and waits until it has drawn the tab's state. */
async function openPopup(background: Partial<Background> = {}): Promise<void> {
  const answers: Background["answers"] = {
    getSettings: () => ({ settings: { targetLang: "en", baseUrl: "http://127.0.0.1:8080" }, uiLanguage: "en" }),
    getTabState: () => original,
    setAutoTranslate: () => ({}),
    ...background.answers,
  };
  const api = {
    runtime: {
      id: "gloss-test",
      sendMessage: async ({ name, request }: { name: string; request: unknown }) => {
        const answer = answers[name];
        return answer ? { ok: true, value: answer(request) } : { ok: false, error: { message: `no ${name}` } };
      },
      openOptionsPage: async () => undefined,
      connect: fakeConnect,
    },
    tabs: {
      query: async () => [{ id: 7 }],
      create: async () => undefined,
      onUpdated: {
        addListener: (listener: (typeof tabUpdatedListeners)[number]) => tabUpdatedListeners.push(listener),
      },
      onRemoved: {
        addListener: (listener: (typeof tabRemovedListeners)[number]) => tabRemovedListeners.push(listener),
      },
    },
    permissions: { request: async () => background.grant ?? true },
    storage: { onChanged: { addListener: (listener: StorageListener) => void storageListeners.push(listener) } },
    ...(background.phone
      ? {}
      : {
          commands: { getAll: async () => [{ name: "toggle-translation", shortcut: "Alt+Shift+G" }] },
          contextMenus: {},
        }),
  };
  tabUpdatedListeners = [];
  tabRemovedListeners = [];
  storageListeners = [];
  ports = [];
  Object.assign(globalThis, { chrome: api, browser: api });
  document.documentElement.innerHTML = html.replace(/<script[^>]*><\/script>/, "");
  // A fresh copy each time: the popup's script runs as it loads.
  jest.isolateModules(() => jest.requireActual("../../src/popup/popup"));
  await settle();
}

/** Lets the popup's pending messages and their answers run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Holds answers back while closed: each is what it was when asked, let through once the gate opens. */
class Gate {
  #held: Array<() => void> = [];
  #closed = false;
  close(): void {
    this.#closed = true;
  }
  open(): void {
    this.#closed = false;
    for (const release of this.#held.splice(0)) release();
  }
  pass<T>(value: T): Promise<T> {
    if (!this.#closed) return Promise.resolve(value);
    return new Promise((resolve) => this.#held.push(() => resolve(value)));
  }
}

const translated: TabState = { ...original, status: "translated", progress: { total: 9, done: 9, failed: 0 } };

/** Opens the popup on a translated page whose looks and Show original can be held back (both gates closed for the
 * command, open for looks). The page is given back once the command reaches it: until then it says it is translated. */
async function openTranslatedPage(
  answers: (page: { state: TabState }) => Background["answers"] = () => ({}),
): Promise<{ looks: Gate; restored: Gate }> {
  const page = { state: translated };
  const looks = new Gate();
  const restored = new Gate();
  await openPopup({
    answers: {
      getTabState: () => looks.pass(page.state),
      restoreTab: () => restored.pass(undefined).then(() => (page.state = original)),
      ...answers(page),
    },
  });
  restored.close();
  return { looks, restored };
}

/** The page's news reaches the popup while a command is on its way; any look it asks for is held back by `looks`,
 * then the command is answered. */
async function newsDuringCommand(looks: Gate, command: Gate): Promise<void> {
  looks.close();
  ports[0]?.tell({ type: "changed" });
  command.open();
  await settle();
}

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

describe("the popup", () => {
  it("keeps the note under Always translate in the page, so that what it says when access is refused is read out", async () => {
    await openPopup({ grant: false });
    const note = byId<HTMLParagraphElement>("always-note");
    expect(note.getAttribute("role")).toBe("status");
    // A live region must be there, empty, before its text changes: one that appears with its text is often not
    // read out at all.
    expect(note.hidden).toBe(false);
    expect(note.textContent).toBe("");
    const always = byId<HTMLInputElement>("always");
    always.click();
    await settle();
    expect(note.hidden).toBe(false);
    expect(note.textContent).toMatch(/^Gloss needs access to example\.de to translate it automatically\./);
  });

  it("asks for the hosts the background names for the page: https://localhost, which the manifest grants over http only", async () => {
    const onHttps: TabState = { ...original, siteRule: "localhost:8443", siteOrigins: ["https://localhost/*"] };
    await openPopup({ answers: { getTabState: () => onHttps } });
    const asked: unknown[] = [];
    Object.assign((globalThis as unknown as { chrome: { permissions: object } }).chrome.permissions, {
      request: async ({ origins }: { origins: string[] }) => (asked.push(origins), true),
    });
    byId<HTMLInputElement>("always").click();
    await settle();
    expect(asked).toEqual([["https://localhost/*"]]);
  });

  it("says when Always translate was saved but the browser refused to run Gloss on the site as it opens", async () => {
    const problem = "the browser did not let Gloss run on the sites to translate automatically (Invalid url pattern).";
    await openPopup({
      answers: { setAutoTranslate: () => ({ autoTranslate: ["example.de"], autoTranslateProblem: problem }) },
    });
    byId<HTMLInputElement>("always").click();
    await settle();
    expect(byId("always-note").textContent).toBe(`example.de is saved, but ${problem}`);
  });

  it("opens with the keyboard on its main button, and a Show original that goes hands the focus to it", async () => {
    const partly = { ...original, status: "error" as const, progress: { total: 9, done: 4, failed: 0 } };
    let state: TabState = { ...partly, error: { message: "Gloss cannot reach your server." } };
    await openPopup({ answers: { getTabState: () => state, restoreTab: () => (state = original) } });
    const toggle = byId<HTMLButtonElement>("toggle");
    expect(document.activeElement).toBe(toggle);
    expect(toggle.textContent).toBe("Try again");
    const restore = byId<HTMLButtonElement>("restore");
    restore.focus();
    restore.click();
    await settle();
    expect(restore.hidden).toBe(true);
    expect(document.activeElement).toBe(toggle);
  });

  it("Try again asks the page for the job that failed again (a selection stays a selection), not Translate page", async () => {
    const failed: TabState = { ...original, status: "error", error: { message: "Gloss cannot reach your server." } };
    const asked: string[] = [];
    const answer = (name: string) => () => (asked.push(name), failed);
    await openPopup({
      answers: { getTabState: () => failed, retryTab: answer("retryTab"), translateTab: answer("translateTab") },
    });
    const toggle = byId<HTMLButtonElement>("toggle");
    expect(toggle.textContent).toBe("Try again");
    toggle.click();
    await settle();
    expect(asked).toEqual(["retryTab"]);
  });

  it("names the server and the model the page's report left out", async () => {
    const state: TabState = {
      ...original,
      status: "error",
      error: {
        message: "The server does not have the model chosen on the options page.",
        fix: "Download it (ollama pull followed by the model's name) or pick an installed model on the options page.",
      },
    };
    const settings = { targetLang: "en", baseUrl: "http://127.0.0.1:11434/v1", model: "qwen3:4b" };
    await openPopup({ answers: { getTabState: () => state, getSettings: () => ({ settings, uiLanguage: "en" }) } });
    expect(byId("status-text").textContent).toBe('The server does not have the model "qwen3:4b".');
    expect(byId("status-detail").textContent).toMatch(/^Download it \(ollama pull qwen3:4b\) or pick/);
  });

  it("shows a change of its tab as soon as the background tells it, not at its next look", async () => {
    let state: TabState = { ...original, status: "translating", progress: { total: 9, done: 4, failed: 0 } };
    await openPopup({ answers: { getTabState: () => state } });
    expect(byId("status-text").textContent).toMatch(/^Translating/);
    const [watch] = ports;
    expect(watch?.name).toBe("gloss-watch-tab");
    expect(watch?.sent).toEqual([{ type: "watch", tabId: 7 }]);

    state = { ...state, status: "translated", progress: { total: 9, done: 9, failed: 0 } };
    watch?.tell({ type: "changed" });
    await settle();
    expect(byId("status-text").textContent).toBe("Translated into English.");
    expect(ports).toHaveLength(1); // one port for as long as the popup is open
  });

  it("watches its tab again when the background's worker stops: a change the next worker hears still shows at once", async () => {
    let state: TabState = translated;
    await openPopup({ answers: { getTabState: () => state } });
    expect(byId("status-text").textContent).toBe("Translated into English.");
    // Chrome stops the idle worker with the popup open: the watch drops. The reader's shortcut then shows the original,
    // and the worker it woke tells the tab's watchers.
    ports[0]?.lose();
    await settle();
    state = original;
    for (const port of ports.slice(1)) port.tell({ type: "changed" });
    await settle();
    expect(byId("status-text").textContent).toBe("Showing the original.");
    expect(ports.map((port) => port.sent)).toEqual([[{ type: "watch", tabId: 7 }], [{ type: "watch", tabId: 7 }]]);
  });

  it("does not open its watch again and again when the background drops each one as it comes, nor leave it closed", async () => {
    let state: TabState = translated;
    await openPopup({ answers: { getTabState: () => state } });
    ports[0]?.lose();
    await settle();
    ports[1]?.lose(); // dropped again at once: opened again once a second has passed
    await settle();
    expect(ports).toHaveLength(2);
    expect(byId("status-text").textContent).toBe("Translated into English.");
    await new Promise((resolve) => setTimeout(resolve, 1100));
    // One watch again, and one only: a page shown translated has no poll that would open it, and went unwatched.
    expect(ports).toHaveLength(3);
    state = original;
    ports[2]?.tell({ type: "changed" });
    await settle();
    expect(byId("status-text").textContent).toBe("Showing the original.");
  });

  it("shows what the page reported while the popup's first look was on its way, not the state that look found", async () => {
    let state: TabState = original;
    const looks = new Gate();
    looks.close();
    await openPopup({ answers: { getTabState: () => looks.pass(state) } });
    // The page, on a site the reader always translates, is translated from saved translations at once, and the
    // background tells the tab's watchers.
    state = { ...original, status: "translated", autoTranslate: true, progress: { total: 9, done: 9, failed: 0 } };
    for (const port of ports) port.tell({ type: "changed" });
    looks.open();
    await settle();
    expect(byId("status-text").textContent).toBe("Translated into English.");
    expect(byId("toggle").textContent).toBe("Show original");
  });

  it("shows the original after Show original, though a look asked before the press answers after it", async () => {
    let state: TabState = { ...original, status: "translated", progress: { total: 9, done: 9, failed: 0 } };
    const looks = new Gate();
    // Each look reads the tab as it is when asked; its answer may come late.
    await openPopup({
      answers: { getTabState: () => looks.pass(state), restoreTab: () => (state = original) },
    });
    const toggle = byId<HTMLButtonElement>("toggle");
    expect(toggle.textContent).toBe("Show original");
    looks.close();
    ports[0]?.tell({ type: "changed" }); // a look at the translated page, held back
    toggle.focus();
    toggle.click();
    await settle();
    expect(byId("status-text").textContent).toBe("Showing the original.");
    looks.open(); // the look's answer, from before the press, comes last
    await settle();
    expect(byId("status-text").textContent).toBe("Showing the original.");
    expect(toggle.textContent).toBe("Translate page");
    expect(document.activeElement).toBe(toggle);
  });

  it("asks for the state the page reported during a command only once the command is answered", async () => {
    const { looks, restored } = await openTranslatedPage();
    byId("toggle").click();
    await settle();
    await newsDuringCommand(looks, restored);
    expect(byId("status-text").textContent).toBe("Showing the original.");
    looks.open();
    await settle();
    expect(byId("status-text").textContent).toBe("Showing the original.");
    expect(byId("toggle").textContent).toBe("Translate page");
  });

  it("goes from the old language to the new one without showing the page's state from in between", async () => {
    const { looks, restored } = await openTranslatedPage((page) => ({
      saveSettings: () => ({ saved: true }),
      translateTab: () => (page.state = { ...translated, status: "translating", targetLang: "de" }),
    }));
    const language = byId<HTMLSelectElement>("target-lang");
    language.value = "de";
    language.dispatchEvent(new Event("change"));
    await settle();
    await newsDuringCommand(looks, restored); // given back for the new language
    looks.open();
    await settle();
    expect(byId("status-text").textContent).toBe("Translating into German…");
    expect(byId("toggle").textContent).toBe("Show original");
  });

  it("puts the passages a failed translation left shown into the new language too, not only the next page", async () => {
    const failed = { message: "The server stopped answering.", kind: "server" };
    const partial: TabState = {
      ...translated,
      status: "error",
      error: failed,
      progress: { total: 9, done: 4, failed: 5 },
    };
    const asked: string[] = [];
    let state = partial;
    await openPopup({
      answers: {
        getTabState: () => state,
        saveSettings: () => ({ saved: true }),
        restoreTab: () => (asked.push("restore"), (state = original)),
        translateTab: () => (
          asked.push("translate"),
          (state = { ...translated, status: "translating", targetLang: "de" })
        ),
      },
    });
    expect(byId("status-detail").textContent).toMatch(/4 passages are shown translated/);
    const language = byId<HTMLSelectElement>("target-lang");
    language.value = "de";
    language.dispatchEvent(new Event("change"));
    await settle();
    await settle();
    expect(asked).toEqual(["restore", "translate"]);
    expect(byId("status-text").textContent).toBe("Translating into German…");
  });

  it("goes back to the language pages are translated into when the one picked could not be saved, and says why", async () => {
    const refusal = "The target language must be a language code such as de or pt-BR.";
    let failure: () => unknown = () => ({ saved: false, errors: { targetLang: refusal } });
    await openPopup({ answers: { saveSettings: () => failure() } });
    const language = byId<HTMLSelectElement>("target-lang");
    expect(language.value).toBe("en");
    language.value = "de";
    language.dispatchEvent(new Event("change"));
    await settle();
    expect(byId("status-text").textContent).toBe(refusal);
    expect(language.value).toBe("en");
    failure = () => {
      throw new Error("The background stopped.");
    };
    language.value = "fr";
    language.dispatchEvent(new Event("change"));
    await settle();
    expect(byId("status-text").textContent).toMatch(/^Gloss's background is not reachable\./);
    expect(language.value).toBe("en");
  });

  it("shows the language and server chosen in another window while it is open", async () => {
    let state: TabState = { ...original, status: "idle" };
    await openPopup({ answers: { getTabState: () => state } });
    const language = byId<HTMLSelectElement>("target-lang");
    expect(language.value).toBe("en");
    expect(byId("status-text").textContent).toBe("Translate this page into English.");
    state = { ...original, status: "idle", targetLang: "de" };
    storeElsewhere({ ...DEFAULTS, targetLang: "de" });
    await settle();
    expect(language.value).toBe("de");
    expect(byId("status-text").textContent).toBe("Translate this page into German.");
    // The page's report names "the model chosen on the options page": the one chosen there now.
    state = {
      ...original,
      status: "error",
      error: { message: "The server does not have the model chosen on the options page." },
    };
    storeElsewhere({ ...DEFAULTS, targetLang: "de", baseUrl: "http://127.0.0.1:11434/v1", model: "qwen3:4b" });
    await settle();
    expect(byId("status-text").textContent).toBe('The server does not have the model "qwen3:4b".');
  });

  it("names the language a translation from before Gloss was updated is in, and how to have the one chosen since", async () => {
    const notice = "This page was translated before Gloss was updated or reloaded.";
    const before: TabState = { ...translated, targetLang: "de", shownLang: "fr", notice };
    await openPopup({ answers: { getTabState: () => before } });
    expect(byId("status-text").textContent).toBe("Translated into French.");
    expect(byId("status-detail").textContent).toBe(
      `${notice} To have it in German, press Show original, then Translate page.`,
    );
    expect(byId("toggle").textContent).toBe("Show original");
  });

  it("names the language a page is being translated into, not one chosen in another window since", async () => {
    const going: TabState = { ...translated, status: "translating", targetLang: "de", shownLang: "fr" };
    await openPopup({ answers: { getTabState: () => going } });
    expect(byId("status-text").textContent).toBe("Translating into French…");
  });

  it("names no language for a translation from before Gloss was updated when that Gloss did not keep it", async () => {
    const notice = "This page was translated before Gloss was updated or reloaded.";
    await openPopup({ answers: { getTabState: () => ({ ...translated, targetLang: "de", shownLang: "", notice }) } });
    expect(byId("status-text").textContent).toBe("Translated.");
    expect(byId("status-detail").textContent).toBe(notice);
  });

  it("leaves Bilingual view as the site has it when the change could not be made, and says why", async () => {
    await openPopup({ answers: { getTabState: () => translated } });
    const bilingual = byId<HTMLInputElement>("bilingual");
    expect(bilingual.checked).toBe(false);
    bilingual.click();
    await settle();
    expect(byId("status-text").textContent).toBe("no setDisplayMode");
    expect(bilingual.checked).toBe(false);
  });

  it("says why the server keeps the page waiting: a model still loading, or other requests", async () => {
    const translating: TabState = { ...original, status: "translating", progress: { total: 9, done: 0, failed: 0 } };
    let state: TabState = { ...translating, serverStatus: "busy" };
    await openPopup({ answers: { getTabState: () => state } });
    expect(byId("status-detail").textContent).toBe("The server is busy with other requests; Gloss waits for it.");
    state = { ...translating, serverStatus: "loading" };
    ports[0]?.tell({ type: "changed" });
    await settle();
    expect(byId("status-detail").textContent).toBe("The server is still loading the model; Gloss waits for it.");
  });

  it("says why 'Leave a part untranslated…' from the page's menu showed nothing: the page keeps the picker out", async () => {
    const problem = {
      message: "This page keeps Gloss's picker out, so a part cannot be picked on it.",
      fix: "Name the part by a CSS selector on Gloss's options page, under “Parts left untranslated”.",
      kind: "ui-blocked",
    };
    await openPopup({ answers: { getTabState: () => ({ ...translated, problem }) } });
    expect(byId("status-text").textContent).toBe(problem.message);
    expect(byId("status-detail").textContent).toBe(`${problem.fix} Translated into English.`);
  });

  it("follows the tab to the page it loads while the popup is open, so its button and site act on that page", async () => {
    let state: TabState = { ...original, status: "translated", progress: { total: 3, done: 3, failed: 0 } };
    const asked: unknown[] = [];
    await openPopup({
      answers: {
        getTabState: () => state,
        translateTab: (request) => (asked.push(request), state),
        restoreTab: () => (asked.push("restore"), state),
      },
    });
    expect(byId("toggle").textContent).toBe("Show original");
    state = { ...original, siteRule: "example.fr" };
    for (const listener of tabUpdatedListeners) listener(8, { status: "complete" }); // another tab: not this one
    await settle();
    expect(byId("toggle").textContent).toBe("Show original");
    for (const listener of tabUpdatedListeners) listener(7, { status: "complete" });
    await settle();
    expect(byId("toggle").textContent).toBe("Translate page");
    expect(byId("site").textContent).toBe("example.fr");
    byId("toggle").click();
    await settle();
    expect(asked).toEqual([{ tabId: 7 }]);
  });

  it("says its tab was closed when it is, opened as a tab of its own, and offers nothing for it", async () => {
    let state: TabState = translated;
    await openPopup({ answers: { getTabState: () => state } });
    expect(byId("toggle").textContent).toBe("Show original");
    // What the background says of a tab that is no more.
    state = {
      ...original,
      status: "error",
      error: { message: "The tab was closed.", kind: "tab-gone" },
      translatable: false,
      siteRule: undefined,
    };
    for (const listener of tabRemovedListeners) listener(8); // another tab: not this one
    await settle();
    expect(byId("status-text").textContent).toBe("Translated into English.");
    byId("toggle").focus();
    for (const listener of tabRemovedListeners) listener(7);
    await settle();
    expect(byId("status-text").textContent).toBe("The tab was closed.");
    // Not "If this tab went on to a web page…": the reason the background gave stands alone.
    expect(byId<HTMLParagraphElement>("status-detail").hidden).toBe(true);
    expect(byId<HTMLButtonElement>("toggle").disabled).toBe(true);
    expect(document.activeElement).toBe(byId("open-options"));
  });

  it("says its tab is asleep when the browser discards it while the popup shows it, and offers nothing for it", async () => {
    let state: TabState = translated;
    await openPopup({ answers: { getTabState: () => state } });
    // What the background says of a discarded tab (background/tab-control.ts).
    const fix = "Go to the tab to load its page again, then translate it.";
    state = {
      ...original,
      status: "error",
      error: { message: "This tab is asleep: your browser unloaded it to save memory.", fix, kind: "asleep" },
      translatable: false,
    };
    // Chromium and Firefox tell of it with this change alone (no status, no address).
    for (const listener of tabUpdatedListeners) listener(7, { discarded: true });
    await settle();
    expect(byId("status-text").textContent).toBe("This tab is asleep: your browser unloaded it to save memory.");
    expect(byId("status-detail").textContent).toBe(fix);
    expect(byId<HTMLButtonElement>("toggle").disabled).toBe(true);
  });

  it("keeps the keyboard in the popup when its tab moves on to a page Gloss may not touch", async () => {
    let state: TabState = original;
    await openPopup({ answers: { getTabState: () => state } });
    const toggle = byId<HTMLButtonElement>("toggle");
    toggle.focus();
    state = { ...original, translatable: false, siteRule: undefined };
    for (const listener of tabUpdatedListeners) listener(7, { status: "complete" });
    await settle();
    expect(toggle.disabled).toBe(true);
    expect(document.activeElement).toBe(byId("open-options"));
  });

  it("keeps the keyboard in the popup when Translate page finds a page Gloss may not touch", async () => {
    const asleep: TabState = {
      ...original,
      status: "error",
      error: { message: "This tab is asleep: your browser unloaded it to save memory.", kind: "asleep" },
      translatable: false,
    };
    await openPopup({ answers: { translateTab: () => asleep } });
    const toggle = byId<HTMLButtonElement>("toggle");
    toggle.focus();
    toggle.click();
    // Disabled while the command is on its way, the button loses the focus to the body, as browsers do (jsdom does not).
    expect(toggle.disabled).toBe(true);
    const summary = byId("diagnostics").querySelector("summary")!;
    summary.focus();
    summary.blur();
    expect(document.activeElement).toBe(document.body);
    await settle();
    await settle();
    // The main button is disabled: the keyboard goes to Settings, the one action left, not to the popup's body.
    expect(toggle.disabled).toBe(true);
    expect(document.activeElement).toBe(byId("open-options"));
  });

  it("keeps the keyboard in the popup when the row it is on goes with the page its tab moved on from", async () => {
    let state: TabState = original;
    await openPopup({ answers: { getTabState: () => state } });
    const moveTo = async (next: TabState) => {
      state = next;
      for (const listener of tabUpdatedListeners) listener(7, { status: "complete" });
      await settle();
    };
    // A page with no site to always translate (an address without a host name): the row goes, the main button stays.
    byId("always").focus();
    await moveTo({ ...original, siteRule: undefined });
    expect(byId("always-row").hidden).toBe(true);
    expect(document.activeElement).toBe(byId("toggle"));
    // A page Gloss may not touch: Bilingual view and Leave a part untranslated… go, and the main button is disabled.
    await moveTo(original);
    byId("bilingual").focus();
    await moveTo({ ...original, translatable: false, siteRule: undefined });
    expect(byId("bilingual-row").hidden).toBe(true);
    expect(document.activeElement).toBe(byId("open-options"));
    await moveTo(original);
    byId("pick-part").focus();
    await moveTo({ ...original, translatable: false, siteRule: undefined });
    expect(document.activeElement).toBe(byId("open-options"));
  });

  it("says how to give Gloss a page its tab went on to while the popup was open, not only that browser pages are off limits", async () => {
    let state: TabState = original;
    await openPopup({ answers: { getTabState: () => state } });
    state = { ...original, translatable: false, siteRule: undefined };
    for (const listener of tabUpdatedListeners) listener(7, { status: "complete" });
    await settle();
    expect(byId("status-text").textContent).toBe("Gloss cannot translate this page.");
    expect(byId("status-detail").textContent).toMatch(/^If this tab went on to a web page, close this popup and click/);
  });

  it("says only that browser pages are off limits when the popup opens on one", async () => {
    await openPopup({ answers: { getTabState: () => ({ ...original, translatable: false, siteRule: undefined }) } });
    expect(byId("status-detail").textContent).toBe(
      "Browser pages and extension galleries are off limits to extensions.",
    );
  });

  it("offers no Try again on a page Gloss may not touch, where a press said it cannot translate it", async () => {
    const cannot = {
      message: "Gloss cannot translate this page.",
      fix: "Try a normal web page.",
      kind: "forbidden-page",
    };
    await openPopup({
      answers: { getTabState: () => ({ ...original, status: "error", error: cannot, translatable: false }) },
    });
    const toggle = byId<HTMLButtonElement>("toggle");
    expect(byId("status-text").textContent).toBe("Gloss cannot translate this page.");
    expect(toggle.textContent).toBe("Translate page");
    expect(toggle.disabled).toBe(true);
  });

  it("puts the model check's heading in Diagnostics right under the popup's own, skipping no level", async () => {
    const diagnostics = {
      baseUrl: "http://127.0.0.1:8080",
      modelCheck: { at: 0, targetLang: "en", verdict: "failed", error: { message: "The check could not run." } },
    };
    await openPopup({ answers: { getDiagnostics: () => diagnostics } });
    const details = byId<HTMLDetailsElement>("diagnostics");
    details.open = true;
    details.dispatchEvent(new Event("toggle"));
    await settle();
    const levels = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")].map((h) => Number(h.tagName[1]));
    expect(levels).toEqual([1, 2]);
  });

  it("shows the diagnostics of the newest look: an older answer arriving after it (closed and opened again) is not shown", async () => {
    const held: Array<() => void> = [];
    let looks = 0;
    const answer = (baseUrl: string) => ({ baseUrl });
    await openPopup({
      answers: {
        getDiagnostics: () =>
          looks++ === 0
            ? new Promise((resolve) => held.push(() => resolve(answer("http://old.example:8080"))))
            : answer("http://127.0.0.1:8080"),
      },
    });
    const details = byId<HTMLDetailsElement>("diagnostics");
    for (const open of [true, false, true]) {
      details.open = open;
      details.dispatchEvent(new Event("toggle"));
    }
    await settle();
    held.forEach((release) => release());
    await settle();
    expect(byId("diagnostics-body").textContent).toContain("Server: http://127.0.0.1:8080");
    expect(byId("diagnostics-body").textContent).not.toContain("old.example");
  });

  it("says so when the browser would not open the settings", async () => {
    await openPopup();
    const runtime = (globalThis as unknown as { browser: { runtime: { openOptionsPage: () => Promise<void> } } })
      .browser.runtime;
    runtime.openOptionsPage = async () => {
      throw new Error("Could not create an options page.");
    };
    byId<HTMLAnchorElement>("open-options").click();
    await settle();
    expect(byId("status-text").textContent).toBe(
      "Gloss could not open its settings: Could not create an options page.",
    );
  });

  it("offers the selection's and the text box's translation where the browser has no menus and no keys (a phone)", async () => {
    const asked: Array<[string, unknown]> = [];
    const answer = (name: string) => (request: unknown) => {
      asked.push([name, request]);
      return name === "translateSelection" ? original : null;
    };
    const close = jest.spyOn(window, "close").mockImplementation(() => undefined);
    try {
      await openPopup({
        phone: true,
        answers: { translateSelection: answer("translateSelection"), translateWriting: answer("translateWriting") },
      });
      const selection = byId<HTMLButtonElement>("translate-selection");
      const writing = byId<HTMLButtonElement>("translate-writing");
      expect(selection.closest("[hidden]")).toBeNull();
      expect(writing.closest("[hidden]")).toBeNull();
      selection.click();
      await settle();
      // The card shows in the page, which the popup covers on a phone: it goes once the page has the command.
      expect(close).toHaveBeenCalledTimes(1);
      writing.click();
      await settle();
      expect(asked).toEqual([
        ["translateSelection", { tabId: 7 }],
        ["translateWriting", { tabId: 7 }],
      ]);
      expect(close).toHaveBeenCalledTimes(2);
    } finally {
      close.mockRestore();
    }
  });

  it("offers no selection or text box translation on a phone where Gloss may not go: they closed the popup and did nothing", async () => {
    let state: TabState = { ...original, translatable: false, siteRule: undefined };
    await openPopup({ phone: true, answers: { getTabState: () => state } });
    expect(byId("translate-selection").closest("[hidden]")).not.toBeNull();
    expect(byId("translate-writing").closest("[hidden]")).not.toBeNull();
    // The tab goes on to a web page: they are offered there; back on a page Gloss may not touch, the keyboard stays.
    state = original;
    for (const listener of tabUpdatedListeners) listener(7, { status: "complete" });
    await settle();
    expect(byId("translate-selection").closest("[hidden]")).toBeNull();
    byId("translate-writing").focus();
    state = { ...original, translatable: false, siteRule: undefined };
    for (const listener of tabUpdatedListeners) listener(7, { status: "complete" });
    await settle();
    expect(byId("translate-writing").closest("[hidden]")).not.toBeNull();
    expect(document.activeElement).toBe(byId("open-options"));
  });

  it("leaves those to the context menu and the shortcuts where the browser has them", async () => {
    await openPopup();
    expect(byId("translate-selection").closest("[hidden]")).not.toBeNull();
  });

  it("opens with the keyboard on Settings on a page Gloss cannot translate, which it names with the status", async () => {
    await openPopup({ answers: { getTabState: () => ({ ...original, translatable: false, siteRule: undefined }) } });
    const settings = byId("open-options");
    // The main button is disabled: focus on it went nowhere, and a keyboard user had to find their way from the top.
    expect(document.activeElement).toBe(settings);
    // Landing there, a screen reader reads why there is nothing else to do.
    const described = (settings.getAttribute("aria-describedby") ?? "").split(" ").map((id) => byId(id));
    expect(described.map((node) => node?.textContent).join(" ")).toContain("Gloss cannot translate this page.");
    // Back on a page it can translate, Settings is only Settings.
    await openPopup();
    expect(byId("open-options").hasAttribute("aria-describedby")).toBe(false);
  });

  it("sends a phone's Translate selection once however often it is pressed while the page has not answered", async () => {
    const held = new Gate();
    held.close();
    const asked: string[] = [];
    const fail = (name: string) => () => {
      asked.push(name);
      return held.pass(undefined).then(() => Promise.reject(new Error("Gloss could not get into this page.")));
    };
    await openPopup({
      phone: true,
      answers: { translateSelection: fail("translateSelection"), translateWriting: fail("translateWriting") },
    });
    for (const id of ["translate-selection", "translate-writing"]) {
      const button = byId<HTMLButtonElement>(id);
      button.click();
      button.click();
      await settle();
      expect(button.disabled).toBe(true);
      held.open();
      await settle();
      held.close();
      // Answered: it can be pressed again.
      expect(button.disabled).toBe(false);
    }
    expect(asked).toEqual(["translateSelection", "translateWriting"]);
  });

  it("keeps saying why Translate what I wrote failed when the tab's status is looked at again, until the page changes", async () => {
    const why = { message: "Gloss could not get into this page.", fix: "Reload the page, then try again." };
    await openPopup({
      phone: true,
      answers: {
        // A reply that fails with why (the background's answer on a page it could not get into).
        translateWriting: () => Promise.reject(Object.assign(new Error(why.message), why)),
      },
    });
    byId("translate-writing").click();
    await settle();
    expect(byId("status-text").textContent).toBe(why.message);
    // The page reports (its watch), and the popup looks at the tab again: the reason stays.
    ports[0]?.tell({ type: "changed" });
    await settle();
    expect(byId("status-text").textContent).toBe(why.message);
    expect(byId("status-detail").textContent).toContain(why.fix);
    // The tab loads another page: what failed on the old one no longer holds.
    for (const listener of tabUpdatedListeners) listener(7, { status: "loading" });
    await settle();
    expect(byId("status-text").textContent).toBe("Showing the original.");
  });

  it("keeps saying why Always translate could not be saved once it has looked at the tab again", async () => {
    const why = { message: "Gloss could not save its settings.", fix: "Free some disk space, then try again." };
    await openPopup({
      answers: { setAutoTranslate: () => Promise.reject(Object.assign(new Error(why.message), why)) },
    });
    byId("always").click();
    await settle();
    await settle();
    // It looks at the tab as the change is over: the reason was written over there at once.
    expect(byId("status-text").textContent).toBe(why.message);
    // The reader acts again: it goes.
    byId("toggle").click();
    await settle();
    expect(byId("status-text").textContent).not.toBe(why.message);
  });

  it("opens with the keyboard on Settings, which says why, when it could not reach Gloss's background", async () => {
    await openPopup({
      answers: {
        getSettings: () => {
          throw new Error("The background stopped.");
        },
      },
    });
    const settings = byId("open-options");
    expect(byId("status-text").textContent).toMatch(/^Gloss's background is not reachable\./);
    expect(document.activeElement).toBe(settings);
    expect(byId(settings.getAttribute("aria-describedby") ?? "")?.textContent).toMatch(/background is not reachable/);
  });
});
