// The options page in jsdom, with a stand-in for the extension API and the background's answers: what Save stores.
import "../helpers/text-encoder";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { deserialize, serialize } from "node:v8";
import { backupText, createBackup } from "../../src/shared/settings-backup";
import {
  DEFAULTS,
  SETTINGS_VERSION,
  applySettingsPatch,
  validateSettingsPatch,
  type Settings,
} from "../../src/shared/settings";
import { createSettingsStore } from "../../src/shared/settings-store";
import { behindMessage } from "../../src/shared/sync-behind";
import { COMPOSING_MARKS, composingKey, ownKey } from "../helpers/input-method";

// jsdom has no structuredClone, which reading stored settings uses for a default in place of a refused value.
globalThis.structuredClone ??= <T>(value: T): T => deserialize(serialize(value)) as T;

const html = readFileSync(join(__dirname, "../../src/options/options.html"), "utf8");

/** The listeners each copy of the page put on the window: taken off after each test, as closing the tab would. */
const windowListeners: Array<Parameters<Window["removeEventListener"]>> = [];
const addToWindow = window.addEventListener.bind(window);
beforeEach(() => {
  jest.spyOn(window, "addEventListener").mockImplementation((...args: Parameters<Window["addEventListener"]>) => {
    windowListeners.push([args[0], args[1]]);
    addToWindow(...args);
  });
});
afterEach(() => {
  jest.restoreAllMocks();
  for (const args of windowListeners.splice(0)) window.removeEventListener(...args);
});

/** Lets the page's pending messages and their answers run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Opens the options page (a fresh copy of its script) over `stored`; `saved()` is what its saves left there, and
 * `storeElsewhere` stores settings as another window would (the page hears of it from storage.onChanged).
 */
async function openOptions(
  stored: Settings,
  browserParts: Record<string, unknown> = {},
  answerParts: Record<string, (request: never) => unknown> = {},
) {
  let settings = stored;
  const answers: Record<string, (request: never) => unknown> = {
    getSettings: () => ({ settings, uiLanguage: "en" }),
    saveSettings: ({ patch }: { patch: unknown }) => {
      const checked = validateSettingsPatch(patch);
      if (!checked.ok) return { saved: false, errors: checked.errors };
      settings = applySettingsPatch(settings, checked.patch);
      return { saved: true, settings };
    },
    translationCache: () => ({ entries: 0 }),
    syncName: ({ name }: { name?: string }) => ({ name: name?.trim() || "Firefox on Linux", made: "Firefox on Linux" }),
    ...answerParts,
  };
  const api = {
    runtime: {
      id: "gloss-test",
      sendMessage: async ({ name, request }: { name: string; request: never }) => {
        const answer = answers[name];
        if (!answer) return { ok: false, error: { message: `no ${name}` } };
        // An answer that throws is the background's error, sent back as a value.
        return Promise.resolve(answer(request)).then(
          (value) => ({ ok: true, value }),
          (error: unknown) => ({ ok: false, error }),
        );
      },
      getManifest: () => ({ version: "0.0.0" }),
      getPlatformInfo: async () => ({ os: "linux" }),
    },
    storage: { onChanged: { addListener: () => undefined } },
    permissions: { request: async () => true, contains: async () => true },
    commands: { getAll: async () => [] },
    action: { getUserSettings: async () => ({ isOnToolbar: true }) },
    ...browserParts,
  };
  Object.assign(globalThis, { chrome: api, browser: api });
  document.documentElement.innerHTML = html.replace(/<script[^>]*><\/script>/, "");
  // A fresh copy each time: the page's script runs as it loads.
  jest.isolateModules(() => jest.requireActual("../../src/options/options"));
  await settle();
  return { saved: () => settings, storeElsewhere: (next: Settings) => (settings = next) };
}

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** The lines said near Save about changes made in another window or browser. */
const linesSaid = () => [...byId("changed-elsewhere").querySelectorAll("li span")].map((line) => line.textContent);

/** Types `value` into the field `selector` finds, as the reader would. */
function typeInto(selector: string, value: string): void {
  const input = document.querySelector<HTMLInputElement>(selector)!;
  input.value = value;
  input.dispatchEvent(new Event("input", { bubbles: true }));
}

/** The options page over the defaults, with the background's saved translations answered by `translationCache`. */
const openWithCache = (translationCache: (request: { clear?: boolean }) => unknown) =>
  openOptions(DEFAULTS, {}, { translationCache });

/** The options page over `stored`; `storedElsewhere` stores settings as another window would, and tells the page. */
async function openHearing(stored: Settings) {
  const listeners: Array<(changes: Record<string, { newValue: unknown }>, area: string) => void> = [];
  const opened = await openOptions(stored, {
    storage: { onChanged: { addListener: (listener: (typeof listeners)[number]) => listeners.push(listener) } },
  });
  const storedElsewhere = async (next: Settings) => {
    opened.storeElsewhere(next);
    for (const listener of listeners) listener({ settings: { newValue: next } }, "local");
    await settle();
  };
  return { saved: opened.saved, storedElsewhere };
}

describe("the options page", () => {
  it("keeps the form out of reach until the saved settings fill it, so nothing typed first is replaced", async () => {
    let answer: (value: unknown) => void = () => undefined;
    const pending = new Promise((resolve) => (answer = resolve));
    await openOptions(DEFAULTS, {}, { getSettings: () => pending });
    const form = byId<HTMLFormElement>("settings");
    expect(form.hasAttribute("inert")).toBe(true);
    expect(form.getAttribute("aria-busy")).toBe("true");
    expect(byId("backup").hasAttribute("inert")).toBe(true);
    answer({ settings: { ...DEFAULTS, baseUrl: "http://127.0.0.1:9999" }, uiLanguage: "en" });
    await settle();
    expect(byId<HTMLInputElement>("baseUrl").value).toBe("http://127.0.0.1:9999");
    for (const part of [form, byId("backup")]) {
      expect(part.hasAttribute("inert")).toBe(false);
      expect(part.hasAttribute("aria-busy")).toBe(false);
    }
    expect(byId("load-status").textContent).toBe("");
  });

  it("says which saved settings could not be read, and no more once a save has stored what the form shows", async () => {
    const unread = {
      maxConcurrent: "Requests at once must be a whole number from 0 to 16.",
      glossary: "“klingon!” is not a language code (glossary entry “Zug”).",
    };
    let answered = false;
    await openOptions(
      { ...DEFAULTS, model: "gemma2:2b" },
      {},
      {
        getSettings: () => {
          const first = !answered;
          answered = true;
          return { settings: { ...DEFAULTS, model: "gemma2:2b" }, uiLanguage: "en", ...(first ? { unread } : {}) };
        },
      },
    );
    const status = byId("load-status");
    expect(status.hidden).toBe(false);
    expect(status.textContent).toBe(
      "Gloss could not read all of your saved settings, and shows what it could keep: your number of requests at once (Requests at once must be a whole number from 0 to 16.); your glossary (“klingon!” is not a language code (glossary entry “Zug”).). Saving stores the settings as shown.",
    );
    byId<HTMLInputElement>("model").value = "qwen3";
    byId<HTMLFormElement>("settings").requestSubmit();
    await settle();
    await settle();
    expect(status.textContent).toBe("");
  });

  it("says the saved settings could not be read and keeps the form from saving defaults over them", async () => {
    let reads = 0;
    const stored = { ...DEFAULTS, baseUrl: "http://127.0.0.1:9999" };
    const { saved } = await openOptions(
      stored,
      {},
      {
        getSettings: () => {
          if (++reads === 1) throw new Error("The background did not answer.");
          return { settings: stored, uiLanguage: "en" };
        },
      },
    );
    const status = byId("load-status");
    // Shown, not only written: a hidden alert is neither seen nor read out.
    expect(status.hidden).toBe(false);
    expect(status.firstChild?.textContent).toBe(
      "Gloss could not read your saved settings, and keeps this form closed so that nothing overwrites them. " +
        "Gloss's background is not reachable. Reload the extension and try again. ",
    );
    expect(byId("settings").hasAttribute("inert")).toBe(true);
    expect(byId("settings").hasAttribute("aria-busy")).toBe(false);

    // Ctrl+S reaches the inert form: it must not save the form's defaults over the settings it could not read.
    document.dispatchEvent(new KeyboardEvent("keydown", { key: "s", ctrlKey: true, bubbles: true, cancelable: true }));
    await settle();
    expect(saved()).toBe(stored);
    expect(byId("save-status").textContent).toBe("");

    const again = status.querySelector("button") as HTMLButtonElement;
    expect(again.textContent).toBe("Try again");
    again.focus();
    again.click();
    await settle();
    expect(reads).toBe(2);
    expect(byId("settings").hasAttribute("inert")).toBe(false);
    expect(byId("backup").hasAttribute("inert")).toBe(false);
    expect(byId<HTMLInputElement>("baseUrl").value).toBe("http://127.0.0.1:9999");
    expect(status.textContent).toBe("");
    // The button the reader was on went: the focus is in the form they waited for, not lost to the page's body.
    expect(byId("settings").contains(document.activeElement)).toBe(true);
  });

  it("keeps the keyboard on Try again when the settings cannot be read the second time either", async () => {
    await openOptions(
      DEFAULTS,
      {},
      {
        getSettings: () => {
          throw new Error("The background did not answer.");
        },
      },
    );
    const status = byId("load-status");
    const first = status.querySelector("button") as HTMLButtonElement;
    first.focus();
    first.click();
    await settle();
    const second = status.querySelector("button") as HTMLButtonElement;
    expect(second.textContent).toBe("Try again");
    expect(document.activeElement).toBe(second);
    expect(byId("settings").hasAttribute("inert")).toBe(true);
  });

  it("shows a site added from the popup while the saved settings were being read, even if they were read before it", async () => {
    let answer: (value: unknown) => void = () => undefined;
    const pending = new Promise((resolve) => (answer = resolve));
    const listeners: Array<(changes: Record<string, { newValue: unknown }>, area: string) => void> = [];
    await openOptions(
      DEFAULTS,
      { storage: { onChanged: { addListener: (listener: (typeof listeners)[number]) => listeners.push(listener) } } },
      { getSettings: () => pending },
    );
    const added = { ...DEFAULTS, autoTranslate: ["reddit.com/r/de"] };
    for (const listener of listeners) listener({ settings: { newValue: added } }, "local");
    answer({ settings: DEFAULTS, uiLanguage: "en" });
    await settle();
    expect(byId<HTMLTextAreaElement>("autoTranslate").value).toBe("reddit.com/r/de");
    expect(byId("save-status").textContent).toBe("");
  });

  it("keeps what the reader types while a save is on its way: Ctrl+S, and typing on", async () => {
    const { saved } = await openOptions({ ...DEFAULTS, model: "qwen3" });
    const model = byId<HTMLInputElement>("model");
    const sites = byId<HTMLTextAreaElement>("autoTranslate");
    model.value = "qwen3-8b";
    sites.value = "News.Example.com";
    byId("settings").dispatchEvent(new Event("input", { bubbles: true }));
    document.dispatchEvent(new KeyboardEvent("keydown", { key: "s", ctrlKey: true, bubbles: true, cancelable: true }));
    // Typed on before the background's answer came back.
    model.value = "qwen3-8b-instr";
    byId("settings").dispatchEvent(new Event("input", { bubbles: true }));
    await settle();
    await settle();
    expect(saved().model).toBe("qwen3-8b");
    expect(model.value).toBe("qwen3-8b-instr");
    // A field left as it was sent shows what was stored (a site as Gloss keeps it).
    expect(sites.value).toBe("news.example.com");
    expect(byId("save-status").textContent).toBe("Unsaved changes.");
  });

  it("takes no Ctrl+S while the saved settings are still being read: no errors on the fields they then fill", async () => {
    let answer: (value: unknown) => void = () => undefined;
    const pending = new Promise((resolve) => (answer = resolve));
    let saves = 0;
    await openOptions(DEFAULTS, {}, { getSettings: () => pending, saveSettings: () => ++saves });
    document.dispatchEvent(new KeyboardEvent("keydown", { key: "s", ctrlKey: true, bubbles: true, cancelable: true }));
    answer({ settings: DEFAULTS, uiLanguage: "en" });
    await settle();
    expect(byId("settings").hasAttribute("inert")).toBe(false);
    expect(byId("save-status").textContent).toBe("");
    expect(document.querySelectorAll('[aria-invalid="true"]')).toHaveLength(0);
    expect(byId("baseUrl-error").textContent).toBe("");
    expect(saves).toBe(0);
  });

  it.each(COMPOSING_MARKS)(
    "takes no Ctrl+S (marked %s) while a word is composed with an input method; the reader's own Ctrl+S saves",
    async (mark) => {
      const { saved } = await openOptions(DEFAULTS);
      const model = byId<HTMLInputElement>("model");
      model.focus();
      model.value = "qwen-日本";
      composingKey(model, "s", mark, { ctrlKey: true });
      await settle();
      expect(saved().model).toBe(DEFAULTS.model);
      expect(byId("save-status").textContent).toBe("");
      model.dispatchEvent(new Event("input", { bubbles: true }));
      ownKey(model, "s", { ctrlKey: true });
      await settle();
      expect(saved().model).toBe("qwen-日本");
    },
  );

  it("does not save a number the browser could not read as the automatic 0: it says what to fix", async () => {
    const { saved } = await openOptions({ ...DEFAULTS, maxBatchChars: 4000 });
    const batch = byId<HTMLInputElement>("maxBatchChars");
    expect(batch.value).toBe("4000");
    // Typed "8 000": a number field's value is then "", and its validity says the input was bad.
    batch.value = "";
    Object.defineProperty(batch, "validity", { value: { ...batch.validity, badInput: true } });
    byId<HTMLFormElement>("settings").requestSubmit();
    await settle();
    expect(saved().maxBatchChars).toBe(4000);
    expect(batch.getAttribute("aria-invalid")).toBe("true");
    expect(byId("maxBatchChars-error").textContent).toMatch(/whole number/);
    expect(byId("save-status").textContent).toBe("Not saved: fix the marked fields.");
  });

  it("takes the keyboard to the glossary row at fault, not the first, and marks it until it is fixed", async () => {
    const entry = (term: string) => ({ term, translation: "", lang: "", site: "" });
    await openOptions({ ...DEFAULTS, glossary: ["Bahn", "ICE", "S-Bahn", "Tram"].map(entry) });
    const rows = [...document.querySelectorAll("#glossary-rows tr")];
    const field = (row: number, name: string) => rows[row]?.querySelector(`[data-field="${name}"]`) as HTMLInputElement;
    field(2, "site").value = "not a site";
    field(2, "site").dispatchEvent(new Event("input", { bubbles: true }));
    byId<HTMLFormElement>("settings").requestSubmit();
    await settle();
    expect(byId("glossary-error").textContent).toMatch(/“not a site” is not a site/);
    expect(document.activeElement).toBe(field(2, "term"));
    const invalid = () =>
      rows.map((row) =>
        [...row.querySelectorAll('[aria-invalid="true"]')].map((c) => (c as HTMLElement).dataset.field),
      );
    expect(invalid()).toEqual([[], [], ["term", "translation", "lang", "site"], []]);
    field(2, "site").value = "reddit.com/r/de";
    field(2, "site").dispatchEvent(new Event("input", { bubbles: true }));
    expect(invalid()).toEqual([[], [], [], []]);
    expect(byId("glossary-error").textContent).toBe("");
  });

  it("with two glossary rows at fault, the second takes the keyboard and the mark once the first is fixed", async () => {
    const entry = (term: string) => ({ term, translation: "", lang: "", site: "" });
    await openOptions({ ...DEFAULTS, glossary: ["Bahn", "ICE", "S-Bahn", "Tram"].map(entry) });
    const rows = [...document.querySelectorAll("#glossary-rows tr")];
    const field = (row: number, name: string) => rows[row]?.querySelector(`[data-field="${name}"]`) as HTMLInputElement;
    const type = (row: number, value: string) => {
      field(row, "site").value = value;
      field(row, "site").dispatchEvent(new Event("input", { bubbles: true }));
    };
    const invalidRows = () => rows.map((row) => !!row.querySelector('[aria-invalid="true"]'));
    type(1, "not a site");
    type(3, "no site either");
    byId<HTMLFormElement>("settings").requestSubmit();
    await settle();
    expect(document.activeElement).toBe(field(1, "term"));
    type(1, "reddit.com/r/de");
    byId<HTMLFormElement>("settings").requestSubmit();
    await settle();
    expect(byId("glossary-error").textContent).toMatch(/“no site either” is not a site/);
    expect(document.activeElement).toBe(field(3, "term"));
    expect(invalidRows()).toEqual([false, false, false, true]);
  });

  it("says the settings were saved but the sites will not translate as they open when the browser refused that", async () => {
    const problem = "the browser did not let Gloss run on the sites to translate automatically (Invalid url pattern).";
    await openOptions(
      DEFAULTS,
      {},
      {
        saveSettings: ({ patch }: { patch: Partial<Settings> }) => ({
          saved: true,
          settings: applySettingsPatch(DEFAULTS, patch),
          autoTranslateProblem: problem,
        }),
      },
    );
    const sites = byId<HTMLTextAreaElement>("autoTranslate");
    sites.value = "spiegel.de";
    sites.dispatchEvent(new Event("input", { bubbles: true }));
    byId<HTMLFormElement>("settings").requestSubmit();
    await settle();
    await settle();
    expect(byId("save-status").textContent).toBe(`Saved, but ${problem}`);
    expect(sites.value).toBe("spiegel.de");
  });

  it("adds a part left untranslated from the keyboard, saves it, and removes it again", async () => {
    const { saved } = await openOptions({ ...DEFAULTS });
    const add = byId<HTMLButtonElement>("skipParts-add");
    add.focus();
    add.click();
    const row = document.querySelector("#skipParts-rows tr")!;
    const field = (name: string) => row.querySelector(`[data-field="${name}"]`) as HTMLInputElement;
    expect(document.activeElement).toBe(field("site"));
    expect([field("site").placeholder, field("selector").placeholder]).toEqual(["e.g. reddit.com", "e.g. .side"]);
    field("site").value = "Reddit.com";
    field("selector").value = ".side";
    field("selector").dispatchEvent(new Event("input", { bubbles: true }));
    expect(byId("save-status").textContent).toBe("Unsaved changes.");
    byId<HTMLFormElement>("settings").requestSubmit();
    await settle();
    expect(byId("save-status").textContent).toBe("Saved.");
    expect(saved().skipParts).toEqual([{ site: "reddit.com", selector: ".side" }]);

    const remove = document.querySelector<HTMLButtonElement>("#skipParts-rows tr button")!;
    expect(remove.getAttribute("aria-label")).toBe("Remove .side on reddit.com");
    remove.focus();
    remove.click();
    // The keyboard stays in the section, on Add, rather than falling to the page.
    expect(document.activeElement).toBe(add);
    byId<HTMLFormElement>("settings").requestSubmit();
    await settle();
    expect(saved().skipParts).toEqual([]);
  });

  it("keeps a part picked in a page while the table has unsaved edits: saving the table saves both", async () => {
    const listeners: Array<(changes: Record<string, { newValue: unknown }>, area: string) => void> = [];
    const { saved } = await openOptions(
      { ...DEFAULTS },
      { storage: { onChanged: { addListener: (listener: (typeof listeners)[number]) => listeners.push(listener) } } },
    );
    byId<HTMLButtonElement>("skipParts-add").click();
    const typed = document.querySelector("#skipParts-rows tr")!;
    const field = (name: string) => typed.querySelector(`[data-field="${name}"]`) as HTMLInputElement;
    field("site").value = "lemonde.fr";
    field("selector").focus();
    field("selector").value = "#ticker";
    field("selector").dispatchEvent(new Event("input", { bubbles: true }));
    // Meanwhile the picker saves old Reddit's sidebar (the background writes the settings).
    const picked = { site: "reddit.com", selector: ".side" };
    for (const listener of listeners)
      listener({ settings: { newValue: { ...DEFAULTS, skipParts: [picked] } } }, "local");
    await settle();
    expect(document.activeElement).toBe(field("selector"));
    byId<HTMLFormElement>("settings").requestSubmit();
    await settle();
    expect(saved().skipParts).toEqual([{ site: "lemonde.fr", selector: "#ticker" }, picked]);
  });

  it("a part another window removed goes from a table edited here, unless it was edited here: Save does not bring it back", async () => {
    const parts = [
      { site: "reddit.com", selector: ".side" },
      { site: "lemonde.fr", selector: "#ticker" },
      { site: "spiegel.de", selector: ".teaser" },
    ];
    const { saved, storedElsewhere } = await openHearing({ ...DEFAULTS, skipParts: parts });
    const rows = () =>
      [...document.querySelectorAll("#skipParts-rows tr")].map((tr) =>
        [...tr.querySelectorAll("input")].map((input) => input.value).join(" "),
      );
    // The reader edits the third part's selector and leaves the first two as they are.
    const edited = document.querySelectorAll<HTMLInputElement>('#skipParts-rows [data-field="selector"]')[2]!;
    edited.value = ".teaser, .ad";
    edited.dispatchEvent(new Event("input", { bubbles: true }));
    // Another window removes the first and the third.
    await storedElsewhere({ ...DEFAULTS, skipParts: [parts[1]!] });
    expect(rows()).toEqual(["lemonde.fr #ticker", "spiegel.de .teaser, .ad"]);
    byId<HTMLFormElement>("settings").requestSubmit();
    await settle();
    expect(saved().skipParts).toEqual([parts[1], { site: "spiegel.de", selector: ".teaser, .ad" }]);
  });

  it("a term changed in two options tabs at once stays one row: the reader's, said near Save, with the other to take", async () => {
    const bahn = { term: "Bahn", translation: "rail", lang: "", site: "" };
    const { saved, storedElsewhere } = await openHearing({ ...DEFAULTS, glossary: [bahn] });
    const rows = () =>
      [...document.querySelectorAll("#glossary-rows tr")].map((tr) =>
        [...tr.querySelectorAll<HTMLInputElement>("input")].map((input) => input.value).join(" "),
      );
    const translation = document.querySelector<HTMLInputElement>('#glossary-rows [data-field="translation"]')!;
    translation.value = "train";
    translation.dispatchEvent(new Event("input", { bubbles: true }));
    // The other tab changed the same term otherwise, and added one (typed in another case than here: the same term).
    const gleis = { term: "Gleis", translation: "track", lang: "", site: "" };
    await storedElsewhere({ ...DEFAULTS, glossary: [{ ...bahn, translation: "railway" }, gleis] });
    expect(rows()).toEqual(["Bahn train ", "Gleis track "]);
    const notice = byId("changed-elsewhere");
    expect([...notice.querySelectorAll("li span")].map((line) => line.textContent)).toEqual([
      "Glossary, “Bahn”: changed to “railway” in another window or browser — Save keeps yours.",
    ]);
    // Saved as it is, nothing is refused as listed twice, and neither tab's change is lost.
    byId<HTMLFormElement>("settings").requestSubmit();
    await settle();
    expect(saved().glossary).toEqual([{ ...bahn, translation: "train" }, gleis]);
  });

  it("a term removed here that another tab changed stays removed, said near Save with the other version to take", async () => {
    const bahn = { term: "Bahn", translation: "rail", lang: "", site: "" };
    const kita = { term: "Kita", translation: "", lang: "", site: "" };
    const { saved, storedElsewhere } = await openHearing({ ...DEFAULTS, glossary: [bahn, kita] });
    document.querySelector<HTMLButtonElement>('#glossary-rows button[aria-label="Remove Kita"]')!.click();
    await storedElsewhere({ ...DEFAULTS, glossary: [bahn, { ...kita, translation: "daycare" }] });
    expect(document.querySelectorAll("#glossary-rows tr")).toHaveLength(1);
    expect([...byId("changed-elsewhere").querySelectorAll("li span")].map((line) => line.textContent)).toEqual([
      "Glossary, “Kita”: changed to “daycare” in another window or browser — Save keeps yours.",
    ]);
    byId<HTMLFormElement>("settings").requestSubmit();
    await settle();
    expect(saved().glossary).toEqual([bahn]);
  });

  it("a term and a part edited here that another tab removed are said near Save; Remove it takes the removal", async () => {
    const entry = (term: string) => ({ term, translation: "", lang: "", site: "" });
    const side = { site: "reddit.com", selector: ".side" };
    const { saved, storedElsewhere } = await openHearing({
      ...DEFAULTS,
      glossary: ["Bahn", "Kita"].map(entry),
      skipParts: [side],
    });
    typeInto('#glossary-rows tr:nth-child(2) [data-field="translation"]', "daycare");
    typeInto('#skipParts-rows [data-field="selector"]', ".side, .footer");
    await storedElsewhere({ ...DEFAULTS, glossary: [entry("Bahn")], skipParts: [] });
    const lines = linesSaid;
    expect(lines()).toEqual([
      "Glossary, “Kita”: removed in another window or browser — Save keeps yours.",
      "Parts left untranslated, “.side on reddit.com”: removed in another window or browser — Save keeps yours.",
    ]);
    const removeIt = byId("changed-elsewhere").querySelector("button")!;
    expect(removeIt.textContent).toBe("Remove it");
    removeIt.focus();
    removeIt.click();
    expect(document.querySelectorAll("#glossary-rows tr")).toHaveLength(1);
    expect(document.activeElement).toBe(document.querySelector('#glossary-rows [data-field="term"]'));
    expect(lines()).toEqual([
      "Parts left untranslated, “.side on reddit.com”: removed in another window or browser — Save keeps yours.",
    ]);
    byId<HTMLFormElement>("settings").requestSubmit();
    await settle();
    expect(saved().glossary).toEqual([entry("Bahn")]);
    expect(saved().skipParts).toEqual([{ site: "reddit.com", selector: ".side, .footer" }]);
    expect(lines()).toEqual([]);
  });

  it("a refused save marks the row at fault in every table, though the keyboard goes to the address", async () => {
    const entry = (term: string) => ({ term, translation: "", lang: "", site: "" });
    await openOptions({
      ...DEFAULTS,
      glossary: ["Bahn", "Kita"].map(entry),
      skipParts: [
        { site: "reddit.com", selector: ".side" },
        { site: "lemonde.fr", selector: "#ticker" },
      ],
    });
    typeInto("#baseUrl", "not an address");
    typeInto('#glossary-rows tr:nth-child(2) [data-field="site"]', "not a site");
    typeInto('#skipParts-rows tr:nth-child(2) [data-field="selector"]', "aside:sidebar");
    byId<HTMLFormElement>("settings").requestSubmit();
    await settle();
    expect(document.activeElement).toBe(byId("baseUrl"));
    const marked = (table: string) =>
      [...document.querySelectorAll(`#${table}-rows tr`)].map((row) => !!row.querySelector('[aria-invalid="true"]'));
    expect(marked("glossary")).toEqual([false, true]);
    expect(marked("skipParts")).toEqual([false, true]);
    // Fixing one table's row leaves the other's marked.
    typeInto('#glossary-rows tr:nth-child(2) [data-field="site"]', "reddit.com");
    expect(marked("glossary")).toEqual([false, false]);
    expect(marked("skipParts")).toEqual([false, true]);
  });

  it("a part removed here that another tab changed stays removed, said near Save with the other version to take", async () => {
    const side = { site: "reddit.com", selector: ".side" };
    const ticker = { site: "lemonde.fr", selector: "#ticker" };
    const { saved, storedElsewhere } = await openHearing({ ...DEFAULTS, skipParts: [side, ticker] });
    document
      .querySelector<HTMLButtonElement>('#skipParts-rows button[aria-label="Remove .side on reddit.com"]')!
      .click();
    // The other tab widens the part, and adds one of its own on the same site.
    const footer = { site: "reddit.com", selector: "footer" };
    await storedElsewhere({ ...DEFAULTS, skipParts: [{ ...side, selector: ".side, .ad" }, ticker, footer] });
    const selectors = [...document.querySelectorAll<HTMLInputElement>('#skipParts-rows [data-field="selector"]')];
    expect(selectors.map((selector) => selector.value)).toEqual(["#ticker", "footer"]);
    expect(linesSaid()).toEqual([
      "Parts left untranslated, “.side on reddit.com”: changed to “.side, .ad on reddit.com” in another window or browser — Save keeps yours.",
    ]);
    byId<HTMLFormElement>("settings").requestSubmit();
    await settle();
    expect(saved().skipParts).toEqual([ticker, footer]);
  });

  it("takes the other tab's version of a term changed in both into the reader's row, from the keyboard", async () => {
    const bahn = { term: "Bahn", translation: "rail", lang: "", site: "" };
    const { saved, storedElsewhere } = await openHearing({ ...DEFAULTS, glossary: [bahn] });
    byId<HTMLButtonElement>("glossary-add").click();
    const added = document.querySelectorAll("#glossary-rows tr")[1]!;
    added.querySelector<HTMLInputElement>('[data-field="term"]')!.value = "gleis";
    added.querySelector<HTMLInputElement>('[data-field="translation"]')!.value = "platform";
    added.dispatchEvent(new Event("input", { bubbles: true }));
    const gleis = { term: "Gleis", translation: "track", lang: "", site: "" };
    await storedElsewhere({ ...DEFAULTS, glossary: [bahn, gleis] });
    expect(document.querySelectorAll("#glossary-rows tr")).toHaveLength(2);
    const use = byId("changed-elsewhere").querySelector("button")!;
    use.click();
    const taken = document.querySelectorAll("#glossary-rows tr")[1]!;
    expect(taken.querySelector<HTMLInputElement>('[data-field="translation"]')!.value).toBe("track");
    expect(document.activeElement).toBe(taken.querySelector('[data-field="term"]'));
    expect(byId("changed-elsewhere").textContent).toBe("");
    byId<HTMLFormElement>("settings").requestSubmit();
    await settle();
    expect(saved().glossary).toEqual([bahn, gleis]);
  });

  it("says above Save that a field being edited was changed in another browser, and Save keeps the reader's value", async () => {
    const { saved, storedElsewhere } = await openHearing({ ...DEFAULTS });
    const model = byId<HTMLInputElement>("model");
    model.value = "gemma-2-9b-it";
    model.dispatchEvent(new Event("input", { bubbles: true }));
    const notice = byId("changed-elsewhere");
    expect(notice.getAttribute("aria-live")).toBe("polite");
    expect(notice.textContent).toBe("");
    // Another browser, through sync, changes the model and the address; the address was not touched here.
    await storedElsewhere({ ...DEFAULTS, model: "gemma2:2b", baseUrl: "http://127.0.0.1:8081" });
    expect(byId<HTMLInputElement>("baseUrl").value).toBe("http://127.0.0.1:8081");
    expect(model.value).toBe("gemma-2-9b-it");
    expect([...notice.querySelectorAll("li span")].map((line) => line.textContent)).toEqual([
      "Model: changed to “gemma2:2b” in another window or browser — Save keeps yours.",
    ]);

    byId<HTMLFormElement>("settings").requestSubmit();
    await settle();
    expect(saved()).toMatchObject({ model: "gemma-2-9b-it", baseUrl: "http://127.0.0.1:8081" });
    expect(notice.textContent).toBe("");
  });

  it("a key typed here stays with the address it was typed under, not the one another browser saved meanwhile", async () => {
    const here = "http://192.168.1.5:8080";
    const { saved, storedElsewhere } = await openHearing({
      ...DEFAULTS,
      baseUrl: here,
      apiKey: "sk-old",
      apiKeyFor: here,
    });
    const key = byId<HTMLInputElement>("apiKey");
    key.value = "sk-for-this-server";
    key.dispatchEvent(new Event("input", { bubbles: true }));
    // Another browser, through sync, moves to its own server: the key saved here goes with the old address.
    await storedElsewhere(applySettingsPatch(saved(), { baseUrl: "https://llm.example.net" }));
    expect(byId<HTMLInputElement>("baseUrl").value).toBe(here);
    expect([...byId("changed-elsewhere").querySelectorAll("li span")].map((line) => line.textContent)).toContain(
      "Address: changed to “https://llm.example.net” in another window or browser — Save keeps yours.",
    );

    byId<HTMLFormElement>("settings").requestSubmit();
    await settle();
    expect(saved()).toMatchObject({ baseUrl: here, apiKey: "sk-for-this-server", apiKeyFor: here });
  });

  it("takes the other browser's value from the keyboard, gives the field the focus, and the notice goes", async () => {
    const { saved, storedElsewhere } = await openHearing({ ...DEFAULTS });
    const mode = byId<HTMLSelectElement>("displayMode");
    mode.value = "bilingual";
    mode.dispatchEvent(new Event("change", { bubbles: true }));
    const limit = byId<HTMLInputElement>("stallTimeoutSec");
    limit.value = "90";
    limit.dispatchEvent(new Event("input", { bubbles: true }));
    // Another window makes the same display mode choice as the reader (nothing is left to choose there), another
    // silence limit, and turns hover translation on.
    await storedElsewhere({ ...DEFAULTS, displayMode: "bilingual", stallTimeoutSec: 45, hoverTranslate: true });
    const notice = byId("changed-elsewhere");
    const lines = () => [...notice.querySelectorAll("li span")].map((line) => line.textContent);
    expect(lines()).toEqual([
      "Give up on a silent response after: changed to “45” in another window or browser — Save keeps yours.",
    ]);
    const use = notice.querySelector("button")!;
    expect(use.textContent).toBe("Use that instead");
    expect(byId(use.getAttribute("aria-describedby")!).textContent).toBe(lines()[0]);
    use.focus();
    use.click();
    expect(limit.value).toBe("45");
    expect(document.activeElement).toBe(limit);
    expect(notice.textContent).toBe("");
    byId<HTMLFormElement>("settings").requestSubmit();
    await settle();
    expect(saved()).toMatchObject({ stallTimeoutSec: 45, displayMode: "bilingual", hoverTranslate: true });
  });

  it("marks the part whose selector the browser cannot read, takes the keyboard to it, and saves nothing", async () => {
    const side = { site: "reddit.com", selector: ".side" };
    const { saved } = await openOptions({
      ...DEFAULTS,
      skipParts: [side, { site: "lemonde.fr", selector: "#ticker" }],
    });
    const rows = [...document.querySelectorAll("#skipParts-rows tr")];
    const field = (row: number, name: string) => rows[row]?.querySelector(`[data-field="${name}"]`) as HTMLInputElement;
    // Well formed, but no pseudo-class the browser knows: only its own parser can tell.
    field(1, "selector").value = "aside:sidebar";
    field(1, "selector").dispatchEvent(new Event("input", { bubbles: true }));
    byId<HTMLFormElement>("settings").requestSubmit();
    await settle();
    expect(byId("skipParts-error").textContent).toBe(
      "“aside:sidebar” is not a CSS selector Gloss can use. Write one such as .side, #sidebar or aside.",
    );
    expect(byId("save-status").textContent).toBe("Not saved: fix the marked fields.");
    expect(document.activeElement).toBe(field(1, "site"));
    const invalid = () => rows.map((row) => row.querySelectorAll('[aria-invalid="true"]').length);
    expect(invalid()).toEqual([0, 2]);
    expect(saved().skipParts).toEqual([side, { site: "lemonde.fr", selector: "#ticker" }]);
    field(1, "selector").value = "aside.sidebar";
    field(1, "selector").dispatchEvent(new Event("input", { bubbles: true }));
    expect(invalid()).toEqual([0, 0]);
    expect(byId("skipParts-error").textContent).toBe("");
  });

  it("asks before the tab is closed or left with unsaved changes, and not once they are saved", async () => {
    await openOptions({ ...DEFAULTS });
    const leave = () => {
      const event = new Event("beforeunload", { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(leave()).toBe(false);
    const model = byId<HTMLInputElement>("model");
    model.value = "gemma2:2b";
    model.dispatchEvent(new Event("input", { bubbles: true }));
    expect(leave()).toBe(true);
    byId<HTMLFormElement>("settings").requestSubmit();
    await settle();
    expect(byId("save-status").textContent).toBe("Saved.");
    expect(leave()).toBe(false);
  });

  it("tells an Ollama user on Linux to set OLLAMA_ORIGINS in the service, which holds the port", async () => {
    await openOptions({ ...DEFAULTS, preset: "ollama", baseUrl: "http://127.0.0.1:11434/v1", model: "gemma2:2b" });
    const hint = byId("preset-hint").textContent ?? "";
    expect(hint).toContain("OLLAMA_ORIGINS='chrome-extension://*,moz-extension://*' ollama serve");
    expect(hint).toContain("sudo systemctl edit ollama.service");
    expect(hint).toContain('Environment="OLLAMA_ORIGINS=chrome-extension://*,moz-extension://*"');
    expect(hint).toContain("sudo systemctl restart ollama");
  });

  it("counts the saved translations again when the reader comes back, so Clear can clear what other tabs saved", async () => {
    let entries = 0;
    await openWithCache(() => ({ entries }));
    const clear = byId<HTMLButtonElement>("clear-cache");
    expect(byId("cache-size").textContent).toBe("No translations saved.");
    expect(clear.getAttribute("aria-disabled")).toBe("true");
    entries = 12; // pages translated in another tab
    window.dispatchEvent(new Event("focus"));
    await settle();
    expect(byId("cache-size").textContent).toBe("12 translated passages saved.");
    expect(clear.getAttribute("aria-disabled")).toBe("false");
  });

  it("shows the count after Clear, though a count asked before it answers after it", async () => {
    let entries = 12;
    let releaseCount: () => void = () => undefined;
    await openWithCache(({ clear }) => {
      if (clear) {
        entries = 0;
        return { entries };
      }
      const counted = entries;
      return new Promise((resolve) => (releaseCount = () => resolve({ entries: counted })));
    });
    releaseCount();
    await settle();
    expect(byId("cache-size").textContent).toBe("12 translated passages saved.");
    window.dispatchEvent(new Event("focus")); // a count, held back
    byId<HTMLButtonElement>("clear-cache").click();
    await settle();
    expect(byId("cache-size").textContent).toBe("No translations saved.");
    releaseCount(); // the count from before Clear comes last
    await settle();
    expect(byId("cache-size").textContent).toBe("No translations saved.");
  });

  it("shows the count Clear leaves, though the reader came back to the page while it cleared", async () => {
    let entries = 12;
    let finishClear: () => void = () => undefined;
    await openWithCache(({ clear }) => {
      if (!clear) return { entries };
      return new Promise((resolve) => (finishClear = () => resolve({ entries: (entries = 0) })));
    });
    byId<HTMLButtonElement>("clear-cache").click();
    window.dispatchEvent(new Event("focus")); // back to the page before the clear is done
    await settle();
    finishClear();
    await settle();
    expect(byId("cache-size").textContent).toBe("No translations saved.");
  });

  it("tests the server with the server's fields alone: a glossary row at fault elsewhere neither stops it nor is judged", async () => {
    const tested: Array<Record<string, unknown>> = [];
    await openOptions(
      { ...DEFAULTS, glossary: [{ term: "Bahn", translation: "railway", lang: "", site: "" }] },
      {},
      {
        testConnection: ({ settings }: { settings: Record<string, unknown> }) => {
          tested.push(settings);
          return { ok: false, kind: "", error: { message: "Nothing answers at that address." } };
        },
      },
    );
    const site = document.querySelector('#glossary-rows [data-field="site"]') as HTMLInputElement;
    site.value = "not a site";
    site.dispatchEvent(new Event("input", { bubbles: true }));
    byId<HTMLFormElement>("settings").requestSubmit();
    await settle();
    const glossaryError = byId("glossary-error").textContent;
    expect(glossaryError).toMatch(/is not a site/);
    const baseUrl = byId<HTMLInputElement>("baseUrl");
    baseUrl.value = "not an address";
    baseUrl.dispatchEvent(new Event("input", { bubbles: true }));
    byId<HTMLButtonElement>("test-connection").click();
    await settle();
    // The server's field at fault is marked and has the keyboard; the glossary's mark from Save stays as it was.
    expect(tested).toEqual([]);
    expect(baseUrl.getAttribute("aria-invalid")).toBe("true");
    expect(byId("baseUrl-error").textContent).not.toBe("");
    expect(document.activeElement).toBe(baseUrl);
    expect(byId("glossary-error").textContent).toBe(glossaryError);
    expect(byId("test-result").textContent).toBe("Not tested: fix the server setting marked above first.");
    baseUrl.value = "http://127.0.0.1:8080";
    baseUrl.dispatchEvent(new Event("input", { bubbles: true }));
    byId<HTMLButtonElement>("test-connection").click();
    await settle();
    await settle();
    expect(tested).toHaveLength(1);
    expect(tested[0]).toMatchObject({ baseUrl: "http://127.0.0.1:8080" });
    expect(tested[0]).not.toHaveProperty("glossary");
    expect(byId("glossary-error").textContent).toBe(glossaryError);
    expect(byId("test-result").textContent).toContain("Nothing answers at that address.");
  });

  it("says the model Load list put in the empty Model field is a change to save", async () => {
    await openOptions(
      { ...DEFAULTS, preset: "ollama", baseUrl: "http://127.0.0.1:11434/v1", model: "" },
      {},
      { listModels: () => ["gemma2:2b", "qwen3:4b"] },
    );
    byId<HTMLFormElement>("settings").requestSubmit();
    await settle();
    expect(byId("save-status").textContent).toBe("No changes to save.");
    byId<HTMLButtonElement>("refresh-models").click();
    await settle();
    await settle();
    expect(byId<HTMLInputElement>("model").value).toBe("gemma2:2b");
    expect(byId("save-status").textContent).toBe("Unsaved changes.");
  });

  it("says a fix that names the options page as this page would: the server's fields above", async () => {
    const noModel = {
      message: "The server has no model gemma2:2b.",
      fix: "Pick one of the server's models on the options page.",
    };
    await openOptions(
      { ...DEFAULTS, preset: "ollama", baseUrl: "http://127.0.0.1:11434/v1", model: "gemma2:2b" },
      {},
      {
        listModels: () => Promise.reject(noModel),
      },
    );
    byId<HTMLButtonElement>("refresh-models").click();
    await settle();
    await settle();
    expect(byId("model-status").textContent).toBe(
      "The server has no model gemma2:2b.Pick one of the server's models above.",
    );
  });

  it("words a model check that could not run as this page would: its fix points at the fields above", async () => {
    const report = { ok: true, kind: "llama-server", model: "gemma-2-2b-it" };
    const failed = {
      at: 0,
      targetLang: "en",
      verdict: "failed",
      summary: "The model check could not run.",
      error: {
        message: "The server has no model gemma2:2b.",
        fix: "Pick one of the server's models on the options page.",
      },
      tags: { kept: 0, total: 0, repaired: 0 },
      segments: { kept: 0, total: 0 },
      language: { correct: 0, total: 0 },
      durationMs: 5,
    };
    await openOptions({ ...DEFAULTS }, {}, { testConnection: () => report, checkModel: () => failed });
    byId<HTMLButtonElement>("test-connection").click();
    for (let i = 0; i < 6 && !byId("model-check").textContent; i++) await settle();
    expect(byId("model-check").textContent).toContain("Pick one of the server's models above.");
    expect(byId("model-check").textContent).not.toContain("on the options page");
  });

  it("shows the welcome's toolbar line with its shortcut, not a blank line while the browser is slow to say", async () => {
    window.location.hash = "welcome";
    try {
      let answer: (value: unknown) => void = () => undefined;
      const slow = new Promise((resolve) => (answer = resolve));
      await openOptions(
        { ...DEFAULTS },
        {
          commands: { getAll: async () => [{ name: "toggle-translation", shortcut: "Alt+Shift+G" }] },
          action: { getUserSettings: () => slow },
        },
      );
      await settle();
      // Until the browser says where the button is, the welcome shows neither line rather than half of it.
      expect(byId("welcome-shortcut").querySelector("kbd")).toBeNull();
      expect(byId("pin-text").textContent).toBe("");
      answer({ isOnToolbar: true });
      await settle();
      expect([...byId("welcome-shortcut").querySelectorAll("kbd")].map((kbd) => kbd.textContent)).toEqual([
        "Alt",
        "Shift",
        "G",
      ]);
      expect(byId("pin-text").textContent).toBe(
        "Gloss's button is on the toolbar; its badge shows the progress while Gloss translates.",
      );
    } finally {
      window.location.hash = "";
    }
  });

  it("welcomes a Firefox for Android user with where Gloss is on a phone, not with a toolbar to pin it to", async () => {
    window.location.hash = "welcome";
    try {
      // Firefox for Android: the action API answers without isOnToolbar, and there are no keyboard commands.
      await openOptions(
        { ...DEFAULTS },
        {
          runtime: {
            id: "gloss-test",
            sendMessage: async () => ({ ok: false, error: { message: "no answer" } }),
            getManifest: () => ({ version: "0.0.0" }),
            getPlatformInfo: async () => ({ os: "android" }),
          },
          commands: undefined,
          action: { getUserSettings: async () => ({}) },
        },
      );
      await settle();
      const pin = byId("pin-text").textContent ?? "";
      expect(pin).toContain("browser's menu");
      expect(pin).not.toMatch(/puzzle|Pin to Toolbar/);
      // No keys and no context menu there: the way in is the popup.
      expect(byId("welcome-shortcut").textContent).toContain("Gloss's popup translates the page");
      expect(byId("writing-hint").textContent).toMatch(
        /In a text box,\s+choose Translate what I wrote in Gloss's popup:/,
      );
      expect(byId("writing-hint").textContent).not.toMatch(/context menu|shortcut/);
    } finally {
      window.location.hash = "";
    }
  });
});

describe("keeping settings in step across browsers", () => {
  it("is off by default, asks which settings to keep when the account holds others, and takes the answer", async () => {
    const requests: unknown[] = [];
    await openOptions(
      DEFAULTS,
      {},
      {
        settingsSync: (request: { on?: boolean; keep?: string }) => {
          requests.push(request);
          if (request.on === undefined) return { on: false };
          return request.keep ? { on: true } : { on: false, ask: "14 settings, 3 sites, 12 glossary terms" };
        },
      },
    );
    const box = byId<HTMLInputElement>("sync-on");
    expect(box.checked).toBe(false);
    expect(document.querySelector('label[for="sync-on"]')?.textContent).toBe(
      "Keep these settings the same in every browser signed in to this account",
    );
    box.click();
    await settle();
    // Nothing turned on, nothing overwritten: the reader is asked, and the keyboard is on the answer that keeps both.
    expect(requests).toEqual([{}, { on: true }]);
    expect(box.checked).toBe(false);
    expect(byId("sync-confirm").hidden).toBe(false);
    expect(byId("sync-confirm-text").textContent).toBe(
      "Your account already holds Gloss settings from another browser (14 settings, 3 sites, 12 glossary terms). Which should every browser keep?",
    );
    expect(document.activeElement).toBe(byId("sync-cancel"));

    byId<HTMLButtonElement>("sync-keep-account").click();
    await settle();
    expect(requests.at(-1)).toEqual({ on: true, keep: "account" });
    expect(box.checked).toBe(true);
    expect(byId("sync-confirm").hidden).toBe(true);
    expect(byId("sync-status").textContent).toContain("On: a change saved here reaches your other browsers");
  });

  it("leaves sync off on Escape, and says why settings are not in step", async () => {
    await openOptions(
      DEFAULTS,
      {},
      {
        settingsSync: (request: { on?: boolean }) =>
          request.on === undefined
            ? { on: true, problem: "Your settings are too large for your browser's sync: 130 KB." }
            : { on: false, ask: "2 settings" },
      },
    );
    const box = byId<HTMLInputElement>("sync-on");
    expect(box.checked).toBe(true);
    expect(byId("sync-status").textContent).toContain("too large for your browser's sync: 130 KB.");
    box.click(); // off
    await settle();
    box.click(); // on again: asked
    await settle();
    byId("sync-cancel").dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    expect(byId("sync-confirm").hidden).toBe(true);
    expect(box.checked).toBe(false);
    expect(document.activeElement).toBe(box);
  });

  it("keeps saying what the last sync left this browser to know when the question turning it on is cancelled", async () => {
    const removed = "Your other browsers' settings changed the server. Your API key was removed.";
    await openOptions(
      DEFAULTS,
      {},
      {
        settingsSync: (request: { on?: boolean }) =>
          request.on === undefined ? { on: false, keyRemoved: removed } : { on: false, ask: "2 settings" },
      },
    );
    const status = byId("sync-status");
    expect(status.textContent).toContain(removed);
    byId<HTMLInputElement>("sync-on").click();
    await settle();
    byId<HTMLButtonElement>("sync-cancel").click();
    // Nothing changed: the page says what it said before the question, as it does when opened again.
    expect(status.textContent).toContain(removed);
    expect(status.textContent).toContain("Off: these settings are kept in this browser only.");
  });

  it("names the glossary terms a merge of two browsers' changes could not keep", async () => {
    const gleis = { term: "Gleis", translation: "track", lang: "de", site: "" };
    await openOptions(DEFAULTS, {}, { settingsSync: () => ({ on: true, leftOut: { glossary: [gleis] } }) });
    const status = byId("sync-status");
    expect(status.className).toContain("fail");
    expect(status.querySelector("p")?.textContent).toBe(
      "Your browsers changed the glossary (at most 300 terms, each once for a language and site) at the same time, and together the changes did not fit. Not kept, in any of your browsers: “Gleis” → “track” (de). Add again those you want, after removing others you no longer need.",
    );
  });

  it("says which browser's settings could not be synced, and since when, rather than that all is in step", async () => {
    const dec3 = new Date(2026, 11, 3, 12).getTime();
    const mark = { over: 12 * 1024, at: dec3 + 3600_000, since: dec3, name: "Chrome on Windows" };
    const behind = behindMessage([mark], dec3 + 7200_000);
    await openOptions(DEFAULTS, {}, { settingsSync: () => ({ on: true, othersBehind: behind }) });
    const status = byId("sync-status");
    expect([...status.querySelectorAll("p")].map((p) => p.textContent)).toEqual([
      "Chrome on Windows could not sync its settings since 3 Dec: they are 12 KB too large (your browser's sync holds 99 KB of Gloss's settings), so its changes stay in that browser and its settings may not be the same as these until they fit.",
      "On: a change saved here reaches your other browsers, and theirs come here. Your API key stays here.",
    ]);
    expect(status.className).toContain("fail");
  });

  it("lets the reader rename this browser, as the others name it, and go back to the made name by emptying the field", async () => {
    const requests: unknown[] = [];
    let own = "";
    await openOptions(
      DEFAULTS,
      {},
      {
        syncName: (request: { name?: string }) => {
          requests.push(request);
          if (request.name !== undefined) own = request.name.trim();
          return { name: own || "Firefox on Linux", made: "Firefox on Linux" };
        },
      },
    );
    const field = byId<HTMLInputElement>("sync-name");
    expect(document.querySelector("label[for=sync-name]")?.textContent).toBe("This browser's name");
    expect(field.value).toBe("Firefox on Linux");
    expect(field.placeholder).toBe("Firefox on Linux");
    field.value = "  Work laptop ";
    field.dispatchEvent(new Event("change"));
    await settle();
    expect(field.value).toBe("Work laptop");
    field.value = "";
    field.dispatchEvent(new Event("change"));
    await settle();
    expect(field.value).toBe("Firefox on Linux");
    expect(requests).toEqual([{}, { name: "  Work laptop " }, { name: "" }]);
  });

  it("asks before the tab is closed with a name typed that has not been taken yet (the field not left)", async () => {
    await openOptions(DEFAULTS, {}, { settingsSync: () => ({ on: true }) });
    const leave = () => {
      const event = new Event("beforeunload", { cancelable: true });
      window.dispatchEvent(event);
      return event.defaultPrevented;
    };
    const field = byId<HTMLInputElement>("sync-name");
    expect(field.value).toBe("Firefox on Linux");
    expect(leave()).toBe(false);
    field.value = "Work laptop";
    field.dispatchEvent(new Event("input", { bubbles: true }));
    expect(leave()).toBe(true);
    field.dispatchEvent(new Event("change"));
    await settle();
    expect(leave()).toBe(false);
  });

  it("says next to the field when this browser could not be renamed, and keeps saying why settings are not in step", async () => {
    await openOptions(
      DEFAULTS,
      {},
      {
        settingsSync: () => ({ on: true, problem: "Your settings are too large for your browser's sync: 130 KB." }),
        syncName: (request: { name?: string }) => {
          if (request.name === "Work laptop") return Promise.reject({ message: "Storage is full." });
          return { name: request.name ?? "Firefox on Linux", made: "Firefox on Linux" };
        },
      },
    );
    const field = byId<HTMLInputElement>("sync-name");
    field.value = "Work laptop";
    field.dispatchEvent(new Event("change"));
    await settle();
    // Said next to the field, which reads it as its description; the section's own problem stays said.
    expect(byId("sync-name-error").textContent).toBe("This browser's name was not changed: Storage is full.");
    expect(field.getAttribute("aria-invalid")).toBe("true");
    expect(field.getAttribute("aria-describedby")?.split(" ")).toContain("sync-name-error");
    expect(byId("sync-status").querySelector("p")?.textContent).toBe(
      "Your settings are too large for your browser's sync: 130 KB.",
    );
    field.value = "Laptop";
    field.dispatchEvent(new Event("change"));
    await settle();
    expect(byId("sync-name-error").textContent).toBe("");
    expect(field.getAttribute("aria-invalid")).toBe("false");
  });

  it("dismisses the entries a merge could not keep from the keyboard, and keeps saying the rest", async () => {
    const gleis = { term: "Gleis", translation: "track", lang: "de", site: "" };
    const removed = "Your other browsers' settings changed the server. Your API key was removed.";
    const requests: unknown[] = [];
    await openOptions(
      DEFAULTS,
      {},
      {
        settingsSync: (request: { dismissLeftOut?: true }) => {
          requests.push(request);
          return request.dismissLeftOut
            ? { on: true, keyRemoved: removed }
            : { on: true, keyRemoved: removed, leftOut: { glossary: [gleis] } };
        },
      },
    );
    const status = byId("sync-status");
    const dismiss = [...status.querySelectorAll("button")].find((button) => button.textContent === "Dismiss")!;
    expect(dismiss.getAttribute("aria-label")).toBe("Dismiss the list of entries not kept, in this browser");
    dismiss.focus();
    expect(document.activeElement).toBe(dismiss);
    dismiss.click();
    await settle();
    expect(requests.at(-1)).toEqual({ dismissLeftOut: true });
    expect(status.textContent).not.toContain("Not kept");
    expect(status.querySelector("button")).toBeNull();
    expect(status.textContent).toContain(removed);
    expect(status.textContent).toContain("On: a change saved here reaches your other browsers");
    expect(document.activeElement).toBe(byId("sync-on"));
  });

  it("keeps saying the sync problem when Dismiss fails, and says the failure beside it", async () => {
    const gleis = { term: "Gleis", translation: "track", lang: "de", site: "" };
    const tooLarge = "Your settings are too large for your browser's sync: 130 KB.";
    await openOptions(
      DEFAULTS,
      {},
      {
        settingsSync: (request: { dismissLeftOut?: true }) => {
          if (request.dismissLeftOut) return Promise.reject({ message: "Storage is full." });
          return { on: true, problem: tooLarge, leftOut: { glossary: [gleis] } };
        },
      },
    );
    const status = byId("sync-status");
    [...status.querySelectorAll("button")].find((button) => button.textContent === "Dismiss")!.click();
    await settle();
    // The problem the reader was reading stays; the failed dismissal is said as well, not in its place.
    expect(status.textContent).toContain(tooLarge);
    expect(status.textContent).toContain("The list was not dismissed: Storage is full.");
    expect(status.textContent).toContain("Not kept");
  });

  it("keeps saying why settings are not in step when turning sync off fails", async () => {
    const behind = "Your other browsers keep these settings with a newer Gloss.";
    await openOptions(
      DEFAULTS,
      {},
      {
        settingsSync: (request: { on?: boolean }) =>
          request.on === false ? Promise.reject({ message: "Storage is full." }) : { on: true, othersBehind: behind },
      },
    );
    const box = byId<HTMLInputElement>("sync-on");
    box.click();
    await settle();
    const status = byId("sync-status");
    expect(status.textContent).toContain("Sync was not changed: Storage is full.");
    expect(status.textContent).toContain(behind);
    expect(box.checked).toBe(true);
  });

  it("says in the question that using the account's settings removes the API key, and says after that it went", async () => {
    const loss =
      "Their server is https://other.example.org. Your API key is only ever sent to http://127.0.0.1:8080, where it was entered, so using their settings removes it here: enter it again if their server needs one.";
    const removed =
      "Your other browsers' settings changed the server. Your API key was for http://127.0.0.1:8080 and was removed: enter it again if https://other.example.org needs one.";
    await openOptions(
      DEFAULTS,
      {},
      {
        settingsSync: (request: { on?: boolean; keep?: string }) => {
          if (request.on === undefined) return { on: false };
          return request.keep ? { on: true, keyRemoved: removed } : { on: false, ask: "14 settings", askLoss: loss };
        },
      },
    );
    byId<HTMLInputElement>("sync-on").click();
    await settle();
    expect(byId("sync-confirm-text").textContent).toBe(
      `Your account already holds Gloss settings from another browser (14 settings). ${loss} Which should every browser keep?`,
    );
    byId<HTMLButtonElement>("sync-keep-account").click();
    await settle();
    const status = byId("sync-status");
    expect(status.className).toContain("fail");
    expect(status.querySelector("p")?.textContent).toBe(removed);
  });

  it("closes its question when sync is turned on in another tab meanwhile, the keyboard going to the checkbox", async () => {
    const listeners: Array<(changes: Record<string, { newValue: unknown }>, area: string) => void> = [];
    await openOptions(
      DEFAULTS,
      { storage: { onChanged: { addListener: (listener: (typeof listeners)[number]) => listeners.push(listener) } } },
      { settingsSync: (request: { on?: boolean }) => (request.on ? { on: false, ask: "2 settings" } : { on: false }) },
    );
    byId<HTMLInputElement>("sync-on").click();
    await settle();
    expect(byId("sync-confirm").hidden).toBe(false);
    expect(document.activeElement).toBe(byId("sync-cancel"));
    for (const listener of listeners) listener({ settingsSync: { newValue: { on: true } } }, "local");
    await settle();
    expect(byId("sync-confirm").hidden).toBe(true);
    expect(byId<HTMLInputElement>("sync-on").checked).toBe(true);
    expect(document.activeElement).toBe(byId("sync-on"));
    expect(byId("sync-status").textContent).toContain("On: a change saved here reaches your other browsers");
  });

  it("offers only to wait or replace them when the account's settings have not all arrived", async () => {
    const requests: unknown[] = [];
    await openOptions(
      DEFAULTS,
      {},
      {
        settingsSync: (request: { on?: boolean; keep?: string }) => {
          requests.push(request);
          if (request.on === undefined) return { on: false };
          return request.keep ? { on: true } : { on: false, ask: "settings not all arrived", askIncomplete: true };
        },
      },
    );
    byId<HTMLInputElement>("sync-on").click();
    await settle();
    expect(byId("sync-confirm-text").textContent).toBe(
      "Your account's Gloss settings have not all arrived: another browser may still be sending them, or they are damaged. Wait a minute and turn this on again, or replace them with this browser's.",
    );
    expect(byId("sync-keep-account").hidden).toBe(true);
    expect(document.activeElement).toBe(byId("sync-cancel"));
    byId<HTMLButtonElement>("sync-keep-browser").click();
    await settle();
    expect(requests.at(-1)).toEqual({ on: true, keep: "browser" });
    expect(byId<HTMLInputElement>("sync-on").checked).toBe(true);
  });

  it("does not offer to replace the account's settings with these when a newer Gloss stored these", async () => {
    const why =
      "A newer Gloss saved this browser's settings (settings version 99; this one reads up to 1), and some of them show defaults here, so they cannot replace your account's settings. Use those settings here, or update Gloss in this browser first.";
    let asked: Record<string, unknown> = { on: false, ask: "2 settings", askNoReplace: why };
    await openOptions(
      DEFAULTS,
      {},
      { settingsSync: (request: { on?: boolean }) => (request.on ? asked : { on: false }) },
    );
    byId<HTMLInputElement>("sync-on").click();
    await settle();
    expect(byId("sync-confirm-text").textContent).toBe(
      `Your account already holds Gloss settings from another browser (2 settings). ${why}`,
    );
    expect(byId("sync-keep-browser").hidden).toBe(true);
    expect(byId("sync-keep-account").hidden).toBe(false);
    expect(document.activeElement).toBe(byId("sync-cancel"));
    byId<HTMLButtonElement>("sync-cancel").click();
    // Asked again over settings this browser may replace (Gloss updated here meanwhile): the answer is offered again.
    asked = { on: false, ask: "2 settings" };
    byId<HTMLInputElement>("sync-on").click();
    await settle();
    expect(byId("sync-keep-browser").hidden).toBe(false);
  });

  it("says which synced settings need access this browser has not given, with the button that asks for it", async () => {
    const asked: string[][] = [];
    await openOptions(
      { ...DEFAULTS, autoTranslate: ["lemonde.fr"], hoverTranslate: true },
      {
        permissions: {
          contains: async () => false,
          request: async ({ origins }: { origins: string[] }) => {
            asked.push(origins);
            return true;
          },
        },
      },
      { settingsSync: () => ({ on: true }) },
    );
    await settle();
    const access = byId("sync-access");
    expect(access.querySelector("p")?.textContent).toBe(
      "Your settings need access this browser has not given Gloss yet, for translating lemonde.fr automatically; translating by pointing, on every site.",
    );
    const allow = access.querySelector("button") as HTMLButtonElement;
    expect(allow.textContent).toBe("Allow access…");
    allow.focus();
    allow.click();
    await settle();
    expect(asked).toEqual([expect.arrayContaining(["*://*/*"])]);
    expect(access.textContent).toBe("Gloss may now do everything your settings ask for in this browser.");
    expect(document.activeElement).toBe(byId("sync-on"));
  });

  it("names the access the newest settings need, not those of a check that ended after it", async () => {
    const listeners: Array<(changes: Record<string, { newValue?: unknown }>, area: string) => void> = [];
    const lemonde = { settings: { ...DEFAULTS, autoTranslate: ["lemonde.fr"] }, uiLanguage: "en" };
    let slow: ((value: unknown) => void) | undefined;
    let slowNext = false;
    await openOptions(
      DEFAULTS,
      {
        storage: { onChanged: { addListener: (listener: (typeof listeners)[number]) => listeners.push(listener) } },
        // Only lemonde.fr's pages are not allowed yet.
        permissions: {
          contains: async ({ origins }: { origins: string[] }) => !origins.some((o) => o.includes("lemonde.fr")),
        },
      },
      {
        settingsSync: (request: { on?: boolean }) => ({ on: request.on === true }),
        getSettings: () => (slowNext ? new Promise((resolve) => (slow = resolve)) : lemonde),
      },
    );
    // Turned on, the section checks the stored settings (lemonde.fr translated automatically), which come slowly.
    slowNext = true;
    byId<HTMLInputElement>("sync-on").click();
    await settle();
    expect(slow).toBeDefined();
    // Meanwhile another browser's settings arrive, with no site translated automatically: nothing is missing.
    for (const listener of listeners) listener({ settings: { newValue: { ...DEFAULTS, autoTranslate: [] } } }, "local");
    await settle();
    slow!(lemonde);
    await settle();
    await settle();
    expect(byId<HTMLInputElement>("sync-on").checked).toBe(true);
    expect(byId("sync-access").textContent).toBe("");
  });

  it("says so when it cannot check the access the settings need, and the rest of the section still works", async () => {
    await openOptions(
      DEFAULTS,
      {},
      {
        settingsSync: () => ({ on: true }),
        getSettings: () => Promise.reject(new Error("The background did not answer.")),
      },
    );
    await settle();
    await settle();
    expect(byId("sync-access").textContent).toBe(
      "Gloss could not check the access your settings need in this browser: The background did not answer.",
    );
    expect(byId<HTMLInputElement>("sync-on").checked).toBe(true);
  });

  it("on Firefox for Android, whose sync never carries add-on settings, says so instead of offering it", async () => {
    const requests: unknown[] = [];
    const android = {
      id: "gloss-test",
      getManifest: () => ({ version: "0.0.0" }),
      getPlatformInfo: async () => ({ os: "android" }),
    };
    const answers = {
      settingsSync: (request: unknown) => {
        requests.push(request);
        return { on: false };
      },
      getSettings: () => ({ settings: DEFAULTS, uiLanguage: "en" }),
    };
    await openOptions(DEFAULTS, {
      runtime: {
        ...android,
        sendMessage: async ({ name, request }: { name: keyof typeof answers; request: never }) => ({
          ok: true,
          value: await answers[name]?.(request),
        }),
      },
    });
    await settle();
    const box = byId<HTMLInputElement>("sync-on");
    expect(box.disabled).toBe(true);
    expect(byId("sync-name-row").hidden).toBe(true);
    expect(byId("sync-status").textContent).toBe(
      "Firefox for Android does not sync add-on settings with your account: these settings are kept in this browser only. To bring settings here from a computer, save a backup file there and restore it here.",
    );
    box.click();
    await settle();
    expect(requests).toEqual([{}]);
  });
});

describe("the options page: Back up settings", () => {
  /** The reader picks `text` as `name` in the file picker. */
  async function pick(name: string, text: string): Promise<void> {
    const input = byId<HTMLInputElement>("backup-file");
    const file = Object.assign(new File([text], name, { type: "application/json" }), { text: async () => text });
    Object.defineProperty(input, "files", { value: [file], configurable: true });
    input.dispatchEvent(new Event("change"));
    await settle();
  }
  const languages = { writingLanguages: () => ({ languages: {} }) };

  it("asks before a file replaces unsaved changes: Escape keeps them, Restore saves the file's settings", async () => {
    const { saved } = await openOptions({ ...DEFAULTS }, {}, languages);
    const model = byId<HTMLInputElement>("model");
    model.value = "typed-here";
    model.dispatchEvent(new Event("input", { bubbles: true }));
    const file = backupText(createBackup({ ...DEFAULTS, model: "from-the-file" }, {}, "0.1.0", new Date()));
    const confirm = byId("backup-confirm");
    const status = byId("backup-status");

    await pick("gloss-settings.json", file);
    expect(confirm.hidden).toBe(false);
    expect(byId("backup-confirm-text").textContent).toBe("Restoring replaces the changes you have not saved.");
    // Keeping what is there is the safe answer.
    expect(document.activeElement).toBe(byId("backup-confirm-cancel"));
    confirm.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    expect(confirm.hidden).toBe(true);
    expect(status.textContent).toBe("Nothing was restored: your settings are as they were.");
    expect(document.activeElement).toBe(byId("backup-restore"));
    expect([model.value, saved().model]).toEqual(["typed-here", DEFAULTS.model]);

    await pick("gloss-settings.json", file);
    byId<HTMLButtonElement>("backup-confirm-restore").click();
    await settle();
    expect(confirm.hidden).toBe(true);
    expect([model.value, saved().model]).toEqual(["from-the-file", "from-the-file"]);
    expect(status.textContent).toMatch(/^Restored settings from gloss-settings\.json/);
    expect(status.className).toContain("ok");
  });

  it("says no more that saved settings could not be read once a restore has stored the file's", async () => {
    const unread = { maxConcurrent: "Requests at once must be a whole number from 0 to 16." };
    let answered = false;
    await openOptions(
      { ...DEFAULTS },
      {},
      {
        ...languages,
        getSettings: () => {
          const first = !answered;
          answered = true;
          return { settings: { ...DEFAULTS }, uiLanguage: "en", ...(first ? { unread } : {}) };
        },
      },
    );
    const status = byId("load-status");
    expect(status.textContent).toMatch(/^Gloss could not read all of your saved settings/);
    await pick(
      "gloss-settings.json",
      backupText(createBackup({ ...DEFAULTS, model: "from-the-file" }, {}, "0.1.0", new Date())),
    );
    await settle();
    expect(byId("backup-status").textContent).toMatch(/^Restored settings from gloss-settings\.json/);
    expect(status.textContent).toBe("");
  });

  it("says a file that is no backup changed nothing; Save to a file downloads one and says what it holds", async () => {
    const { saved } = await openOptions({ ...DEFAULTS }, {}, languages);
    await pick("notes.json", "not json");
    expect(byId("backup-confirm").hidden).toBe(true);
    expect(byId("backup-status").className).toContain("fail");
    expect(saved()).toEqual(DEFAULTS);

    const names: string[] = [];
    Object.assign(URL, { createObjectURL: () => "blob:test", revokeObjectURL: () => undefined });
    jest.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    byId<HTMLButtonElement>("backup-save").click();
    await settle();
    expect(names).toEqual([expect.stringMatching(/^gloss-settings-.*\.json$/)]);
    expect(byId("backup-status").textContent).toMatch(/^Downloading gloss-settings-.*\. Your API key is not in it\.$/);
  });
});

describe("the options page over settings a newer Gloss stored", () => {
  /**
   * The options page over `raw` in storage, saved through the settings store the background uses: each write is
   * heard from storage.onChanged, as a browser tells every page. `stored()` is what storage holds.
   */
  async function openOverStorage(
    raw: Record<string, unknown>,
    answerParts: Record<string, (r: never) => unknown> = {},
  ) {
    let storage: unknown = raw;
    const listeners: Array<(changes: Record<string, { newValue: unknown }>, area: string) => void> = [];
    const store = createSettingsStore({
      read: async () => storage,
      write: async (settings) => {
        storage = structuredClone(settings);
        for (const listener of listeners) listener({ settings: { newValue: structuredClone(storage) } }, "local");
      },
    });
    await openOptions(
      DEFAULTS,
      { storage: { onChanged: { addListener: (listener: (typeof listeners)[number]) => listeners.push(listener) } } },
      {
        getSettings: async () => {
          const settings = await store.load();
          const unread = store.unread();
          const newer = store.newerVersion();
          return { settings, uiLanguage: "en", unread, ...(newer === undefined ? {} : { newer }) };
        },
        saveSettings: ({ patch }: { patch: unknown }) => store.save(patch),
        ...answerParts,
      },
    );
    /** Another tab's save, or another browser's settings taken in by sync: written to storage, and heard. */
    const storeElsewhere = async (next: Record<string, unknown>) => {
      storage = next;
      store.invalidate();
      for (const listener of listeners) listener({ settings: { newValue: structuredClone(next) } }, "local");
      await settle();
    };
    return { stored: () => storage as Record<string, unknown>, storeElsewhere };
  }

  const NEWER = SETTINGS_VERSION + 1;
  const newerNote = (fields: string) =>
    `Your settings were last saved by a newer Gloss (settings version ${NEWER}; this one reads up to ` +
    `${SETTINGS_VERSION}), and this one cannot show all of them: ${fields}. The form shows the defaults there; ` +
    "saving here keeps the newer Gloss's values for those you leave as they are.";
  const REQUESTS = "your number of requests at once (Requests at once must be a whole number from 0 to 16.)";

  it("says which fields show defaults, and Save keeps the newer Gloss's values there", async () => {
    const { stored } = await openOverStorage({
      ...DEFAULTS,
      schemaVersion: NEWER,
      model: "gemma2:2b",
      maxConcurrent: 32,
      futureSetting: "on",
    });
    const status = byId("load-status");
    expect(status.textContent).toBe(newerNote(REQUESTS));
    expect(byId<HTMLInputElement>("maxConcurrent").value).toBe("0");

    byId<HTMLInputElement>("model").value = "qwen3";
    byId<HTMLFormElement>("settings").requestSubmit();
    await settle();
    await settle();
    expect(byId("save-status").textContent).toBe("Saved.");
    expect(stored()).toMatchObject({ model: "qwen3", maxConcurrent: 32, futureSetting: "on", schemaVersion: NEWER });
    // Still true after the save: the field shows the default, and storage holds the newer value.
    expect(status.textContent).toBe(newerNote(REQUESTS));

    // A value set here is this Gloss's from now on: no longer one the form cannot show.
    byId<HTMLInputElement>("maxConcurrent").value = "4";
    byId<HTMLFormElement>("settings").requestSubmit();
    await settle();
    await settle();
    expect(stored()).toMatchObject({ maxConcurrent: 4, futureSetting: "on" });
    expect(status.textContent).toBe("");
  });

  it("says so when a newer Gloss stores settings elsewhere while the page is open, and Save keeps them", async () => {
    const { stored, storeElsewhere } = await openOverStorage({ ...DEFAULTS });
    const status = byId("load-status");
    expect(status.textContent).toBe("");
    await storeElsewhere({ ...DEFAULTS, schemaVersion: NEWER, maxConcurrent: 32 });
    expect(status.textContent).toBe(newerNote(REQUESTS));
    byId<HTMLInputElement>("model").value = "qwen3";
    byId<HTMLFormElement>("settings").requestSubmit();
    await settle();
    await settle();
    expect(stored()).toMatchObject({ model: "qwen3", maxConcurrent: 32, schemaVersion: NEWER });
    expect(status.textContent).toBe(newerNote(REQUESTS));
  });

  it("does not offer the default shown for a newer Gloss's value as a change made elsewhere over an edit kept", async () => {
    const { stored, storeElsewhere } = await openOverStorage({ ...DEFAULTS, maxConcurrent: 4 });
    const requests = byId<HTMLInputElement>("maxConcurrent");
    requests.value = "8";
    requests.dispatchEvent(new Event("input", { bubbles: true }));
    await storeElsewhere({ ...DEFAULTS, schemaVersion: NEWER, maxConcurrent: 32, model: "gemma2:2b" });
    expect(requests.value).toBe("8");
    expect(byId<HTMLInputElement>("model").value).toBe("gemma2:2b");
    // "Use that instead" would put 0, the default, in the field, and Save would store it over the newer value.
    expect(byId("changed-elsewhere").textContent).toBe("");
    expect(byId("load-status").textContent).toBe(newerNote(REQUESTS));
    expect(stored()).toMatchObject({ maxConcurrent: 32 });
  });
});
