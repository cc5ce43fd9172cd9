// Stack Overflow (and Stack Exchange): posts and comments are translated; tags and who wrote what are not.
import { siteRulesFor } from "../../src/sites";
import { sent, setup } from "../helpers/core-page";

test("Stack Overflow: a post and a comment are sent; its tags, its author's card, its date and the comment's author and date are not", async () => {
  document.body.innerHTML =
    `<div class="answer"><div class="s-prose js-post-body" itemprop="text"><p>Nimm <code>sorted()</code> statt einer Schleife.</p></div>` +
    `<div class="post-taglist"><ul class="js-post-tag-list-wrapper"><li><a href="/questions/tagged/sortierung" class="post-tag" ` +
    `title="Fragen mit dem Tag 'sortierung'" rel="tag">sortierung</a></li></ul></div>` +
    `<div class="user-info"><div class="user-action-time">beantwortet <span title="2011-03-04 16:31:29Z" class="relativetime">4. März 2011</span></div>` +
    `<div class="user-gravatar32"><a href="/users/1/anna-schmidt"><img src="a.png" alt="Benutzeravatar von Anna Schmidt"></a></div>` +
    `<div class="user-details"><a href="/users/1/anna-schmidt">Anna Schmidt</a><div class="-flair">` +
    `<span class="reputation-score" title="Reputation 12.345">12,3k</span><span title="3 Goldabzeichen">` +
    `<span class="badge1"></span><span class="badgecount">3</span></span></div></div></div>` +
    `<ul class="comments-list"><li class="comment"><div class="comment-body"><span class="comment-copy">Danke, das hilft.</span>` +
    ` – <div class="d-inline-flex"><a href="/users/2/bahnfan" class="comment-user">bahnfan</a>` +
    `<span class="comment-date"><a class="comment-link" href="#comment1_2"><span title="2011-03-05 09:12:40Z, Lizenz: CC BY-SA 3.0" ` +
    `class="relativetime-clean">5. März 2011 um 9:12</span></a></span></div></div></li></ul></div>`;
  const { page, fake } = setup(null, { site: siteRulesFor(document, "https://de.stackoverflow.com/questions/1/x")! });
  await page.translate();
  expect(sent(fake).sort()).toEqual(
    [
      "Nimm <x1></x1> statt einer Schleife.",
      // The date is the site's live one (rewritten as it ages: "vor 5 Min."), different on every post: kept.
      "beantwortet",
      "<s1>Danke, das hilft.</s1> –",
    ].sort(),
  );
  expect(document.querySelector(".post-tag")?.textContent).toBe("sortierung");
  expect(document.querySelector(".user-details")?.textContent).toBe("Anna Schmidt12,3k3");
  expect(document.querySelector(".user-action-time .relativetime")?.textContent).toBe("4. März 2011");
  expect(document.querySelector(".comment-date")?.textContent).toBe("5. März 2011 um 9:12");
});

test("Stack Overflow: the answer box's preview shows what will be posted, as written; it is not translated as the reader types", async () => {
  document.body.innerHTML =
    `<div class="answer"><div class="s-prose js-post-body"><p>Nimm eine Liste.</p></div></div>` +
    `<form id="post-form"><div class="wmd-container"><textarea id="wmd-input" class="wmd-input" name="post-text"></textarea></div>` +
    `<div id="wmd-preview" class="wmd-preview js-wmd-preview s-prose"></div></form>`;
  const { page, fake } = setup(null, { site: siteRulesFor(document, "https://de.stackoverflow.com/questions/1/x")! });
  await page.translate();
  const preview = document.querySelector(".wmd-preview")!;
  preview.innerHTML = "<p>Ein Tupel geht auch.</p>";
  await page.whenSettled();
  expect(preview.textContent).toBe("Ein Tupel geht auch.");
  expect(sent(fake)).toEqual(["Nimm eine Liste."]);
});

test("Stack Overflow: the question's title is sent first, then the question and its answers, before the site's chrome", async () => {
  // A question's page: the title is above #mainbar (the page's main role), beside the Ask Question button.
  document.body.innerHTML =
    `<header class="s-topbar"><ol class="s-topbar--content"><li><a href="/questions" class="s-topbar--item">Fragen</a></li>` +
    `<li><a href="/help" class="s-topbar--item">Hilfe</a></li></ol></header>` +
    `<div class="container"><div id="left-sidebar" class="left-sidebar"><nav role="navigation"><ol class="nav-links">` +
    `<li><a href="/" class="nav-links--link">Startseite</a></li><li><a href="/tags" class="nav-links--link">Schlagwörter</a></li>` +
    `</ol></nav></div><div id="content"><div itemprop="mainEntity"><div class="inner-content clearfix">` +
    `<div id="question-header" class="d-flex sm:fd-column"><h1 itemprop="name" class="fs-headline1 ow-break-word">` +
    `<a href="/questions/1/x" class="question-hyperlink">Wie sortiere ich eine Liste von Wörterbüchern?</a></h1>` +
    `<div class="ml12 aside-cta"><a href="/questions/ask" class="s-btn s-btn__primary">Frage stellen</a></div></div>` +
    `<div id="mainbar" role="main" aria-label="Frage und Antworten"><div class="question"><div class="postcell">` +
    `<div class="s-prose js-post-body" itemprop="text"><p>Ich habe eine Liste und möchte sie nach dem Alter sortieren.</p></div>` +
    `</div></div></div><div id="sidebar" role="complementary" aria-label="Seitenleiste"><div class="s-sidebarwidget">` +
    `<div class="s-sidebarwidget--header">Aus dem Blog</div></div></div></div></div></div></div>`;
  const { page, fake } = setup(null, { site: siteRulesFor(document, "https://de.stackoverflow.com/questions/1/x")! });
  await page.translate();
  expect(sent(fake).slice(0, 2)).toEqual([
    "Wie sortiere ich eine Liste von Wörterbüchern?",
    "Ich habe eine Liste und möchte sie nach dem Alter sortieren.",
  ]);
});
