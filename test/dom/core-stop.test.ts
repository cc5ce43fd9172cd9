// stop() takes in the page's last changes before it stops observing, like restore() does: a change made just before
// stop() is neither undone by a later restore() nor left untranslated when translate() resumes.

import { setup } from "../helpers/core-page";

test("restore() after stop() keeps a change the page made just before stop()", async () => {
  const { page } = setup(`<div id="box"><p>Alter Text mit <b>Markup</b></p></div>`);
  await page.translate();
  const p = document.querySelector("p") as Element;
  (p.firstChild as Text).data = "Neuer Text mit ";
  page.stop();
  page.restore();
  expect(document.querySelector("#box")?.innerHTML).toBe("<p>Neuer Text mit <b>Markup</b></p>");
});

test("translate() after stop() translates a change the page made just before stop()", async () => {
  const { page } = setup(`<div id="box"><p>Alter Text mit <b>Markup</b></p></div>`);
  await page.translate();
  const p = document.querySelector("p") as Element;
  (p.firstChild as Text).data = "Neuer Text mit ";
  page.stop();
  await page.translate();
  expect(document.querySelector("#box")?.innerHTML).toBe(`<p lang="en">NEUER TEXT MIT <b>MARKUP</b></p>`);
});
