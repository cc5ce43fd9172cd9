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
      // A run of a block's nodes is not its whole element: the <div> is not marked.
      `<div id="mixed">EIN SATZ VOR <p lang="en">EINEM ABSATZ</p></div>`,
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
