// A switch of view (Bilingual ⇄ Replace) on a translated page writes every unit again from the translation it keeps,
// decoded once when it arrived: no reply is parsed and sanitized again. Each parse made a document of its own and a
// DOMPurify pass, so a switch on a long thread cost as much as decoding the whole translation had, in one task.

import type { TranslateError } from "../../src/core";
import { keepTranslation } from "../../src/core/markup/kept-translation";
import { setup } from "../helpers/core-page";

const LOST: TranslateError = { kind: "bad-reply", reason: "lost-placeholder", message: "A placeholder was lost." };

test("switching views parses no translation again and shows the same translations each time", async () => {
  const comments = Array.from({ length: 12 }, (_, i) => `<p>Kommentar ${i} mit <a href="/c${i}">Link</a></p>`);
  document.body.innerHTML = `${comments.join("")}<p id="s">Lies <a href="/a">den <em>ganzen</em> Artikel</a> über Katzen.</p>`;
  // The last paragraph's replies lose their placeholders: it is translated with simplified formatting.
  const fail = (s: { html: string }) => (/Katzen/.test(s.html) && /<[a-z]\d+>/.test(s.html) ? LOST : undefined);
  const { page } = setup(null, { displayMode: "bilingual" }, { fail });
  expect(await page.translate()).toMatchObject({ translated: 13, simplified: 1, failed: 0 });
  const bilingual = document.body.innerHTML;
  const parse = jest.spyOn(DOMParser.prototype, "parseFromString");
  try {
    page.setDisplayMode("replace");
    expect(document.querySelector("p")?.innerHTML).toBe(`KOMMENTAR 0 MIT <a href="/c0">LINK</a>`);
    expect(document.getElementById("s")?.innerHTML).toBe(`LIES <a href="/a">DEN GANZEN ARTIKEL</a> ÜBER KATZEN.`);
    const replaced = document.body.innerHTML;
    page.setDisplayMode("bilingual");
    expect(document.body.innerHTML).toBe(bilingual);
    page.setDisplayMode("replace");
    expect(document.body.innerHTML).toBe(replaced);
    expect(parse).not.toHaveBeenCalled();
  } finally {
    parse.mockRestore();
  }
});

test("kept translations share one inert document: none keeps the document its reply was parsed in", () => {
  const parsed = (html: string): DocumentFragment => {
    const doc = new DOMParser().parseFromString(html, "text/html");
    const fragment = doc.createDocumentFragment();
    fragment.append(...Array.from(doc.body.childNodes));
    return fragment;
  };
  const first = keepTranslation(document, parsed("<a1>EINS</a1>"));
  const second = keepTranslation(document, parsed("ZWEI <b2>DREI</b2>"));
  expect(first.ownerDocument).toBe(second.ownerDocument);
  expect(first.ownerDocument).not.toBe(document);
  expect(second.textContent).toBe("ZWEI DREI");
});
