// Pages on reddit.com that are neither face of Reddit (the developer platform's docs, a help article): read by the
// generic rules, not by new Reddit's, which translate only posts and comments and so found nothing there.
import { siteAdapterFor } from "../../src/sites";
import { sentOnSite } from "../helpers/site-page";

test("a documentation page on a reddit.com host without Reddit's post markup is translated like any page", async () => {
  // developers.reddit.com: the developer platform's docs, a static documentation site.
  document.body.innerHTML =
    `<nav class="navbar"><a class="navbar__brand" href="/">Reddit for Developers</a></nav>` +
    `<main><article><div class="theme-doc-markdown markdown"><h1>Schnellstart</h1>` +
    `<p>Mit der Kommandozeile legst du in wenigen Minuten deine erste App an.</p></div></article></main>`;
  const url = "https://developers.reddit.com/docs/quickstart";
  expect(siteAdapterFor(document, url)?.name).toBeUndefined();
  const sent = await sentOnSite(url);
  expect(sent).toEqual(
    expect.arrayContaining(["Schnellstart", "Mit der Kommandozeile legst du in wenigen Minuten deine erste App an."]),
  );
  expect(document.querySelector("article p")?.textContent).toBe(
    "MIT DER KOMMANDOZEILE LEGST DU IN WENIGEN MINUTEN DEINE ERSTE APP AN.",
  );
});

test("new Reddit is still known by its markup at its own address, and old Reddit by its own", () => {
  document.body.innerHTML = `<shreddit-app><shreddit-post post-title="Hallo"></shreddit-post></shreddit-app>`;
  expect(siteAdapterFor(document, "https://www.reddit.com/r/de/comments/1c9xk2/hallo/")?.name).toBe("new-reddit");
  document.body.innerHTML = `<div id="header"><div id="header-bottom-left"></div></div>`;
  expect(siteAdapterFor(document, "https://www.reddit.com/r/de/")?.name).toBe("old-reddit");
  expect(siteAdapterFor(document, "https://old.reddit.com/r/de/")?.name).toBe("old-reddit");
});
