// Gloss updated while a page a site rule translates was shown translated: the old script, cut off, still shows it.
// The reader's shortcut injects the new script, which takes the page back (content/handover.ts) and tells the
// background so; the background makes the press "show the original" (background/command-delivery.ts). The new
// script's own auto-translate must not then translate the page the reader just asked to see in the original.
import { handOverWhenCutOff } from "../../src/content/handover";
import { createPageSession } from "../../src/session/page-session";
import { createFakeTranslator } from "../helpers/fake-translator";
import { eventually } from "../helpers/eventually";
import { showsTranslation, type ContentConfig, type ContentReport } from "../../src/shared/messages";

const KEY = "5d1e0b8c-2f47-4a9e-8c3d-7e6f1a2b9c40";
const ORIGINAL = "Das ist ein Absatz auf Deutsch, über das Wetter in der Stadt.";

type Listener = (message: unknown, sender: unknown, respond: (reply: unknown) => void) => boolean;
const listeners: Listener[] = [];
/** The new script's questions for its settings, answered when the test says. */
const configAsked: Array<(reply: unknown) => void> = [];

const CONFIG: ContentConfig = {
  targetLang: "en",
  translationScope: "scope",
  neverTranslate: [],
  autoTranslate: true,
  displayMode: "replace",
  bilingualStyle: "quiet",
  progressCue: false,
  hoverTranslate: false,
  skipParts: [],
  maxBatchChars: 800,
  maxConcurrent: 1,
  limitsKnown: true,
};

beforeAll(() => {
  // The new extension's API in the new script's world: installed as `browser` too, as the polyfill then keeps it.
  const api = {
    runtime: {
      id: "gloss",
      onMessage: { addListener: (listener: Listener) => listeners.push(listener), removeListener: () => undefined },
      sendMessage: (envelope: { name: string }) =>
        envelope.name === "getContentConfig"
          ? new Promise((resolve) => configAsked.push(resolve))
          : Promise.resolve({ ok: true, value: null }),
      connect: () => {
        throw new Error("no translation port in this test");
      },
      getURL: (path: string) => path,
    },
    storage: { local: { get: async (key: string) => ({ [key]: KEY }) } },
    i18n: { detectLanguage: async () => ({ isReliable: false, languages: [] }) },
  };
  Object.assign(globalThis, { chrome: api, browser: api });
});

afterAll(() => {
  delete (globalThis as { chrome?: unknown }).chrome;
  delete (globalThis as { browser?: unknown }).browser;
});

/** A command from the background, answered by the new script. */
const command = (message: unknown) =>
  new Promise<ContentReport>((resolve) => {
    for (const listener of listeners) listener(message, { id: "gloss" }, resolve as (reply: unknown) => void);
  });

test("the shortcut after an update on a page a rule translates shows the original, and the rule does not translate it again", async () => {
  document.documentElement.lang = "de";
  document.body.innerHTML = `<p>${ORIGINAL}</p>`;
  // The old script: translated the page, read the install's key as it started, then cut off by the update.
  const old = createPageSession({
    document,
    translator: createFakeTranslator().translate,
    getConfig: async () => ({ targetLang: "en", neverTranslate: [], maxBatchChars: 80, maxConcurrent: 1 }),
    onReport: () => undefined,
  });
  await old.translate();
  const key = { value: KEY, ready: Promise.resolve() };
  handOverWhenCutOff({
    window,
    key,
    cutOff: () => true,
    translated: () => showsTranslation(old.report()),
    retire: () => old.restore(),
  });
  await key.ready;
  await null;
  expect(document.querySelector("p")!.textContent).toBe(ORIGINAL.toUpperCase());

  // The press: the background leaves the key, then runs content.js and start-translation.js.
  Object.assign(globalThis, { __glossHandoverKey: KEY });
  jest.isolateModules(() => jest.requireActual("../../src/content/index"));
  const world = globalThis as {
    __glossStartPress?: () => unknown;
    __glossContentSession?: { report(): ContentReport };
  };
  expect(world.__glossStartPress!()).toBe("handed back");
  expect(document.querySelector("p")!.textContent).toBe(ORIGINAL);

  // The background makes the toggle "show the original": it asks the state, then sends restore.
  await command({ command: "state" });
  await command({ command: "restore" });
  // Only then does the rule's check hear that the site is one Gloss translates automatically.
  await eventually(() => expect(configAsked.length).toBeGreaterThan(0), 2_000, 5);
  for (const answer of configAsked.splice(0)) answer({ ok: true, value: CONFIG });
  await new Promise((resolve) => setTimeout(resolve, 50));
  for (const answer of configAsked.splice(0)) answer({ ok: true, value: CONFIG });
  await new Promise((resolve) => setTimeout(resolve, 50));

  const report = world.__glossContentSession!.report();
  expect(report.status === "idle" || report.status === "original").toBe(true);
  expect(document.querySelector("p")!.textContent).toBe(ORIGINAL);
});
