// The userscript's settings dialog, "Back up settings": the same file as the extension's options page, both ways, the
// API key in neither direction, and nothing done on a click a script made up.
import "../helpers/text-encoder";
import * as realTimers from "node:timers";
import { DEFAULTS, SETTINGS_VERSION, type Settings } from "../../src/shared/settings";
import { backupText, createBackup, readBackup } from "../../src/shared/settings-backup";
import { createSettingsStore } from "../../src/shared/settings-store";
import { createWritingLanguages } from "../../src/shared/writing-languages";
import { openSettingsDialog } from "../../src/userscript/settings-dialog";

const KEY = "sk-userscript-0123456789";
const SERVER = "http://127.0.0.1:8080";

/** The userscript as a reader set it up: a key for their own server, a site and a term. */
const MINE: Settings = {
  ...DEFAULTS,
  schemaVersion: SETTINGS_VERSION,
  baseUrl: SERVER,
  apiKey: KEY,
  apiKeyFor: SERVER,
  targetLang: "en",
  autoTranslate: ["lemonde.fr"],
  glossary: [{ term: "Bahn", translation: "Deutsche Bahn", lang: "", site: "" }],
  customInstructions: "Keep it informal.",
};

/** The extension's settings, elsewhere: other sites, glossary and reply languages, the same server and no key. */
const FROM_EXTENSION: Settings = {
  ...DEFAULTS,
  schemaVersion: SETTINGS_VERSION,
  baseUrl: SERVER,
  targetLang: "en-GB",
  neverTranslate: ["fr"],
  autoTranslate: ["reddit.com/r/de", "spiegel.de"],
  glossary: [{ term: "r/de", translation: "", lang: "en", site: "reddit.com" }],
  customInstructions: "Write British English.",
  displayMode: "bilingual",
  siteDisplayModes: { "reddit.com": "replace" },
  bilingualStyle: "blur",
  hoverTranslate: true,
  progressCue: false,
  readyOnEverySite: true,
};
const EXTENSION_LANGUAGES = { "reddit.com/r/de": "de", "reddit.com/r/france": "fr" };

let root: ShadowRoot | undefined;
const attachShadow = Element.prototype.attachShadow;
/** Whether the manager's storage refuses to store the settings, as a manager's GM.setValue may (with no Error). */
let failWrites = false;
/** What Save to a file… handed the browser to download, by file name. */
let downloads: { name: string; blob: Blob }[];

beforeEach(() => {
  root = undefined;
  downloads = [];
  // The dialog's root is closed: the test keeps the one the dialog attaches.
  jest.spyOn(Element.prototype, "attachShadow").mockImplementation(function (this: Element, init) {
    return (root = attachShadow.call(this, init));
  });
  // jsdom has no object URLs and no downloads: the link's click is where the browser would take over.
  const blobs = new Map<string, Blob>();
  Object.assign(URL, {
    createObjectURL: (blob: Blob) => {
      const url = `blob:test/${blobs.size}`;
      blobs.set(url, blob);
      return url;
    },
    revokeObjectURL: () => undefined,
  });
  jest.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
    // The link is in the dialog's closed root, not the page's document.
    expect(this.getRootNode()).toBe(root);
    downloads.push({ name: this.download, blob: blobs.get(this.href)! });
  });
});
/** Closes the dialog, its edits thrown away: Close, then Discard when it asks about edits not saved. */
function closeDiscarding(): void {
  const byText = (text: string) => [...(root?.querySelectorAll("button") ?? [])].find((b) => b.textContent === text);
  byText("Close")?.click();
  const discard = byText("Discard");
  if (discard && !discard.closest("[hidden]")) discard.click();
}

afterEach(() => {
  // A dialog a failed test left open would take the next test's place (one dialog per document).
  closeDiscarding();
  jest.restoreAllMocks();
});

/** Lets the dialog's storage promises settle (Node's own timer: jest's fake timers leave it alone). */
const settled = async () => {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => realTimers.setImmediate(resolve));
};

/** A click the dialog takes for the user's: jsdom sends a trusted click to a label's control when it is clicked. */
function userClick(target: HTMLElement): void {
  const label = target.ownerDocument.createElement("label");
  target.id ||= `gloss-test-${Math.random().toString(36).slice(2)}`;
  label.htmlFor = target.id;
  (target.getRootNode() as ShadowRoot).append(label);
  label.click();
  label.remove();
}

/** The browser's own events (the file picker's change): jsdom marks none it is sent trusted. */
const byBrowser = new WeakSet<Event>();

const readBlob = (blob: Blob) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });

/** The dialog over `stored` in the userscript's own world, with its store and reply languages in memory. */
async function openOver(stored: Settings, languages: Record<string, string> = {}) {
  let value: unknown = stored;
  const store = createSettingsStore({
    read: async () => value,
    write: async (next) => {
      if (failWrites) throw undefined;
      value = next;
    },
  });
  let languagesValue: unknown = Object.fromEntries(
    Object.entries(languages).map(([place, lang], i) => [place, { lang, at: i }]),
  );
  const writingLanguages = createWritingLanguages({
    read: async () => languagesValue,
    write: async (next) => void (languagesValue = next),
  });
  const closed = openSettingsDialog(document, {
    load: () => {
      store.invalidate();
      return store.load();
    },
    save: (patch) => store.save(patch),
    test: () => Promise.reject(new Error("not tested here")),
    uiLanguage: "en",
    backup: { writingLanguages, glossVersion: "0.1.0 (userscript)" },
    isTrusted: (event) => event.isTrusted || byBrowser.has(event),
  });
  await settled();
  const dialog = root!;
  const button = (name: string) =>
    [...dialog.querySelectorAll("button")].find((b) => b.textContent === name) as HTMLButtonElement;
  const status = dialog.querySelector<HTMLElement>(".backup-status")!;
  const fileInput = dialog.querySelector<HTMLInputElement>("input[type=file]")!;
  /** The file the reader picks in the browser's file picker (or a page's script puts into its input). */
  const pick = async (name: string, text: string, by: "browser" | "page" = "browser") => {
    const file = Object.assign(new File([text], name, { type: "application/json" }), { text: async () => text });
    Object.defineProperty(fileInput, "files", { value: [file], configurable: true });
    const picked = new Event("change");
    if (by === "browser") byBrowser.add(picked);
    fileInput.dispatchEvent(picked);
    await settled();
  };
  /** Close, and Discard when the dialog asks about edits not saved. */
  const close = async () => {
    closeDiscarding();
    await closed;
  };
  return {
    dialog,
    button,
    status,
    fileInput,
    pick,
    close,
    saved: () => store.load(),
    languages: () => writingLanguages.all(),
    /** What the dialog asks before restoring. */
    question: () => dialog.getElementById("gloss-backup-confirm-text")!.textContent,
    field: (id: string) => dialog.getElementById(`gloss-${id}`) as HTMLInputElement,
  };
}

describe("userscript settings dialog: Back up settings", () => {
  it("restores a file the extension saved: its settings and reply languages, never a key in it", async () => {
    const ui = await openOver(MINE);
    expect(ui.status.getAttribute("role")).toBe("status");
    expect(ui.status.getAttribute("aria-live")).toBe("polite");
    const file = JSON.parse(backupText(createBackup(FROM_EXTENSION, EXTENSION_LANGUAGES, "0.1.0", new Date())));
    // A key written into the file by hand (or by someone who wants the reader's pages) is not taken.
    file.settings.apiKey = "sk-from-the-file";
    file.settings.apiKeyFor = SERVER;

    userClick(ui.button("Restore from a file…"));
    await ui.pick("gloss-settings-2026-12-03.json", JSON.stringify(file));

    expect(ui.status.querySelector("p")!.textContent).toBe(
      "Restored settings from gloss-settings-2026-12-03.json: 20 settings, 2 sites, 1 glossary term, 2 reply languages.",
    );
    // The extension's choices the userscript has no use for are named, not dropped without a word.
    expect(ui.status.textContent).toContain(
      "Restored, but used by the extension only: your choice for the progress line and your choice for keeping Gloss ready on every site.",
    );
    expect(await ui.saved()).toEqual({ ...FROM_EXTENSION, apiKey: KEY, apiKeyFor: SERVER });
    expect(await ui.languages()).toEqual(EXTENSION_LANGUAGES);
    // The form shows what was restored.
    expect(ui.field("autoTranslate").value).toBe("reddit.com/r/de\nspiegel.de");
    expect(ui.field("targetLang").value).toBe("en-GB");
    expect(ui.field("apiKey").value).toBe("");
    await ui.close();
  });

  it("saves a file the extension restores, without the key", async () => {
    const ui = await openOver(MINE, { "lemonde.fr": "fr" });
    userClick(ui.button("Save to a file…"));
    await settled();

    expect(downloads).toHaveLength(1);
    const [{ name, blob }] = downloads as [{ name: string; blob: Blob }];
    expect(name).toMatch(/^gloss-settings-\d{4}-\d{2}-\d{2}\.json$/);
    expect(ui.status.querySelector("p")!.textContent).toBe(
      `Downloading ${name}: 20 settings, 1 site, 1 glossary term, 1 reply language. Your API key is not in it.`,
    );
    const text = await readBlob(blob);
    expect(text).not.toContain(KEY);
    expect(text).not.toMatch(/apiKey/);

    // The options page's reader, then the extension's store, over the extension's own settings and key.
    const read = readBackup(text);
    if (!read.ok) throw new Error(read.message);
    expect(read.kept).toEqual([]);
    expect(read.writingLanguages).toEqual({ "lemonde.fr": "fr" });
    const extensionKey = { apiKey: "sk-extension", apiKeyFor: SERVER };
    let extensionValue: unknown = { ...FROM_EXTENSION, ...extensionKey };
    const extension = createSettingsStore({
      read: async () => extensionValue,
      write: async (next) => void (extensionValue = next),
    });
    expect(await extension.save(read.patch)).toEqual({ saved: true, settings: { ...MINE, ...extensionKey } });
    await ui.close();
  });

  it("does nothing on clicks a script made up", async () => {
    const ui = await openOver(MINE);
    ui.button("Save to a file…").click();
    await settled();
    expect(downloads).toEqual([]);

    ui.button("Restore from a file…").click();
    const file = createBackup({ ...MINE, autoTranslate: ["evil.example"] }, {}, "0.1.0", new Date());
    await ui.pick("evil.json", backupText(file));
    expect((await ui.saved()).autoTranslate).toEqual(["lemonde.fr"]);
    expect(ui.status.textContent).toBe("");
    await ui.close();
  });

  it("reads no file a page puts into the file input after the reader's click (Firefox hands it the dialog's nodes)", async () => {
    const ui = await openOver(MINE);
    userClick(ui.button("Restore from a file…"));
    // The page's script, before the reader picks: a file naming its own server, and a made-up change.
    const file = backupText(createBackup({ ...MINE, baseUrl: "https://collect.example" }, {}, "0.1.0", new Date()));
    await ui.pick("gloss-settings.json", file, "page");
    expect(ui.dialog.querySelector<HTMLElement>(".confirm")!.hidden).toBe(true);
    expect(ui.status.textContent).toBe("");
    expect((await ui.saved()).baseUrl).toBe(SERVER);

    // The file the reader then picks is read.
    await ui.pick("mine.json", backupText(createBackup({ ...MINE, model: "gemma2:9b" }, {}, "0.1.0", new Date())));
    expect((await ui.saved()).model).toBe("gemma2:9b");
    await ui.close();
  });

  it("asks first, naming the address, when the file names another server; only the user's Restore goes on", async () => {
    const ui = await openOver(MINE);
    const elsewhere = "http://10.0.0.5:8080/v1";
    const file = backupText(createBackup({ ...MINE, baseUrl: elsewhere }, {}, "0.1.0", new Date()));
    userClick(ui.button("Restore from a file…"));
    await ui.pick("other-server.json", file);

    const confirm = ui.dialog.querySelector<HTMLElement>(".confirm")!;
    expect(confirm.hidden).toBe(false);
    expect(ui.question()).toBe(
      `This file's server is ${elsewhere}. Your API key is only ever sent to ${SERVER}, where it was entered, so restoring removes it: enter it again if the new server needs one.`,
    );
    // Keeping what is there has the focus.
    expect(ui.dialog.activeElement).toBe(ui.button("Keep my settings"));

    const restore = [...confirm.querySelectorAll("button")].find((b) => b.textContent === "Restore")!;
    restore.click(); // made up: nothing happens
    await settled();
    expect((await ui.saved()).baseUrl).toBe(SERVER);
    expect(confirm.hidden).toBe(false);

    userClick(restore);
    await settled();
    // The key goes with the old address, as when the address is typed.
    expect(await ui.saved()).toMatchObject({ baseUrl: elsewhere, apiKey: "", apiKeyFor: "" });
    expect(ui.status.textContent).toContain(
      `Your API key was for ${SERVER} and was removed: enter it again if ${elsewhere} needs one.`,
    );
    expect(ui.field("baseUrl").value).toBe(elsewhere);
    expect(ui.dialog.activeElement).toBe(ui.button("Restore from a file…"));
    await ui.close();
  });

  it("asks about another server with no key saved too, and Keep my settings keeps them", async () => {
    const ui = await openOver({ ...MINE, apiKey: "", apiKeyFor: "" });
    const file = backupText(createBackup({ ...MINE, baseUrl: "https://llm.example" }, {}, "0.1.0", new Date()));
    userClick(ui.button("Restore from a file…"));
    await ui.pick("other-server.json", file);
    expect(ui.question()).toBe(
      `This file's server is https://llm.example: after restoring, the pages you translate are sent there instead of ${SERVER}.`,
    );
    userClick(ui.button("Keep my settings"));
    await settled();
    expect((await ui.saved()).baseUrl).toBe(SERVER);
    expect(ui.status.textContent).toBe("Nothing was restored: your settings are as they were.");
    await ui.close();
  });

  it("asks again when the form was changed after the question appeared, and restores only on the second Restore", async () => {
    const ui = await openOver({ ...MINE, apiKey: "", apiKeyFor: "" });
    const file = backupText(createBackup({ ...MINE, baseUrl: "https://llm.example" }, {}, "0.1.0", new Date()));
    userClick(ui.button("Restore from a file…"));
    await ui.pick("other-server.json", file);
    expect(ui.question()).not.toContain("changes you have not saved");

    // The reader types while the question is up, then presses Restore: what they typed was not in the question.
    ui.field("model").value = "gemma2:9b";
    const restore = () =>
      [...ui.dialog.querySelectorAll<HTMLButtonElement>(".confirm button")].find((b) => b.textContent === "Restore")!;
    userClick(restore());
    await settled();
    expect(ui.question()).toContain("Restoring replaces the changes you have not saved.");
    expect(ui.dialog.querySelector<HTMLElement>(".confirm")!.hidden).toBe(false);
    expect(ui.dialog.activeElement).toBe(ui.button("Keep my settings"));
    expect((await ui.saved()).baseUrl).toBe(SERVER);

    userClick(restore());
    await settled();
    expect((await ui.saved()).baseUrl).toBe("https://llm.example");
    await ui.close();
  });

  it("asks first when the form has changes not saved", async () => {
    const ui = await openOver(MINE);
    ui.field("model").value = "gemma2:9b";
    userClick(ui.button("Restore from a file…"));
    await ui.pick("mine.json", backupText(createBackup(MINE, {}, "0.1.0", new Date())));
    expect(ui.question()).toBe("Restoring replaces the changes you have not saved.");
    await ui.close();
  });

  it("after a restore that replaced the edits, says no more that there are unsaved changes, and closes at once", async () => {
    const ui = await openOver(MINE);
    const model = ui.field("model");
    model.value = "gemma2:9b";
    model.dispatchEvent(new Event("input", { bubbles: true, composed: true }));
    const line = ui.dialog.querySelector(".status")!;
    expect(line.textContent).toBe("Unsaved changes.");
    userClick(ui.button("Restore from a file…"));
    await ui.pick("mine.json", backupText(createBackup(FROM_EXTENSION, {}, "0.1.0", new Date())));
    userClick(ui.button("Restore"));
    await settled();
    expect(model.value).toBe(FROM_EXTENSION.model);
    expect(line.textContent).toBe("");
    ui.button("Close").click();
    expect(ui.dialog.getElementById("gloss-unsaved-close")!.closest("[hidden]")).not.toBeNull();
  });

  it("the question asked on closing with unsaved edits goes when a restore replaced them (no longer true)", async () => {
    const ui = await openOver(MINE);
    const model = ui.field("model");
    model.value = "gemma2:9b";
    model.dispatchEvent(new Event("input", { bubbles: true, composed: true }));
    ui.button("Close").click();
    const asked = ui.dialog.getElementById("gloss-unsaved-close")!;
    expect(asked.closest("[hidden]")).toBeNull();
    userClick(ui.button("Restore from a file…"));
    await ui.pick("mine.json", backupText(createBackup(FROM_EXTENSION, {}, "0.1.0", new Date())));
    userClick(ui.button("Restore"));
    await settled();
    expect(model.value).toBe(FROM_EXTENSION.model);
    expect(asked.closest("[hidden]")).not.toBeNull();
    await ui.close();
  });

  describe("only one question is up at a time, and no answer loses what was typed", () => {
    /** The dialog over MINE with the model typed, and the questions it shows. */
    async function edited() {
      const ui = await openOver(MINE);
      const model = ui.field("model");
      model.focus();
      model.value = "gemma2:9b";
      model.dispatchEvent(new Event("input", { bubbles: true, composed: true }));
      const questionsUp = () =>
        [...ui.dialog.querySelectorAll<HTMLElement>(".confirm")]
          .filter((box) => !box.hidden)
          .map((box) => box.textContent);
      const pickFile = async () => {
        userClick(ui.button("Restore from a file…"));
        await ui.pick("theirs.json", backupText(createBackup(FROM_EXTENSION, {}, "0.1.0", new Date())));
      };
      return { ...ui, model, questionsUp, pickFile };
    }
    const escape = (dialog: ShadowRoot) =>
      dialog.activeElement!.dispatchEvent(
        new KeyboardEvent("keydown", { key: "Escape", bubbles: true, composed: true }),
      );

    it("a restore asked about while the closing question is up takes its place; Keep my settings keeps the edits", async () => {
      const ui = await edited();
      ui.button("Close").click();
      expect(ui.questionsUp()).toEqual([expect.stringContaining("You have unsaved changes.")]);
      await ui.pickFile();
      expect(ui.questionsUp()).toEqual([expect.stringContaining("Restoring replaces the changes you have not saved.")]);
      expect(ui.dialog.activeElement).toBe(ui.button("Keep my settings"));
      userClick(ui.button("Keep my settings"));
      await settled();
      expect(ui.questionsUp()).toEqual([]);
      expect(ui.model.value).toBe("gemma2:9b");
      expect((await ui.saved()).model).toBe(MINE.model);
      await ui.close();
    });

    it("Close while a restore is asked about takes that question's place, nothing restored; Keep editing keeps the edits", async () => {
      const ui = await edited();
      await ui.pickFile();
      ui.button("Close").focus();
      ui.button("Close").click();
      expect(ui.questionsUp()).toEqual([expect.stringContaining("You have unsaved changes.")]);
      expect(ui.status.textContent).toBe("Nothing was restored: your settings are as they were.");
      userClick(ui.button("Keep editing"));
      expect(ui.questionsUp()).toEqual([]);
      expect(ui.model.value).toBe("gemma2:9b");
      expect((await ui.saved()).baseUrl).toBe(SERVER);
      await ui.close();
    });

    it("Escape while a restore is asked about answers Keep my settings, and leaves the dialog open with the edits", async () => {
      const ui = await edited();
      await ui.pickFile();
      escape(ui.dialog);
      await settled();
      expect(ui.questionsUp()).toEqual([]);
      expect(ui.status.textContent).toBe("Nothing was restored: your settings are as they were.");
      expect(ui.dialog.activeElement).toBe(ui.button("Restore from a file…"));
      expect(ui.model.value).toBe("gemma2:9b");
      await ui.close();
    });
  });

  it("a restore the manager's storage does not take says so as Save does, not in the manager's own words", async () => {
    const ui = await openOver(MINE);
    // A manager's storage refusing (full, or gone with an update): what it rejects with means nothing to the reader.
    failWrites = true;
    userClick(ui.button("Restore from a file…"));
    await ui.pick("mine.json", backupText(createBackup(MINE, {}, "0.1.0", new Date())));
    expect(ui.status.textContent).toBe(
      "Nothing was restored from mine.json: your userscript manager did not store the settings. Try again, or " +
        "reload the page.",
    );
    failWrites = false;
    await ui.close();
  });

  it("names an invalid setting in the file and keeps the current one", async () => {
    const ui = await openOver(MINE);
    const file = JSON.parse(backupText(createBackup(FROM_EXTENSION, {}, "0.1.0", new Date())));
    file.settings.maxConcurrent = -3;
    userClick(ui.button("Restore from a file…"));
    await ui.pick("edited.json", JSON.stringify(file));
    const kept = [...ui.status.querySelectorAll("li")].map((li) => li.textContent);
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatch(/^Kept your current number of requests at once: the file's value was not valid\./);
    const saved = await ui.saved();
    expect(saved.maxConcurrent).toBe(MINE.maxConcurrent);
    expect(saved.autoTranslate).toEqual(FROM_EXTENSION.autoTranslate);
    await ui.close();
  });

  it("has no backup where the manager runs Gloss in the page's world (read-only)", async () => {
    openSettingsDialog(document, {
      load: async () => MINE,
      test: () => Promise.reject(new Error("not tested here")),
      uiLanguage: "en",
    });
    await settled();
    expect(root!.querySelector(".backup")).toBeNull();
    expect(root!.textContent).toContain("Backing them up to a file waits for that too");
    [...root!.querySelectorAll("button")].find((b) => b.textContent === "Close")!.click();
  });
});
