// Discourse: a post is translated, its author and its age are not.
import { siteRulesFor } from "../../src/sites";
import { loadFixture } from "../helpers/core-fixtures";
import { sent, setup } from "../helpers/core-page";
import { sentOnSite } from "../helpers/site-page";

afterEach(() => {
  document.head.innerHTML = "";
});

test("Discourse: a post is sent without its author's names, its age and the name above a quote, which keep their text and tooltip", async () => {
  document.head.innerHTML = `<meta name="generator" content="Discourse 3.4.0 - https://github.com/discourse/discourse">`;
  // A post in a topic's stream as Discourse 3 renders it.
  document.body.innerHTML =
    `<article class="boxed onscreen-post" id="post_2" data-post-id="42"><div class="row"><div class="topic-body">` +
    `<div class="topic-meta-data"><div class="names trigger-user-card"><span class="first full-name">` +
    `<a href="/u/anna" data-user-card="anna">Anna Schmidt</a></span><span class="second username">` +
    `<a href="/u/anna" data-user-card="anna">anna</a></span></div><div class="post-infos">` +
    `<div class="post-info post-date"><a class="post-date" href="/t/zuege/7/2">` +
    `<span title="5. Dez. 2026 14:03" data-time="1796479380000" data-format="tiny" class="relative-date">2 Std.</span>` +
    `</a></div></div></div><div class="regular contents"><div class="cooked"><aside class="quote" data-username="bernd">` +
    `<div class="title"><div class="quote-controls"><a href="/t/zuege/7/1" class="back"></a></div>bernd:</div><blockquote><p>Der Zug kommt immer zu spät.</p></blockquote></aside>` +
    `<p>Heute war er pünktlich.</p></div></div></div></div></article>`;
  expect(await sentOnSite("https://forum.beispiel.de/t/zuege/7")).toEqual(
    ["Der Zug kommt immer zu spät.", "Heute war er pünktlich."].sort(),
  );
  expect(document.querySelector(".names")?.textContent).toBe("Anna Schmidtanna");
  expect(document.querySelector(".relative-date")?.getAttribute("title")).toBe("5. Dez. 2026 14:03");
  expect(document.querySelector(".cooked > p")?.textContent).toBe("HEUTE WAR ER PÜNKTLICH.");
});

test("Discourse: a quote from another topic is headed by that topic's title, which is translated", async () => {
  document.head.innerHTML = `<meta name="generator" content="Discourse 3.4.0 - https://github.com/discourse/discourse">`;
  // Quoted from another topic, the header names the topic, not the person (as the forum writes it after it runs).
  document.body.innerHTML =
    `<div class="cooked"><aside class="quote" data-username="bernd" data-post="3" data-topic="55"><div class="title">` +
    `<div class="quote-controls"><a href="/t/verspaetungen/55/3" title="zum zitierten Beitrag" class="back"></a>` +
    `</div><img alt="" width="24" height="24" src="/a.png" class="avatar"><a href="/t/verspaetungen/55/3">` +
    `Verspätungen im Winter</a></div><blockquote><p>Der Zug kommt immer zu spät.</p></blockquote></aside>` +
    `<aside class="quote" data-username="anna" data-post="1" data-topic="56"><div class="title">` +
    `<div class="quote-controls"></div><img alt="" width="24" height="24" src="/b.png" class="avatar">` +
    `<div class="quote-title__text-content"><a href="/t/fahrplan/56">Der neue Fahrplan</a></div></div>` +
    `<blockquote><p>Ab Montag fährt er stündlich.</p></blockquote></aside></div>`;
  await sentOnSite("https://forum.beispiel.de/t/zuege/7");
  const titles = [...document.querySelectorAll("aside.quote > .title")].map((t) => t.textContent);
  expect(titles).toEqual(["VERSPÄTUNGEN IM WINTER", "DER NEUE FAHRPLAN"]);
});

test("Discourse: a mention of a person or a group and a hashtag stay as they are inside the translated sentence", async () => {
  document.head.innerHTML = `<meta name="generator" content="Discourse 3.4.0 - https://github.com/discourse/discourse">`;
  document.body.innerHTML =
    `<div class="cooked"><p>Danke <a class="mention" href="/u/Lokfuehrer_Heinz">@Lokführer_Heinz</a> und ` +
    `<a class="mention-group notify" href="/groups/fahrdienst">@fahrdienst</a>, mehr unter ` +
    `<a class="hashtag-cooked" href="/c/fahrplan/4" data-type="category" data-slug="fahrplan">` +
    `<span class="hashtag-icon-placeholder"></span><span>Fahrplan</span></a>.</p></div>`;
  const sent = await sentOnSite("https://forum.beispiel.de/t/zuege/7");
  expect(sent).toEqual(["Danke <x1></x1> und <x2></x2>, mehr unter <x3></x3>."]);
  expect(document.querySelector(".cooked p")?.textContent).toBe(
    "DANKE @Lokführer_Heinz UND @fahrdienst, MEHR UNTER Fahrplan.",
  );
});

test("Discourse: the composer's preview shows what will be posted, as written; it is not translated as the reader types", async () => {
  loadFixture("discourse-topic-de");
  const { page, fake } = setup(null, { site: siteRulesFor(document, "https://forum.beispiel.de/t/zuege/7") });
  await page.translate();
  const preview = document.querySelector(".d-editor-preview")!;
  preview.innerHTML = "<p>Bei mir kam der Zug heute pünktlich.</p>";
  await page.whenSettled();
  expect(preview.textContent).toBe("Bei mir kam der Zug heute pünktlich.");
  expect(sent(fake).filter((html) => html.includes("pünktlich"))).toEqual([]);
});

test("Discourse: the topic's title and its posts are sent first, before the sidebar Discourse puts inside the page's main role", async () => {
  loadFixture("discourse-topic-de");
  const { page, fake } = setup(null, { site: siteRulesFor(document, "https://forum.beispiel.de/t/zuege/7") });
  await page.translate();
  expect(sent(fake).slice(0, 4)).toEqual([
    "Züge im Winter",
    "Der Zug kommt immer zu spät, seit Wochen.",
    "Hat jemand eine Erklärung?",
    "Im Winter frieren die Weichen ein, wenn die Heizung ausfällt.",
  ]);
});

test("Discourse: an uploaded image's size line ('1920×1080 245 KB') is not sent; its caption and the post around it are", async () => {
  document.head.innerHTML = `<meta name="generator" content="Discourse 3.4.0 - https://github.com/discourse/discourse">`;
  // An image in a post as Discourse cooks it: a lightbox, with its caption (the alt text the poster gave it, else the
  // file's name) and its size below it.
  document.body.innerHTML =
    `<div class="cooked"><p>So sieht die Anzeigetafel heute aus:</p><p><div class="lightbox-wrapper">` +
    `<a class="lightbox" href="/uploads/default/original/1X/abc.jpeg" data-download-href="/uploads/short-url/abc.jpeg" ` +
    `title="Anzeigetafel am Bahnhof"><img src="/uploads/default/optimized/1X/abc_2_690x388.jpeg" ` +
    `alt="Anzeigetafel am Bahnhof" width="690" height="388"><div class="meta"><svg class="fa d-icon d-icon-far-image ` +
    `svg-icon" aria-hidden="true"><use href="#far-image"></use></svg><span class="filename">Anzeigetafel am Bahnhof</span>` +
    `<span class="informations">1920×1080 245 KB</span><svg class="fa d-icon d-icon-discourse-expand svg-icon" ` +
    `aria-hidden="true"><use href="#discourse-expand"></use></svg></div></a></div></p></div>`;
  const order = await sentOnSite("https://forum.beispiel.de/t/zuege/7");
  expect(order.filter((html) => html.includes("KB") || html.includes("1920"))).toEqual([]);
  expect(document.querySelector(".informations")?.textContent).toBe("1920×1080 245 KB");
  expect(document.querySelector(".filename")?.textContent).toBe("ANZEIGETAFEL AM BAHNHOF");
  expect(document.querySelector(".cooked p")?.textContent).toBe("SO SIEHT DIE ANZEIGETAFEL HEUTE AUS:");
});
