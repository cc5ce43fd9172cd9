// WCAG 3.1.2, language of parts: an element whose whole content Gloss translated says the target language (`lang`),
// so that screen readers read the translation with the right voice; Show original puts the page's own `lang` back.
// Gloss's mark is not a declaration of the page's: it does not stop what the page puts under it from being
// translated.

import { Rules } from "../../src/core/collect/rules";
import { markLang } from "../../src/core/write/own-lang";
import { setup } from "../helpers/core-page";

const PAGE =
  `<h2>Neuigkeiten</h2><p lang="de-AT">Servus <b>miteinander</b></p>` +
  `<div id="mixed">Ein Satz vor <p>einem Absatz</p></div>`;

test("translated elements say the target language; Show original gives back the page's own, byte for byte", async () => {
  const { page } = setup(PAGE);
  const before = document.body.innerHTML;
  await page.translate();
  expect(document.body.innerHTML).toBe(
    `<h2 lang="en">NEUIGKEITEN</h2><p lang="en">SERVUS <b>MITEINANDER</b></p>` +
      // A run of a block's nodes is not its whole element; once the rest of the <div> is translated too, the <div>
      // says so as well (core-whole-marks.test.ts).
      `<div id="mixed" lang="en">EIN SATZ VOR <p lang="en">EINEM ABSATZ</p></div>`,
  );
  page.restore();
  expect(document.body.innerHTML).toBe(before);
});

test("switching to the bilingual view takes the mark off the original (its copy says the target language)", async () => {
  const { page } = setup(`<p id="p">Hallo Welt</p>`);
  await page.translate();
  const p = document.getElementById("p") as Element;
  expect(p.getAttribute("lang")).toBe("en");
  page.setDisplayMode("bilingual");
  expect(p.hasAttribute("lang")).toBe(false);
  expect(p.querySelector("span[lang=en]")?.textContent).toBe("HALLO WELT");
  page.setDisplayMode("replace");
  expect(p.outerHTML).toBe(`<p id="p" lang="en">HALLO WELT</p>`);
});

test("a lang the page set meanwhile stays on Show original", async () => {
  const { page } = setup(`<p>Hallo Welt</p>`);
  await page.translate();
  document.querySelector("p")?.setAttribute("lang", "fr");
  page.restore();
  expect(document.body.innerHTML).toBe(`<p lang="fr">Hallo Welt</p>`);
});

test("Gloss's mark is not the page saying its text is in the target language already", () => {
  document.body.innerHTML = `<p id="ours">Hallo</p><p id="page" lang="en">Hello</p>`;
  const rules = new Rules(document, "en");
  const ours = document.getElementById("ours") as Element;
  markLang(ours, "en");
  expect(rules.langFlag(ours)).toBeNull();
  const declared = document.getElementById("page") as Element;
  expect(rules.langFlag(declared)).toBe("target");
});

// An image or icon button says nothing but its alt or aria-label: translated, that is read with the page language's
// voice unless the element itself says the target language.
const NAMED =
  `<img id="img" alt="Ein Hund im Schnee" src="x.png"><button id="close" aria-label="Fenster schließen"><svg></svg></button>` +
  `<input id="go" type="image" alt="Suche starten"><input id="q" placeholder="Suchen Sie hier">`;

test("an element that says only its translated alt or aria-label says the target language; not a text field", async () => {
  const { page } = setup(NAMED);
  const before = document.body.innerHTML;
  await page.translate();
  const lang = (id: string) => document.getElementById(id)?.getAttribute("lang");
  expect(document.getElementById("img")?.getAttribute("alt")).toBe("EIN HUND IM SCHNEE");
  expect([lang("img"), lang("close"), lang("go")]).toEqual(["en", "en", "en"]);
  // Its lang would pick the dictionary the reader's own typing is spellchecked with.
  expect(document.getElementById("q")?.getAttribute("placeholder")).toBe("SUCHEN SIE HIER");
  expect(lang("q")).toBeNull();
  // The bilingual view keeps the page's own attributes, and so its language.
  page.setDisplayMode("bilingual");
  expect(document.body.innerHTML).toBe(before);
  page.setDisplayMode("replace");
  expect(lang("img")).toBe("en");
  page.restore();
  expect(document.body.innerHTML).toBe(before);
});

test("an image whose alt the page changes to its own loses the target language with its translation", async () => {
  const { page } = setup(`<img id="img" alt="Ein Hund im Schnee" title="Der Hund">`);
  await page.translate();
  const img = document.getElementById("img") as Element;
  expect(img.getAttribute("lang")).toBe("en");
  img.setAttribute("alt", "");
  img.setAttribute("title", "");
  await page.whenSettled();
  expect(img.hasAttribute("lang")).toBe(false);
  page.restore();
  expect(img.outerHTML).toBe(`<img id="img" alt="" title="">`);
});

// One lang per element: a translated title on an element whose text was skipped as already written in the target
// language is the target language too, and so is the text, so the element says it; where the text is only in a
// language the reader reads besides, the text keeps the page's voice (it matters more than its tooltip).
const GERMAN = /\b(der|die|das|und|ist|mit|ein)\b/i;
const FRENCH = /\b(le|la|les|est|avec|une)\b/i;
const ENGLISH = /\b(the|and|is|with)\b/i;
function detectLang(text: string): Promise<string | undefined> {
  if (GERMAN.test(text)) return Promise.resolve("de");
  if (FRENCH.test(text)) return Promise.resolve("fr");
  return Promise.resolve(ENGLISH.test(text) ? "en" : undefined);
}

/** The language a screen reader reads the element's text and attributes in: the nearest `lang`. */
const voiceOf = (id: string): string | null | undefined =>
  document.getElementById(id)?.closest("[lang]")?.getAttribute("lang");

const SKIPPED =
  `<p id="de">Das ist ein deutscher Absatz, und er ist lang genug für die Erkennung der Sprache.</p>` +
  `<p id="en" title="Mehr dazu im Forum">This paragraph is already written in English and needs nothing.</p>` +
  `<p id="fr" title="Mehr dazu im Forum">Ce paragraphe est écrit en français avec une langue que le lecteur lit.</p>` +
  `<p id="tip" title="This tooltip is already written in English and needs nothing at all.">Ein deutscher Satz mit Text.</p>`;

describe("an element whose text was skipped as already in the target language", () => {
  beforeEach(() => document.documentElement.setAttribute("lang", "de"));
  afterEach(() => document.documentElement.removeAttribute("lang"));

  test("says the target language once its title is translated; text only read by the reader keeps the page's", async () => {
    const { page } = setup(SKIPPED, { detectLang, readLangs: ["fr"] });
    const before = document.body.innerHTML;
    await page.translate();
    const en = document.getElementById("en") as Element;
    expect(en.getAttribute("title")).toBe("MEHR DAZU IM FORUM");
    expect(en.textContent).toBe("This paragraph is already written in English and needs nothing.");
    // Its English text and its now English title were both read with the German voice of the page.
    expect(voiceOf("en")).toBe("en");
    // French read as English would be worse than an English title read as German.
    expect(document.getElementById("fr")?.getAttribute("title")).toBe("MEHR DAZU IM FORUM");
    expect(voiceOf("fr")).toBe("de");
    // Translated text with a title left as it was (already English): the element says the target language.
    expect(document.getElementById("tip")?.textContent).toBe("EIN DEUTSCHER SATZ MIT TEXT.");
    expect(voiceOf("tip")).toBe("en");
    page.restore();
    expect(document.body.innerHTML).toBe(before);
  });

  test("says it when its text is found to be in the target language only after the title was written", async () => {
    const text = "This paragraph is already written in English and needs nothing.";
    let answer: (lang: string) => void = () => undefined;
    const late = (t: string): Promise<string | undefined> =>
      t === text ? new Promise((resolve) => (answer = resolve)) : detectLang(t);
    // lang="": the page does not know the language (so it is detected); Show original gives that back.
    const { page, progressWhere } = setup(`<p id="en" lang="" title="Mehr dazu im Forum">${text}</p>`, {
      detectLang: late,
    });
    const done = page.translate();
    await progressWhere((p) => p.done === 1);
    const en = document.getElementById("en") as Element;
    expect(en.getAttribute("title")).toBe("MEHR DAZU IM FORUM");
    // Until its text's language is known, the text may still be translated or stay German.
    expect(en.getAttribute("lang")).toBe("");
    answer("en");
    await done;
    expect(en.textContent).toBe(text);
    expect(en.getAttribute("lang")).toBe("en");
    page.restore();
    expect(en.outerHTML).toBe(`<p id="en" lang="" title="Mehr dazu im Forum">${text}</p>`);
  });

  test("no longer says it once the page adds text of another language the reader reads beside it", async () => {
    const english = "This paragraph is already written in English and needs nothing.";
    const { page } = setup(`<div id="box" title="Mehr dazu im Forum"><p>${english}</p></div>`, {
      detectLang,
      readLangs: ["fr"],
    });
    await page.translate();
    expect(voiceOf("box")).toBe("en");
    const french = document.createElement("p");
    french.textContent = "Ce paragraphe est écrit en français avec une langue que le lecteur lit.";
    document.getElementById("box")?.append(french);
    await page.whenSettled();
    // The French stays as it is, and is read with the page's voice, not as English.
    expect(french.textContent).toBe("Ce paragraphe est écrit en français avec une langue que le lecteur lit.");
    expect(document.getElementById("box")?.getAttribute("title")).toBe("MEHR DAZU IM FORUM");
    expect(voiceOf("box")).toBe("de");
    page.restore();
    expect(document.getElementById("box")?.outerHTML).toBe(
      `<div id="box" title="Mehr dazu im Forum"><p>${english}</p>${french.outerHTML}</div>`,
    );
  });

  test("no longer says it once the page changes its text to one in another language", async () => {
    const { page } = setup(SKIPPED, { detectLang, readLangs: ["fr"] });
    await page.translate();
    const en = document.getElementById("en") as Element;
    expect(voiceOf("en")).toBe("en");
    const french = "Ce paragraphe est maintenant écrit en français avec une langue que le lecteur lit.";
    (en.firstChild as Text).data = french;
    await page.whenSettled();
    // The reader reads French: it stays as it is, with the page's voice, and the title stays translated.
    expect(en.textContent).toBe(french);
    expect(en.getAttribute("title")).toBe("MEHR DAZU IM FORUM");
    expect(voiceOf("en")).toBe("de");
    page.restore();
    expect(en.outerHTML).toBe(`<p id="en" title="Mehr dazu im Forum">${french}</p>`);
  });
});
