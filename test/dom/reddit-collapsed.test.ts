// Old Reddit renders some comments collapsed (below the score threshold, AutoModerator's when the subreddit says
// so): the class on the comment hides its body and replies through the page's CSS. Expanding one ("[+]") changes
// only that class, never the hidden elements themselves; what it reveals is translated then.
import { siteRulesFor } from "../../src/sites";
import { loadFixture, pageHtml } from "../helpers/core-fixtures";
import { sent, setup } from "../helpers/core-page";

const URL = "https://old.reddit.com/r/de/comments/1b2c3d/warum_ist_die_deutsche_bahn_eigentlich_immer_zu/";

test("old Reddit: a comment collapsed at load is translated when the reader expands it", async () => {
  loadFixture("old-reddit-de");
  const thing = document.querySelector("#thing_t1_kx01") as Element;
  thing.classList.replace("noncollapsed", "collapsed");
  const before = pageHtml();
  const { page, fake } = setup(null, { site: siteRulesFor(document, URL)! });
  await page.translate();
  const body = thing.querySelector(":scope > .entry .usertext-body .md p") as Element;
  const reply = thing.querySelector(":scope > .child .usertext-body .md p") as Element;
  expect(body.textContent).toMatch(/^Ich arbeite seit zwölf Jahren/);
  expect(sent(fake).some((html) => html.startsWith("Ich arbeite seit zwölf Jahren"))).toBe(false);
  // [+]: old Reddit swaps the comment's classes.
  thing.classList.replace("collapsed", "noncollapsed");
  await page.whenSettled();
  expect(body.textContent).toMatch(/^ICH ARBEITE SEIT ZWÖLF JAHREN/);
  expect(reply.textContent).toMatch(/^DANKE FÜR DIE EHRLICHE ANTWORT/);
  // Its tagline (author, points, time) stays as it is, and Show original gives the page back exactly.
  expect(thing.querySelector(":scope > .entry .tagline .author")?.textContent).toBe("Weichensteller");
  thing.classList.replace("noncollapsed", "collapsed");
  page.restore();
  expect(pageHtml()).toBe(before);
});
