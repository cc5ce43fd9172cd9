// GitHub: a repository's names (files, folders, users) stay what they are; its README and comments are translated.
import { siteAdapterFor, siteRulesFor } from "../../src/sites";
import { sent, setup } from "../helpers/core-page";

const row = (name: string, kind: string, message: string) =>
  `<tr class="react-directory-row"><td class="react-directory-row-name-cell-large-screen">` +
  `<div class="react-directory-filename-column"><svg aria-label="${kind}"></svg><div class="overflow-hidden">` +
  `<div class="react-directory-filename-cell"><div class="react-directory-truncate">` +
  `<a title="${name}" aria-label="${name}, (${kind})" class="Link--primary" href="/o/r/tree/main/${name}">${name}</a>` +
  `</div></div></div></div></td><td class="react-directory-row-commit-cell"><div>` +
  `<a class="Link--secondary" href="/o/r/commit/1a2b3c">${message}</a></div></td></tr>`;

test("GitHub: file and folder names and usernames are not sent; the README, commit messages and comments are", async () => {
  document.body.innerHTML =
    `<table aria-labelledby="folders-and-files"><tbody>` +
    row("docs", "Directory", "Anleitung ergänzt") +
    row("LICENSE", "File", "Lizenz hinzugefügt") +
    `</tbody></table>` +
    `<article class="markdown-body entry-content" itemprop="text"><h2 class="heading-element" dir="auto">Installation</h2>` +
    `<p dir="auto">Führen Sie <code>npm i</code> aus.</p></article>` +
    `<div class="timeline-comment-header"><h3 class="f5 text-normal"><strong>` +
    `<a class="author Link--primary text-bold" href="/schmidt">schmidt</a></strong> kommentierte ` +
    `<a href="#issuecomment-1" class="Link--secondary js-timestamp">gestern</a></h3></div>`;
  const { page, fake } = setup(null, { site: siteRulesFor(document, "https://github.com/o/r")! });
  await page.translate();
  expect(Array.from(document.querySelectorAll(".react-directory-truncate a"), (a) => a.textContent)).toEqual([
    "docs",
    "LICENSE",
  ]);
  expect(document.querySelector(".react-directory-truncate a")?.getAttribute("aria-label")).toBe("docs, (Directory)");
  expect(document.querySelector(".markdown-body p")?.innerHTML).toBe("FÜHREN SIE <code>npm i</code> AUS.");
  expect(document.querySelector(".react-directory-row-commit-cell a")?.textContent).toBe("ANLEITUNG ERGÄNZT");
  expect(document.querySelector("h3")?.textContent).toBe("schmidt KOMMENTIERTE GESTERN");
  expect(sent(fake).join("\n")).not.toMatch(/docs|LICENSE|schmidt/);
});

test("GitHub's classic lists: an issue's title is translated, though it shares the old file table's link class", async () => {
  document.body.innerHTML =
    `<div class="js-navigation-container"><div class="Box-row js-navigation-item"><div class="flex-auto">` +
    `<a class="Link--primary v-align-middle no-underline h4 js-navigation-open markdown-title" href="/o/r/issues/7">` +
    `Absturz beim Speichern der Datei</a></div></div></div>`;
  const { page } = setup(null, { site: siteRulesFor(document, "https://github.com/o/r/issues")! });
  await page.translate();
  expect(document.querySelector("a")?.textContent).toBe("ABSTURZ BEIM SPEICHERN DER DATEI");
});

/** GitHub's React issue view (issues moved to it from the classic timeline): the issue's body and one comment, each
 * author's login a link with a test id and no `.author` class, as github.com serves it. */
const reactIssue = (body: string, comment: string) =>
  `<div data-testid="issue-viewer-issue-container"><div class="react-issue-body"><div data-testid="issue-body">` +
  `<div class="IssueBodyHeader-module__IssueBodyHeaderContainer"><a data-testid="issue-body-header-author" ` +
  `class="IssueBodyHeaderAuthor-module__authorLoginLink prc-Link-Link" href="/schmidt" data-hovercard-type="user">` +
  `schmidt</a> <a data-testid="issue-body-header-link" href="#issue-7"><relative-time datetime="2026-12-01T10:00:00Z">` +
  `gestern</relative-time></a></div><div data-testid="issue-body-viewer"><div data-testid="markdown-body" ` +
  `class="markdown-body"><div class="markdown-body NewMarkdownViewer-module__safe-html-box"><p dir="auto">${body}</p>` +
  `</div></div></div></div></div></div>` +
  `<div data-testid="issue-timeline-container"><div class="LayoutHelpers-module__timelineElement" ` +
  `data-wrapper-timeline-id="IC_1"><div class="react-issue-comment IssueCommentViewer-module__IssueCommentLayout">` +
  `<div data-testid="comment-viewer-outer-box-IC_1"><div id="issuecomment-1" data-testid="comment-header" ` +
  `class="ActivityHeader-module__activityHeader ActivityHeader-module__ActivityHeaderGridLayout">` +
  `<h3 class="sr-only">weber commented <relative-time datetime="2026-12-01T11:00:00Z">Dec 1, 2026</relative-time>` +
  `</h3><div class="Avatar-module__avatarInner ActivityHeader-module__AvatarContainer"><a ` +
  `class="Avatar-module__avatarLink prc-Link-Link" href="/weber" data-hovercard-url="/users/weber/hovercard" ` +
  `data-hovercard-type="user" aria-label="@weber's profile"><img data-component="Avatar" ` +
  `class="Avatar-module__activityAvatar prc-Avatar-Avatar" alt="@weber" width="24" height="24" ` +
  `src="https://avatars.githubusercontent.com/u/1?v=4&amp;size=48" data-testid="github-avatar"></a></div>` +
  `<div data-testid="comment-header-left-side-items"><div class="ActivityHeader-module__TitleContainer">` +
  `<a class="ActivityHeader-module__AuthorName ActivityHeader-module__AuthorLink prc-Link-Link" href="/weber" ` +
  `data-testid="avatar-link" data-hovercard-type="user">weber</a></div></div></div>` +
  `<div class="IssueCommentViewer-module__IssueCommentBody"><div data-testid="markdown-body" class="markdown-body">` +
  `<div class="markdown-body NewMarkdownViewer-module__safe-html-box"><p dir="auto">${comment}</p></div></div></div>` +
  `</div></div></div></div>`;

test("GitHub's React issue view: the issue and its comments are translated, who wrote them is not sent", async () => {
  document.body.innerHTML = reactIssue(
    "Die App stürzt beim Speichern der Datei ab.",
    "Bei mir auch, seit dem letzten Update.",
  );
  const { page, fake } = setup(null, { site: siteRulesFor(document, "https://github.com/o/r/issues/7")! });
  await page.translate();
  expect(Array.from(document.querySelectorAll(".markdown-body p"), (p) => p.textContent)).toEqual([
    "DIE APP STÜRZT BEIM SPEICHERN DER DATEI AB.",
    "BEI MIR AUCH, SEIT DEM LETZTEN UPDATE.",
  ]);
  // A login is a name: a model turns "weber" into "weaver", and it then names nobody.
  expect(document.querySelector("[data-testid='issue-body-header-author']")?.textContent).toBe("schmidt");
  expect(document.querySelector("[data-testid='avatar-link']")?.textContent).toBe("weber");
  expect(sent(fake).join("\n")).not.toMatch(/schmidt|weber/);
  // What a screen reader says of the comment's author: the heading above it, the avatar's link and picture.
  expect(document.querySelector("h3.sr-only")?.textContent).toBe("weber commented Dec 1, 2026");
  expect(document.querySelector("[data-testid='github-avatar']")?.getAttribute("alt")).toBe("@weber");
  expect(document.querySelector(".Avatar-module__avatarLink")?.getAttribute("aria-label")).toBe("@weber's profile");
});

/** A permalink to lines of a file, as GitHub shows it in a comment: a table of lines, the code in spans. */
const permalink =
  `<div class="border rounded-1 my-2"><div class="f6 px-3 py-2 lh-condensed border-bottom color-bg-subtle">` +
  `<p class="mb-0 text-bold"><a href="https://github.com/o/r/blob/abc1234/src/zug.js#L1-L2">src/zug.js</a></p></div>` +
  `<div itemprop="text" class="Box-body p-0 blob-wrapper blob-wrapper-embedded data">` +
  `<table class="highlight tab-size mb-0 js-file-line-container" data-tab-size="8"><tbody>` +
  `<tr class="border-0"><td id="L1" class="blob-num border-0 px-3 py-0 js-line-number" data-line-number="1"></td>` +
  `<td id="LC1" class="blob-code border-0 px-3 py-0 blob-code-inner js-file-line">` +
  `<span class="pl-c">// Verspätung in Minuten, nie negativ</span></td></tr>` +
  `<tr class="border-0"><td id="L2" class="blob-num border-0 px-3 py-0 js-line-number" data-line-number="2"></td>` +
  `<td id="LC2" class="blob-code border-0 px-3 py-0 blob-code-inner js-file-line"><span class="pl-k">const</span> ` +
  `<span class="pl-s1">meldung</span> <span class="pl-c1">=</span> <span class="pl-s">"Zug fällt aus"</span>;</td></tr>` +
  `</tbody></table></div></div>`;

test("GitHub: the lines of a file linked in a comment stay as they are in the repository; the comment around them is translated", async () => {
  document.body.innerHTML = `<div class="comment-body markdown-body js-comment-body"><p dir="auto">Hier entsteht der Fehler:</p>${permalink}</div>`;
  const { page, fake } = setup(null, { site: siteRulesFor(document, "https://github.com/o/r/issues/7")! });
  await page.translate();
  expect(sent(fake)).toEqual(["Hier entsteht der Fehler:"]);
  expect(document.querySelector("#LC1")?.textContent).toBe("// Verspätung in Minuten, nie negativ");
  expect(document.querySelector("#LC2")?.textContent).toBe(`const meldung = "Zug fällt aus";`);
});

test("GitHub: a gist is GitHub too, its files' lines are not sent; a look-alike host is not GitHub", async () => {
  document.body.innerHTML = `<div class="file">${permalink}</div>`;
  const url = "https://gist.github.com/schmidt/0123abcd";
  expect(siteAdapterFor(document, "https://gist.github.com.evil.example/schmidt/0123abcd")).toBeUndefined();
  expect(siteAdapterFor(document, url)?.name).toBe("github");
  const { page, fake } = setup(null, { site: siteRulesFor(document, url)! });
  await page.translate();
  expect(sent(fake)).toEqual([]);
});

/** A comment box on its Preview tab, classic (`.js-preview-body`) and in the React views (the editor's preview
 * wrapper, its CSS module class hashed), each below a posted comment, as github.com serves them. */
const classicPreview =
  `<div class="comment-body markdown-body js-comment-body"><p dir="auto">Der Zug fällt heute aus.</p></div>` +
  `<form class="js-new-comment-form"><div class="previewable-comment-form js-previewable-comment-form preview-selected">` +
  `<div class="write-content js-write-bucket"><textarea name="comment[body]" class="js-comment-field"></textarea></div>` +
  `<div class="preview-content"><div class="comment-body markdown-body js-preview-body"></div></div></div></form>`;
const reactPreview =
  `<div data-testid="markdown-body" class="markdown-body"><p dir="auto">Der Zug fällt heute aus.</p></div>` +
  `<div class="MarkdownEditor-module__container__H4O8J"><div aria-live="polite" tabindex="-1" ` +
  `class="MarkdownEditor-module__previewViewerWrapper__M5C8O"><h2 class="sr-only">Rendered Markdown Preview</h2>` +
  `<div class="markdown-body MarkdownViewer-module__markdownBody__yGuuU"></div></div></div>`;

test.each([
  ["classic", classicPreview, ".js-preview-body"],
  ["React", reactPreview, ".MarkdownViewer-module__markdownBody__yGuuU"],
])(
  "GitHub (%s): a comment box's Preview shows what will be posted, as written; the comments are translated",
  async (_view, html, previewBody) => {
    document.body.innerHTML = html;
    const { page, fake } = setup(null, { site: siteRulesFor(document, "https://github.com/o/r/issues/7")! });
    await page.translate();
    const preview = document.querySelector(previewBody)!;
    preview.innerHTML = `<p dir="auto">Bei mir kam der Zug heute pünktlich.</p>`;
    await page.whenSettled();
    expect(preview.textContent).toBe("Bei mir kam der Zug heute pünktlich.");
    expect(sent(fake).filter((s) => s.includes("pünktlich"))).toEqual([]);
    expect(document.querySelector("p")?.textContent).toBe("DER ZUG FÄLLT HEUTE AUS.");
  },
);

/** An issue's labels, in the React view (Primer's IssueLabelToken, its CSS module classes hashed) and classic (in the
 * timeline's event line too), as github.com serves them. */
const labels =
  `<h1><bdi data-testid="issue-title" class="markdown-title">Absturz beim Speichern der Datei</bdi></h1>` +
  `<div data-testid="sidebar-labels-section"><ul><li><a class="prc-Token-TokenBase-kXyzw prc-Token-IssueLabel-Ab12c" ` +
  `href="/o/r/issues?q=label%3AFehler"><span class="prc-Token-Text-Qw3er">Fehler</span></a></li>` +
  `<li><a class="prc-Token-TokenBase-kXyzw prc-Token-IssueLabel-Ab12c" href="/o/r/issues?q=label%3A%22Hilfe+gesucht%22">` +
  `<span class="prc-Token-Text-Qw3er">Hilfe gesucht</span></a></li></ul></div>` +
  `<div class="TimelineItem"><div class="TimelineItem-body"><a class="author Link--primary text-bold" ` +
  `data-hovercard-type="user" href="/schmidt">schmidt</a> added <a id="label-1" href="/o/r/labels/Dokumentation" ` +
  `data-name="Dokumentation" class="IssueLabel hx_IssueLabel width-fit mb-1 mr-1">` +
  `<span class="css-truncate css-truncate-target width-fit">Dokumentation</span></a> label ` +
  `<a href="#event-1" class="Link--secondary"><relative-time datetime="2026-12-01T10:00:00Z">Dec 1, 2026</relative-time>` +
  `</a></div></div>`;

test("GitHub: an issue's labels are not sent: a label is a name the reader filters by, translated it names no label", async () => {
  document.body.innerHTML = labels;
  const { page, fake } = setup(null, { site: siteRulesFor(document, "https://github.com/o/r/issues/7")! });
  await page.translate();
  expect(sent(fake).join("\n")).not.toMatch(/Fehler|Hilfe gesucht|Dokumentation/);
  expect(Array.from(document.querySelectorAll("[data-name], [href*='label']"), (a) => a.textContent)).toEqual([
    "Fehler",
    "Hilfe gesucht",
    "Dokumentation",
  ]);
  // The title is the reporter's words; the event line is GitHub's, the label a placeholder in it.
  expect(document.querySelector("bdi")?.textContent).toBe("ABSTURZ BEIM SPEICHERN DER DATEI");
  expect(sent(fake)).toContain("added <x1></x1> label <x2></x2>");
});

/** A pull request's header: which branch goes into which, classic (`.commit-ref`, its title the full ref) and in the
 * React view (Primer's BranchName, hashed class). */
const pullHeader =
  `<div class="gh-header-meta"><div class="flex-auto min-width-0 mb-2"><a class="author Link--secondary text-bold" ` +
  `data-hovercard-type="user" href="/schmidt">schmidt</a> wants to merge 2 commits into ` +
  `<span title="o/r:main" class="commit-ref css-truncate user-select-contain expandable base-ref"><a title="o/r:main" ` +
  `class="no-underline" href="/o/r"><span class="css-truncate-target">main</span></a></span> from ` +
  `<span title="schmidt/r:absturz-beim-speichern" class="commit-ref css-truncate user-select-contain expandable head-ref">` +
  `<a title="schmidt/r:absturz-beim-speichern" class="no-underline" href="/schmidt/r/tree/absturz-beim-speichern">` +
  `<span class="css-truncate-target">schmidt</span>:<span class="css-truncate-target">absturz-beim-speichern</span>` +
  `</a></span></div></div>` +
  `<div class="prc-PageHeader-Description-a1b2c"><span>weber wants to merge 1 commit into </span>` +
  `<a class="prc-BranchName-BranchName-xY1zq" href="/o/r/tree/main">main</a><span> from </span>` +
  `<a class="prc-BranchName-BranchName-xY1zq" href="/weber/r/tree/fehler-beheben">fehler-beheben</a></div>`;

test("GitHub: a pull request's branch names are not sent; the header's words around them are", async () => {
  document.body.innerHTML = pullHeader;
  const { page, fake } = setup(null, { site: siteRulesFor(document, "https://github.com/o/r/pull/8")! });
  await page.translate();
  expect(sent(fake).join("\n")).not.toMatch(/main|absturz|fehler-beheben|o\/r:/);
  expect(Array.from(document.querySelectorAll(".commit-ref, [class*='BranchName']"), (ref) => ref.textContent)).toEqual(
    ["main", "schmidt:absturz-beim-speichern", "main", "fehler-beheben"],
  );
  expect(document.querySelector(".head-ref")?.getAttribute("title")).toBe("schmidt/r:absturz-beim-speichern");
  expect(document.querySelector(".gh-header-meta div")?.textContent).toContain("WANTS TO MERGE 2 COMMITS INTO");
});
