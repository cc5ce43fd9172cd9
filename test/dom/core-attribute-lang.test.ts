// The work of the one-lang-per-element marks (write/attribute-lang.ts) on a big page: a text skipped as already in
// the target language looks at the elements around it, not at every titled element of the page.

import type { FindResult } from "../../src/core/unit-registry";
import type { AttributeUnit, ContentUnit } from "../../src/core/units";
import { AttributeLang } from "../../src/core/write/attribute-lang";
import { applyAttribute } from "../../src/core/write/apply";

const LINKS = 400;
const PARAGRAPHS = 400;

/** The marks over `units` (each element's text one unit), counting the lookups of a text's unit. */
function countingMarks(units: Map<Element, ContentUnit>): { marks: AttributeLang; lookups: { n: number } } {
  const lookups = { n: 0 };
  const find = (node: Node): FindResult => {
    lookups.n++;
    return (node.parentElement && units.get(node.parentElement)) ?? null;
  };
  return { marks: new AttributeLang(find, "en"), lookups };
}

/** The element's title translated as `text`, told to the marks. */
function writeTitle(marks: AttributeLang, el: Element, text: string): void {
  const unit = { kind: "attribute", el, name: "title", value: el.getAttribute("title"), state: "applied" };
  const attribute = unit as unknown as AttributeUnit;
  attribute.snapshot = applyAttribute(attribute, text);
  marks.written(attribute, attribute.snapshot);
}

test("a page of many titled links and many English paragraphs: each skipped paragraph costs its own few lookups", () => {
  document.documentElement.setAttribute("lang", "de");
  const links = Array.from({ length: LINKS }, (_, i) => `<a title="Zum Beitrag ${i}">Beitrag ${i} lesen</a>`);
  const paragraphs = Array.from({ length: PARAGRAPHS }, (_, i) => `<p title="Mehr ${i}">English paragraph ${i}.</p>`);
  document.body.innerHTML = `<nav>${links.join("")}</nav><main>${paragraphs.join("")}</main>`;
  // Each element's text is one unit: the links' German text translated, the paragraphs' English not yet judged.
  const units = new Map<Element, ContentUnit>();
  for (const el of Array.from(document.querySelectorAll("a, p"))) {
    const state = el.localName === "a" ? "applied" : "queued";
    units.set(el, { kind: "content", state } as ContentUnit);
  }
  const { marks, lookups } = countingMarks(units);
  for (const el of units.keys()) writeTitle(marks, el, `TITLE OF ${el.textContent}`);
  lookups.n = 0;
  for (const p of Array.from(document.querySelectorAll("p"))) {
    Object.assign(units.get(p) as ContentUnit, { state: "skipped", targetItself: true });
    marks.textSkipped(p);
  }
  // Every paragraph says English now, each link still the page's German.
  expect(document.querySelectorAll("p[lang=en]")).toHaveLength(PARAGRAPHS);
  expect(document.querySelectorAll("a[lang]")).toHaveLength(0);
  // One look at each paragraph's own text, not one at every waiting link's and paragraph's on every skip.
  expect(lookups.n).toBeLessThanOrEqual(PARAGRAPHS);
  document.documentElement.removeAttribute("lang");
});

/** Lookups while the paragraphs of one titled element holding `paragraphs` English ones are skipped one by one. */
function lookupsForThread(paragraphs: number): number {
  document.documentElement.setAttribute("lang", "de");
  const thread = Array.from({ length: paragraphs }, (_, i) => `<p>English comment number ${i}.</p>`);
  document.body.innerHTML = `<div title="Alle Kommentare">${thread.join("")}</div>`;
  const units = new Map<Element, ContentUnit>();
  for (const p of Array.from(document.querySelectorAll("p")))
    units.set(p, { kind: "content", state: "queued" } as ContentUnit);
  const { marks, lookups } = countingMarks(units);
  const div = document.querySelector("div") as HTMLElement;
  writeTitle(marks, div, "All comments");
  lookups.n = 0;
  for (const [p, u] of units) {
    expect(div.hasAttribute("lang")).toBe(false);
    Object.assign(u, { state: "skipped", targetItself: true });
    marks.textSkipped(p);
  }
  // The thread is all English now, and so says its title.
  expect(div.getAttribute("lang")).toBe("en");
  document.documentElement.removeAttribute("lang");
  return lookups.n;
}

test("a thread of English comments under one titled element: its texts are looked at about once each, not once per skip", () => {
  const small = lookupsForThread(100);
  const large = lookupsForThread(400);
  // Linear: four times the comments, about four times the lookups (a look over the whole thread per skip: 16×).
  expect(large).toBeLessThan(5 * small);
});
