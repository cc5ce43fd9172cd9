// Content the page makes editable after Gloss collected it (a comment's Edit button that turns the comment itself into
// the editor, a document switched to designMode) is what the reader edits and sends: it must hold their own words,
// never a translation, as content that was editable from the start never does.

import { setup } from "../helpers/core-page";

const PAGE =
  `<div id="comment"><p>Mein eigener Kommentar hier</p><img src="a.png" alt="Ein Bild vom Hund"></div>` +
  `<p id="other">Ein anderer Absatz mit Text</p>`;

const ORIGINAL_COMMENT = `<p>Mein eigener Kommentar hier</p><img src="a.png" alt="Ein Bild vom Hund">`;

/** Long enough for the mutation watcher's batch (40 ms) and the writes after it. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 150));

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
  await settle();
  expect(comment.innerHTML).toBe(ORIGINAL_COMMENT);
  expect(document.getElementById("other")?.textContent).toBe("EIN ANDERER ABSATZ MIT TEXT");
});

test("a document switched to designMode while a translation is on its way gets none written", async () => {
  const { page, fake } = setup(`<p>Mein eigener Kommentar hier</p>`, {}, { hold: true });
  const done = page.translate();
  await fake.nextBatch();
  // No mutation record tells of designMode: the write itself must look.
  document.designMode = "on";
  fake.unhold();
  await done;
  await settle();
  expect(document.body.innerHTML).toBe(`<p>Mein eigener Kommentar hier</p>`);
});
