// A thread mixes languages by comment: a short line is judged by the rest of its own comment, then by the page's
// language. An English reader of a German subreddit has an English comment's closing line left alone; on an English
// forum, a German comment's short line is translated; a `lang` the page gives still decides.

import { sent, setup } from "../helpers/core-page";
import { newReddit, oldReddit } from "../../src/sites/reddit";
import type { SiteAdapter } from "../../src/sites/site-adapter";
import { discourse } from "../../src/sites/discourse";
import { hackerNews } from "../../src/sites/hacker-news";
import { lemmy } from "../../src/sites/lemmy";
import { mastodon } from "../../src/sites/mastodon";
import { phpBB } from "../../src/sites/phpbb";
import { vBulletin } from "../../src/sites/vbulletin";
import { woltLab } from "../../src/sites/woltlab";
import { xenForo } from "../../src/sites/xenforo";
import { siteRulesFor } from "../../src/sites";

/** A toy detector: sure only where the text has common words of one language, as detectors are on short text. */
const asked: string[] = [];
async function detectLang(text: string): Promise<string | undefined> {
  asked.push(text);
  const english = text.match(/\b(the|and|is|with|this|it)\b/gi)?.length ?? 0;
  const german = text.match(/\b(der|die|das|und|ist|mit|nicht|ich)\b/gi)?.length ?? 0;
  if (english === german) return undefined;
  return english > german ? "en" : "de";
}

beforeEach(() => (asked.length = 0));

const GERMAN_POST =
  "Seit dem Fahrplanwechsel fährt der Regionalexpress nur noch stündlich, und die Anschlüsse in Köln sind weg.";
const GERMAN_COMMENT =
  "Das ist bei uns genauso, ich stehe jeden Morgen eine halbe Stunde am Bahnsteig und warte auf den Anschluss.";
const ENGLISH_COMMENT = "I had the same problem in Cologne last winter, my train was cancelled twice in one week.";

/** An old Reddit comment: its body in `.entry`, the replies to it in `.child`. */
function comment(paragraphs: string[], replies = ""): string {
  const body = paragraphs.map((p) => `<p>${p}</p>`).join("");
  return (
    `<div class="thing comment"><div class="entry"><p class="tagline"><a class="author">someone</a></p>` +
    `<form class="usertext"><div class="usertext-body"><div class="md">${body}</div></div></form></div>` +
    `<div class="child"><div class="sitetable">${replies}</div></div></div>`
  );
}

function germanThread(englishComment: string[], germanReply: string[]): string {
  return (
    `<div class="content" role="main"><div id="siteTable"><div class="thing link self"><div class="entry">` +
    `<p class="title"><a class="title">Regionalexpress nur noch stündlich</a></p><div class="expando">` +
    `<div class="usertext-body"><div class="md"><p>${GERMAN_POST}</p></div></div></div></div></div></div>` +
    `<div class="commentarea"><div class="sitetable">` +
    comment([GERMAN_COMMENT], comment(englishComment, comment(germanReply))) +
    `</div></div></div>`
  );
}

test("an English comment's short lines in a German thread stay as they are for an English reader", async () => {
  const { page, fake } = setup(
    germanThread([ENGLISH_COMMENT, "Thanks again, that really helped a lot!", "Thanks, that helped!"], ["Danke dir!"]),
    { detectLang, site: oldReddit.rules },
  );
  const summary = await page.translate();
  expect(summary.pageLang).toBe("de");
  expect(sent(fake)).toEqual(
    expect.arrayContaining(["Regionalexpress nur noch stündlich", GERMAN_POST, GERMAN_COMMENT, "Danke dir!"]),
  );
  // The English comment's own lines, long and short, are not sent; the German reply nested under it is.
  expect(sent(fake)).not.toContain("Thanks again, that really helped a lot!");
  expect(sent(fake)).not.toContain("Thanks, that helped!");
  expect(sent(fake)).not.toContain(ENGLISH_COMMENT);
  expect(document.body.textContent).toContain("Thanks, that helped!");
  // The comment's text is detected once for both of its short lines, not once for each (the page's sample aside).
  const commentAsked = asked.filter((t) => t.includes(ENGLISH_COMMENT) && !t.includes(GERMAN_POST));
  expect(commentAsked).toEqual([ENGLISH_COMMENT, expect.stringContaining("Thanks, that helped!")]);
});

/** A forum without an adapter: each comment a list entry of paragraphs. */
function englishForum(germanComment: string[]): string {
  const item = (paragraphs: string[]) => `<li>${paragraphs.map((p) => `<p>${p}</p>`).join("")}</li>`;
  return (
    `<h1>Which train is the best way from Cologne to Munich?</h1>` +
    `<p>I am going to Munich next month and the train seems to be the best choice with the luggage.</p>` +
    `<ul>${item([ENGLISH_COMMENT, "Thanks, that helped!"])}${item(germanComment)}</ul>`
  );
}

test("a German comment's short lines on an English page are translated for an English reader", async () => {
  const { page, fake } = setup(englishForum([GERMAN_COMMENT, "Vielen Dank, hat mir sehr geholfen!", "Danke!"]), {
    detectLang,
  });
  const summary = await page.translate();
  expect(summary.pageLang).toBe("en");
  expect(sent(fake)).toEqual([GERMAN_COMMENT, "Vielen Dank, hat mir sehr geholfen!", "Danke!"]);
  expect(document.querySelectorAll("li")[1]?.lastElementChild?.textContent).toBe("DANKE!");
  expect(document.querySelectorAll("li")[0]?.lastElementChild?.textContent).toBe("Thanks, that helped!");
});

test("a language the page gives on a short line still decides, whatever its comment is in", async () => {
  const { page, fake } = setup(
    englishForum([GERMAN_COMMENT, `<span lang="en">Thanks for the tip, mate!</span>`]).replace(
      "<p>Thanks, that helped!</p>",
      `<p lang="de">Danke, hat geholfen!</p>`,
    ),
    { detectLang },
  );
  await page.translate();
  // Declared German in the English comment is translated; declared English in the German one is left. Both comments
  // are the page's main content (schedule/paragraph-region.ts), so they go in reading order.
  expect(sent(fake)).toEqual(["Danke, hat geholfen!", GERMAN_COMMENT]);
});

test("a comment's short opening line is judged by the lines after it, also as the page's first passage", async () => {
  const { page, fake } = setup(
    `<ul><li><p>Hi all, quick one:</p><p>${ENGLISH_COMMENT}</p></li><li><p>${GERMAN_COMMENT}</p></li>` +
      `<li><p>${GERMAN_POST}</p></li></ul>`,
    { detectLang },
  );
  expect((await page.translate()).pageLang).toBe("de");
  // Sent in the first request or not, it is decided before a translation is written: the reader sees it as written.
  expect(document.querySelector("li p")?.textContent).toBe("Hi all, quick one:");
  expect(sent(fake)).toEqual(expect.arrayContaining([GERMAN_COMMENT, GERMAN_POST]));
  expect(sent(fake)).not.toContain(ENGLISH_COMMENT);
});

test("on new Reddit a comment's short line is judged by that comment's body, a nested reply's by its own", async () => {
  const body = (paragraphs: string[]) => `<div slot="comment">${paragraphs.map((p) => `<p>${p}</p>`).join("")}</div>`;
  const { page, fake } = setup(
    `<shreddit-post><h1 slot="title">Regionalexpress nur noch stündlich</h1>` +
      `<div slot="text-body"><p>${GERMAN_POST}</p></div></shreddit-post><shreddit-comment-tree>` +
      `<shreddit-comment>${body([ENGLISH_COMMENT, "Thanks, that helped!"])}` +
      `<shreddit-comment slot="children">${body([GERMAN_COMMENT, "Gern geschehen!"])}</shreddit-comment>` +
      `</shreddit-comment></shreddit-comment-tree>`,
    { detectLang, site: newReddit.rules },
  );
  await page.translate();
  expect(sent(fake)).toEqual(
    expect.arrayContaining(["Regionalexpress nur noch stündlich", GERMAN_POST, GERMAN_COMMENT, "Gern geschehen!"]),
  );
  expect(sent(fake)).not.toContain("Thanks, that helped!");
});

test("a one-line reply, a menu entry or a blog comment is not judged by the comment, menu or post around it", async () => {
  const { page, fake } = setup(
    `<nav><ul><li><a href="/p">Products</a><ul><li><a href="/a">All of the products and the prices</a></li>` +
      `<li><a href="/t">Teams and the plans with support</a></li><li><a href="/u">Über uns</a></li></ul></li></ul></nav>` +
      `<article><h1>Which train is the best way from Cologne to Munich?</h1><p>${ENGLISH_COMMENT}</p>` +
      `<section><article><p>Danke, super Artikel!</p></article></section>` +
      `<ul><li><p>${ENGLISH_COMMENT}</p><ul><li><p>Danke schön!</p></li></ul></li></ul></article>`,
    { detectLang },
  );
  expect((await page.translate()).pageLang).toBe("en");
  // Too short for a detector, each has no text of its own item besides it: translated, as before items were told.
  expect(sent(fake)).toEqual(expect.arrayContaining(["Über uns", "Danke, super Artikel!", "Danke schön!"]));
  expect(sent(fake)).not.toContain(ENGLISH_COMMENT);
});

test("a comment's quotation in the reader's language does not make its own short lines count as that language", async () => {
  const { page, fake } = setup(
    englishForum([
      "Die Bahn schrieb mir, und ich warte immer noch: „The train is cancelled and the bus with the staff is on its way.“",
      "Typisch Bahn.",
    ]),
    { detectLang },
  );
  await page.translate();
  // What the comment says in its own words is German; the English it quotes is not the comment's language.
  expect(sent(fake)).toEqual([expect.stringContaining("Die Bahn schrieb mir"), "Typisch Bahn."]);
});

test("on new Reddit a crosspost's title is not judged by the shared post's text in its card", async () => {
  const { page, fake } = setup(
    `<shreddit-post post-type="crosspost" is-crosspost=""><a slot="title" href="/r/de/comments/1/">Passt hier gut rein</a>` +
      `<div slot="post-media-container"><h2 class="crosspost-title"><a href="/r/travel/comments/2/">` +
      `Which train app is the best in Europe?</a></h2><div class="md"><p>${ENGLISH_COMMENT}</p></div></div>` +
      `</shreddit-post>`,
    { detectLang, site: newReddit.rules },
  );
  await page.translate();
  // The shared post is someone else's, in another subreddit: the crossposter's German title is translated.
  expect(sent(fake)).toEqual(["Passt hier gut rein"]);
});

test("an address shown in a comment's text does not decide the comment's language for its short lines", async () => {
  const url =
    "https://www.example.com/the-train-strike-is-over-and-this-is-what-it-means-for-the-commuters-with-tickets";
  const { page, fake } = setup(englishForum([`Hier steht es: <a href="${url}">${url}</a>`, "Echt übel."]), {
    detectLang,
  });
  await page.translate();
  // The comment's own words are German (too few to tell): its short line is translated, as any too short to detect.
  expect(sent(fake)).toContain("Echt übel.");
});

describe("a forum's own quote markup", () => {
  // A German post answering a long English one quote by quote, as each engine renders it: the quotes first, each
  // followed by the reply's own words (loose text on the BBCode engines, paragraphs on WoltLab and Discourse).
  const QUOTES = [
    "The decoder is the problem here and the fix is simple: it is the switching time, and it is set too long.",
    "Set it to 250 ms and the coils stop humming, and this is the same with the other decoders in the shop.",
  ];
  const OWN = "Das ist bei mir genauso, die Spulen brummen nicht mehr und ich habe nichts weiter getauscht.";
  const SHORT = "Danke, probiere es morgen aus!"; // no word the toy detector knows: its post's language decides

  type Engine = { adapter: SiteAdapter; post: (parts: string[]) => string; quote: (text: string) => string };
  const ENGINES: Array<[string, Engine]> = [
    [
      "vBulletin's .bbcode_quote",
      {
        adapter: vBulletin,
        post: (parts) =>
          `<h1 class="main-title">Weichenantrieb brummt</h1><div class="js-post__content-text">${parts.join("")}</div>`,
        quote: (text) =>
          `<div class="bbcode_container"><div class="bbcode_quote"><div class="quote_container">` +
          `<div class="bbcode_postedby"><strong>Dampflok-Fan</strong> schrieb:</div><div class="message">${text}</div>` +
          `</div></div></div>`,
      },
    ],
    [
      "Discourse's quoted chat messages",
      {
        adapter: discourse,
        post: (parts) => `<h1>Weichenantrieb brummt</h1><div class="cooked">${parts.map(paragraph).join("")}</div>`,
        quote: (text) =>
          `<div class="chat-transcript" data-username="bernd"><div class="chat-transcript-user">` +
          `<div class="chat-transcript-username">bernd</div></div>` +
          `<div class="chat-transcript-messages"><p>${text}</p></div></div>`,
      },
    ],
    [
      "WoltLab's blockquote.quoteBox",
      {
        adapter: woltLab,
        post: (parts) =>
          `<h1 class="contentTitle">Weichenantrieb brummt</h1><div class="messageText">${parts.map(paragraph).join("")}</div>`,
        quote: (text) =>
          `<blockquote class="quoteBox collapsibleBbcode"><div class="quoteBoxTitle"><a href="/t/1">Zitat von bernd</a>` +
          `</div><div class="quoteBoxContent"><p>${text}</p></div></blockquote>`,
      },
    ],
    [
      "XenForo's blockquote.bbCodeBlock--quote",
      {
        adapter: xenForo,
        post: (parts) =>
          `<h1 class="p-title-value">Weichenantrieb brummt</h1><div class="message-body"><div class="bbWrapper">${parts.join("")}</div></div>`,
        quote: (text) =>
          `<blockquote class="bbCodeBlock bbCodeBlock--expandable bbCodeBlock--quote"><div class="bbCodeBlock-title">` +
          `<a class="bbCodeBlock-sourceJump" href="/p/1">bernd schrieb:</a></div><div class="bbCodeBlock-content">` +
          `<div class="bbCodeBlock-expandContent">${text}</div></div></blockquote>`,
      },
    ],
    [
      "phpBB's blockquote",
      {
        adapter: phpBB,
        post: (parts) =>
          `<h2 class="topic-title">Weichenantrieb brummt</h2><div class="postbody"><div class="content">${parts.join("")}</div></div>`,
        quote: (text) => `<blockquote><div><cite>bernd hat geschrieben:</cite>${text}</div></blockquote>`,
      },
    ],
  ];

  function paragraph(part: string): string {
    return part.startsWith("<") ? part : `<p>${part}</p>`;
  }

  test.each(ENGINES)(
    "in %s the German post's short line is judged by its own words, and the page is German",
    async (_, { adapter, post, quote }) => {
      const { page, fake } = setup(post([quote(QUOTES[0] as string), OWN, quote(QUOTES[1] as string), SHORT]), {
        detectLang,
        site: adapter.rules,
      });
      expect((await page.translate()).pageLang).toBe("de");
      // The quotes are English, as the reader reads them: left. The reply's own words are German, its short line too.
      expect(sent(fake)).toEqual(expect.arrayContaining([OWN, SHORT]));
      for (const quoted of QUOTES) expect(sent(fake).join("\n")).not.toContain(quoted);
      expect(document.body.textContent).toContain(SHORT.toUpperCase());
    },
  );
});

describe("GitHub's comments", () => {
  // An English issue on an English repository; one commenter writes German. The short line has no word the toy
  // detector knows: alone it is unsure, and only its own comment tells it is German.
  const ISSUE =
    "The app crashes on startup since version 2.3 and this happens with the default settings on a clean install.";
  const SHORT = "Gleiches Verhalten unter Linux, leider.";
  const rendered = (paragraphs: string[]) => paragraphs.map((p) => `<p dir="auto">${p}</p>`).join("");
  const header = (who: string) =>
    `<div class="timeline-comment-header"><h3 class="f5 text-normal"><strong><a class="author Link--primary" ` +
    `href="/${who}">${who}</a></strong> commented <a href="#issuecomment-1" class="Link--secondary js-timestamp">` +
    `<relative-time datetime="2026-12-01T10:00:00Z">last week</relative-time></a></h3></div>`;

  const LAYOUTS: Array<[string, (paragraphs: string[]) => string]> = [
    [
      "classic timeline comment",
      (paragraphs) =>
        `<div class="TimelineItem js-comment-container"><div class="timeline-comment-group js-minimizable-comment-group">` +
        `<div class="timeline-comment unminimized-comment comment js-comment">${header("anna")}` +
        `<div class="edit-comment-hide"><task-lists><table class="d-block user-select-contain"><tbody class="d-block">` +
        `<tr class="d-block"><td class="d-block comment-body markdown-body js-comment-body">${rendered(paragraphs)}` +
        `</td></tr></tbody></table></task-lists></div></div></div></div>`,
    ],
    [
      "pull request review comment",
      (paragraphs) =>
        `<div class="js-resolvable-timeline-thread-container"><div class="review-comment js-comment" id="discussion_r7">` +
        `<div class="review-comment-contents"><h4 class="f5 text-normal"><strong><a class="author" href="/anna">anna</a>` +
        `</strong></h4><div class="comment-body markdown-body js-comment-body soft-wrap">${rendered(paragraphs)}</div>` +
        `</div></div></div>`,
    ],
    [
      "React issue view's comment",
      (paragraphs) =>
        `<div class="react-issue-comment"><div data-testid="comment-viewer-outer-box-IC_1">` +
        `<div id="issuecomment-1" data-testid="comment-header"><a data-testid="avatar-link" class="ActivityHeader-module__AuthorLink" href="/anna">anna</a>` +
        `<a href="#issuecomment-1"><relative-time datetime="2026-12-01T10:00:00Z">last week</relative-time></a></div>` +
        `<div class="IssueCommentViewer-module__IssueCommentBody"><div data-testid="markdown-body" class="markdown-body">` +
        `<div class="markdown-body NewMarkdownViewer-module__safe-html-box">${rendered(paragraphs)}</div></div></div>` +
        `</div></div>`,
    ],
  ];

  test.each(LAYOUTS)(
    "in a %s a German commenter's short line on an English issue is translated",
    async (_, commentHtml) => {
      document.body.innerHTML =
        `<h1 class="gh-header-title"><bdi class="js-issue-title markdown-title">App crashes on startup</bdi></h1>` +
        `<div class="js-discussion"><div class="comment-body markdown-body">${rendered([ISSUE, ENGLISH_COMMENT])}</div>` +
        commentHtml([GERMAN_COMMENT, SHORT]) +
        `</div>`;
      const { page, fake } = setup(null, {
        detectLang,
        site: siteRulesFor(document, "https://github.com/o/r/issues/7"),
      });
      expect((await page.translate()).pageLang).toBe("en");
      // The issue's English is left; the comment's German, its short line too, is translated.
      expect(sent(fake)).toEqual(expect.arrayContaining([GERMAN_COMMENT, SHORT]));
      expect(sent(fake).join("\n")).not.toMatch(/crashes on startup since|same problem in Cologne/);
      expect(document.body.textContent).toContain(SHORT.toUpperCase());
    },
  );
});

describe("a link's preview in a post", () => {
  // A German post sharing an English article: the forum shows the article's title and summary under it. The preview
  // is the article's words, not the poster's: the post's short line is judged by what the poster wrote.
  const OWN = "Hier ist der Bericht dazu, ich finde ihn gut und die Zahlen stimmen mit meinen überein.";
  const SHORT = "Danke, probiere es morgen aus!"; // no word the toy detector knows: its post's language decides
  const TITLE = "Timetable change: the regional express is hourly and this is the end of the late train";
  const SUMMARY =
    "The new timetable is out and this is what it means for the commuters with the regional trains and the buses.";

  const SITES: Array<[string, SiteAdapter, string]> = [
    [
      "Discourse's onebox",
      discourse,
      `<div class="cooked"><p>${OWN}</p><aside class="onebox allowlistedgeneric" ` +
        `data-onebox-src="https://news.example.com/timetable"><header class="source">` +
        `<img src="/favicon.ico" class="site-icon" width="16" height="16"><a href="https://news.example.com/timetable" ` +
        `target="_blank" rel="noopener">news.example.com</a></header><article class="onebox-body">` +
        `<h3><a href="https://news.example.com/timetable" target="_blank" rel="noopener">${TITLE}</a></h3>` +
        `<p>${SUMMARY}</p></article><div class="onebox-metadata"></div><div style="clear: both"></div></aside>` +
        `<p>${SHORT}</p></div>`,
    ],
    [
      "Mastodon's status card",
      mastodon,
      `<div class="status status-public" data-id="1"><div class="status__content"><div class="status__content__text ` +
        `status__content__text--visible translate" lang="und"><p>${OWN}</p><p>${SHORT}</p></div></div>` +
        `<div class="status-card expanded"><a href="https://news.example.com/timetable" class="status-card__image" ` +
        `target="_blank" rel="noopener"></a><a href="https://news.example.com/timetable" class="status-card__content" ` +
        `target="_blank" rel="noopener"><span class="status-card__host">news.example.com</span>` +
        `<strong class="status-card__title">${TITLE}</strong><span class="status-card__description">${SUMMARY}</span>` +
        `</a></div></div>`,
    ],
    [
      "XenForo's unfurled link",
      xenForo,
      `<div class="message-body"><div class="bbWrapper">${OWN}<br><div class="bbCodeBlock bbCodeBlock--unfurl ` +
        `js-unfurl fauxBlockLink" data-unfurl="true" data-url="https://news.example.com/timetable">` +
        `<div class="contentRow"><div class="contentRow-main"><h3 class="contentRow-header js-unfurl-title">` +
        `<a href="https://news.example.com/timetable" class="link">${TITLE}</a></h3>` +
        `<div class="contentRow-snippet js-unfurl-desc">${SUMMARY}</div><div class="contentRow-minor">` +
        `news.example.com</div></div></div></div>${SHORT}</div></div>`,
    ],
    [
      "Lemmy's link card",
      lemmy,
      `<div class="post-listing mt-2"><div class="post-title overflow-hidden"><h1 class="h5 d-inline text-break">` +
        `<a class="link-dark" href="https://news.example.com/timetable" rel="noopener nofollow">Neuer Fahrplan ab ` +
        `Dezember</a></h1></div><div class="post-metadata-card card border-secondary mt-3 mb-2"><div class="row">` +
        `<div class="col-12"><div class="card-body"><h5 class="card-title d-inline"><a class="text-body" ` +
        `href="https://news.example.com/timetable" rel="noopener nofollow">${TITLE}</a></h5><span class="d-inline-block ` +
        `ms-2 mb-2 small text-muted"><a class="text-muted fst-italic" href="https://news.example.com/timetable">` +
        `news.example.com</a></span><div class="card-text small text-muted md-div"><p>${SUMMARY}</p></div></div></div>` +
        `</div></div><article id="postContent" class="col-12 card my-2 p-2"><div class="md-div"><p>${OWN}</p>` +
        `<p>${SHORT}</p></div></article></div>`,
    ],
    [
      // The quoted status from a server that gives no language (a `lang` the page gives decides alone).
      "Mastodon's quote post",
      mastodon,
      `<div class="status status-public status--has-quote" data-id="2"><div class="status__content">` +
        `<div class="status__content__text status__content__text--visible translate" lang="und"><p>${OWN}</p>` +
        `<p>${SHORT}</p></div></div><div class="status__quote"><div class="status__wrapper status__wrapper-public ` +
        `focusable" tabindex="0"><div class="status status-public status--is-quote" data-id="1"><div class="status__info">` +
        `<a href="/@verkehrsblog/1" class="status__relative-time"><time datetime="2026-12-01T10:00:00.000Z">2 d</time>` +
        `</a><a href="/@verkehrsblog" class="status__display-name"><span class="display-name"><bdi>` +
        `<strong class="display-name__html">Verkehrsblog</strong></bdi></span></a></div><div class="status__content">` +
        `<div class="status__content__text status__content__text--visible translate"><p>${TITLE}</p>` +
        `<p>${SUMMARY}</p></div></div></div></div></div></div>`,
    ],
  ];

  test.each(SITES)("in %s the German post's short line is judged by its own words", async (_, adapter, post) => {
    const { page, fake } = setup(post, { detectLang, site: adapter.rules });
    expect((await page.translate()).pageLang).toBe("de");
    // The preview is English, as the reader reads it: left. The post's own words are German, its short line too.
    expect(sent(fake)).toEqual(expect.arrayContaining([OWN, SHORT]));
    expect(sent(fake).join("\n")).not.toMatch(/timetable is out|the late train/);
    expect(document.body.textContent).toContain(SHORT.toUpperCase());
  });

  test("in Discourse's inline onebox the linked page's title in a German sentence is not the post's words", async () => {
    // A link in a sentence shows the linked page's title in place of its address: English words in a German sentence.
    const LINKED = `<a href="https://news.example.com/timetable" class="inline-onebox" rel="noopener nofollow ugc">${TITLE}</a>`;
    const { page, fake } = setup(
      `<div class="cooked"><p>Hier der Bericht, ich finde ihn gut und die Zahlen stimmen: ${LINKED}</p>` +
        `<p>${SHORT}</p></div>`,
      { detectLang, site: discourse.rules },
    );
    expect((await page.translate()).pageLang).toBe("de");
    // The sentence is German around the English title: translated, and the post's short line with it.
    expect(sent(fake).join("\n")).toContain("ich finde ihn gut");
    expect(sent(fake)).toContain(SHORT);
    expect(document.body.textContent).toContain(SHORT.toUpperCase());
  });
});

test("a comment's row refilled with another comment (a recycling list, an edit in place) is judged by its new text", async () => {
  const SHORT = "Danke, probiere es morgen aus!"; // no word the toy detector knows: its comment's language decides
  const row = (paragraphs: string[]) => `<li class="row">${paragraphs.map((p) => `<p>${p}</p>`).join("")}</li>`;
  const { page, fake } = setup(
    `<h1>Regionalexpress nur noch stündlich</h1><p>${GERMAN_POST}</p>` +
      `<ul>${row([GERMAN_COMMENT, "Gern geschehen!"])}${row([ENGLISH_COMMENT, "Thanks again, that really helped!"])}</ul>`,
    { detectLang },
  );
  expect((await page.translate()).pageLang).toBe("de");
  expect(sent(fake)).not.toContain("Thanks again, that really helped!");
  // The English comment's row now shows a German comment: same elements, new text.
  const [long, short] = Array.from(document.querySelectorAll(".row")[1]?.querySelectorAll("p") ?? []);
  (long as Element).textContent = GERMAN_COMMENT.replace("Morgen", "Abend");
  (short as Element).textContent = SHORT;
  await page.whenSettled();
  expect(sent(fake)).toContain(SHORT);
  expect(short?.textContent).toBe(SHORT.toUpperCase());
});

/**
 * A WordPress comment as core's Walker_Comment writes it: in the HTML5 format (themes declaring `html5` support) its
 * body is an `article` in its list entry, otherwise a `div`; the replies to it in an `ol.children` after the body.
 */
function wordPressComment(html5: boolean, id: number, text: string, replies = ""): string {
  const body = html5 ? "article" : "div";
  const meta = html5
    ? `<footer class="comment-meta"><div class="comment-author vcard"><b class="fn">anna</b> <span class="says">says:</span>` +
      `</div><div class="comment-metadata"><a href="/post#comment-${id}"><time datetime="2026-12-01T10:00:00+00:00">` +
      `December 1, 2026 at 10:00 am</time></a></div></footer><div class="comment-content"><p>${text}</p></div>`
    : `<div class="comment-author vcard"><cite class="fn">anna</cite> <span class="says">says:</span></div>` +
      `<div class="comment-meta commentmetadata"><a href="/post#comment-${id}">December 1, 2026 at 10:00 am</a></div>` +
      `<p>${text}</p>`;
  return (
    `<li id="comment-${id}" class="comment even depth-1${replies ? " parent" : ""}">` +
    `<${body} id="div-comment-${id}" class="comment-body">${meta}<div class="reply"><a rel="nofollow" ` +
    `class="comment-reply-link" href="?replytocom=${id}#respond">Reply</a></div></${body}>` +
    (replies ? `<ol class="children">${replies}</ol>` : "") +
    `</li>`
  );
}

/** A WordPress post and its comments (twentytwenty-style markup). */
function wordPressPage(html5: boolean, post: string, comments: Array<[number, string]>): string {
  const [first, ...rest] = comments;
  const nested = (list: Array<[number, string]>): string => {
    const [head, ...tail] = list;
    return head ? wordPressComment(html5, head[0], head[1], nested(tail)) : "";
  };
  return (
    `<main id="site-content"><article class="post type-post"><header class="entry-header"><h1 class="entry-title">` +
    `Regional express only runs hourly now</h1></header><div class="entry-content"><p>${post}</p></div></article>` +
    `<div id="comments" class="comments-area"><h2 class="comments-title">3 replies</h2><ol class="comment-list">` +
    (first ? nested([first, ...rest]) : "") +
    `</ol></div></main>`
  );
}

/** A Lemmy comment (lemmy-ui 0.18 on): its body in an `article`, the replies to it in a list after it. */
function lemmyComment(text: string, replies = ""): string {
  return (
    `<li class="comment list-unstyled"><article class="details comment-node py-2 border-top border-light"><div class="ms-2">` +
    `<div class="d-flex flex-wrap align-items-center text-muted small"><button class="btn btn-sm btn-link text-muted ` +
    `me-2" aria-label="Collapse">−</button><span class="person-listing d-inline-flex"><a class="text-info" ` +
    `href="/u/anna">anna</a></span><span class="moment-time">3h</span></div><div class="comment-content">` +
    `<div class="md-div"><p>${text}</p></div></div><div class="d-flex justify-content-between text-muted fw-bold">` +
    `<button class="btn btn-link" aria-label="Reply">Reply</button></div></div></article>` +
    (replies ? `<ul class="comments ms-1 border-start border-2">${replies}</ul>` : "") +
    `</li>`
  );
}

/** Resolves once `el` reads `text` (the page's translation written into it). */
function shows(el: Element, text: string): Promise<void> {
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (el.textContent !== text) return;
      observer.disconnect();
      resolve();
    });
    observer.observe(el, { subtree: true, childList: true, characterData: true });
  });
}

describe("a one-line reply alone in its comment", () => {
  // An English thread: one reader answers an English comment in German, another answers him in German in one line.
  // The line has no word the toy detector knows, as a detector is unsure of most one-liners.
  const REPLY = "Bei mir leider genauso, seit gestern.";
  const ENGLISH_POST =
    "Since the timetable change the regional express only runs every hour and the connections in Cologne are gone.";

  const THREADS: Array<[string, Partial<{ site: SiteAdapter["rules"] }>, string]> = [
    [
      "on old Reddit",
      { site: oldReddit.rules },
      `<div class="content" role="main"><div id="siteTable"><div class="thing link self"><div class="entry">` +
        `<p class="title"><a class="title">Regional express only runs hourly now</a></p><div class="expando">` +
        `<div class="usertext-body"><div class="md"><p>${ENGLISH_POST}</p></div></div></div></div></div></div>` +
        `<div class="commentarea"><div class="sitetable">` +
        comment([ENGLISH_COMMENT], comment([GERMAN_COMMENT], comment([REPLY]))) +
        `</div></div></div>`,
    ],
    [
      "on new Reddit",
      { site: newReddit.rules },
      `<shreddit-post><h1 slot="title">Regional express only runs hourly now</h1>` +
        `<div slot="text-body"><p>${ENGLISH_POST}</p></div></shreddit-post><shreddit-comment-tree>` +
        `<shreddit-comment><div slot="comment"><p>${ENGLISH_COMMENT}</p></div>` +
        `<shreddit-comment slot="children"><div slot="comment"><p>${GERMAN_COMMENT}</p></div>` +
        `<shreddit-comment slot="children"><div slot="comment"><p>${REPLY}</p></div></shreddit-comment>` +
        `</shreddit-comment></shreddit-comment></shreddit-comment-tree>`,
    ],
    [
      "on Lemmy",
      { site: lemmy.rules },
      `<div class="post-listing mt-2"><div class="post-title overflow-hidden"><h1 class="h5 d-inline text-break">` +
        `<a class="link-dark" href="/post/7">Regional express only runs hourly now</a></h1></div>` +
        `<article id="postContent" class="col-12 card my-2 p-2"><div class="md-div"><p>${ENGLISH_POST}</p></div>` +
        `</article></div><div class="comments"><ul class="comments">` +
        lemmyComment(ENGLISH_COMMENT, lemmyComment(GERMAN_COMMENT, lemmyComment(REPLY))) +
        `</ul></div>`,
    ],
    [
      "in a list of comments",
      {},
      `<h1>Regional express only runs hourly now</h1><p>${ENGLISH_POST}</p><ul><li><p>${ENGLISH_COMMENT}</p><ul>` +
        `<li><p>${GERMAN_COMMENT}</p><ul><li><p>${REPLY}</p></li></ul></li></ul></li></ul>`,
    ],
  ];

  test.each(THREADS)("%s, a German reply to a German comment is translated on an English page", async (_, o, html) => {
    const { page, fake } = setup(html, { detectLang, ...o });
    expect((await page.translate()).pageLang).toBe("en");
    // The page's English is left; the German comment and the one-line German reply to it are translated.
    expect(sent(fake)).toEqual([GERMAN_COMMENT, REPLY]);
    expect(document.body.textContent).toContain(REPLY.toUpperCase());
  });

  test.each([
    ["HTML5 comments: each an article in its list entry", true],
    ["classic comments: each a div in its list entry", false],
  ])("on a WordPress blog with %s, a German reply to a German comment is translated", async (_, html5) => {
    const { page, fake } = setup(
      wordPressPage(html5, ENGLISH_POST, [
        [1, ENGLISH_COMMENT],
        [2, GERMAN_COMMENT],
        [3, REPLY],
      ]),
      { detectLang },
    );
    expect((await page.translate()).pageLang).toBe("en");
    // The reply's own list entry holds nothing but it: the comment it answers is the one its list of replies follows.
    expect(sent(fake)).toEqual(expect.arrayContaining([GERMAN_COMMENT, REPLY]));
    expect(sent(fake).join("\n")).not.toMatch(/timetable change|same problem in Cologne/);
    expect(document.querySelector("#comment-3 .reply")?.previousElementSibling?.textContent).toBe(REPLY.toUpperCase());
  });

  test("a comment beside a German one, not answering it, is not judged by it", async () => {
    const { page, fake } = setup(
      `<h1>Regional express only runs hourly now</h1><p>${ENGLISH_POST}</p>` +
        `<ul><li><p>${ENGLISH_COMMENT}</p></li><li><p>${GERMAN_COMMENT}</p></li><li><p>Same problem here, sadly.</p></li></ul>`,
      { detectLang },
    );
    expect((await page.translate()).pageLang).toBe("en");
    expect(sent(fake)).toEqual([GERMAN_COMMENT]);
  });

  test("an English reader's German thread: a German reply to an English comment is still translated", async () => {
    const { page, fake } = setup(germanThread([ENGLISH_COMMENT], [REPLY]), { detectLang, site: oldReddit.rules });
    expect((await page.translate()).pageLang).toBe("de");
    // The comment it answers is English; the reply is not taken for English for that: a wrong guess would hide it.
    expect(sent(fake)).toContain(REPLY);
  });

  test("a reply to a comment whose text arrived after the replies below it is judged by that comment", async () => {
    // The comment's text is loaded after its replies (a placeholder until then), its action bar between the two.
    const LATER = "Hier genauso, seit Montag schon.";
    const { page, fake } = setup(
      `<h1>Regional express only runs hourly now</h1><p>${ENGLISH_POST}</p><section class="thread">` +
        `<div class="placeholder" aria-busy="true"></div><div class="actions"><button>Reply</button></div>` +
        `<div class="replies"><article><p>${REPLY}</p></article></div></section>`,
      { detectLang },
    );
    expect((await page.translate()).pageLang).toBe("en");
    // The German comment arrives in the placeholder's place, and a German one-liner answering it below the first.
    const comment = document.createElement("article");
    comment.innerHTML = `<p>${GERMAN_COMMENT}</p>`;
    document.querySelector(".placeholder")?.replaceWith(comment);
    const reply = document.createElement("article");
    reply.innerHTML = `<p>${LATER}</p>`;
    document.querySelector(".replies")?.append(reply);
    await page.whenSettled();
    expect(sent(fake)).toEqual(expect.arrayContaining([GERMAN_COMMENT, LATER]));
    expect(reply.textContent).toBe(LATER.toUpperCase());
  });

  test("a reply left as English before the comment it answers loaded is translated once that comment shows German", async () => {
    // The comment's text is loaded after its replies: until then the one-liner below it answers nothing, and the page
    // (English, as its reader) says it is English.
    const { page, fake } = setup(
      `<h1>Regional express only runs hourly now</h1><p>${ENGLISH_POST}</p><p>${ENGLISH_COMMENT}</p>` +
        `<section class="thread"><div class="placeholder" aria-busy="true"></div>` +
        `<div class="actions"><button>Reply</button></div>` +
        `<div class="replies"><article class="early"><p>${REPLY}</p></article></div></section>`,
      { detectLang },
    );
    const before = await page.translate();
    expect(before.pageLang).toBe("en");
    expect(sent(fake)).not.toContain(REPLY);
    const comment = document.createElement("article");
    comment.innerHTML = `<p>${GERMAN_COMMENT}</p>`;
    document.querySelector(".placeholder")?.replaceWith(comment);
    const summary = await page.whenSettled();
    // The reply is judged again by the comment it answers, now German: translated, and no longer counted as skipped.
    expect(sent(fake)).toEqual(expect.arrayContaining([GERMAN_COMMENT, REPLY]));
    expect(document.querySelector(".early")?.textContent).toBe(REPLY.toUpperCase());
    expect(summary.skipped).toBe(before.skipped - 1);
  });

  test("a reply still being judged when the comment it answers loads is translated, and the page is then done", async () => {
    // A one-liner quoting a few words is judged twice (as a whole, then outside its quote): the second detection is
    // held, so the page's English has been taken for its context, and the German comment loads meanwhile.
    const QUOTING = "„Halbe Stunde“ – bei mir leider genauso, seit gestern.";
    const outsideQuote = (text: string) => text.includes("bei mir leider") && !text.includes("Halbe");
    let asked!: () => void;
    const replyAsked = new Promise<void>((resolve) => (asked = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const heldDetect = async (text: string) => {
      if (outsideQuote(text)) {
        asked();
        await released;
      }
      return detectLang(text);
    };
    const { page, fake } = setup(
      `<h1>Regional express only runs hourly now</h1><p>${ENGLISH_POST}</p><p>${ENGLISH_COMMENT}</p>` +
        `<section class="thread"><div class="placeholder" aria-busy="true"></div>` +
        `<div class="actions"><button>Reply</button></div>` +
        `<div class="replies"><article class="early"><p>${QUOTING}</p></article></div></section>`,
      { detectLang: heldDetect },
    );
    const translating = page.translate();
    await replyAsked;
    const comment = document.createElement("article");
    comment.innerHTML = `<p>${GERMAN_COMMENT}</p>`;
    const commentShown = shows(comment, GERMAN_COMMENT.toUpperCase());
    document.querySelector(".placeholder")?.replaceWith(comment);
    // The comment told its language before its translation was written: the reply's verdict was still on its way.
    await commentShown;
    release();
    expect((await translating).pageLang).toBe("en");
    await page.whenSettled();
    expect(sent(fake)).toContain(GERMAN_COMMENT);
    expect(document.querySelector(".early")?.textContent).toBe(QUOTING.toUpperCase());
  });

  test("the page is done once the comment a reply waited for told its language, even when that is the last thing", async () => {
    // The comment that loads above the German one-liner is English (quoting a sign): its own lines are skipped first,
    // and only then is the language of the whole comment, asked to judge the reply again, answered.
    const LATER = `Same here in Bonn, the sign says "no trains after ten" and it is the same on the weekend.`;
    const outsideQuote = LATER.replace(/"[^"]*"/, " ").replace(/\s+/g, " ");
    let commentAsked!: () => void;
    const asked = new Promise<void>((resolve) => (commentAsked = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let held = false;
    const heldDetect = async (text: string) => {
      // The comment's language for its replies is asked first; its line's own second look (outside the quote) after.
      if (text === outsideQuote && !held) {
        held = true;
        commentAsked();
        await released;
      }
      return detectLang(text);
    };
    const { page, fake, progress, progressWhere } = setup(
      `<h1>Regional express only runs hourly now</h1><p>${ENGLISH_POST}</p><section class="thread">` +
        `<div class="placeholder"></div><div class="replies"><article class="early"><p>${REPLY}</p></article></div>` +
        `</section>`,
      { detectLang: heldDetect },
    );
    expect((await page.translate()).pageLang).toBe("en");
    const skipped = progress.at(-1)?.skipped ?? 0;
    const comment = document.createElement("article");
    comment.innerHTML = `<p>${LATER}</p>`;
    document.querySelector(".placeholder")?.replaceWith(comment);
    await asked;
    await progressWhere((p) => p.skipped > skipped);
    release();
    await page.whenSettled();
    expect(sent(fake)).toEqual([]);
    expect(document.querySelector(".early")?.textContent).toBe(REPLY);
  });

  test("a reply left as English stays so when the comment that loads above it is English", async () => {
    const { page, fake } = setup(
      `<h1>Regional express only runs hourly now</h1><p>${ENGLISH_POST}</p><section class="thread">` +
        `<div class="placeholder"></div><div class="replies"><article class="early"><p>${REPLY}</p></article></div>` +
        `</section>`,
      { detectLang },
    );
    expect((await page.translate()).pageLang).toBe("en");
    const comment = document.createElement("article");
    comment.innerHTML = `<p>${ENGLISH_COMMENT}</p>`;
    document.querySelector(".placeholder")?.replaceWith(comment);
    await page.whenSettled();
    expect(sent(fake)).toEqual([]);
    expect(document.querySelector(".early")?.textContent).toBe(REPLY);
  });

  describe("on a thread of hundreds of one-line comments", () => {
    // Replies side by side in one element: Hacker News's rows of one table, old Reddit's top-level comments, new
    // Reddit's replies after their comment's body. Every tenth is the German one-liner, the rest English ones.
    const line = (i: number) =>
      i % 10 === 9 ? REPLY : `${["Same here with the new timetable.", "This is it, the bus is faster."][i % 2]} #${i}`;
    const lines = (n: number) => Array.from({ length: n }, (_, i) => line(i));

    const LARGE: Array<[string, SiteAdapter["rules"], (n: number) => string]> = [
      [
        "Hacker News",
        hackerNews.rules,
        (n) =>
          `<table><tr class="athing submission"><td class="title"><span class="titleline"><a>Regional express only ` +
          `runs hourly now</a></span></td></tr></table><div class="toptext">${ENGLISH_POST}</div>` +
          `<table class="comment-tree">${lines(n)
            .map(
              (text, i) =>
                `<tr class="athing comtr" id="c${i}"><td><table><tr><td class="ind" indent="0"></td><td class="default">` +
                `<div class="comment"><div class="commtext c00">${text}</div></div></td></tr></table></td></tr>`,
            )
            .join("")}</table>`,
      ],
      [
        "old Reddit",
        oldReddit.rules,
        (n) =>
          `<div class="content" role="main"><div id="siteTable"><div class="thing link self"><div class="entry">` +
          `<p class="title"><a class="title">Regional express only runs hourly now</a></p><div class="expando">` +
          `<div class="usertext-body"><div class="md"><p>${ENGLISH_POST}</p></div></div></div></div></div></div>` +
          `<div class="commentarea"><div class="sitetable">${lines(n)
            .map((text) => comment([text]))
            .join("")}</div></div></div>`,
      ],
      [
        "new Reddit",
        newReddit.rules,
        (n) =>
          `<shreddit-post><h1 slot="title">Regional express only runs hourly now</h1>` +
          `<div slot="text-body"><p>${ENGLISH_POST}</p></div></shreddit-post><shreddit-comment-tree>` +
          `<shreddit-comment><div slot="comment"><p>${GERMAN_COMMENT}</p></div>${lines(n)
            .map(
              (text) => `<shreddit-comment slot="children"><div slot="comment"><p>${text}</p></div></shreddit-comment>`,
            )
            .join("")}</shreddit-comment></shreddit-comment-tree>`,
      ],
    ];

    /** The selector matching done while the page is translated, and the German one-liners shown translated. */
    async function translateCounting(
      html: string,
      site: SiteAdapter["rules"],
    ): Promise<{ matched: number; translated: number }> {
      const spy = jest.spyOn(Element.prototype, "matches");
      try {
        const { page } = setup(html, { detectLang, site });
        expect((await page.translate()).pageLang).toBe("en");
        await page.whenSettled();
        const matched = spy.mock.calls.length;
        const translated = (document.body.textContent ?? "").split(REPLY.toUpperCase()).length - 1;
        page.restore();
        return { matched, translated };
      } finally {
        spy.mockRestore();
      }
    }

    test.each(LARGE)(
      "on %s, twice the comments take about twice the matching, not four times",
      async (name, site, thread) => {
        const small = await translateCounting(thread(60), site);
        const large = await translateCounting(thread(120), site);
        // Each reply looked over every reply before it for the comment it answers: the matching grew with the square of
        // the thread's length (2.7 to 2.9 times as much here; millions of matches on a 3,000-comment thread).
        expect(large.matched).toBeLessThan(small.matched * 2.3);
        // What is judged stays the same: on new Reddit each German one-liner answers the German comment and is
        // translated, the last one too; in the flat threads it answers none and is taken for the English page's.
        expect(large.translated).toBe(name === "new Reddit" ? 12 : 0);
      },
    );
  });
});
