// Wikipedia (any MediaWiki): headings without their "[edit]", and pronunciations, even unmarked by `lang`, kept.
import { siteRulesFor } from "../../src/sites";
import { sent, setup } from "../helpers/core-page";

const editSection = (section: string) =>
  `<span class="mw-editsection"><span class="mw-editsection-bracket">[</span>` +
  `<a href="/w/index.php?title=Zug&amp;action=edit&amp;section=1" title="Abschnitt bearbeiten: ${section}">` +
  `<span>Bearbeiten</span></a><span class="mw-editsection-bracket">]</span></span>`;

test("MediaWiki: a heading is sent without its edit link, a pronunciation is never sent", async () => {
  document.body.innerHTML =
    `<div class="mw-content-ltr mw-parser-output" lang="de" dir="ltr">` +
    `<p><b>Zug</b> (<span class="IPA">[t͡suːk]</span>) ist ein Fahrzeug.</p>` +
    `<div class="mw-heading mw-heading2"><h2 id="Geschichte">Geschichte</h2>${editSection("Geschichte")}</div>` +
    `<h2><span class="mw-headline" id="Technik">Technik</span>${editSection("Technik")}</h2></div>`;
  const { page, fake } = setup(null, { site: siteRulesFor(document, "https://de.wikipedia.org/wiki/Zug")! });
  await page.translate();
  expect(sent(fake).sort()).toEqual(["<b1>Zug</b1> (<x2></x2>) ist ein Fahrzeug.", "Geschichte", "Technik"].sort());
  expect(document.querySelector(".IPA")?.textContent).toBe("[t͡suːk]");
  expect(document.querySelector(".mw-editsection a")?.getAttribute("title")).toBe("Abschnitt bearbeiten: Geschichte");
  expect(document.querySelectorAll("h2")[1]?.textContent).toBe("TECHNIK[Bearbeiten]");
});
