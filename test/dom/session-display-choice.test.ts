// The reader switches the view (or the bilingual look) while a translation is reading its settings: the settings it
// reads were saved before that choice, and the page shows what the reader chose last, as the popup does.
import { createPageSession, type PageSession } from "../../src/session/page-session";
import type { SessionConfig } from "../../src/session/session-config";
import { createFakeTranslator } from "../helpers/fake-translator";

const COPY = 'span[translate="no"][lang="en"]';
const live: PageSession[] = [];
afterEach(() => {
  for (const s of live.splice(0)) s.restore();
});

/** A session whose settings, read before the reader's choice, name the replacing view and the quiet look. */
function slowSettings(extra: Partial<SessionConfig> = {}): { session: PageSession; settingsRead: () => void } {
  let read!: () => void;
  const fake = createFakeTranslator();
  const config: SessionConfig = {
    targetLang: "en",
    neverTranslate: [],
    maxBatchChars: 200,
    maxConcurrent: 1,
    displayMode: "replace",
    bilingualStyle: "quiet",
    ...extra,
  };
  const session = createPageSession({
    document,
    translator: fake.translate,
    getConfig: () => new Promise((resolve) => (read = () => resolve(config))),
    onReport: () => undefined,
  });
  live.push(session);
  return { session, settingsRead: () => read() };
}

it("a view chosen while the translation reads its settings is the view the page is translated in", async () => {
  document.body.innerHTML = `<p id="a">Erster Absatz</p><p id="b">Zweiter Absatz</p>`;
  const { session, settingsRead } = slowSettings();
  const done = session.translate();
  session.setDisplayMode("bilingual");
  session.setBilingualStyle("highlight");
  settingsRead();
  await done;
  for (const id of ["a", "b"]) {
    const p = document.getElementById(id) as Element;
    expect(p.firstChild?.textContent).toMatch(/^(Erster|Zweiter) Absatz$/);
    const copy = p.querySelector<HTMLElement>(COPY);
    expect(copy?.style.getPropertyValue("background-color")).toBe("rgba(255, 204, 0, 0.2)");
  }
});

it("the next translation follows the settings again", async () => {
  document.body.innerHTML = `<p id="a">Erster Absatz</p>`;
  const { session, settingsRead } = slowSettings();
  const first = session.translate();
  session.setDisplayMode("bilingual");
  settingsRead();
  await first;
  session.restore();
  const second = session.translate();
  settingsRead();
  await second;
  expect(document.body.innerHTML).toBe(`<p id="a" lang="en">ERSTER ABSATZ</p>`);
});

it("a view chosen after the settings were read at page load, before the translation began, is the one shown", async () => {
  // Auto-translate and a press within seconds of the load take the settings asked for as the page loaded
  // (content/startup-config.ts): the reader's choice in the popup since then is newer than them.
  document.body.innerHTML = `<p id="a">Erster Absatz</p>`;
  const { session, settingsRead } = slowSettings({ readBeforeRun: true });
  session.setDisplayMode("bilingual");
  session.setBilingualStyle("highlight");
  const done = session.translate();
  settingsRead();
  await done;
  const p = document.getElementById("a") as Element;
  expect(p.firstChild?.textContent).toBe("Erster Absatz");
  expect(p.querySelector<HTMLElement>(COPY)?.style.getPropertyValue("background-color")).toBe("rgba(255, 204, 0, 0.2)");
});

it("settings read as the run begins still win over a choice made before it", async () => {
  document.body.innerHTML = `<p id="a">Erster Absatz</p>`;
  const { session, settingsRead } = slowSettings();
  session.setDisplayMode("bilingual");
  const done = session.translate();
  settingsRead();
  await done;
  expect(document.body.innerHTML).toBe(`<p id="a" lang="en">ERSTER ABSATZ</p>`);
});
