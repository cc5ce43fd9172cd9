// The reader's parts of a site left untranslated, as a page run collects them: the part stays in the original on the
// rule's site, a rule for another site changes nothing, a selector the page's browser cannot read costs nothing else,
// and a changed rule is taken in by the next translation.
import { createPageSession, type PageSession, type SessionConfig } from "../../src/session/page-session";
import { DEFAULTS, readSettings, type Settings } from "../../src/shared/settings";
import type { SkipPart } from "../../src/shared/skip-parts";
import { createSessionConfigSource } from "../../src/userscript/session-config";
import { createFakeTranslator } from "../helpers/fake-translator";

const REDDIT = "https://old.reddit.com/r/de/comments/1/";

const live: PageSession[] = [];
afterEach(() => {
  for (const s of live.splice(0)) s.restore();
});

function page(): void {
  document.body.innerHTML = `
    <div class="content"><p>Das ist der Beitrag, und er ist auf Deutsch geschrieben.</p></div>
    <div class="side"><p>Die Seitenleiste bleibt so, wie sie ist.</p></div>
    <aside id="ticker"><p>Der Ticker läuft die ganze Zeit weiter.</p></aside>`;
}

const text = (selector: string) => document.querySelector(selector)!.textContent!.trim();

function sessionOver(getConfig: () => Promise<SessionConfig>): PageSession {
  const s = createPageSession({
    document,
    translator: createFakeTranslator().translate,
    getConfig,
    onReport: () => undefined,
  });
  live.push(s);
  return s;
}

/** A page session as the userscript makes it, over settings the test can change, for a page at `url`. */
function session(url: string, skipParts: SkipPart[]): { session: PageSession; settings: { now: Settings } } {
  const settings = { now: readSettings({ ...DEFAULTS, targetLang: "en", skipParts }).settings };
  const getConfig = createSessionConfigSource({
    loadSettings: async () => settings.now,
    capacity: async () => ({ slots: 1, contextSize: 4096 }),
    uiLanguage: "en",
    url: () => url,
  });
  return { session: sessionOver(getConfig), settings };
}

describe("parts left untranslated", () => {
  it("leave the rule's part of the page in the original and translate the rest; another site's rule does nothing", async () => {
    page();
    const { session: s } = session(REDDIT, [
      { site: "reddit.com", selector: ".side" },
      { site: "example.com", selector: ".content" },
      { site: "example.com", selector: "#ticker" },
    ]);
    await s.translate();
    expect(text(".content")).toBe("DAS IST DER BEITRAG, UND ER IST AUF DEUTSCH GESCHRIEBEN.");
    expect(text(".side")).toBe("Die Seitenleiste bleibt so, wie sie ist.");
    expect(text("#ticker")).toBe("DER TICKER LÄUFT DIE GANZE ZEIT WEITER.");
  });

  it("follow a rule's path: a rule for one subreddit leaves another one's page alone", async () => {
    page();
    const { session: s } = session("https://www.reddit.com/r/france/", [
      { site: "reddit.com/r/de", selector: ".side" },
      { site: "reddit.com/r/france", selector: "#ticker" },
    ]);
    await s.translate();
    expect(text(".side")).toBe("DIE SEITENLEISTE BLEIBT SO, WIE SIE IST.");
    expect(text("#ticker")).toBe("Der Ticker läuft die ganze Zeit weiter.");
  });

  it("still translate the page, and keep the other parts, when one selector is one this browser cannot read", async () => {
    page();
    // Stored where nothing could parse it (a service worker checks its shape only), or written for another browser.
    const s = sessionOver(async () => ({
      targetLang: "en",
      neverTranslate: [],
      maxBatchChars: 2000,
      maxConcurrent: 1,
      skipParts: [":no-such-state(x)", ".side"],
    }));
    await s.translate();
    expect(text(".content")).toBe("DAS IST DER BEITRAG, UND ER IST AUF DEUTSCH GESCHRIEBEN.");
    expect(text(".side")).toBe("Die Seitenleiste bleibt so, wie sie ist.");
  });

  it("leave a translated page as it is when a rule is added, and apply the rule from the next translation", async () => {
    page();
    const { session: s, settings } = session(REDDIT, []);
    await s.translate();
    expect(text(".side")).toBe("DIE SEITENLEISTE BLEIBT SO, WIE SIE IST.");
    settings.now = { ...settings.now, skipParts: [{ site: "reddit.com", selector: ".side" }] };
    expect(text(".side")).toBe("DIE SEITENLEISTE BLEIBT SO, WIE SIE IST.");
    s.restore();
    await s.translate();
    expect(text(".content")).toBe("DAS IST DER BEITRAG, UND ER IST AUF DEUTSCH GESCHRIEBEN.");
    expect(text(".side")).toBe("Die Seitenleiste bleibt so, wie sie ist.");
  });
});
