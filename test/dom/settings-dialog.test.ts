// The userscript's settings dialog for screen-reader users: what it says after a save is read out each time.
import "../helpers/text-encoder";
import * as realTimers from "node:timers";
import { deserialize, serialize } from "node:v8";
import { SETTLE_MS } from "../../src/session/element";
import { DEFAULTS, applySettingsPatch, type Settings } from "../../src/shared/settings";
import { unreadText } from "../../src/shared/settings-backup";
import { createSettingsStore } from "../../src/shared/settings-store";
import type { SavedTally } from "../../src/userscript/gm-translation-cache";
import { openSettingsDialog, type SettingsDialogDeps } from "../../src/userscript/settings-dialog";
import { followStoredInDialog } from "../../src/userscript/stored-elsewhere";
import type { Transport } from "../../src/llm";
import type { WritingLanguages } from "../../src/shared/writing-languages";
import type { GmApi } from "../../src/userscript/gm-api";
import type { GmTranslationCache } from "../../src/userscript/gm-translation-cache";
import { settingsOpener, type SettingsOpenerDeps } from "../../src/userscript/settings-opener";
import { NOT_STORED } from "../../src/userscript/settings-save";
import { unreadSettingsText } from "../../src/userscript/settings-unread-note";
import { readStoredAfresh, userscriptSettingsStore } from "../../src/userscript/userscript-settings-store";
import { COMPOSING_MARKS, composingKey, ownKey } from "../helpers/input-method";
import { cssRules } from "../helpers/shadow-css";

// jsdom has no structuredClone, which reading stored settings uses for a default in place of a refused value.
globalThis.structuredClone ??= <T>(value: T): T => deserialize(serialize(value)) as T;

let root: ShadowRoot | undefined;
const attachShadow = Element.prototype.attachShadow;

beforeEach(() => {
  root = undefined;
  // The dialog's root is closed: the test keeps the one the dialog attaches.
  jest.spyOn(Element.prototype, "attachShadow").mockImplementation(function (this: Element, init) {
    return (root = attachShadow.call(this, init));
  });
});
afterEach(() => {
  jest.restoreAllMocks();
  jest.useRealTimers();
});

/** The reader's own events: the browser marks them trusted, and jsdom marks none it is sent (see `isTrusted`). */
const byReader = new WeakSet<Event>();
const isTrusted = (event: Event) => event.isTrusted || byReader.has(event);
/** An event of the reader's. */
const readers = <E extends Event>(event: E): E => (byReader.add(event), event);

type Field = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
const ticks = (field: Field): field is HTMLInputElement => field.type === "checkbox";

/** Puts `value` into `field` ("true" ticks a checkbox), then sends the events typing or picking it makes. */
function put(field: Field, value: string, mark: (event: Event) => Event = (event) => event): void {
  if (ticks(field)) field.checked = value === "true";
  else field.value = value;
  field.dispatchEvent(mark(new Event("input", { bubbles: true, composed: true })));
  field.dispatchEvent(mark(new Event("change", { bubbles: true })));
}

/** The reader types `value` into `field`, picks it from its list, or ticks the box: the events their browser sends. */
const type = (field: Field, value: string) => put(field, value, readers);

/**
 * An edit of the reader's in a text field, as the browser makes it: a trusted beforeinput announcing it (from the
 * selection `at`, else where the caret is), the field changed to `result` (or what it makes of the field as it is
 * after the beforeinput), a trusted input.
 */
function edit(
  field: HTMLInputElement,
  inputType: string,
  data: string | null,
  result: string | ((field: HTMLInputElement) => string),
  at?: [number, number],
): void {
  if (at) field.setSelectionRange(...at);
  const init = { inputType, data, bubbles: true, composed: true };
  field.dispatchEvent(readers(new InputEvent("beforeinput", { ...init, cancelable: true })));
  field.value = typeof result === "string" ? result : result(field);
  field.dispatchEvent(readers(new InputEvent("input", init)));
}
/** The reader types `text` at the caret, key by key. */
function keys(field: HTMLInputElement, text: string): void {
  for (const letter of text) {
    edit(field, "insertText", letter, ({ value, selectionStart: start, selectionEnd: end }) => {
      return value.slice(0, start!) + letter + value.slice(end!);
    });
  }
}

/** Lets the dialog's storage promises settle (Node's own timer: jest's fake timers leave it alone). */
const settled = () => new Promise((resolve) => realTimers.setImmediate(resolve));

/**
 * A click the dialog takes for the user's (it saves on nothing else): jsdom sends a trusted click to a label's
 * control when the label is clicked.
 */
function userClick(target: HTMLElement): void {
  const label = target.ownerDocument.createElement("label");
  target.id ||= "gloss-test-clicked";
  label.htmlFor = target.id;
  (target.getRootNode() as ShadowRoot).append(label);
  label.click();
  label.remove();
}

/**
 * Closes the dialog as a test's last step, its edits thrown away: Close, then Discard when the dialog asks about
 * unsaved edits (the tests of that question are under "closed with unsaved edits").
 */
function closeDiscarding(dialog: ShadowRoot | undefined): void {
  const byText = (text: string) => [...(dialog?.querySelectorAll("button") ?? [])].find((b) => b.textContent === text);
  byText("Close")?.click();
  const discard = byText("Discard");
  if (discard && !discard.closest("[hidden]")) discard.click();
}

/**
 * The dialog over `stored`, once it has loaded them; `saved()` is what its saves left in storage, and
 * `savedElsewhere` stores settings as another tab would, while the dialog stays open.
 */
async function openOver(stored: Settings, more: Partial<SettingsDialogDeps> = {}) {
  let settings = stored;
  const closed = openSettingsDialog(document, {
    load: () => Promise.resolve(settings),
    save: (patch) => Promise.resolve({ saved: true, settings: (settings = applySettingsPatch(settings, patch)) }),
    test: () => Promise.reject(new Error("not tested here")),
    uiLanguage: "en",
    isTrusted,
    ...more,
  });
  await settled();
  return { dialog: root!, closed, saved: () => settings, savedElsewhere: (next: Settings) => (settings = next) };
}

it('reads out "Saved." again on a second save', async () => {
  const { dialog, closed } = await openOver({ ...DEFAULTS });
  const save = dialog.querySelector<HTMLButtonElement>("button[type=submit]")!;
  const status = dialog.querySelector(".status")!;
  expect(status.getAttribute("role")).toBe("status");

  userClick(save);
  await settled();
  expect(status.textContent).toBe("Saved.");

  // The same text put in again is no change a screen reader hears: the region empties, then says it again.
  jest.useFakeTimers();
  userClick(save);
  await settled();
  expect(status.textContent).toBe("");
  jest.advanceTimersByTime(SETTLE_MS);
  expect(status.textContent).toBe("Saved.");

  closeDiscarding(dialog);
  await closed;
});

it("where the manager stores nothing, says before anything is typed that settings last for this page only, and says it again on saving", async () => {
  const { dialog, closed, saved } = await openOver({ ...DEFAULTS }, { forThisPageOnly: true });
  expect(dialog.querySelector(".dialog")!.textContent).toMatch(
    /gives Gloss no storage \(GM\.setValue\): settings saved here last only until this page is left or reloaded/,
  );
  const address = dialog.getElementById("gloss-baseUrl") as HTMLInputElement;
  type(address, "http://192.168.1.20:8080");
  userClick(dialog.querySelector<HTMLButtonElement>("button[type=submit]")!);
  await settled();
  // This page uses them; the reader is not told they are kept.
  expect(saved().baseUrl).toBe("http://192.168.1.20:8080");
  expect(dialog.querySelector(".status")!.textContent).toBe(
    "Saved for this page only: your userscript manager stores nothing.",
  );
  closeDiscarding(dialog);
  await closed;
});

it("says at the top which stored settings could not be read and what shows instead, until a save stores the form", async () => {
  // A value hand-edited into the manager's storage: the store reads the default in its place.
  let stored: unknown = { ...DEFAULTS, maxConcurrent: 99, model: "gemma2:2b" };
  const store = createSettingsStore({ read: async () => stored, write: async (settings) => void (stored = settings) });
  const { dialog, closed } = await openOver(DEFAULTS, {
    load: () => (store.invalidate(), store.load()),
    save: (patch) => store.save(patch),
    unread: () => unreadText(store.unread()),
  });
  const note = dialog.querySelector<HTMLElement>("[role=alert]")!;
  expect(note.hidden).toBe(false);
  expect(note.textContent).toBe(
    "Gloss could not read all of your saved settings, and shows what it could keep: your number of requests at " +
      "once (Requests at once must be a whole number from 0 to 16.). Saving stores the settings as shown.",
  );
  // Near the top: before the first field, where it is met before the form is.
  const first = dialog.getElementById("gloss-baseUrl")!;
  expect(note.compareDocumentPosition(first) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  type(dialog.getElementById("gloss-model") as HTMLInputElement, "qwen3");
  userClick(dialog.querySelector<HTMLButtonElement>("button[type=submit]")!);
  await settled();
  await settled();
  expect(stored).toMatchObject({ model: "qwen3", maxConcurrent: DEFAULTS.maxConcurrent });
  expect(note.textContent).toBe("");
  expect(note.hidden).toBe(true);
  closeDiscarding(dialog);
  await closed;
});

/**
 * The dialog as the userscript opens it (settings-opener.ts), over the manager's storage `gm` holding `values`: the
 * settings store, its fresh reads and Save as they are wired there.
 */
function openerOver(gm: Partial<GmApi>, probe: SettingsOpenerDeps["probe"] = () => new Promise(() => undefined)) {
  const manager = { stores: true, notify: () => undefined, ...gm } as GmApi;
  const store = userscriptSettingsStore(manager, false, () => "example.com");
  return settingsOpener({
    gm: manager,
    pageWorld: false,
    store,
    fresh: () => (store.invalidate(), store.load()),
    cache: {
      flush: async () => undefined,
      tally: async () => ({ saved: 0, unsaved: 0 }),
    } as unknown as GmTranslationCache,
    writingLanguages: { all: () => ({}), add: () => undefined } as unknown as WritingLanguages,
    transport: {} as Transport,
    uiLanguage: "en",
    precheck: undefined,
    said: (error) => error,
    blockedText: () => "",
    probe,
    setBilingualStyle: () => undefined,
  });
}

it("says when the manager's value “settings” is not JSON (a slip in its storage editor), until a save replaces it", async () => {
  // A trailing comma typed into the storage editor: the settings read are the defaults.
  const values: Record<string, unknown> = {
    settings: '{ "baseUrl": "http://192.168.1.20:8080", "apiKey": "sk-mine", }',
  };
  const open = openerOver({
    getValue: async <T>(key: string, fallback: T) => (key in values ? values[key] : fallback) as T,
    setValue: async (key: string, value: unknown) => void (values[key] = value),
  });
  const closed = open();
  await settled();
  const dialog = root!;
  const note = dialog.querySelector<HTMLElement>("[role=alert]")!;
  expect(note.textContent).toBe(
    "Gloss could not read your saved settings: the value “settings” in your userscript manager's storage is not " +
      "valid JSON, so this form shows the defaults. Correct it in the manager's storage editor and open Settings " +
      "again, or save here to replace it with the settings as shown.",
  );
  expect((dialog.getElementById("gloss-baseUrl") as HTMLInputElement).value).toBe(DEFAULTS.baseUrl);
  // The opener takes only the browser's own events for the reader's: Save, pressed as it is, stores the form shown.
  userClick(dialog.querySelector<HTMLButtonElement>("button[type=submit]")!);
  await settled();
  await settled();
  expect(dialog.querySelector(".status")!.textContent).toBe("Saved.");
  expect(JSON.parse(values.settings as string)).toMatchObject({ baseUrl: DEFAULTS.baseUrl });
  expect(note.textContent).toBe("");
  closeDiscarding(dialog);
  await closed;
});

describe("settings a newer Gloss stored (another browser profile sharing the manager's storage, or after a downgrade)", () => {
  const NEWER = {
    schemaVersion: 99,
    baseUrl: "http://192.168.1.5:8080",
    displayMode: "side-by-side",
    maxConcurrent: 32,
    layout: "columns",
  };
  const field = (dialog: ShadowRoot, name: string) => dialog.getElementById(`gloss-${name}`) as HTMLInputElement;
  const NOTE =
    "Your settings were last saved by a newer Gloss (settings version 99; this one reads up to 6), and this one " +
    "cannot show all of them: your number of requests at once (Requests at once must be a whole number from 0 to " +
    "16.); your way of showing translations (Display mode must be one of: replace, bilingual.). The form shows the " +
    "defaults there; " +
    "saving here keeps the newer Gloss's values for those you leave as they are.";

  /** The manager's storage holding `first`, the dialog open over it as the userscript wires it, and what it hears. */
  async function openOverStorage(first: unknown) {
    const values: Record<string, unknown> = { settings: JSON.stringify(first) };
    const manager = {
      getValue: async <T>(key: string, fallback: T) => (key in values ? values[key] : fallback) as T,
      setValue: async (key: string, value: unknown) => void (values[key] = value),
    };
    const heard: Array<(remote: boolean) => void> = [];
    followStoredInDialog({
      gm: { onValueChange: (_key, listener) => void heard.push(listener) },
      key: "settings",
      doc: document,
      read: () => readStoredAfresh(manager),
    });
    const closed = openerOver(manager)();
    await settled();
    const fromOtherTab = async (value: unknown) => {
      values.settings = JSON.stringify(value);
      for (const listener of heard) listener(true);
      await settled();
      await settled();
    };
    return { dialog: root!, closed, values, fromOtherTab };
  }

  it("Greasemonkey (no change listener): a value stored meanwhile that this Gloss refuses does not stop the reader's Save over it, and nothing of the newer Gloss's is lost", async () => {
    const values: Record<string, unknown> = {
      settings: JSON.stringify({ schemaVersion: 6, baseUrl: "http://192.168.1.5:8080" }),
    };
    const store = userscriptSettingsStore(
      {
        getValue: async <T>(key: string, fallback: T) => (key in values ? values[key] : fallback) as T,
        setValue: async (key: string, value: unknown) => void (values[key] = value),
      },
      false,
      () => "example.com",
    );
    const fresh = () => (store.invalidate(), store.load());
    // Wired as settings-opener.ts wires it (the reader's typing needs the dialog's isTrusted, which it has no way in).
    const { dialog, closed } = await openOver(DEFAULTS, {
      load: fresh,
      save: async (patch) => (await fresh(), store.save(patch)),
      unread: () => unreadSettingsText(store),
      refused: () => Object.keys(store.unread()) as Array<keyof Settings>,
    });
    type(field(dialog, "baseUrl"), "http://10.0.0.2:8080");
    // A newer Gloss sharing the storage stores an address this one cannot take (a socket), a setting it does not
    // know, and a model.
    const newer = { schemaVersion: 99, baseUrl: "unix:///run/llama.sock", layout: "columns", model: "qwen3" };
    values.settings = JSON.stringify(newer);
    userClick(dialog.querySelector<HTMLButtonElement>("button[type=submit]")!);
    await settled();
    await settled();
    // The default shown for the refused address is no change made elsewhere: nothing to choose, the save goes on.
    expect(dialog.querySelector(".changed-elsewhere")!.textContent).toBe("");
    expect(dialog.querySelector(".status")!.textContent).toBe("Saved.");
    expect(JSON.parse(values.settings as string)).toMatchObject({ ...newer, baseUrl: "http://10.0.0.2:8080" });
    expect(field(dialog, "model").value).toBe("qwen3");
    closeDiscarding(dialog);
    await closed;
  });

  it("are said as the dialog opens: what shows the defaults, and that saving keeps them", async () => {
    const { dialog, closed, values } = await openOverStorage(NEWER);
    const note = dialog.querySelector<HTMLElement>(".unread")!;
    expect(note.textContent).toBe(NOTE);
    userClick(dialog.querySelector<HTMLButtonElement>("button[type=submit]")!);
    await settled();
    await settled();
    expect(JSON.parse(values.settings as string)).toMatchObject(NEWER);
    expect(note.textContent).toBe(NOTE);
    closeDiscarding(dialog);
    await closed;
  });

  it("stored by another tab while the dialog is open: said at once, and nothing of them lost by saving here", async () => {
    const { dialog, closed, values, fromOtherTab } = await openOverStorage({ schemaVersion: 6, model: "qwen3" });
    const note = dialog.querySelector<HTMLElement>(".unread")!;
    expect(note.hidden).toBe(true);
    await fromOtherTab(NEWER);
    expect(field(dialog, "baseUrl").value).toBe("http://192.168.1.5:8080");
    expect(note.hidden).toBe(false);
    expect(note.getAttribute("role")).toBe("alert");
    expect(note.textContent).toBe(NOTE);
    // Saved here (the whole form, as this Gloss reads it): the newer Gloss's values stay as it stored them.
    userClick(dialog.querySelector<HTMLButtonElement>("button[type=submit]")!);
    await settled();
    await settled();
    expect(dialog.querySelector(".status")!.textContent).toBe("Saved.");
    expect(JSON.parse(values.settings as string)).toMatchObject({ ...NEWER, model: DEFAULTS.model });
    expect(note.textContent).toBe(NOTE);
    // Back to settings this Gloss reads whole: the note goes.
    await fromOtherTab({ schemaVersion: 6, model: "qwen3" });
    expect(note.hidden).toBe(true);
    closeDiscarding(dialog);
    await closed;
  });
});

it("Test connection says so when the manager's storage does not give the settings to test, instead of waiting forever", async () => {
  let reads = 0;
  const open = openerOver({
    // The dialog's own read works; the one Test connection makes fails.
    getValue: async <T>(_key: string, fallback: T) => {
      if (++reads > 1) throw new Error("storage unavailable");
      return fallback;
    },
    setValue: async () => undefined,
  });
  const closed = open();
  await settled();
  const dialog = root!;
  const result = dialog.querySelector<HTMLElement>(".result")!;
  userClick([...dialog.querySelectorAll("button")].find((button) => button.textContent === "Test connection")!);
  await settled();
  expect(result.hidden).toBe(false);
  expect(result.className).toBe("result fail");
  expect(result.textContent).toBe(
    "Not tested: your userscript manager did not read the settings from its storage.\nTry again, or reload the page.",
  );
  closeDiscarding(dialog);
  await closed;
});

it("Test connection asks the server through the translation engine, so a model found there is the one Gloss then knows", async () => {
  // The reader restarted the server with another model and tests the connection.
  const asked: Settings[] = [];
  const values: Record<string, unknown> = { settings: JSON.stringify({ baseUrl: "http://192.168.1.20:8080" }) };
  const open = openerOver(
    {
      getValue: async <T>(key: string, fallback: T) => (key in values ? values[key] : fallback) as T,
      setValue: async (key: string, value: unknown) => void (values[key] = value),
    },
    async (settings) => {
      asked.push(settings);
      return {
        ok: false,
        kind: "llama-server",
        model: "qwen2.5-7b-instruct",
        contextSize: 4096,
        slots: 2,
        latencyMs: 4,
        error: { kind: "loading", message: "The model qwen2.5-7b-instruct is still loading." },
      };
    },
  );
  const closed = open();
  await settled();
  const dialog = root!;
  userClick([...dialog.querySelectorAll("button")].find((button) => button.textContent === "Test connection")!);
  await settled();
  expect(asked.map((settings) => settings.baseUrl)).toEqual(["http://192.168.1.20:8080"]);
  expect(dialog.querySelector(".result")!.textContent).toContain("The model qwen2.5-7b-instruct is still loading.");
  closeDiscarding(dialog);
  await closed;
});

it("saves with Ctrl+S (⌘S) from any field, as the options page does, instead of the browser saving the page under it", async () => {
  const { dialog, closed, saved } = await openOver({ ...DEFAULTS });
  const model = dialog.getElementById("gloss-model") as HTMLInputElement;
  type(model, "qwen3");
  const press = readers(
    new KeyboardEvent("keydown", { key: "s", ctrlKey: true, bubbles: true, composed: true, cancelable: true }),
  );
  model.dispatchEvent(press);
  await settled();
  expect(press.defaultPrevented).toBe(true);
  expect(saved().model).toBe("qwen3");
  expect(dialog.querySelector(".status")!.textContent).toBe("Saved.");
  // A page's made-up Ctrl+S saves nothing, as its made-up click on Save does not.
  type(model, "gemma3");
  model.dispatchEvent(new KeyboardEvent("keydown", { key: "s", ctrlKey: true, bubbles: true, cancelable: true }));
  await settled();
  expect(saved().model).toBe("qwen3");
  closeDiscarding(dialog);
  await closed;
});

it("a refused save says so once: the first field to fix takes the focus and its error is its description", async () => {
  const { dialog, closed, saved } = await openOver({ ...DEFAULTS });
  const address = dialog.getElementById("gloss-baseUrl") as HTMLInputElement;
  type(address, "localhost:8080");
  jest.useFakeTimers();
  userClick(dialog.querySelector<HTMLButtonElement>("button[type=submit]")!);
  await settled();
  jest.advanceTimersByTime(SETTLE_MS);
  expect(dialog.activeElement).toBe(address);
  expect(address.getAttribute("aria-invalid")).toBe("true");
  const description = address
    .getAttribute("aria-describedby")!
    .split(" ")
    .map((id) => dialog.getElementById(id)?.textContent ?? "")
    .join(" ");
  expect(description).toMatch(/web address|http/);
  // Read as the field's description only: no alert says it a second time.
  expect(dialog.querySelectorAll("[role=alert], [aria-live=assertive]")).toHaveLength(0);
  expect(dialog.querySelector(".status")!.textContent).toBe("Not saved: fix the marked fields.");
  expect(saved().baseUrl).toBe(DEFAULTS.baseUrl);
  jest.useRealTimers();
  closeDiscarding(dialog);
  await closed;
});

it("says so when the manager's storage does not take the settings, and keeps what was typed", async () => {
  const closed = openSettingsDialog(document, {
    load: () => Promise.resolve({ ...DEFAULTS }),
    save: () => Promise.reject(new Error("QuotaExceededError")),
    test: () => Promise.reject(new Error("not tested here")),
    uiLanguage: "en",
    isTrusted,
  });
  await settled();
  const dialog = root!;
  const address = dialog.getElementById("gloss-baseUrl") as HTMLInputElement;
  type(address, "http://192.168.1.20:8080");
  userClick(dialog.querySelector<HTMLButtonElement>("button[type=submit]")!);
  await settled();
  expect(dialog.querySelector(".status")!.textContent).toMatch(/^Not saved: your userscript manager did not store/);
  expect(address.value).toBe("http://192.168.1.20:8080");
  closeDiscarding(dialog);
  await closed;
});

it("shows the look of translations below the original and saves the one picked", async () => {
  const { dialog, closed, saved } = await openOver({ ...DEFAULTS, bilingualStyle: "underline" });
  const label = [...dialog.querySelectorAll("label")].find(
    (l) => l.textContent === "Look of translations below the original",
  );
  const look = dialog.getElementById(label!.htmlFor) as HTMLSelectElement;
  expect(look.value).toBe("underline");
  expect([...look.options].map((o) => o.value)).toEqual(["quiet", "plain", "underline", "highlight", "blur"]);
  type(look, "blur");
  userClick(dialog.querySelector<HTMLButtonElement>("button[type=submit]")!);
  await settled();
  expect(saved().bilingualStyle).toBe("blur");
  closeDiscarding(dialog);
  await closed;
});

it("closed with Escape, gives the focus back to the control it was on, inside the page's own shadow root too", async () => {
  document.body.innerHTML = `<div id="widget"></div>`;
  const widget = document.getElementById("widget")!;
  const shadow = widget.attachShadow({ mode: "open" });
  shadow.innerHTML = `<button>Reply</button>`;
  const reply = shadow.querySelector("button")!;
  reply.focus();
  const { dialog, closed } = await openOver({ ...DEFAULTS });
  expect(dialog.activeElement).not.toBeNull();
  dialog.activeElement!.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true, composed: true }));
  await closed;
  expect(document.activeElement).toBe(widget);
  expect(shadow.activeElement).toBe(reply);
});

describe.each(COMPOSING_MARKS)("an input method's Escape (marked %s) in a field of the dialog", (mark) => {
  it("drops the word composed, not the dialog and the edits in it; the reader's own Escape then closes it", async () => {
    const { dialog, closed, saved } = await openOver({ ...DEFAULTS });
    let open = true;
    void closed.then(() => (open = false));
    const model = dialog.getElementById("gloss-model") as HTMLInputElement;
    model.focus();
    type(model, "qwen-日本");
    composingKey(model, "Escape", mark);
    await settled();
    expect(open).toBe(true);
    expect(dialog.activeElement).toBe(model);
    expect(model.value).toBe("qwen-日本");
    userClick(dialog.querySelector<HTMLButtonElement>("button[type=submit]")!);
    await settled();
    expect(saved().model).toBe("qwen-日本");

    ownKey(model, "Escape");
    await closed;
  });
});

it("saves only what was changed in it: an address, key and site saved in another tab meanwhile are kept", async () => {
  const { dialog, closed, saved, savedElsewhere } = await openOver({ ...DEFAULTS, autoTranslate: ["example.com"] });
  // Another tab's dialog saves a new server with its key, and a new site, while this one stays open.
  const elsewhere = applySettingsPatch(saved(), {
    baseUrl: "http://192.168.1.5:8080",
    apiKey: "sk-other-tab",
    autoTranslate: ["example.com", "reddit.com/r/de"],
  });
  savedElsewhere(elsewhere);
  type(dialog.getElementById("gloss-targetLang") as HTMLSelectElement, "de");
  userClick(dialog.querySelector<HTMLButtonElement>("button[type=submit]")!);
  await settled();
  expect(saved()).toMatchObject({
    targetLang: "de",
    baseUrl: "http://192.168.1.5:8080",
    apiKey: "sk-other-tab",
    apiKeyFor: "http://192.168.1.5:8080",
    autoTranslate: ["example.com", "reddit.com/r/de"],
  });
  closeDiscarding(dialog);
  await closed;
});

it("a saved key typed again with a new address goes with the new address", async () => {
  const stored = applySettingsPatch({ ...DEFAULTS }, { apiKey: "sk-mine" });
  const { dialog, closed, saved } = await openOver(stored);
  type(dialog.getElementById("gloss-baseUrl") as HTMLInputElement, "http://192.168.1.5:8080");
  type(dialog.getElementById("gloss-apiKey") as HTMLInputElement, "sk-mine");
  userClick(dialog.querySelector<HTMLButtonElement>("button[type=submit]")!);
  await settled();
  expect(saved()).toMatchObject({
    baseUrl: "http://192.168.1.5:8080",
    apiKey: "sk-mine",
    apiKeyFor: "http://192.168.1.5:8080",
  });
  closeDiscarding(dialog);
  await closed;
});

it("stays open when a drag that selects text in a field ends outside the dialog, and a click outside asks to close it", async () => {
  const { dialog, closed } = await openOver({ ...DEFAULTS });
  const address = dialog.getElementById("gloss-baseUrl") as HTMLInputElement;
  type(address, "http://192.168.1.5:8080");
  const backdrop = dialog.querySelector<HTMLElement>(".backdrop")!;
  // A press in the field and a release outside the dialog: the browser sends the click to the element holding both.
  address.dispatchEvent(new MouseEvent("mousedown", { bubbles: true, composed: true }));
  backdrop.dispatchEvent(new MouseEvent("mouseup", { bubbles: true, composed: true }));
  backdrop.dispatchEvent(new MouseEvent("click", { bubbles: true, composed: true }));
  expect(backdrop.isConnected).toBe(true);
  expect(address.value).toBe("http://192.168.1.5:8080");
  backdrop.dispatchEvent(new MouseEvent("mousedown", { bubbles: true, composed: true }));
  backdrop.dispatchEvent(new MouseEvent("mouseup", { bubbles: true, composed: true }));
  backdrop.dispatchEvent(new MouseEvent("click", { bubbles: true, composed: true }));
  // The address typed is not saved: the dialog asks before throwing it away.
  expect(dialog.getElementById("gloss-unsaved-close")!.closest("[hidden]")).toBeNull();
  closeDiscarding(dialog);
  await closed;
});

it("is read in English on a page in another language (it hangs under the page's <html lang>)", async () => {
  document.documentElement.lang = "de";
  const { dialog, closed } = await openOver({ ...DEFAULTS });
  const box = dialog.querySelector("[role=dialog]") as HTMLElement;
  expect(box.closest("[lang]")?.getAttribute("lang")).toBe("en");
  closeDiscarding(dialog);
  await closed;
  document.documentElement.removeAttribute("lang");
});

describe("a page that reaches the dialog (Firefox: window.find) and rewrites it as the reader presses Save", () => {
  const field = (dialog: ShadowRoot, name: string) => dialog.getElementById(`gloss-${name}`) as Field;
  const shown = (field: Field) => (ticks(field) ? String(field.checked) : field.value);
  const status = (dialog: ShadowRoot) => dialog.querySelector(".status")!.textContent;
  const PAGE_CHANGED =
    /^Not saved: this page changed your settings as you saved them\. The form shows again what you chose/;

  // A dialog a failed test left open would take the next test's place (one dialog per document).
  afterEach(() => closeDiscarding(root));

  /** The reader presses `button`; the page's script sees the press on Gloss's host first, and runs `pageScript` then. */
  async function press(button: HTMLButtonElement, pageScript: () => void): Promise<void> {
    window.addEventListener("mousedown", pageScript, { capture: true, once: true });
    button.dispatchEvent(new MouseEvent("mousedown", { bubbles: true, composed: true }));
    userClick(button);
    await settled();
  }
  const pressSave = (dialog: ShadowRoot, pageScript: () => void) =>
    press(dialog.querySelector<HTMLButtonElement>("button[type=submit]")!, pageScript);
  const button = (dialog: ShadowRoot, text: string) =>
    [...dialog.querySelectorAll("button")].find((b) => b.textContent === text)!;

  it.each([
    [
      "the address (a text field)",
      "baseUrl",
      "http://192.168.1.20:8080",
      "https://collect.example",
      "http://192.168.1.20:8080",
    ],
    ["the model", "model", "gemma-2-9b-it", "page-model", "gemma-2-9b-it"],
    [
      "the sites translated automatically (a text area)",
      "autoTranslate",
      "example.com",
      "example.com\nbank.example",
      ["example.com"],
    ],
    ["the language translated into (a list)", "targetLang", "de", "fr", "de"],
    ["pointing with Alt (a checkbox)", "hoverTranslate", "true", "false", true],
  ] as const)(
    "%s: nothing is saved, the field shows the reader's again, and says why",
    async (_, name, mine, pages, saves) => {
      const { dialog, closed, saved } = await openOver({ ...DEFAULTS });
      const before = saved();
      type(field(dialog, name), mine);
      // Writes its own value, with the events typing it would make (a page's are not trusted).
      await pressSave(dialog, () => put(field(dialog, name), pages));
      expect(saved()).toBe(before);
      expect(shown(field(dialog, name))).toBe(mine);
      expect(status(dialog)).toMatch(PAGE_CHANGED);

      // The reader's second Save saves what they chose.
      userClick(dialog.querySelector<HTMLButtonElement>("button[type=submit]")!);
      await settled();
      expect(saved()[name]).toEqual(saves);
      expect(status(dialog)).toBe("Saved.");
      closeDiscarding(dialog);
      await closed;
    },
  );

  it("Test connection: an address it writes gets no sample sentence, the field shows the reader's again, and says why", async () => {
    const tested: Array<Partial<Settings>> = [];
    const { dialog, closed } = await openOver(
      { ...DEFAULTS },
      { test: (draft) => (tested.push(draft), Promise.resolve({ ok: true, kind: "llamacpp", model: "gemma" })) },
    );
    type(field(dialog, "baseUrl"), "http://192.168.1.20:8080");
    await press(button(dialog, "Test connection"), () => put(field(dialog, "baseUrl"), "https://collect.example"));
    expect(tested).toEqual([]);
    expect(field(dialog, "baseUrl").value).toBe("http://192.168.1.20:8080");
    const result = dialog.querySelector<HTMLElement>(".result")!;
    expect(result.hidden).toBe(false);
    expect(result.className).toBe("result fail");
    expect(result.textContent).toMatch(/^Not tested: this page changed your settings as you pressed Test connection/);

    // The reader's second press tests what they typed.
    userClick(button(dialog, "Test connection"));
    await settled();
    expect(tested.map((draft) => draft.baseUrl)).toEqual(["http://192.168.1.20:8080"]);
    expect(result.textContent).toMatch(/^Connected\./);
    closeDiscarding(dialog);
    await closed;
  });

  it("Remove key: its made-up click does not mark the saved key for removal; the reader's own press does", async () => {
    const stored = applySettingsPatch({ ...DEFAULTS }, { apiKey: "sk-mine" });
    const { dialog, closed, saved } = await openOver(stored);
    const keyLine = () => dialog.querySelector(".key-state span")!.textContent;
    button(dialog, "Remove key").click();
    expect(keyLine()).toBe("A key is saved. Type a new one to replace it.");
    type(field(dialog, "model"), "gemma-2-9b-it");
    userClick(dialog.querySelector<HTMLButtonElement>("button[type=submit]")!);
    await settled();
    expect(saved()).toMatchObject({ model: "gemma-2-9b-it", apiKey: "sk-mine" });

    // A click, or Enter or Space on the button, which the browser sends as a click of the reader's.
    button(dialog, "Remove key").dispatchEvent(readers(new MouseEvent("click", { bubbles: true, composed: true })));
    expect(keyLine()).toBe("The saved key will be removed when you save.");
    userClick(dialog.querySelector<HTMLButtonElement>("button[type=submit]")!);
    await settled();
    expect(saved().apiKey).toBe("");
    closeDiscarding(dialog);
    await closed;
  });

  describe("as the reader types, not only at Save", () => {
    const address = (dialog: ShadowRoot) => field(dialog, "baseUrl") as HTMLInputElement;
    async function saveRefused(dialog: ShadowRoot, saved: () => Settings, mine: string) {
      const before = saved();
      userClick(dialog.querySelector<HTMLButtonElement>("button[type=submit]")!);
      await settled();
      expect(saved()).toBe(before);
      expect(address(dialog).value).toBe(mine);
      expect(status(dialog)).toMatch(PAGE_CHANGED);
    }

    it("its document.execCommand into the focused field (a trusted input, no keystroke before it) is not saved", async () => {
      const { dialog, closed, saved } = await openOver({ ...DEFAULTS });
      address(dialog).select();
      keys(address(dialog), "http://192.168.1.20:8080");
      // What execCommand("insertText") leaves in Chromium and Firefox alike (measured): the text, and an input event
      // the browser marks trusted, with no beforeinput.
      address(dialog).value = "https://collect.example";
      const init = { inputType: "insertText", data: "https://collect.example", bubbles: true, composed: true };
      address(dialog).dispatchEvent(readers(new InputEvent("input", init)));
      address(dialog).dispatchEvent(readers(new Event("change", { bubbles: true })));
      await saveRefused(dialog, saved, "http://192.168.1.20:8080");
      closeDiscarding(dialog);
      await closed;
    });

    it.each([
      ["between two keystrokes is not taken in by the next one", (rewrite: () => void) => rewrite()],
      [
        "between a keystroke's beforeinput and its input (its listener after Gloss's) is not taken in",
        (rewrite: () => void) => window.addEventListener("beforeinput", rewrite, { once: true }),
      ],
    ])("a rewrite %s", async (_, when) => {
      const { dialog, closed, saved } = await openOver({ ...DEFAULTS });
      address(dialog).select();
      keys(address(dialog), "http://192.168.1.20:80");
      when(() => (address(dialog).value = "https://collect.example:80"));
      keys(address(dialog), "80");
      await saveRefused(dialog, saved, "http://192.168.1.20:80");
      closeDiscarding(dialog);
      await closed;
    });

    it("the reader's own typing, selecting over, pasting, deleting a word, undoing, composing and autofill are saved", async () => {
      const { dialog, closed, saved } = await openOver({ ...DEFAULTS });
      const base = address(dialog);
      edit(base, "insertFromPaste", "http://192.168.1.5:8080\n", "http://192.168.1.5:8080", [0, base.value.length]);
      edit(base, "deleteWordBackward", null, "http://192.168.1.5:", [23, 23]);
      edit(base, "historyUndo", null, "http://192.168.1.5:8080");
      edit(base, "insertText", "2", "http://192.168.1.2:8080", [17, 18]);
      edit(base, "insertText", "1", "http://192.168.1.21:8080", [18, 18]);
      edit(base, "insertCompositionText", "ー", "http://192.168.1.21:8080ー", [24, 24]);
      edit(base, "insertCompositionText", "", "http://192.168.1.21:8080", [24, 25]);
      userClick(dialog.querySelector<HTMLButtonElement>("button[type=submit]")!);
      await settled();
      expect(saved().baseUrl).toBe("http://192.168.1.21:8080");

      // A browser's autofill: an input event with no beforeinput and no inputType.
      type(field(dialog, "model"), "gemma-2-9b-it");
      userClick(dialog.querySelector<HTMLButtonElement>("button[type=submit]")!);
      await settled();
      expect(saved().model).toBe("gemma-2-9b-it");

      // Two lines pasted from a clipboard holding \r\n, as Windows' does: Chromium makes the break one space (measured);
      // the reader then deletes the second line's word and the space.
      const model = field(dialog, "model") as HTMLInputElement;
      edit(model, "insertFromPaste", "qwen2.5-7b-instruct\r\nQ4_K_M", "qwen2.5-7b-instruct Q4_K_M", [0, 13]);
      edit(model, "deleteWordBackward", null, "qwen2.5-7b-instruct ", [26, 26]);
      edit(model, "deleteContentBackward", null, "qwen2.5-7b-instruct", [20, 20]);
      userClick(dialog.querySelector<HTMLButtonElement>("button[type=submit]")!);
      await settled();
      expect(saved().model).toBe("qwen2.5-7b-instruct");
      closeDiscarding(dialog);
      await closed;
    });
  });

  it("a server type it picks does not bring its address in: both show the reader's again", async () => {
    const { dialog, closed, saved } = await openOver({ ...DEFAULTS });
    type(field(dialog, "preset"), "ollama");
    expect(field(dialog, "baseUrl").value).toBe("http://127.0.0.1:11434/v1");
    await pressSave(dialog, () => put(field(dialog, "preset"), "lmstudio"));
    expect(saved().preset).toBe(DEFAULTS.preset);
    expect([field(dialog, "preset").value, field(dialog, "baseUrl").value]).toEqual([
      "ollama",
      "http://127.0.0.1:11434/v1",
    ]);
    expect(status(dialog)).toMatch(PAGE_CHANGED);
    closeDiscarding(dialog);
    await closed;
  });

  it("the tables: a row it rewrites, adds or removes is not saved, and the reader's rows show again", async () => {
    const stored = {
      ...DEFAULTS,
      skipParts: [
        { site: "reddit.com", selector: ".side" },
        { site: "reddit.com", selector: ".titlebox" },
      ],
    };
    const { dialog, closed, saved } = await openOver(stored);
    const section = [...dialog.querySelectorAll("section")].find(
      (s) => s.querySelector("h3")?.textContent === "Parts left untranslated",
    )!;
    const rows = () => [...section.querySelectorAll("tbody tr")];
    const values = () => rows().map((row) => [...row.querySelectorAll("input")].map((input) => input.value));
    const add = [...section.querySelectorAll("button")].find((b) => b.textContent === "Add a part")!;
    // The reader adds a part of their own.
    add.focus();
    add.dispatchEvent(readers(new MouseEvent("click", { bubbles: true, composed: true })));
    type(rows()[2]!.querySelector<HTMLInputElement>('[data-field="site"]')!, "example.com");
    type(rows()[2]!.querySelector<HTMLInputElement>('[data-field="selector"]')!, "#ticker");
    const mine = values();

    await pressSave(dialog, () => {
      // Leaves the whole site untranslated, drops a part, and adds one for a site of its choosing.
      put(rows()[0]!.querySelector<HTMLInputElement>('[data-field="selector"]')!, "body");
      rows()[1]!.querySelector("button")!.click();
      add.click();
      put(rows().at(-1)!.querySelector<HTMLInputElement>('[data-field="site"]')!, "bank.example");
      put(rows().at(-1)!.querySelector<HTMLInputElement>('[data-field="selector"]')!, "form");
    });
    expect(saved().skipParts).toEqual(stored.skipParts);
    expect(values()).toEqual(mine);
    expect(status(dialog)).toMatch(PAGE_CHANGED);

    userClick(dialog.querySelector<HTMLButtonElement>("button[type=submit]")!);
    await settled();
    expect(saved().skipParts).toEqual([...stored.skipParts, { site: "example.com", selector: "#ticker" }]);
    closeDiscarding(dialog);
    await closed;
  });

  it("the reader's own Remove removes the row", async () => {
    const stored = { ...DEFAULTS, glossary: [{ term: "Bahn", translation: "", lang: "", site: "" }] };
    const { dialog, closed, saved } = await openOver(stored);
    const remove = [...dialog.querySelectorAll("button")].find((b) => b.getAttribute("aria-label") === "Remove Bahn")!;
    remove.dispatchEvent(readers(new MouseEvent("click", { bubbles: true, composed: true })));
    userClick(dialog.querySelector<HTMLButtonElement>("button[type=submit]")!);
    await settled();
    expect(saved().glossary).toEqual([]);
    closeDiscarding(dialog);
    await closed;
  });
});

describe("the glossary and the parts left untranslated", () => {
  const closeIt = closeDiscarding;
  const button = (dialog: ShadowRoot, name: string) =>
    [...dialog.querySelectorAll("button")].find((b) => (b.getAttribute("aria-label") ?? b.textContent) === name)!;
  const rowsOf = (dialog: ShadowRoot, title: string) => {
    const section = [...dialog.querySelectorAll("section")].find((s) => s.querySelector("h3")?.textContent === title)!;
    return [...section.querySelectorAll("tbody tr")];
  };
  const fieldIn = (row: Element, name: string) =>
    row.querySelector<HTMLInputElement | HTMLSelectElement>(`[data-field="${name}"]`)!;
  /** What the browser does on Enter or Space on a focused button. */
  const pressOn = (target: HTMLElement) => {
    target.focus();
    target.dispatchEvent(readers(new MouseEvent("click", { bubbles: true, composed: true, cancelable: true })));
  };

  it("adds, edits and removes glossary terms from the keyboard, and saves them with the other settings", async () => {
    const { dialog, closed, saved } = await openOver({
      ...DEFAULTS,
      glossary: [
        { term: "Bahn", translation: "Deutsche Bahn", lang: "en", site: "" },
        { term: "r/de", translation: "", lang: "", site: "" },
      ],
    });
    const [bahn] = rowsOf(dialog, "Glossary");
    expect(fieldIn(bahn!, "translation").value).toBe("Deutsche Bahn");
    expect(fieldIn(bahn!, "lang").value).toBe("en");

    // Add a term: a new row, its first field focused, to type into.
    pressOn(button(dialog, "Add a term"));
    const added = rowsOf(dialog, "Glossary")[2]!;
    expect(dialog.activeElement).toBe(fieldIn(added, "term"));
    type(fieldIn(added, "term"), "Feierabend");
    type(fieldIn(added, "lang"), "en");
    type(fieldIn(bahn!, "translation"), "DB");

    // Remove r/de: the keyboard stays in the table, on the row after it.
    pressOn(button(dialog, "Remove r/de"));
    expect(rowsOf(dialog, "Glossary")).toHaveLength(2);
    expect(dialog.activeElement).toBe(fieldIn(added, "term"));

    type(dialog.getElementById("gloss-baseUrl") as HTMLInputElement, "http://192.168.1.20:8080");
    userClick(dialog.querySelector<HTMLButtonElement>("button[type=submit]")!);
    await settled();
    expect(dialog.querySelector(".status")!.textContent).toBe("Saved.");
    expect(saved().glossary).toEqual([
      { term: "Bahn", translation: "DB", lang: "en", site: "" },
      { term: "Feierabend", translation: "", lang: "en", site: "" },
    ]);
    expect(saved().baseUrl).toBe("http://192.168.1.20:8080");
    closeIt(dialog);
    await closed;
  });

  it("a refused save marks the row at fault in each table, not only where the focus goes, and keeps it marked until fixed", async () => {
    const { dialog, closed, saved } = await openOver(DEFAULTS);
    pressOn(button(dialog, "Add a term"));
    const [term] = rowsOf(dialog, "Glossary");
    type(fieldIn(term!, "term"), "Bahn");
    type(fieldIn(term!, "site"), "not a site");
    pressOn(button(dialog, "Add a part"));
    const [part] = rowsOf(dialog, "Parts left untranslated");
    type(fieldIn(part!, "site"), "example.com");
    type(fieldIn(part!, "selector"), "div[");
    const address = dialog.getElementById("gloss-baseUrl") as HTMLInputElement;
    type(address, "not an address");
    userClick(dialog.querySelector<HTMLButtonElement>("button[type=submit]")!);
    await settled();
    expect(saved()).toEqual(DEFAULTS);
    // The address, first in the form, takes the focus; each table's row at fault is marked and reads its error.
    expect(dialog.activeElement).toBe(address);
    const reads = (control: Element) =>
      (control.getAttribute("aria-describedby") ?? "")
        .split(" ")
        .map((id) => dialog.getElementById(id)?.textContent ?? "")
        .join(" ");
    expect(fieldIn(term!, "site").getAttribute("aria-invalid")).toBe("true");
    expect(reads(fieldIn(term!, "site"))).toMatch(/“not a site” is not a site/);
    expect(fieldIn(part!, "selector").getAttribute("aria-invalid")).toBe("true");
    expect(reads(fieldIn(part!, "selector"))).toMatch(/“div\[” is not a CSS selector/);
    // The address fixed: the rows still at fault stay marked.
    type(address, "http://192.168.1.20:8080");
    expect(fieldIn(term!, "site").getAttribute("aria-invalid")).toBe("true");
    expect(fieldIn(part!, "selector").getAttribute("aria-invalid")).toBe("true");
    // The term fixed: its mark goes, the part's stays.
    type(fieldIn(term!, "site"), "");
    expect(fieldIn(term!, "site").getAttribute("aria-invalid")).toBe("false");
    expect(fieldIn(part!, "selector").getAttribute("aria-invalid")).toBe("true");
    closeIt(dialog);
    await closed;
  });

  it("a part with a selector the browser cannot read is not saved: its row is marked, focused, and reads why", async () => {
    const stored = { ...DEFAULTS, skipParts: [{ site: "reddit.com", selector: ".side" }] };
    const { dialog, closed, saved } = await openOver(stored);
    pressOn(button(dialog, "Add a part"));
    const [kept, added] = rowsOf(dialog, "Parts left untranslated");
    type(fieldIn(added!, "site"), "example.com");
    type(fieldIn(added!, "selector"), "div[");
    // Moved off the row, as a reader does before saving.
    (dialog.getElementById("gloss-model") as HTMLInputElement).focus();
    userClick(dialog.querySelector<HTMLButtonElement>("button[type=submit]")!);
    await settled();

    expect(saved().skipParts).toEqual(stored.skipParts);
    expect(dialog.activeElement).toBe(fieldIn(added!, "site"));
    expect(fieldIn(added!, "selector").getAttribute("aria-invalid")).toBe("true");
    expect(fieldIn(kept!, "selector").getAttribute("aria-invalid")).not.toBe("true");
    const description = fieldIn(added!, "site")
      .getAttribute("aria-describedby")!
      .split(" ")
      .map((id) => dialog.getElementById(id)?.textContent ?? "")
      .join(" ");
    expect(description).toMatch(/“div\[” is not a CSS selector Gloss can use/);
    expect(dialog.querySelectorAll("[role=alert], [aria-live=assertive]")).toHaveLength(0);

    // Fixed and saved: the mark and the error go.
    type(fieldIn(added!, "selector"), "#ticker");
    userClick(dialog.querySelector<HTMLButtonElement>("button[type=submit]")!);
    await settled();
    expect(saved().skipParts).toEqual([...stored.skipParts, { site: "example.com", selector: "#ticker" }]);
    expect(fieldIn(rowsOf(dialog, "Parts left untranslated")[1]!, "selector").getAttribute("aria-invalid")).not.toBe(
      "true",
    );
    expect(dialog.getElementById("gloss-skipParts-error")!.textContent).toBe("");
    closeIt(dialog);
    await closed;
  });

  it("in the page's world shows this site's entries, unchangeable, and says the others are not read", async () => {
    const closed = openSettingsDialog(document, {
      load: () =>
        Promise.resolve({
          ...DEFAULTS,
          glossary: [{ term: "Bahn", translation: "", lang: "", site: "" }],
          skipParts: [{ site: "reddit.com", selector: ".side" }],
        }),
      test: () => Promise.reject(new Error("not tested here")),
      uiLanguage: "en",
    });
    await settled();
    const dialog = root!;
    for (const title of ["Glossary", "Parts left untranslated"]) {
      const [row] = rowsOf(dialog, title);
      expect([...row!.querySelectorAll("input, select, button")].every((c) => (c as HTMLInputElement).disabled)).toBe(
        true,
      );
    }
    expect(fieldIn(rowsOf(dialog, "Glossary")[0]!, "term").value).toBe("Bahn");
    expect(button(dialog, "Add a term").hidden).toBe(true);
    expect(dialog.querySelector(".dialog")!.textContent).toMatch(/Only the parts for this site are shown/);
    closeIt(dialog);
    await closed;
  });
});

describe("settings saved in another tab while the dialog is open", () => {
  const closeIt = closeDiscarding;
  const field = (dialog: ShadowRoot, name: string) =>
    dialog.getElementById(`gloss-${name}`) as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
  const rowsOf = (dialog: ShadowRoot, title: string) => {
    const section = [...dialog.querySelectorAll("section")].find((s) => s.querySelector("h3")?.textContent === title)!;
    return [...section.querySelectorAll("tbody tr")].map((row) =>
      [...row.querySelectorAll<HTMLInputElement>("input")].map((input) => input.value),
    );
  };
  const addTerm = (dialog: ShadowRoot, term: string) => {
    [...dialog.querySelectorAll("button")].find((b) => b.textContent === "Add a term")!.click();
    const rows = [...dialog.querySelectorAll<HTMLInputElement>('[data-field="term"]')];
    type(rows.at(-1)!, term);
  };
  const stored: Settings = {
    ...DEFAULTS,
    autoTranslate: ["example.com"],
    glossary: [{ term: "r/de", translation: "", lang: "", site: "" }],
  };
  /** Two terms, neither translated. */
  const bahnKita: Settings = {
    ...stored,
    glossary: ["Bahn", "Kita"].map((term) => ({ term, translation: "", lang: "", site: "" })),
  };
  /** A term the reader and another tab both change. */
  const bahn = { term: "Bahn", translation: "rail", lang: "", site: "" };
  /** The other tab's save: a new server and model, a site, a term and a part. */
  const otherTabSave = (settings: Settings) =>
    applySettingsPatch(settings, {
      baseUrl: "http://192.168.1.5:8080",
      model: "gemma-2-2b-it",
      autoTranslate: [...settings.autoTranslate, "reddit.com/r/de"],
      glossary: [...settings.glossary, { term: "Bahn", translation: "Deutsche Bahn", lang: "", site: "" }],
      skipParts: [{ site: "reddit.com", selector: ".side" }],
    });

  /**
   * The dialog over `stored`, hearing changes as Tampermonkey and Violentmonkey tell them (`heard`); what it then
   * reads is the settings saved, or what `stored` reads (the manager's value as another Gloss wrote it).
   */
  async function openHearing(settings: Settings, stored?: () => unknown) {
    const heard: Array<(remote: boolean) => void> = [];
    const opened = await openOver(settings);
    const manager = { getValue: async <T>() => JSON.stringify(stored?.() ?? opened.saved()) as T };
    followStoredInDialog({
      gm: { onValueChange: (_key, listener) => void heard.push(listener) },
      key: "settings",
      doc: document,
      read: () => readStoredAfresh(manager),
    });
    return { ...opened, heard };
  }

  it("Tampermonkey, Violentmonkey: the fields not touched here show the other tab's values at once, edits stay, and Save keeps both", async () => {
    const { dialog, closed, saved, savedElsewhere, heard } = await openHearing(stored);
    // The reader's unsaved edits: the language, a site, a term.
    type(field(dialog, "targetLang"), "de");
    type(field(dialog, "autoTranslate"), "example.com\nexample.org");
    addTerm(dialog, "Feierabend");

    savedElsewhere(otherTabSave(saved()));
    for (const listener of heard) listener(true);
    await settled();
    expect(field(dialog, "baseUrl").value).toBe("http://192.168.1.5:8080");
    expect(field(dialog, "model").value).toBe("gemma-2-2b-it");
    expect(field(dialog, "targetLang").value).toBe("de");
    expect(field(dialog, "autoTranslate").value).toBe("example.com\nexample.org\nreddit.com/r/de");
    expect(rowsOf(dialog, "Glossary").map(([term]) => term)).toEqual(["r/de", "Feierabend", "Bahn"]);
    expect(rowsOf(dialog, "Parts left untranslated")).toEqual([["reddit.com", ".side"]]);

    userClick(dialog.querySelector<HTMLButtonElement>("button[type=submit]")!);
    await settled();
    expect(saved()).toMatchObject({
      baseUrl: "http://192.168.1.5:8080",
      model: "gemma-2-2b-it",
      targetLang: "de",
      autoTranslate: ["example.com", "example.org", "reddit.com/r/de"],
      skipParts: [{ site: "reddit.com", selector: ".side" }],
    });
    expect(saved().glossary.map(({ term }) => term)).toEqual(["r/de", "Feierabend", "Bahn"]);
    closeIt(dialog);
    await closed;
  });

  it("Greasemonkey (no change listener): Save reads them again first and keeps the other tab's sites, terms and parts with the edits made here", async () => {
    const { dialog, closed, saved, savedElsewhere } = await openOver(stored);
    type(field(dialog, "autoTranslate"), "example.com\nexample.org");
    addTerm(dialog, "Feierabend");
    savedElsewhere(otherTabSave(saved()));

    userClick(dialog.querySelector<HTMLButtonElement>("button[type=submit]")!);
    await settled();
    expect(saved().autoTranslate).toEqual(["example.com", "example.org", "reddit.com/r/de"]);
    expect(saved().glossary.map(({ term }) => term)).toEqual(["r/de", "Feierabend", "Bahn"]);
    expect(saved()).toMatchObject({ baseUrl: "http://192.168.1.5:8080", model: "gemma-2-2b-it" });
    // The form shows what was saved, the other tab's part too.
    expect(rowsOf(dialog, "Parts left untranslated")).toEqual([["reddit.com", ".side"]]);
    expect(field(dialog, "baseUrl").value).toBe("http://192.168.1.5:8080");
    closeIt(dialog);
    await closed;
  });

  it("Greasemonkey: a field and a term edited here and changed in another tab are said as Save reads them, and not saved over unseen", async () => {
    const { dialog, closed, saved, savedElsewhere } = await openOver({ ...stored, glossary: [bahn] });
    type(field(dialog, "model"), "gemma-2-9b-it");
    type(dialog.querySelector<HTMLInputElement>('[data-field="translation"]')!, "train");
    savedElsewhere(applySettingsPatch(saved(), { model: "qwen3", glossary: [{ ...bahn, translation: "railway" }] }));
    const save = dialog.querySelector<HTMLButtonElement>("button[type=submit]")!;
    userClick(save);
    await settled();
    // The other tab's values stay stored until the reader has seen them.
    expect(saved()).toMatchObject({ model: "qwen3", glossary: [{ ...bahn, translation: "railway" }] });
    expect([...dialog.querySelectorAll(".changed-elsewhere li span")].map((line) => line.textContent)).toEqual([
      "Glossary, “Bahn”: changed to “railway” in another window or browser — Save keeps yours.",
      "Model: changed to “qwen3” in another window or browser — Save keeps yours.",
    ]);
    expect(dialog.querySelector(".status")!.textContent).toMatch(/^Not saved: .*another window or browser/);
    // Save again keeps the reader's, now knowingly.
    userClick(save);
    await settled();
    expect(saved()).toMatchObject({ model: "gemma-2-9b-it", glossary: [{ ...bahn, translation: "train" }] });
    expect(dialog.querySelector(".status")!.textContent).toBe("Saved.");
    closeIt(dialog);
    await closed;
  });

  it("a key typed here stays with the address it was typed under, not the one another tab saved", async () => {
    const { dialog, closed, saved, savedElsewhere, heard } = await openHearing(stored);
    type(field(dialog, "apiKey"), "sk-for-this-server");
    savedElsewhere(otherTabSave(saved()));
    for (const listener of heard) listener(true);
    await settled();
    expect(field(dialog, "baseUrl").value).toBe(DEFAULTS.baseUrl);
    userClick(dialog.querySelector<HTMLButtonElement>("button[type=submit]")!);
    await settled();
    expect(saved()).toMatchObject({ apiKey: "sk-for-this-server", apiKeyFor: DEFAULTS.baseUrl });
    closeIt(dialog);
    await closed;
  });

  it("a term another tab removed goes from a glossary edited here, unless it was edited here: Save does not bring it back", async () => {
    const three: Settings = {
      ...stored,
      glossary: ["r/de", "Bahn", "Kita"].map((term) => ({ term, translation: "", lang: "", site: "" })),
    };
    const { dialog, closed, saved, savedElsewhere, heard } = await openHearing(three);
    // The reader gives "Kita" a translation and adds a term; "r/de" and "Bahn" they leave as they are.
    const kita = dialog.querySelectorAll<HTMLInputElement>('[data-field="translation"]')[2]!;
    type(kita, "daycare");
    addTerm(dialog, "Feierabend");
    // Another tab removes "r/de" and "Kita".
    savedElsewhere(applySettingsPatch(saved(), { glossary: [saved().glossary[1]!] }));
    for (const listener of heard) listener(true);
    await settled();
    expect(rowsOf(dialog, "Glossary").map(([term]) => term)).toEqual(["Bahn", "Kita", "Feierabend"]);

    userClick(dialog.querySelector<HTMLButtonElement>("button[type=submit]")!);
    await settled();
    expect(saved().glossary.map(({ term, translation }) => [term, translation])).toEqual([
      ["Bahn", ""],
      ["Kita", "daycare"],
      ["Feierabend", ""],
    ]);
    closeIt(dialog);
    await closed;
  });

  it("a term and a part edited here that another tab removed are said above Save; the reader keeps theirs, removes it, or takes the removal from the keyboard", async () => {
    const three: Settings = {
      ...stored,
      glossary: ["Bahn", "Kita", "Feierabend"].map((term) => ({ term, translation: "", lang: "", site: "" })),
      skipParts: [{ site: "reddit.com", selector: ".side" }],
    };
    const { dialog, closed, saved, savedElsewhere, heard } = await openHearing(three);
    type(dialog.querySelectorAll<HTMLInputElement>('[data-field="translation"]')[1]!, "daycare");
    type(dialog.querySelectorAll<HTMLInputElement>('[data-field="term"]')[0]!, "Bahnhof");
    type(dialog.querySelector<HTMLInputElement>('[data-field="selector"]')!, ".side, .footer");
    // Another tab removes all three entries edited here.
    savedElsewhere(applySettingsPatch(saved(), { glossary: [saved().glossary[2]!], skipParts: [] }));
    for (const listener of heard) listener(true);
    await settled();
    const lines = () => [...dialog.querySelectorAll(".changed-elsewhere li")];
    expect(lines().map((line) => line.querySelector("span")!.textContent)).toEqual([
      "Glossary, “Bahn”: removed in another window or browser — Save keeps yours.",
      "Glossary, “Kita”: removed in another window or browser — Save keeps yours.",
      "Parts left untranslated, “.side on reddit.com”: removed in another window or browser — Save keeps yours.",
    ]);
    // The reader removes the part's row themselves: its line, with nothing left to keep, goes.
    userClick(dialog.querySelector<HTMLButtonElement>('button[aria-label="Remove .side, .footer on reddit.com"]')!);
    expect(lines().map((line) => line.querySelector("span")!.textContent)).toEqual([
      "Glossary, “Bahn”: removed in another window or browser — Save keeps yours.",
      "Glossary, “Kita”: removed in another window or browser — Save keeps yours.",
    ]);
    // The reader takes Kita's removal: its row goes, and the keyboard goes to the row after it, not to the page.
    const kitaLine = lines()[1]!;
    const remove = kitaLine.querySelector("button")!;
    expect(remove.textContent).toBe("Remove it");
    remove.click();
    expect(kitaLine.isConnected).toBe(false);
    expect(rowsOf(dialog, "Glossary").map(([term]) => term)).toEqual(["Bahnhof", "Feierabend"]);
    expect(dialog.activeElement).toBe(dialog.querySelectorAll('[data-field="term"]')[1]);
    // Save keeps the reader's other two, knowingly.
    userClick(dialog.querySelector<HTMLButtonElement>("button[type=submit]")!);
    await settled();
    expect(saved().glossary.map(({ term, translation }) => [term, translation])).toEqual([
      ["Bahnhof", ""],
      ["Feierabend", ""],
    ]);
    expect(saved().skipParts).toEqual([]);
    expect(lines()).toEqual([]);
    closeIt(dialog);
    await closed;
  });

  it("a part edited here that another tab changed otherwise is said above Save with the other version to take, not dropped unsaid", async () => {
    const withPart: Settings = { ...stored, skipParts: [{ site: "reddit.com", selector: ".side" }] };
    const { dialog, closed, saved, savedElsewhere, heard } = await openHearing(withPart);
    type(dialog.querySelector<HTMLInputElement>('[data-field="selector"]')!, ".side, .footer");
    savedElsewhere(applySettingsPatch(saved(), { skipParts: [{ site: "reddit.com", selector: ".side, .ad" }] }));
    for (const listener of heard) listener(true);
    await settled();
    expect([...dialog.querySelectorAll(".changed-elsewhere li span")].map((line) => line.textContent)).toEqual([
      "Parts left untranslated, “.side, .footer on reddit.com”: changed to “.side, .ad on reddit.com” in another window or browser — Save keeps yours.",
    ]);
    // Use that instead puts the other tab's version in the row.
    dialog.querySelector<HTMLButtonElement>(".changed-elsewhere button")!.click();
    expect(
      [...dialog.querySelectorAll<HTMLInputElement>('[data-field="selector"]')].map((input) => input.value),
    ).toEqual([".side, .ad"]);
    closeIt(dialog);
    await closed;
  });

  it("a term renamed here whose translation another tab changed is not said to be removed: the other version joins as a row", async () => {
    const { dialog, closed, saved, savedElsewhere, heard } = await openHearing(bahnKita);
    type(dialog.querySelector<HTMLInputElement>('[data-field="term"]')!, "Bahnhof");
    savedElsewhere(
      applySettingsPatch(saved(), {
        glossary: [{ ...saved().glossary[0]!, translation: "rail" }, saved().glossary[1]!],
      }),
    );
    for (const listener of heard) listener(true);
    await settled();
    expect(dialog.querySelector(".changed-elsewhere")!.textContent).toBe("");
    expect(rowsOf(dialog, "Glossary").map(([term, translation]) => [term, translation])).toEqual([
      ["Bahnhof", ""],
      ["Kita", ""],
      ["Bahn", "rail"],
    ]);
    closeIt(dialog);
    await closed;
  });

  it("Greasemonkey: a term edited here that another tab removed stops Save once, said above it; Save again keeps it", async () => {
    const { dialog, closed, saved, savedElsewhere } = await openOver(bahnKita);
    type(dialog.querySelectorAll<HTMLInputElement>('[data-field="translation"]')[1]!, "daycare");
    savedElsewhere(applySettingsPatch(saved(), { glossary: [saved().glossary[0]!] }));
    const save = dialog.querySelector<HTMLButtonElement>("button[type=submit]")!;
    userClick(save);
    await settled();
    expect(saved().glossary.map(({ term }) => term)).toEqual(["Bahn"]);
    expect([...dialog.querySelectorAll(".changed-elsewhere li span")].map((line) => line.textContent)).toEqual([
      "Glossary, “Kita”: removed in another window or browser — Save keeps yours.",
    ]);
    expect(dialog.querySelector(".status")!.textContent).toMatch(/^Not saved: .*another window or browser/);
    userClick(save);
    await settled();
    expect(saved().glossary.map(({ term, translation }) => [term, translation])).toEqual([
      ["Bahn", ""],
      ["Kita", "daycare"],
    ]);
    closeIt(dialog);
    await closed;
  });

  it("a term removed here that another tab changed does not come back unsaid: the removal stays, said above Save with the other version to take", async () => {
    const { dialog, closed, saved, savedElsewhere } = await openOver(bahnKita);
    userClick(dialog.querySelector<HTMLButtonElement>('button[aria-label="Remove Kita"]')!);
    savedElsewhere(
      applySettingsPatch(saved(), {
        glossary: [saved().glossary[0]!, { ...saved().glossary[1]!, translation: "daycare" }],
      }),
    );
    // Greasemonkey: Save reads the other tab's change first, and stops to say it.
    const save = dialog.querySelector<HTMLButtonElement>("button[type=submit]")!;
    userClick(save);
    await settled();
    expect(rowsOf(dialog, "Glossary").map(([term]) => term)).toEqual(["Bahn"]);
    expect([...dialog.querySelectorAll(".changed-elsewhere li span")].map((line) => line.textContent)).toEqual([
      "Glossary, “Kita”: changed to “daycare” in another window or browser — Save keeps yours.",
    ]);
    expect(dialog.querySelector(".status")!.textContent).toMatch(/^Not saved: .*another window or browser/);
    // Use that instead brings the other tab's version back as a row, the keyboard in it.
    dialog.querySelector<HTMLButtonElement>(".changed-elsewhere button")!.click();
    expect(rowsOf(dialog, "Glossary").map(([term, translation]) => [term, translation])).toEqual([
      ["Bahn", ""],
      ["Kita", "daycare"],
    ]);
    expect(dialog.activeElement).toBe(dialog.querySelectorAll('[data-field="term"]')[1]);
    // Removed again and saved, knowingly: it stays removed.
    userClick(dialog.querySelector<HTMLButtonElement>('button[aria-label="Remove Kita"]')!);
    userClick(save);
    await settled();
    expect(saved().glossary.map(({ term }) => term)).toEqual(["Bahn"]);
    closeIt(dialog);
    await closed;
  });

  it("another tab saving the very value typed here takes Unsaved changes. and the closing question away, and only that edit", async () => {
    const { dialog, closed, saved, savedElsewhere, heard } = await openHearing(stored);
    const status = dialog.querySelector(".status")!;
    const question = dialog.getElementById("gloss-unsaved-close")!;
    const fromOtherTab = (patch: Partial<Settings>) => {
      savedElsewhere(applySettingsPatch(saved(), patch));
      for (const listener of heard) listener(true);
      return settled();
    };
    type(field(dialog, "model"), "qwen3");
    type(field(dialog, "targetLang"), "de");
    // The other tab saves the same model: the language is still unsaved here.
    await fromOtherTab({ model: "qwen3" });
    expect(status.textContent).toBe("Unsaved changes.");
    expect(field(dialog, "targetLang").value).toBe("de");
    [...dialog.querySelectorAll("button")].find((b) => b.textContent === "Close")!.click();
    expect(question.closest("[hidden]")).toBeNull();
    // And then the same language: nothing here is unsaved any more.
    await fromOtherTab({ targetLang: "de" });
    expect(status.textContent).toBe("");
    expect(question.closest("[hidden]")).not.toBeNull();
    expect(field(dialog, "model").value).toBe("qwen3");
    // Typing the model the dialog opened with is an edit again, against what is stored now.
    type(field(dialog, "model"), DEFAULTS.model);
    expect(status.textContent).toBe("Unsaved changes.");
    closeIt(dialog);
    await closed;
  });

  it("a value a newer Gloss stored that this one refuses is not said to be changed to the default shown", async () => {
    const elsewhere: { raw?: unknown } = {};
    const { dialog, closed, saved, heard } = await openHearing(
      { ...stored, baseUrl: "http://192.168.1.5:8080" },
      () => elsewhere.raw,
    );
    type(field(dialog, "baseUrl"), "http://10.0.0.2:8080");
    type(field(dialog, "model"), "gemma-2-9b-it");
    // A newer Gloss's address this one cannot take (a socket), and a model.
    elsewhere.raw = { ...saved(), schemaVersion: 99, baseUrl: "unix:///run/llama.sock", model: "qwen3" };
    for (const listener of heard) listener(true);
    await settled();
    await settled();
    const lines = [...dialog.querySelectorAll(".changed-elsewhere li span")].map((line) => line.textContent);
    // The model another tab changed is said; the default shown for the address this Gloss refuses is no change.
    expect(lines).toEqual(["Model: changed to “qwen3” in another window or browser — Save keeps yours."]);
    expect(field(dialog, "baseUrl").value).toBe("http://10.0.0.2:8080");
    closeIt(dialog);
    await closed;
  });

  it("a long unbroken value changed in another tab wraps in the dialog, shortened, with the whole value at hand", async () => {
    const { dialog, closed, saved, savedElsewhere, heard } = await openHearing(stored);
    type(field(dialog, "model"), "gemma-2-9b-it");
    const long = `hf.co/bartowski/${"gemma-2-2b-it-GGUF-".repeat(5)}Q4_K_M`;
    savedElsewhere(applySettingsPatch(saved(), { model: long }));
    for (const listener of heard) listener(true);
    await settled();
    const line = dialog.querySelector<HTMLElement>(".changed-elsewhere li span")!;
    expect(line.textContent).toMatch(
      /^Model: changed to “hf\.co\/bartowski\/gemma-2-2b-it-GGUF-[^”]*…” in another window/,
    );
    expect(line.title).toBe(long);
    // It wraps anywhere, as a flex item that may shrink below its longest word: the dialog does not scroll sideways.
    const wraps = cssRules(dialog).filter(
      (rule): rule is CSSStyleRule => rule instanceof CSSStyleRule && matches(line, rule.selectorText),
    );
    expect(wraps.map((rule) => rule.style.getPropertyValue("overflow-wrap"))).toContain("anywhere");
    expect(wraps.map((rule) => rule.style.getPropertyValue("min-width"))).toContain("0");
    closeIt(dialog);
    await closed;
  });

  /** The dialog over the term "Bahn", translated "train" here, and then `glossary` saved in another tab. */
  async function bahnChangedInBoth(glossary: Settings["glossary"]) {
    const opened = await openHearing({ ...stored, glossary: [bahn] });
    type(opened.dialog.querySelector<HTMLInputElement>('[data-field="translation"]')!, "train");
    opened.savedElsewhere(applySettingsPatch(opened.saved(), { glossary }));
    for (const listener of opened.heard) listener(true);
    await settled();
    return opened;
  }

  it("a term changed in two tabs at once stays one row: the reader's, said above Save, with the other to take", async () => {
    // The other tab changed the same term otherwise (in another case: the same term), and added one.
    const gleis = { term: "Gleis", translation: "track", lang: "", site: "" };
    const { dialog, closed, saved } = await bahnChangedInBoth([
      { ...bahn, term: "bahn", translation: "railway" },
      gleis,
    ]);
    expect(rowsOf(dialog, "Glossary")).toEqual([
      ["Bahn", "train", ""],
      ["Gleis", "track", ""],
    ]);
    const notice = dialog.querySelector(".changed-elsewhere")!;
    expect([...notice.querySelectorAll("li span")].map((line) => line.textContent)).toEqual([
      "Glossary, “Bahn”: changed to “railway” in another window or browser — Save keeps yours.",
    ]);
    // Saved as it is, nothing is refused as listed twice, and neither tab's change is lost.
    userClick(dialog.querySelector<HTMLButtonElement>("button[type=submit]")!);
    await settled();
    expect(saved().glossary).toEqual([{ ...bahn, translation: "train" }, gleis]);
    expect(notice.textContent).toBe("");
    closeIt(dialog);
    await closed;
  });

  it("takes the other tab's version of a term changed in both into the reader's row, from the keyboard, and saves it", async () => {
    const { dialog, closed, saved } = await bahnChangedInBoth([{ ...bahn, translation: "railway" }]);
    const use = dialog.querySelector<HTMLButtonElement>(".changed-elsewhere button")!;
    use.focus();
    use.click();
    expect(rowsOf(dialog, "Glossary")).toEqual([["Bahn", "railway", ""]]);
    expect(dialog.activeElement).toBe(dialog.querySelector('[data-field="term"]'));
    expect(dialog.querySelector(".changed-elsewhere")!.textContent).toBe("");
    // The row taken is the reader's choice: Save does not take it for a page's doing.
    userClick(dialog.querySelector<HTMLButtonElement>("button[type=submit]")!);
    await settled();
    expect(dialog.querySelector(".status")!.textContent).not.toMatch(/^Not saved/);
    expect(saved().glossary).toEqual([{ ...bahn, translation: "railway" }]);
    closeIt(dialog);
    await closed;
  });

  it("says above Save that a field being edited was changed in another tab, and takes that value from the keyboard", async () => {
    const { dialog, closed, saved, savedElsewhere, heard } = await openHearing(stored);
    const model = field(dialog, "model");
    type(model, "gemma-2-9b-it");
    savedElsewhere(otherTabSave(saved()));
    for (const listener of heard) listener(true);
    await settled();
    const notice = dialog.querySelector(".changed-elsewhere")!;
    expect(notice.getAttribute("aria-live")).toBe("polite");
    expect([...notice.querySelectorAll("li span")].map((line) => line.textContent)).toEqual([
      "Model: changed to “gemma-2-2b-it” in another window or browser — Save keeps yours.",
    ]);
    const use = notice.querySelector("button")!;
    use.focus();
    use.click();
    expect(model.value).toBe("gemma-2-2b-it");
    expect(dialog.activeElement).toBe(model);
    expect(notice.textContent).toBe("");

    // Edited again and changed again elsewhere: Save keeps the reader's, and the notice goes.
    type(model, "gemma-2-9b-it");
    savedElsewhere(applySettingsPatch(saved(), { model: "qwen2.5:3b" }));
    for (const listener of heard) listener(true);
    await settled();
    expect(notice.querySelectorAll("li")).toHaveLength(1);
    userClick(dialog.querySelector<HTMLButtonElement>("button[type=submit]")!);
    await settled();
    expect(saved().model).toBe("gemma-2-9b-it");
    expect(notice.textContent).toBe("");
    closeIt(dialog);
    await closed;
  });
});

/** The dialog with `savedTranslations`: its line on them, Clear saved translations, and closing it. */
async function savedTranslationsRowOf(savedTranslations: NonNullable<SettingsDialogDeps["savedTranslations"]>) {
  const { dialog, closed } = await openOver({ ...DEFAULTS }, { savedTranslations });
  const button = (text: string) => [...dialog.querySelectorAll("button")].find((b) => b.textContent === text)!;
  const clear = button("Clear saved translations");
  const close = async () => {
    closeDiscarding(dialog);
    await closed;
  };
  return { clear, line: clear.previousElementSibling!, close };
}

it("says so when the manager's storage refuses to clear the saved translations, and keeps the button for another try", async () => {
  let kept = 12;
  let refuse = true;
  const savedTranslations = {
    count: () => Promise.resolve({ saved: kept, unsaved: 0 }),
    clear: () => (refuse ? Promise.reject(new Error("storage unavailable")) : Promise.resolve(void (kept = 0))),
  };
  const { clear, line, close } = await savedTranslationsRowOf(savedTranslations);
  expect(line.textContent).toBe("12 translated passages saved.");

  userClick(clear);
  await settled();
  expect(line.textContent).toBe(
    "Not cleared: your userscript manager did not delete the saved translations. Try again, or reload the page.",
  );
  expect(clear.getAttribute("aria-disabled")).toBe("false");

  refuse = false;
  userClick(clear);
  await settled();
  expect(line.textContent).toBe("No translations saved.");
  await close();
});

it("says how many translations are not saved when the manager's storage refuses them, and lets them be cleared", async () => {
  const { line, close } = await savedTranslationsRowOf({
    count: () => Promise.resolve({ saved: 12, unsaved: 3 }),
    clear: () => Promise.resolve(),
  });
  expect(line.textContent).toBe(
    "12 translated passages saved. 3 more not saved yet: your userscript manager did not store them.",
  );
  await close();
  const none = await savedTranslationsRowOf({
    count: () => Promise.resolve({ saved: 0, unsaved: 1 }),
    clear: () => Promise.resolve(),
  });
  expect(none.line.textContent).toBe("1 translated passage not saved yet: your userscript manager did not store it.");
  expect(none.clear.getAttribute("aria-disabled")).toBe("false");
  await none.close();
});

it("a Clear pressed while the saved translations are still being counted is not undone by the count's late answer", async () => {
  let answerCount: (entries: number) => void = () => undefined;
  const savedTranslations = {
    count: () => new Promise<SavedTally>((resolve) => (answerCount = (saved) => resolve({ saved, unsaved: 0 }))),
    clear: () => Promise.resolve(),
  };
  const { clear, line, close } = await savedTranslationsRowOf(savedTranslations);
  expect(line.textContent).toBe("Counting saved translations…");

  userClick(clear);
  await settled();
  expect(line.textContent).toBe("No translations saved.");
  // The count read the storage before the clear, and answers after it.
  answerCount(12);
  await settled();
  expect(line.textContent).toBe("No translations saved.");
  expect(clear.getAttribute("aria-disabled")).toBe("true");
  await close();
});

it("says so when the manager's storage cannot give the settings, instead of opening nothing without a word", async () => {
  const unreadable: string[] = [];
  const closed = openSettingsDialog(document, {
    load: () => Promise.reject(new Error("storage unavailable")),
    save: () => Promise.reject(new Error("not saved here")),
    test: () => Promise.reject(new Error("not tested here")),
    uiLanguage: "en",
    isTrusted,
    onUnreadable: () => void unreadable.push("told"),
  });
  await closed;
  expect(unreadable).toEqual(["told"]);
  expect(root!.host.isConnected).toBe(false);
});

describe("closed with unsaved edits", () => {
  const button = (dialog: ShadowRoot, text: string) =>
    [...dialog.querySelectorAll("button")].find((b) => b.textContent === text)!;
  const escape = (dialog: ShadowRoot) =>
    dialog.activeElement!.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true, composed: true }));

  async function openEdited() {
    const opened = await openOver({ ...DEFAULTS });
    let open = true;
    void opened.closed.then(() => (open = false));
    const model = opened.dialog.getElementById("gloss-model") as HTMLInputElement;
    model.focus();
    type(model, "qwen3-long-name");
    return { ...opened, model, isOpen: () => open };
  }

  it("Escape asks inside the dialog, focus on Keep editing; Escape again keeps the edits and the focus", async () => {
    const { dialog, model, isOpen, closed } = await openEdited();
    escape(dialog);
    await settled();
    expect(isOpen()).toBe(true);
    const question = dialog.getElementById("gloss-unsaved-close")!;
    expect(question.textContent).toBe("You have unsaved changes.");
    expect(question.closest<HTMLElement>("[hidden]")).toBeNull();
    expect(dialog.activeElement).toBe(button(dialog, "Keep editing"));
    expect(["Save", "Discard", "Keep editing"].map((text) => button(dialog, text).tabIndex)).toEqual([0, 0, 0]);
    escape(dialog);
    await settled();
    expect(isOpen()).toBe(true);
    expect(question.closest<HTMLElement>("[hidden]")).not.toBeNull();
    expect(dialog.activeElement).toBe(model);
    expect(model.value).toBe("qwen3-long-name");
    // Close asks too; Discard then closes without saving.
    button(dialog, "Close").click();
    expect(dialog.activeElement).toBe(button(dialog, "Keep editing"));
    button(dialog, "Discard").click();
    await closed;
  });

  it("Save in the question saves the edits, then closes", async () => {
    const { dialog, closed, saved } = await openEdited();
    // A click outside asks as Escape does.
    const backdrop = dialog.querySelector<HTMLElement>(".backdrop")!;
    backdrop.dispatchEvent(new MouseEvent("mousedown", { bubbles: true, composed: true }));
    backdrop.dispatchEvent(new MouseEvent("click", { bubbles: true, composed: true }));
    await settled();
    expect(dialog.activeElement).toBe(button(dialog, "Keep editing"));
    userClick(button(dialog, "Save"));
    await closed;
    expect(saved().model).toBe("qwen3-long-name");
  });

  it("Save in the question that the storage refuses keeps the dialog and the edits, and says why", async () => {
    const { dialog, closed } = await openOver({ ...DEFAULTS }, { save: () => Promise.reject(new Error("full")) });
    let open = true;
    void closed.then(() => (open = false));
    const model = dialog.getElementById("gloss-model") as HTMLInputElement;
    model.focus();
    type(model, "qwen3-long-name");
    escape(dialog);
    userClick(button(dialog, "Save"));
    await settled();
    await settled();
    expect(open).toBe(true);
    expect(model.value).toBe("qwen3-long-name");
    expect(dialog.querySelector(".status")!.textContent).toBe(NOT_STORED);
    expect(dialog.activeElement).toBe(model);
    button(dialog, "Close").click();
    button(dialog, "Discard").click();
    await closed;
  });

  it("the question goes when the reader saves with Save instead; Close then closes at once", async () => {
    const { dialog, closed, saved } = await openEdited();
    button(dialog, "Close").click();
    const question = dialog.getElementById("gloss-unsaved-close")!;
    expect(question.closest("[hidden]")).toBeNull();
    userClick(dialog.querySelector<HTMLButtonElement>("button[type=submit]")!);
    await settled();
    expect(saved().model).toBe("qwen3-long-name");
    expect(question.closest("[hidden]")).not.toBeNull();
    button(dialog, "Close").click();
    await closed;
  });

  it("closes with one Escape when nothing was changed", async () => {
    const { dialog, closed } = await openOver({ ...DEFAULTS });
    escape(dialog);
    await closed;
  });
});

it("says Unsaved changes once the form is edited after a save, as the options page does, and no more when undone", async () => {
  const { dialog, closed } = await openOver({ ...DEFAULTS });
  const model = dialog.getElementById("gloss-model") as HTMLInputElement;
  const status = dialog.querySelector(".status")!;
  type(model, "qwen3");
  expect(status.textContent).toBe("Unsaved changes.");
  userClick(dialog.querySelector<HTMLButtonElement>("button[type=submit]")!);
  await settled();
  expect(status.textContent).toBe("Saved.");
  type(model, "qwen3-long");
  expect(status.textContent).toBe("Unsaved changes.");
  type(model, "qwen3");
  expect(status.textContent).toBe("");
  closeDiscarding(dialog);
  await closed;
});

it("a field marked by a refused save loses its mark and message once the reader fixes it, as on the options page", async () => {
  const { dialog, closed } = await openOver({ ...DEFAULTS });
  const address = dialog.getElementById("gloss-baseUrl") as HTMLInputElement;
  const model = dialog.getElementById("gloss-model") as HTMLInputElement;
  type(address, "localhost:8080");
  userClick(dialog.querySelector<HTMLButtonElement>("button[type=submit]")!);
  await settled();
  const message = dialog.getElementById(address.getAttribute("aria-describedby")!.split(" ").pop()!)!;
  expect(address.getAttribute("aria-invalid")).toBe("true");
  expect(message.textContent).not.toBe("");
  // Typing elsewhere leaves the mark where it is true, and the focus where the reader is.
  model.focus();
  type(model, "qwen3");
  expect(address.getAttribute("aria-invalid")).toBe("true");
  expect(dialog.activeElement).toBe(model);
  type(address, "http://localhost:8080");
  expect(address.getAttribute("aria-invalid")).toBe("false");
  expect([...dialog.querySelectorAll(".error")].map((error) => error.textContent).join("")).toBe("");
  expect(dialog.activeElement).toBe(model);
  closeDiscarding(dialog);
  await closed;
});

describe("the words about unsaved edits stay true", () => {
  const button = (dialog: ShadowRoot, text: string) =>
    [...dialog.querySelectorAll("button")].find((b) => (b.getAttribute("aria-label") ?? b.textContent) === text)!;

  it("removing a row of the glossary says Unsaved changes. beside Save at once", async () => {
    const stored = { ...DEFAULTS, glossary: [{ term: "Bahn", translation: "", lang: "", site: "" }] };
    const { dialog, closed } = await openOver(stored);
    const remove = button(dialog, "Remove Bahn");
    remove.focus();
    remove.dispatchEvent(readers(new MouseEvent("click", { bubbles: true, composed: true })));
    expect(dialog.querySelector(".status")!.textContent).toBe("Unsaved changes.");
    closeDiscarding(dialog);
    await closed;
  });

  it("Remove key says Unsaved changes. beside Save, and Keep key takes it and the question asked on closing away", async () => {
    const address = "http://127.0.0.1:8080";
    const { dialog, closed } = await openOver({ ...DEFAULTS, baseUrl: address, apiKey: "sk-1", apiKeyFor: address });
    const status = dialog.querySelector(".status")!;
    const press = (text: string) =>
      button(dialog, text).dispatchEvent(readers(new MouseEvent("click", { bubbles: true, composed: true })));
    press("Remove key");
    expect(status.textContent).toBe("Unsaved changes.");
    button(dialog, "Close").click();
    const question = dialog.getElementById("gloss-unsaved-close")!;
    expect(question.closest("[hidden]")).toBeNull();
    press("Keep key");
    expect(status.textContent).toBe("");
    expect(question.closest("[hidden]")).not.toBeNull();
    button(dialog, "Close").click();
    await closed;
  });

  it("the question asked on closing goes once the edits it was about are undone", async () => {
    const { dialog, closed } = await openOver({ ...DEFAULTS });
    const model = dialog.getElementById("gloss-model") as HTMLInputElement;
    model.focus();
    type(model, "qwen3");
    button(dialog, "Close").click();
    const question = dialog.getElementById("gloss-unsaved-close")!;
    expect(question.closest("[hidden]")).toBeNull();
    model.focus();
    type(model, DEFAULTS.model);
    expect(question.closest("[hidden]")).not.toBeNull();
    expect(dialog.activeElement).toBe(model);
    button(dialog, "Close").click();
    await closed;
  });
});

/** Whether `element` matches `selector`; false for one jsdom cannot read (`:host`). */
function matches(element: Element, selector: string): boolean {
  try {
    return element.matches(selector);
  } catch {
    return false;
  }
}
