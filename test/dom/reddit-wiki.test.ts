// A subreddit's wiki on old Reddit (its rules, its FAQ) is text people come to read, like a post.
import { siteAdapterFor, siteRulesFor } from "../../src/sites";
import { sent, setup } from "../helpers/core-page";

test("old Reddit: a subreddit's wiki page is translated; the page's header and revision line are not", async () => {
  document.body.innerHTML =
    `<div id="header" role="banner"><span class="hover pagename redditname"><a href="https://old.reddit.com/r/de/">de</a></span>` +
    `<ul class="tabmenu"><li class="selected"><a href="https://old.reddit.com/r/de/wiki/" class="choice">Wiki</a></li></ul></div>` +
    `<div class="content" role="main"><div class="wiki-page wiki-page-index">` +
    `<div class="pageactions"><ul class="wikiaction"><li><a href="https://old.reddit.com/r/de/wiki/revisions/regeln">Versionen ansehen</a></li></ul></div>` +
    `<div class="wiki-page-content md-container"><div class="md wiki">` +
    `<div class="toc"><ul><li><a href="#wiki_regeln">Regeln</a></li></ul></div>` +
    `<h2 id="wiki_regeln">Regeln</h2><p>Beiträge müssen einen Bezug zu Deutschland haben. <strong>Keine</strong> Werbung.</p>` +
    `</div></div>` +
    `<div class="wikirevisionauthor">Version vom <time datetime="2024-03-01T10:00:00+00:00">1. März 2024</time> von <a href="https://old.reddit.com/user/de_mod" class="author">de_mod</a></div>` +
    `</div></div>`;
  const { page, fake } = setup(null, { site: siteRulesFor(document, "https://old.reddit.com/r/de/wiki/regeln")! });
  await page.translate();
  expect(document.querySelector(".md.wiki h2")?.textContent).toBe("REGELN");
  expect(document.querySelector(".md.wiki p")?.innerHTML).toBe(
    "BEITRÄGE MÜSSEN EINEN BEZUG ZU DEUTSCHLAND HABEN. <strong>KEINE</strong> WERBUNG.",
  );
  expect(document.querySelector(".wikirevisionauthor")?.textContent).toBe("Version vom 1. März 2024 von de_mod");
  expect(sent(fake)).not.toContain("Versionen ansehen");
});

test("old Reddit served at www.reddit.com (the redesign turned off): its wiki page is read under old Reddit's rules", async () => {
  document.body.innerHTML =
    `<div id="header" role="banner"><div id="header-bottom-left">` +
    `<a href="/" id="header-img" class="default-header" title="">reddit.com</a>` +
    `<span class="hover pagename redditname"><a href="https://www.reddit.com/r/de/">de</a></span></div></div>` +
    `<div class="content" role="main"><div class="wiki-page wiki-page-regeln">` +
    `<div class="wiki-page-content md-container"><div class="md wiki">` +
    `<h2 id="wiki_regeln">Regeln</h2><p>Beiträge müssen einen Bezug zu Deutschland haben.</p>` +
    `</div></div></div></div>`;
  const url = "https://www.reddit.com/r/de/wiki/regeln";
  expect(siteAdapterFor(document, url)?.name).toBe("old-reddit");
  const { page, fake } = setup(null, { site: siteRulesFor(document, url)! });
  await page.translate();
  expect(document.querySelector(".md.wiki p")?.textContent).toBe("BEITRÄGE MÜSSEN EINEN BEZUG ZU DEUTSCHLAND HABEN.");
  expect(sent(fake)).not.toContain("reddit.com");
  // New Reddit at the same address is still new Reddit.
  document.body.innerHTML = `<shreddit-app><div class="wiki-content"><div class="md"><p>Regeln</p></div></div></shreddit-app>`;
  expect(siteAdapterFor(document, url)?.name).toBe("new-reddit");
});
