// New Reddit shows what people wrote in more places than a thread's comment slots: a profile lists a user's
// comments as `shreddit-profile-comment` cards (no `[slot="comment"]`; the body is a `.md`, nested in a layout
// wrapper that is also `.md`), a crosspost card shows the shared post's text, and a subreddit's wiki is Markdown.
import { siteRulesFor } from "../../src/sites";
import { pageHtml } from "../helpers/core-fixtures";
import { sent, setup } from "../helpers/core-page";

test("new Reddit: a profile's comments are translated; their community, post link, time and counts are not", async () => {
  document.body.innerHTML =
    `<shreddit-app routename="profile_comments"><main>` +
    `<shreddit-profile-comment comment-id="t1_l0a1" href="/r/de/comments/1c9xk2/comment/l0a1/?context=3">` +
    `<div class="flex"><a href="/r/de/">r/de</a> · <a href="/r/de/comments/1c9xk2/">Welche Wörter vermisst ihr?</a> · ` +
    `<faceplate-timeago ts="2024-04-21T10:20:00.000Z"><time>vor 3 Std.</time></faceplate-timeago></div>` +
    `<div class="ms-[22px] mt-2xs ps-[10px] md"><div id="t1_l0a1-post-rtjson-content" class="md text-14">` +
    `<p><strong>Gemütlichkeit</strong>, ganz klar.</p></div></div>` +
    `<shreddit-comment-action-row><faceplate-number number="318">318</faceplate-number><button>Antworten</button></shreddit-comment-action-row>` +
    `</shreddit-profile-comment></main></shreddit-app>`;
  const before = pageHtml();
  const { page, fake } = setup(null, {
    site: siteRulesFor(document, "https://www.reddit.com/user/Gemuetlichkeit_pur/comments/")!,
  });
  await page.translate();
  expect(document.querySelector("[id$='-rtjson-content'] p")?.innerHTML).toBe(
    "<strong>GEMÜTLICHKEIT</strong>, GANZ KLAR.",
  );
  expect(sent(fake)).toEqual(["<b1>Gemütlichkeit</b1>, ganz klar."]);
  page.restore();
  expect(pageHtml()).toBe(before);
});

test("new Reddit: a crosspost card's text is translated with its title", async () => {
  document.body.innerHTML =
    `<shreddit-post post-type="crosspost" is-crosspost="" subreddit-prefixed-name="r/de">` +
    `<a slot="title" href="/r/de/comments/1ca0b7/">Das gleiche Thema drüben</a>` +
    `<div slot="post-media-container"><div class="crosspost-credit-bar"><a href="/r/Austria/">r/Austria</a> · ` +
    `<faceplate-timeago ts="x"><time>vor 5 Std.</time></faceplate-timeago></div>` +
    `<h2 class="crosspost-title"><a href="/r/Austria/comments/1c9zz1/">Welche Wörter versteht niemand?</a></h2>` +
    `<div class="md"><p>Bei uns sagt man <em>Paradeiser</em> statt Tomate.</p></div></div></shreddit-post>`;
  const { page } = setup(null, { site: siteRulesFor(document, "https://www.reddit.com/r/de/")! });
  await page.translate();
  expect(document.querySelector("[slot='post-media-container'] .md p")?.innerHTML).toBe(
    "BEI UNS SAGT MAN <em>PARADEISER</em> STATT TOMATE.",
  );
  expect(document.querySelector(".crosspost-credit-bar")?.textContent).toBe("r/Austria · vor 5 Std.");
});

test("new Reddit: a subreddit's wiki page is translated", async () => {
  document.body.innerHTML =
    `<shreddit-app routename="wiki_page"><main><div class="wiki-content"><div class="md wiki">` +
    `<h2>Regeln</h2><p>Beiträge müssen einen Bezug zu Deutschland haben.</p></div></div>` +
    `<div class="revision">Zuletzt bearbeitet von <a href="/user/de_mod/">de_mod</a></div></main></shreddit-app>`;
  const { page } = setup(null, { site: siteRulesFor(document, "https://www.reddit.com/r/de/wiki/regeln/")! });
  await page.translate();
  expect(document.querySelector(".wiki-content p")?.textContent).toBe(
    "BEITRÄGE MÜSSEN EINEN BEZUG ZU DEUTSCHLAND HABEN.",
  );
  expect(document.querySelector(".wiki-content h2")?.textContent).toBe("REGELN");
  expect(document.querySelector(".revision")?.textContent).toBe("Zuletzt bearbeitet von de_mod");
});
