// Gloss updated, reloaded or turned off while a page is translated: Chromium leaves the old content script running
// in the page, cut off from the extension. The new script asks it to give the page back before reading the page, so
// it does not take the translations for the page's text, and the reader's Show original brings back the original.
import { askForHandover, handOverWhenCutOff } from "../../src/content/handover";
import { extensionGone } from "../../src/extension/cut-off";
import { createPageSession, type PageSession } from "../../src/session/page-session";
import { createFakeTranslator } from "../helpers/fake-translator";
import { showsTranslation } from "../../src/shared/messages";

/** This install's handover key, as both scripts learned it (from extension storage, which the page cannot read). */
const KEY = "3f0c9e52-7a1d-4c4b-9d0e-5b8a2f6c1e77";
const key = { value: KEY, ready: Promise.resolve() };

const ORIGINAL = "Das ist ein Absatz auf Deutsch, über das Wetter in der Stadt.";
const original = (i: number) => (i ? `${ORIGINAL} Nummer ${i + 1}.` : ORIGINAL);

/**
 * The old script's page session over `paragraphs` paragraphs, translating them (one: translated when this returns),
 * and a switch for its extension going away.
 */
async function oldScript(
  fake = createFakeTranslator(),
  paragraphs = 1,
): Promise<{ session: PageSession; setGone(): void; retired: () => number; translating: Promise<void> }> {
  document.documentElement.lang = "de";
  document.body.innerHTML = Array.from({ length: paragraphs }, (_, i) => `<p>${original(i)}</p>`).join("");
  const session = createPageSession({
    document,
    translator: fake.translate,
    getConfig: async () => ({ targetLang: "en", neverTranslate: [], maxBatchChars: 80, maxConcurrent: 1 }),
    onReport: () => undefined,
  });
  const translating = session.translate();
  if (paragraphs === 1) await translating;
  // The runtime as Chromium leaves it for a script whose extension went away: no id.
  let runtime: { id?: string } = { id: "gloss" };
  let retired = 0;
  handOverWhenCutOff({
    window,
    key,
    cutOff: () => extensionGone(() => runtime),
    translated: () => showsTranslation(session.report()),
    retire: () => {
      retired++;
      session.restore();
    },
  });
  await key.ready; // the listener goes in once the key is known
  await null;
  return { session, setGone: () => (runtime = {}), retired: () => retired, translating };
}

const paragraph = () => document.querySelector("p")!.textContent;
const paragraphs = () => [...document.querySelectorAll("p")].map((p) => p.textContent);

test("a new script after an update finds the page's own text: the cut-off script put the original back", async () => {
  const old = await oldScript();
  expect(paragraph()).toBe(ORIGINAL.toUpperCase());
  old.setGone();
  askForHandover(window, KEY);
  expect(paragraph()).toBe(ORIGINAL);
  expect(old.session.active).toBe(false);
  // Asked again (another script, or the page): nothing more to give back.
  askForHandover(window, KEY);
  expect(old.retired()).toBe(1);
});

test("a script still connected to its extension keeps the translation when the page sends the same event", async () => {
  const old = await oldScript();
  window.dispatchEvent(new Event("gloss-handover"));
  askForHandover(window, KEY);
  expect(paragraph()).toBe(ORIGINAL.toUpperCase());
  expect(old.retired()).toBe(0);
  old.session.restore();
});

test("cut off mid-translation: the part shown translated goes back, and what was still asked is never written", async () => {
  const fake = createFakeTranslator({ hold: true });
  const old = await oldScript(fake, 2);
  await fake.nextBatch();
  fake.release();
  await fake.nextBatch();
  expect(paragraphs()).toEqual([ORIGINAL.toUpperCase(), original(1)]);
  old.setGone();
  askForHandover(window, KEY);
  fake.releaseAll();
  await old.translating;
  expect(paragraphs()).toEqual([ORIGINAL, original(1)]);
  expect(old.session.active).toBe(false);
});

test("a new script learns that the cut-off one showed a translation (a toggle then means the original), and only then", async () => {
  const old = await oldScript();
  old.setGone();
  expect(askForHandover(window, KEY)).toBe(true);
  expect(paragraph()).toBe(ORIGINAL);
  // Given back already: the next script finds the page's own text, and nothing of Gloss's shown.
  expect(askForHandover(window, KEY)).toBe(false);
});

test("a cut-off script that showed the original says nothing was given back", async () => {
  const old = await oldScript();
  old.session.restore();
  old.setGone();
  expect(askForHandover(window, KEY)).toBe(false);
});

test("a script still connected says nothing either: the page is its to show", async () => {
  const old = await oldScript();
  expect(askForHandover(window, KEY)).toBe(false);
  expect(paragraph()).toBe(ORIGINAL.toUpperCase());
  old.session.restore();
});

/** A page's capture listener on `window` for every name it may know Gloss's handover by: put in before Gloss's. */
let pageListeners = new AbortController();
afterEach(() => {
  pageListeners.abort();
  pageListeners = new AbortController();
});

/** A page's capture listener on `window` for every name it may know Gloss's handover by: put in before Gloss's. */
function pageStopsHandovers(also: (event: Event) => void = () => undefined): void {
  const stop = (event: Event) => {
    also(event);
    event.stopImmediatePropagation();
  };
  for (const type of ["gloss-handover", "gloss-handover-"]) {
    window.addEventListener(type, stop, { capture: true, signal: pageListeners.signal });
  }
}

test("a page that stops the handover event before Gloss hears it cannot keep the old translation in place", async () => {
  // The page's scripts run before Gloss's (document_idle, or a press): its capture listener on `window` comes first.
  pageStopsHandovers();
  const old = await oldScript();
  old.setGone();
  expect(askForHandover(window, KEY)).toBe(true);
  // The new script reads the page's own text, and the old translation is not left where Show original cannot undo it.
  expect(paragraph()).toBe(ORIGINAL);
  expect(old.retired()).toBe(1);
});

test("a page cannot make a new script believe a translation was given back (its press would then do nothing)", () => {
  document.body.innerHTML = `<p>${ORIGINAL}</p>`;
  pageStopsHandovers((event) => event.preventDefault());
  expect(askForHandover(window, KEY)).toBe(false);
});

test("after an update, a page sending the handover event itself does not take away the translation the reader reads", async () => {
  const old = await oldScript();
  old.setGone();
  // Before any press: the reader is reading the page translated, and has asked for nothing.
  for (const type of ["gloss-handover", "gloss-handover-", `gloss-handover-${KEY.slice(0, 8)}`]) {
    window.dispatchEvent(new Event(type, { cancelable: true }));
  }
  expect(paragraph()).toBe(ORIGINAL.toUpperCase());
  expect(old.retired()).toBe(0);
  // The reader's next press still gets the page back.
  expect(askForHandover(window, KEY)).toBe(true);
  expect(paragraph()).toBe(ORIGINAL);
});
