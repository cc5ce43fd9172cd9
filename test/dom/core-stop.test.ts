// stop() takes in the page's last changes before it stops observing, like restore() does: a change made just before
// stop() is neither undone by a later restore() nor left untranslated when translate() resumes.

import { RequestPool } from "../../src/core/schedule/request-pool";
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

test("translate() after stop() sends the rest though the stopped requests end after it (the tab's shared pool)", async () => {
  const paragraphs = Array.from({ length: 6 }, (_, i) => `<p>Absatz Nummer ${i} über das Wetter in der Stadt.</p>`);
  const { page, fake } = setup(
    paragraphs.join(""),
    { maxBatchSegments: 1, maxConcurrent: 2, requestPool: new RequestPool() },
    { hold: true },
  );
  void page.translate();
  await fake.nextBatch();
  await fake.nextBatch();
  // Both slots are busy. The reader stops and translates again before the stopped requests have wound down (a reply
  // still waiting for its language to be detected ends up to seconds later): the new run does not wait for them.
  page.stop();
  fake.unhold();
  const again = page.translate();
  const summary = await Promise.race([again, new Promise<undefined>((r) => setTimeout(() => r(undefined), 2000))]);
  expect(summary).toMatchObject({ found: 6, translated: 6, failed: 0 });
});
