// New Reddit's spoiler is a custom element inside a comment's sentence. Kept apart like other custom elements, it
// split the sentence into pieces, each translated on its own; like old Reddit's spoiler span, it belongs to its
// paragraph, and still hides its words until the reader clicks it.
import { siteRulesFor } from "../../src/sites";
import { loadFixture } from "../helpers/core-fixtures";
import { setup } from "../helpers/core-page";

/** A stand-in for Reddit's spoiler: hidden until clicked. */
class SpoilerText extends HTMLElement {
  connectedCallback() {
    this.addEventListener("click", () => this.setAttribute("revealed", ""));
  }
}

test("a new Reddit spoiler is translated as part of its sentence, and stays hidden until clicked", async () => {
  loadFixture("new-reddit-de");
  if (!customElements.get("spoiler-text")) customElements.define("spoiler-text", SpoilerText);
  const paragraph = document.querySelector("shreddit-comment [slot='comment'] p") as Element;
  paragraph.innerHTML = `Am Ende <spoiler-text>stirbt der Held</spoiler-text>, und alle weinen.`;
  const spoiler = paragraph.querySelector("spoiler-text") as Element;
  const { page, fake } = setup(null, { site: siteRulesFor(document, "https://www.reddit.com/r/de/comments/1c9xk2/")! });
  await page.translate();

  const sent = fake.batches.flat().map((segment) => segment.html);
  expect(sent).toContain("Am Ende <s1>stirbt der Held</s1>, und alle weinen.");
  expect(paragraph.textContent).toBe("AM ENDE STIRBT DER HELD, UND ALLE WEINEN.");
  // The page's own spoiler, still hiding its (translated) words.
  expect(paragraph.querySelector("spoiler-text")).toBe(spoiler);
  expect(spoiler.hasAttribute("revealed")).toBe(false);
  (spoiler as HTMLElement).click();
  expect(spoiler.hasAttribute("revealed")).toBe(true);
  page.restore();
  expect(paragraph.innerHTML).toBe(
    `Am Ende <spoiler-text revealed="">stirbt der Held</spoiler-text>, und alle weinen.`,
  );
});

test("in the bilingual view, the copy's spoiler hides its translated words until clicked too", async () => {
  loadFixture("new-reddit-de");
  if (!customElements.get("spoiler-text")) customElements.define("spoiler-text", SpoilerText);
  const paragraph = document.querySelector("shreddit-comment [slot='comment'] p") as Element;
  paragraph.innerHTML = `Am Ende <spoiler-text>stirbt der Held</spoiler-text>, und alle weinen.`;
  const site = siteRulesFor(document, "https://www.reddit.com/r/de/comments/1c9xk2/")!;
  const { page } = setup(null, { site, displayMode: "bilingual" });
  await page.translate();
  const spoilers = Array.from(paragraph.parentElement!.querySelectorAll("spoiler-text"));
  expect(spoilers.map((s) => s.textContent)).toEqual(["stirbt der Held", "STIRBT DER HELD"]);
  const copy = spoilers[1] as HTMLElement;
  expect(copy.hasAttribute("revealed")).toBe(false);
  copy.click();
  expect(copy.hasAttribute("revealed")).toBe(true);
  page.restore();
});

test("a spoiler's tooltip is translated like a link's, and comes back with Show original", async () => {
  loadFixture("new-reddit-de");
  if (!customElements.get("spoiler-text")) customElements.define("spoiler-text", SpoilerText);
  const paragraph = document.querySelector("shreddit-comment [slot='comment'] p") as Element;
  const before = `Am Ende <spoiler-text title="Zum Aufdecken klicken">stirbt der Held</spoiler-text>, und alle weinen.`;
  paragraph.innerHTML = before;
  const { page, fake } = setup(null, { site: siteRulesFor(document, "https://www.reddit.com/r/de/comments/1c9xk2/")! });
  await page.translate();

  expect(fake.batches.flat().map((segment) => segment.html)).toContain("Zum Aufdecken klicken");
  expect(paragraph.querySelector("spoiler-text")!.getAttribute("title")).toBe("ZUM AUFDECKEN KLICKEN");
  page.restore();
  expect(paragraph.innerHTML).toBe(before);
});

test("a custom element the site does not call inline keeps its own attributes: nothing of them is sent", async () => {
  loadFixture("new-reddit-de");
  if (!customElements.get("vote-count")) customElements.define("vote-count", class extends HTMLElement {});
  const paragraph = document.querySelector("shreddit-comment [slot='comment'] p") as Element;
  paragraph.innerHTML = `Alle weinen. <vote-count title="Stimmen insgesamt">12</vote-count>`;
  const { page, fake } = setup(null, { site: siteRulesFor(document, "https://www.reddit.com/r/de/comments/1c9xk2/")! });
  await page.translate();

  expect(fake.batches.flat().map((segment) => segment.html)).not.toContain("Stimmen insgesamt");
  expect(paragraph.querySelector("vote-count")!.getAttribute("title")).toBe("Stimmen insgesamt");
  page.restore();
});
