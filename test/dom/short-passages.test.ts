// Short passages are not skipped on a detector's guess. The browser's CLD (i18n.detectLanguage, here the fake
// extension's) answers what it answered on real pages: 100% for a single unreliable guess on short text. A reader who
// reads Italian and translates into English had these left untranslated on a French page; now they are translated,
// and only a reliable detection, or for short text the language it sits in, skips a passage.
import { fakeChrome, resetFakeChrome, type DetectedLanguages } from "../helpers/fake-extension";
import { detectLanguage } from "../../src/content/platform";
import { createPageSession, type PageSession } from "../../src/session/page-session";
import { createFakeTranslator } from "../helpers/fake-translator";

const unreliable = (language: string): DetectedLanguages => ({
  isReliable: false,
  languages: [{ language, percentage: 100 }],
});
const reliable = (language: string): DetectedLanguages => ({
  isReliable: true,
  languages: [{ language, percentage: 99 }],
});

/** CLD's answers on real pages (issue #15) for the short passages, and plain answers for the rest. */
const QUOTED: Record<string, DetectedLanguages> = {
  "Credit Danielle Chenette": unreliable("it"),
  "Braguino (documentaire, 50min, Arte)": unreliable("it"),
  "Tirage photo professionnel": unreliable("it"),
  "Jim & Andy (documentaire, 1h33, Netflix)": unreliable("en"),
};

function cld(text: string): DetectedLanguages {
  const quoted = QUOTED[text.trim()];
  if (quoted) return quoted;
  // Whichever language's common words the text has more of (a page's sample mixes its French and its quote).
  const english = text.match(/\b(the|and|with|is|to)\b/g)?.length ?? 0;
  const french = text.match(/\b(le|la|les|et|des|une|que)\b/g)?.length ?? 0;
  if (english || french) return reliable(english > french ? "en" : "fr");
  return { isReliable: false, languages: [{ language: "und", percentage: 100 }] };
}

const FRENCH_PAGE = `
<article>
  <h1>Les documentaires qu'il faut voir cet hiver, selon la rédaction</h1>
  <figure><img alt=""><figcaption>Credit Danielle Chenette</figcaption></figure>
  <p>La rédaction a choisi des films que les lecteurs ont aimés et une série qui fait parler d'elle.</p>
  <ul><li>Braguino (documentaire, 50min, Arte)</li><li>Jim &amp; Andy (documentaire, 1h33, Netflix)</li></ul>
  <p>Tirage photo professionnel</p>
  <blockquote><p>This is the quote in English, and it is long enough to be detected with confidence.</p></blockquote>
</article>`;

const live: PageSession[] = [];

beforeEach(() => {
  resetFakeChrome();
  fakeChrome.detectLanguage = cld;
});
// A session keeps watching the document; end each one so it does not translate the next test's page.
afterEach(() => live.splice(0).forEach((session) => session.restore()));

function translatePage(html: string, neverTranslate: string[]) {
  document.body.innerHTML = html;
  const fake = createFakeTranslator();
  const session = createPageSession({
    document,
    translator: fake.translate,
    getConfig: async () => ({ targetLang: "en", neverTranslate, maxBatchChars: 2000, maxConcurrent: 1 }),
    detectLang: detectLanguage,
    onReport: () => undefined,
  });
  live.push(session);
  return { session, sent: () => fake.batches.flat().map((s) => s.html) };
}

it("the extension's detector counts only reliable answers, not CLD's 100% guesses", async () => {
  for (const [text, answer] of Object.entries(QUOTED)) {
    expect(answer.languages[0]!.percentage).toBe(100);
    expect(await detectLanguage(text)).toBeUndefined();
  }
  expect(await detectLanguage("This is the quote in English, and it is long enough")).toBe("en");
});

it("short passages with an unreliable 100% answer are translated; a reliable long English quote is skipped", async () => {
  const { session, sent } = translatePage(FRENCH_PAGE, ["it"]);
  await session.translate();
  expect(sent()).toEqual(
    expect.arrayContaining([
      "Credit Danielle Chenette",
      "Braguino (documentaire, 50min, Arte)",
      "Jim &amp; Andy (documentaire, 1h33, Netflix)",
      "Tirage photo professionnel",
    ]),
  );
  expect(document.querySelector("figcaption")?.textContent).toBe("CREDIT DANIELLE CHENETTE");
  expect(document.querySelector("li")?.textContent).toBe("BRAGUINO (DOCUMENTAIRE, 50MIN, ARTE)");
  expect(document.querySelectorAll("li")[1]?.textContent).toBe("JIM & ANDY (DOCUMENTAIRE, 1H33, NETFLIX)");
  expect(sent().some((html) => html.startsWith("This is the quote"))).toBe(false);
  expect(session.report()).toMatchObject({ status: "translated" });
});

it("even a reliable answer does not skip a short passage inside text in another language", async () => {
  QUOTED["Tirage photo professionnel"] = reliable("it");
  try {
    const { session, sent } = translatePage(FRENCH_PAGE, ["it"]);
    await session.translate();
    expect(sent()).toContain("Tirage photo professionnel");
  } finally {
    QUOTED["Tirage photo professionnel"] = unreliable("it");
  }
});

it("a short passage is skipped where the text around it is in the target language", async () => {
  const { session, sent } = translatePage(
    `<article><h1>The documentaries to see this winter, and the ones to skip</h1>
      <p>The editors picked the films that readers liked and the series everyone talks about.</p>
      <p>Credit Danielle Chenette</p>
      <div lang="fr"><p>Tirage photo professionnel</p></div></article>`,
    [],
  );
  await session.translate();
  // The English page's caption stays; the French block's line is translated whatever the detector says.
  expect(sent()).toEqual(["Tirage photo professionnel"]);
});

it("a block the page marks as a language the reader reads is left alone, whatever its region", async () => {
  // Declared languages are never detected, so "never translate" has to count for them too.
  const { session, sent } = translatePage(
    `<article><p>Die Redaktion hat Filme ausgewählt, die den Lesern gefallen haben, und eine Serie dazu.</p>
      <blockquote lang="fr-FR"><p>La rédaction a choisi des films que les lecteurs ont aimés et une série.</p></blockquote>
      <p lang="pt-PT">A redação escolheu filmes de que os leitores gostaram e uma série.</p></article>`,
    ["fr-CA", "pt-BR"],
  );
  await session.translate();
  expect(sent()).toEqual(["Die Redaktion hat Filme ausgewählt, die den Lesern gefallen haben, und eine Serie dazu."]);
  expect(document.querySelector("blockquote")?.textContent).toBe(
    "La rédaction a choisi des films que les lecteurs ont aimés et une série.",
  );
});

it("a page in a language the reader reads is left alone, and the notice names that language", async () => {
  const { session, sent } = translatePage(
    `<article><h1>Les documentaires qu'il faut voir cet hiver, selon la rédaction</h1>
      <p>La rédaction a choisi des films que les lecteurs ont aimés et une série qui fait parler d'elle.</p>
      <p>Tirage photo professionnel</p></article>`,
    ["fr-CA"],
  );
  await session.translate();
  expect(sent()).toEqual([]);
  expect(session.report()).toMatchObject({
    status: "idle",
    notice: "This page is in French, which you read: Gloss leaves it as it is.",
  });
});

it("on a mixed page, passages in a language the reader reads stay and the rest is translated", async () => {
  const { session, sent } = translatePage(
    `<article><p>Die Redaktion hat Filme ausgewählt, die den Lesern gefallen haben, und eine Serie dazu.</p>
      <p>La rédaction a choisi des films que les lecteurs ont aimés et une série qui fait parler d'elle.</p></article>`,
    ["fr"],
  );
  await session.translate();
  expect(sent()).toEqual(["Die Redaktion hat Filme ausgewählt, die den Lesern gefallen haben, und eine Serie dazu."]);
  expect(session.report()).toMatchObject({ status: "translated" });
});

it("a Hebrew page for a reader of Hebrew: CLD's code for it (iw) is Hebrew too, and the notice says so", async () => {
  fakeChrome.detectLanguage = () => reliable("iw");
  const { session, sent } = translatePage(
    `<article><p>זה באמת רעיון טוב מאוד, תודה רבה על השיתוף, אני אנסה את זה כבר מחר בבוקר עם החברים שלי.</p></article>`,
    ["he"],
  );
  await session.translate();
  expect(sent()).toEqual([]);
  expect(session.report()).toMatchObject({
    notice: "This page is in Hebrew, which you read: Gloss leaves it as it is.",
  });
});
