// New Reddit's adapter on the fixture: a crosspost shows the post it shares as an embedded card, whose title is
// translated like any post title, while the card's credit bar and counts stay as they are.
import { siteRulesFor } from "../../src/sites";
import { loadFixture } from "../helpers/core-fixtures";
import { setup } from "../helpers/core-page";

test("a crosspost's embedded title is translated with the post's own; its credit bar and counts are not", async () => {
  loadFixture("new-reddit-de");
  const site = siteRulesFor(document, "https://www.reddit.com/r/de/comments/1c9xk2/");
  expect(site).toBeDefined();
  const { page } = setup(null, { site: site! });
  await page.translate();
  const crosspost = document.querySelector("shreddit-post[post-type='crosspost']") as Element;
  const embed = crosspost.querySelector("[slot='post-media-container']") as Element;
  expect(crosspost.querySelector("[slot='title']")?.textContent).toBe("DAS GLEICHE THEMA DRÜBEN IN R/AUSTRIA");
  expect(embed.querySelector(".crosspost-title")?.textContent).toBe(
    "WELCHE DEUTSCHEN WÖRTER VERSTEHT IN ÖSTERREICH NIEMAND?",
  );
  // The link to the shared post keeps its address; names, times and counts are untouched.
  expect(embed.querySelector(".crosspost-title a")?.getAttribute("href")).toContain("/r/Austria/comments/1c9zz1/");
  expect(embed.querySelector(".crosspost-credit-bar")?.textContent).toBe("r/Austria · vor 5 Std. · Wiener_Melange");
  expect(embed.querySelector(".crosspost-stats")?.textContent).toBe("1204 Upvotes · 310 Kommentare");
  // The thread's own post is translated as before.
  expect(document.querySelector("shreddit-post h1[slot='title']")?.textContent).toBe(
    "WELCHE DEUTSCHEN WÖRTER VERMISST IHR IM AUSLAND AM MEISTEN?",
  );
  page.restore();
});
