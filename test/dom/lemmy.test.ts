// Lemmy (a post on feddit.org, German): the post's title and body and the comments are translated in reading order
// before the sidebar and the navigation; who wrote them, the community, ages, votes and buttons are never sent;
// mentions of people and communities in the text stay exactly as they are; Show original gives the page back.
import { siteAdapterFor, siteRulesFor } from "../../src/sites";
import { expectExactRoundTrip, loadFixture } from "../helpers/core-fixtures";
import { sent, setup } from "../helpers/core-page";

const URL = "https://feddit.org/post/4815162";

function translator() {
  return setup(null, { site: siteRulesFor(document, URL)!, maxConcurrent: 1 });
}

const text = (selector: string) => document.querySelector(selector)?.textContent;

beforeEach(() => loadFixture("lemmy-post-de"));

test("Lemmy is recognised by its markup, on any domain", () => {
  expect(siteAdapterFor(document, "https://discuss.tchncs.de/post/123")?.name).toBe("lemmy");
});

test("Lemmy: the post and its comments are sent first, in reading order, without authors, ages, votes or buttons", async () => {
  const { page, fake } = translator();
  await page.translate();
  const order = sent(fake);
  const at = (words: string) => order.findIndex((html) => html.includes(words));
  expect(order[0]).toBe("Warum fahren in Deutschland so wenige Nachtzüge?");
  const reading = [
    "In Österreich",
    "Trassenpreise nachts",
    "kleinen Mannes",
    "fehlen die Wagen",
    "Das wusste",
    "Wien–Hamburg",
    "European Sleeper",
  ];
  for (let i = 1; i < reading.length; i++) expect(at(reading[i - 1]!)).toBeLessThan(at(reading[i]!));
  // The community's sidebar, the sort bar and the navigation come after the thread.
  for (const chrome of ["Eine Gemeinschaft für alles", "Sortieren nach", "Gemeinschaften", "Regeln"]) {
    expect(at(chrome)).toBeGreaterThan(at("European Sleeper"));
  }
  for (const never of [
    "vor 4",
    "Stunden",
    "nachteule",
    "schienenfan",
    "feddit",
    "Hochstimmen",
    "Antworten",
    "Melden",
    "Einklappen",
    "neu)",
    "!oebb",
  ]) {
    expect(order.filter((html) => html.includes(never))).toEqual([]);
  }
});

test("Lemmy: mentions of people and communities stay exactly as they are, inside translated sentences", async () => {
  const { page } = translator();
  await page.translate();
  expect(text("#comment-9002 .md-div p")).toBe(
    "@schienenfan@feddit.de DAS WUSSTE ICH NICHT. ALSO KÖNNTE DIE ÖBB EINFACH MEHR WAGEN KAUFEN UND HIER FAHREN?",
  );
  expect(text("#comment-9003 .md-div p")).toBe(
    "MACHT SIE JA SCHON: DER NIGHTJET WIEN–HAMBURG HÄLT IN NÜRNBERG UND HANNOVER. MEHR INFOS IN !oebb@feddit.org.",
  );
  expect(text("#comment-9003 .person-listing")).toBe("gleisbauer@lemmy.world");
  expect(text("#comment-9003 .moment-time")).toBe("vor 3 Stunden");
  expect(document.querySelector("#comment-9003 button")?.getAttribute("aria-label")).toBe("Einklappen");
});

test("Lemmy: comments loaded later are translated, without their byline and buttons", async () => {
  const { page, fake } = translator();
  await page.translate();
  // "Load more comments": lemmy-ui adds the next comment to the tree, shaped like the others.
  const next = document.querySelector("#comment-9004")!.closest("li")!.cloneNode(true) as Element;
  const article = next.querySelector("article")!;
  article.id = "comment-9005";
  article.querySelector(".md-div")!.innerHTML = "<p>Der Nachtzug nach Paris fährt ab Dezember wieder.</p>";
  document.querySelector("ul.comments")!.append(next);
  await page.whenSettled();
  expect(text("#comment-9005 .md-div")).toBe("DER NACHTZUG NACH PARIS FÄHRT AB DEZEMBER WIEDER.");
  expect(text("#comment-9005 .person-listing")).toBe("pendlerin@discuss.tchncs.de");
  expect(text("#comment-9005 .moment-time")).toBe("vor 2 Stunden");
  expect(sent(fake).filter((html) => html.includes("Paris"))).toHaveLength(1);
  expect(sent(fake).filter((html) => html.includes("vor 2") || html.includes("Hochstimmen"))).toEqual([]);
});

test("Lemmy: Show original gives back the page exactly, the same nodes", async () => {
  await expectExactRoundTrip(translator().page);
});

test("Lemmy: a reply box's Preview shows what will be posted, as written; it is not translated as the reader types", async () => {
  const { page, fake } = translator();
  await page.translate();
  // lemmy-ui renders the preview after the box's textarea (hidden then), as a card of rendered Markdown.
  const textarea = document.querySelector("#markdown-textarea-9003")!;
  textarea.classList.add("d-none");
  const preview = document.createElement("div");
  preview.className = "card card-body md-div";
  preview.innerHTML = "<p>Bei mir kam der Nachtzug heute pünktlich.</p>";
  textarea.after(preview);
  await page.whenSettled();
  expect(preview.textContent).toBe("Bei mir kam der Nachtzug heute pünktlich.");
  expect(sent(fake).filter((html) => html.includes("pünktlich"))).toEqual([]);
});
