// A page back from the back/forward cache, or shown after Chromium prerendered it, checks in with the background as
// at start, and its bilingual copies take the look saved while it was away, in place and with no request. Nothing else of the answer is taken: a new
// target language must never retranslate a page behind the reader's back.
import { followRestoredPage } from "../../src/content/restored-page";
import { createPageSession, type PageSession } from "../../src/session/page-session";
import type { BilingualStyle } from "../../src/shared/bilingual-styles";
import type { ContentConfig, Reply } from "../../src/shared/messages";
import { createFakeTranslator } from "../helpers/fake-translator";

/** jsdom's events are all script-made: the tests stand in for the browser, except where a page's events are meant. */
let browserMade = true;
beforeEach(() => (browserMade = true));

const COPY = 'span[translate="no"][lang="en"]';
const copies = () => [...document.querySelectorAll<HTMLElement>(COPY)];
const HIGHLIGHT = "rgba(255, 204, 0, 0.2)";

/** What the background answers now: the reader saved "highlight" and a new target language meanwhile. */
const SAVED: ContentConfig = {
  targetLang: "fr",
  translationScope: "",
  neverTranslate: [],
  autoTranslate: false,
  displayMode: "bilingual",
  bilingualStyle: "highlight",
  progressCue: true,
  hoverTranslate: false,
  skipParts: [],
  maxBatchChars: 200,
  maxConcurrent: 1,
  limitsKnown: true,
};

const live: PageSession[] = [];
afterEach(() => {
  for (const s of live.splice(0)) s.restore();
});

/** A German page translated in the bilingual view, quiet, and followed for returns from the cache. */
async function translatedPage(
  answer: () => Promise<Reply<ContentConfig>> = async () => ({ ok: true, value: SAVED }),
  look: BilingualStyle = "quiet",
) {
  document.body.replaceChildren(
    ...["Das ist der erste Absatz auf Deutsch.", "Und das ist der zweite Absatz auf Deutsch."].map((text) => {
      const p = document.createElement("p");
      p.textContent = text;
      return p;
    }),
  );
  const fake = createFakeTranslator();
  const session = createPageSession({
    document,
    translator: fake.translate,
    getConfig: async () => ({
      targetLang: "en",
      neverTranslate: [],
      maxBatchChars: 200,
      maxConcurrent: 1,
      displayMode: "bilingual" as const,
      bilingualStyle: look,
    }),
    onReport: () => undefined,
  });
  live.push(session);
  const checkIns: string[] = [];
  /** The states the page sent again, as the background's badge hears them. */
  const reported: string[] = [];
  /** The answers on their way; the page's own handler of each runs before a test's await of it. */
  const answers: Array<Promise<unknown>> = [];
  followRestoredPage({
    window,
    checkIn: (url) => {
      checkIns.push(url);
      const reply = answer();
      answers.push(reply);
      return reply;
    },
    setBilingualStyle: (style) => session.setBilingualStyle(style),
    reportAgain: () => reported.push(session.report().status),
    isTrusted: () => browserMade,
  });
  await session.translate();
  return { session, fake, checkIns, reported, answered: () => Promise.all(answers) };
}

const show = (persisted: boolean) => window.dispatchEvent(new PageTransitionEvent("pageshow", { persisted }));

it("back from the cache, checks in with its address and restyles the copies in place: no request, no new language", async () => {
  const { session, fake, checkIns, answered } = await translatedPage();
  const shown = copies();
  expect(shown).toHaveLength(2);
  expect(shown[0]!.style.getPropertyValue("opacity")).toBe("0.82");
  const requests = fake.calls.length;

  show(true);
  await answered();

  expect(checkIns).toEqual([location.href]);
  expect(copies()).toEqual(shown);
  expect(shown.map((copy) => copy.style.getPropertyValue("background-color"))).toEqual([HIGHLIGHT, HIGHLIGHT]);
  expect(shown[0]!.lang).toBe("en");
  expect(fake.calls.length).toBe(requests);
  expect(session.report().status).toBe("translated");
});

it("back from the cache, tells the badge again that the page is translated (the browser cleared it as the tab moved)", async () => {
  const { reported, answered } = await translatedPage();
  expect(reported).toEqual([]);
  show(true);
  await answered();
  await Promise.resolve();
  expect(reported).toEqual(["translated"]);
});

it("a first load's pageshow is no return: the start-up ask has checked in already", async () => {
  const { checkIns } = await translatedPage();
  show(false);
  expect(checkIns).toEqual([]);
  expect(copies()[0]!.style.getPropertyValue("opacity")).toBe("0.82");
});

it("with no answer from the background, the page keeps the look it has", async () => {
  const { checkIns, reported, answered } = await translatedPage(async () => ({
    ok: false,
    error: { message: "Gloss's background is not reachable. Reload the extension and try again." },
  }));
  show(true);
  await answered();
  expect(checkIns).toHaveLength(1);
  expect(copies().map((copy) => copy.style.getPropertyValue("opacity"))).toEqual(["0.82", "0.82"]);
  expect(reported).toEqual([]); // the background is not there to hear it
});

it("a page's own pageshow claiming a return from the cache asks nothing and changes nothing", async () => {
  const { checkIns } = await translatedPage();
  browserMade = false;
  show(true);
  expect(checkIns).toEqual([]);
  expect(copies()[0]!.style.getPropertyValue("opacity")).toBe("0.82");
});

it("back from the cache with the look unchanged, a blurred copy the mouse was on stays shown", async () => {
  const { answered } = await translatedPage(
    async () => ({ ok: true, value: { ...SAVED, bilingualStyle: "blur" } }),
    "blur",
  );
  const [copy] = copies();
  const mouseOn = new MouseEvent("pointerenter");
  Object.defineProperty(mouseOn, "pointerType", { value: "mouse" });
  copy!.dispatchEvent(mouseOn);
  expect(copy!.style.getPropertyValue("filter")).toBe("none");

  show(true);
  await answered();

  expect(copy!.style.getPropertyValue("filter")).toBe("none");
  expect(copy!.getAttribute("tabindex")).toBe("0");
});

describe("a page Chromium prerendered, shown in its tab", () => {
  const shownNow = () => document.dispatchEvent(new Event("prerenderingchange"));

  it("checks in as the tab's page (its start-up ask came while it was not yet) and takes the look", async () => {
    const { checkIns, reported, answered } = await translatedPage();
    shownNow();
    await answered();
    expect(checkIns).toEqual([location.href]);
    await Promise.resolve();
    expect(reported).toEqual(["translated"]);
    expect(copies().map((copy) => copy.style.getPropertyValue("background-color"))).toEqual([HIGHLIGHT, HIGHLIGHT]);
  });

  it("a page's own prerenderingchange asks nothing", async () => {
    const { checkIns } = await translatedPage();
    browserMade = false;
    shownNow();
    expect(checkIns).toEqual([]);
  });
});
