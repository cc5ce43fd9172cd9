// Hacker News: titles and comments are translated; the lines of points, authors, ages and links around them are not.
import { MainContent } from "../../src/core/schedule/main-content";
import { siteRulesFor } from "../../src/sites";
import { sent, setup } from "../helpers/core-page";

test("Hacker News: a title and a comment are sent without the site, the author, the age or the links around them", async () => {
  document.body.innerHTML =
    `<table><tr class="athing submission" id="1"><td class="title"><span class="rank">1.</span></td>` +
    `<td class="title"><span class="titleline"><a href="https://beispiel.de/x">Ein Titel über Züge</a>` +
    `<span class="sitebit comhead"> (<a href="from?site=beispiel.de"><span class="sitestr">beispiel.de</span></a>)</span>` +
    `</span></td></tr><tr><td></td><td class="subtext"><span class="subline">` +
    `<span class="score" id="score_1">123 Punkte</span> von <a href="user?id=zugfahrer" class="hnuser">zugfahrer</a> ` +
    `<span class="age" title="2025-11-30T14:26:41 1764512801"><a href="item?id=1">vor 2 Stunden</a></span> | ` +
    `<a href="hide?id=1">ausblenden</a> | <a href="item?id=1">45&nbsp;Kommentare</a></span></td></tr></table>` +
    `<table class="comment-tree"><tr class="athing comtr" id="2"><td><table><tr><td class="default">` +
    `<div><span class="comhead"><a href="user?id=bahnfan" class="hnuser">bahnfan</a> ` +
    `<span class="age" title="2025-11-30T15:00:00 1764514800"><a href="item?id=2">vor 1 Stunde</a></span> ` +
    `<span class="navs"> | <a href="#1">Eltern</a> | <a href="#3">weiter</a></span></span></div>` +
    `<div class="comment"><div class="commtext c00">Der erste Absatz ohne p.<p>Der zweite Absatz.</p></div></div>` +
    `</td></tr></table></td></tr></table>`;
  const { page, fake } = setup(null, { site: siteRulesFor(document, "https://news.ycombinator.com/item?id=1")! });
  await page.translate();
  expect(sent(fake).sort()).toEqual(["Ein Titel über Züge", "Der erste Absatz ohne p.", "Der zweite Absatz."].sort());
  expect(document.querySelector(".titleline")?.textContent).toBe("EIN TITEL ÜBER ZÜGE (beispiel.de)");
  expect(document.querySelector(".commtext")?.textContent).toBe("DER ERSTE ABSATZ OHNE P.DER ZWEITE ABSATZ.");
  expect(document.querySelector(".comtr .comhead")?.textContent).toBe("bahnfan vor 1 Stunde  | Eltern | weiter");
});

test("Hacker News: the story, its text and every comment are main content; the header's links are not", () => {
  document.body.innerHTML =
    `<center><table id="hnmain"><tr><td><table><tr><td><span class="pagetop"><b class="hnname"><a href="news">Hacker News</a></b> ` +
    `<a href="newest">neu</a> | <a href="front">vergangen</a></span></td></tr></table></td></tr>` +
    `<tr id="bigbox"><td><table class="fatitem"><tr class="athing submission" id="1"><td class="title">` +
    `<span class="titleline"><a href="https://beispiel.de/x">Ein Titel über Züge</a></span></td></tr>` +
    `<tr><td class="subtext"><span class="subline"><a href="user?id=zugfahrer" class="hnuser">zugfahrer</a></span></td></tr>` +
    `<tr><td><div class="toptext">Was meint ihr zu Nachtzügen?</div></td></tr></table>` +
    `<table class="comment-tree">` +
    [1, 2, 3]
      .map(
        (i) =>
          `<tr class="athing comtr" id="c${i}"><td><table><tr><td class="default"><div class="comment">` +
          `<div class="commtext c00">Kommentar ${i}${"<p>Noch ein Absatz dazu.</p>".repeat(i)}</div></div></td></tr></table></td></tr>`,
      )
      .join("") +
    `</table></td></tr></table></center>`;
  const url = "https://news.ycombinator.com/item?id=1";
  const check = new MainContent(document, siteRulesFor(document, url)?.main).check();
  for (const el of document.querySelectorAll(".titleline a, .toptext, .commtext, .commtext p"))
    expect(check(el)).toBe(true);
  for (const el of document.querySelectorAll(".pagetop a")) expect(check(el)).toBe(false);
});
