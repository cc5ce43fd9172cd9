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
function slowSettings(): { session: PageSession; settingsRead: () => void } {
  let read!: () => void;
  const fake = createFakeTranslator();
  const config: SessionConfig = {
    targetLang: "en",
    neverTranslate: [],
    maxBatchChars: 200,
    maxConcurrent: 1,
    displayMode: "replace",
    bilingualStyle: "quiet",
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
