// Content the page makes editable after Gloss collected it (a comment's Edit button that turns the comment itself into
// the editor, a document switched to designMode) is what the reader edits and sends: it must hold their own words,
// never a translation, as content that was editable from the start never does.

import { inEditable } from "../../src/core/collect/rules";
import { setup } from "../helpers/core-page";

const PAGE =
  `<div id="comment"><p>Mein eigener Kommentar hier</p><img src="a.png" alt="Ein Bild vom Hund"></div>` +
  `<p id="other">Ein anderer Absatz mit Text</p>`;

const ORIGINAL_COMMENT = `<p>Mein eigener Kommentar hier</p><img src="a.png" alt="Ein Bild vom Hund">`;

afterEach(() => {
  document.designMode = "off";
});

test("a comment made editable while its translation is on its way keeps the reader's words", async () => {
  const { page, fake } = setup(PAGE, {}, { hold: true });
  const done = page.translate();
  await fake.nextBatch();
  const comment = document.getElementById("comment") as HTMLElement;
  comment.setAttribute("contenteditable", "true");
  fake.unhold();
  await done;
  await page.whenSettled();
  expect(comment.innerHTML).toBe(ORIGINAL_COMMENT);
  expect(document.getElementById("other")?.textContent).toBe("EIN ANDERER ABSATZ MIT TEXT");
});

test("a translated comment made editable shows its original in the editor, and is translated again after", async () => {
  const { page } = setup(PAGE);
  await page.translate();
  const comment = document.getElementById("comment") as HTMLElement;
  expect(comment.querySelector("p")?.textContent).toBe("MEIN EIGENER KOMMENTAR HIER");
  expect(comment.querySelector("img")?.getAttribute("alt")).toBe("EIN BILD VOM HUND");

  comment.setAttribute("contenteditable", "true");
  await page.whenSettled();
  expect(comment.innerHTML).toBe(ORIGINAL_COMMENT);
  expect(document.getElementById("other")?.textContent).toBe("EIN ANDERER ABSATZ MIT TEXT");

  comment.removeAttribute("contenteditable");
  await page.whenSettled();
  expect(comment.querySelector("p")?.textContent).toBe("MEIN EIGENER KOMMENTAR HIER");
  page.restore();
  expect(document.body.innerHTML).toBe(PAGE);
});

test("a word of a translated sentence made editable holds its own words again, the rest stays translated", async () => {
  const { page } = setup(`<p>Der Titel lautet <span id="title">Mein Beitrag</span> und sonst nichts</p>`);
  await page.translate();
  expect(document.body.textContent).toBe("DER TITEL LAUTET MEIN BEITRAG UND SONST NICHTS");
  const title = document.getElementById("title") as HTMLElement;
  title.setAttribute("contenteditable", "true");
  await page.whenSettled();
  expect(title.innerHTML).toBe("Mein Beitrag");
  expect(document.body.textContent).toBe("DER TITEL LAUTET Mein Beitrag UND SONST NICHTS");
  page.restore();
  expect(document.body.innerHTML).toBe(
    `<p>Der Titel lautet <span id="title" contenteditable="true">Mein Beitrag</span> und sonst nichts</p>`,
  );
});

test("a document switched to designMode while a translation is on its way gets none written", async () => {
  const { page, fake } = setup(`<p>Mein eigener Kommentar hier</p>`, {}, { hold: true });
  const done = page.translate();
  await fake.nextBatch();
  // No mutation record tells of designMode: the write itself must look.
  document.designMode = "on";
  fake.unhold();
  await done;
  await page.whenSettled();
  expect(document.body.innerHTML).toBe(`<p>Mein eigener Kommentar hier</p>`);
});

test("editable content is told through shadow roots, and a 'false' island inside it is editable content too", () => {
  document.body.innerHTML = `<div id="editor" contenteditable=""><span contenteditable="FALSE"><div>x</div></span></div><p>y</p>`;
  const host = document.querySelector("span > div") as Element;
  const inner = host.attachShadow({ mode: "open" }).appendChild(document.createElement("i"));
  expect(inEditable(inner)).toBe(true);
  expect(inEditable(host.firstChild as Node)).toBe(true);
  expect(inEditable(document.querySelector("p") as Element)).toBe(false);
  (document.querySelector("#editor") as Element).setAttribute("contenteditable", "false");
  expect(inEditable(inner)).toBe(false);
});
