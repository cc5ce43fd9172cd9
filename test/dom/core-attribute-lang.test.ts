// The work of the one-lang-per-element marks (write/attribute-lang.ts) on a big page: a text skipped as already in
// the target language looks at the elements around it, not at every titled element of the page.

import type { FindResult } from "../../src/core/unit-registry";
import type { AttributeUnit, ContentUnit } from "../../src/core/units";
import { AttributeLang } from "../../src/core/write/attribute-lang";
import { applyAttribute } from "../../src/core/write/apply";

const LINKS = 400;
const PARAGRAPHS = 400;

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
  let lookups = 0;
  const find = (node: Node): FindResult => {
    lookups++;
    return (node.parentElement && units.get(node.parentElement)) ?? null;
  };
  const marks = new AttributeLang(find, "en");
  for (const el of units.keys()) {
    const unit = { kind: "attribute", el, name: "title", value: el.getAttribute("title"), state: "applied" };
    const attribute = unit as unknown as AttributeUnit;
    attribute.snapshot = applyAttribute(attribute, `TITLE OF ${el.textContent}`);
    marks.written(attribute, attribute.snapshot);
  }
  lookups = 0;
  for (const p of Array.from(document.querySelectorAll("p"))) {
    Object.assign(units.get(p) as ContentUnit, { state: "skipped", targetItself: true });
    marks.textSkipped(p);
  }
  // Every paragraph says English now, each link still the page's German.
  expect(document.querySelectorAll("p[lang=en]")).toHaveLength(PARAGRAPHS);
  expect(document.querySelectorAll("a[lang]")).toHaveLength(0);
  // One look at each paragraph's own text, not one at every waiting link's and paragraph's on every skip.
  expect(lookups).toBeLessThanOrEqual(PARAGRAPHS);
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
  let lookups = 0;
  const find = (node: Node): FindResult => {
    lookups++;
    return (node.parentElement && units.get(node.parentElement)) ?? null;
  };
  const marks = new AttributeLang(find, "en");
  const div = document.querySelector("div") as HTMLElement;
  const unit = { kind: "attribute", el: div, name: "title", value: div.title, state: "applied" };
  const attribute = unit as unknown as AttributeUnit;
  attribute.snapshot = applyAttribute(attribute, "All comments");
  marks.written(attribute, attribute.snapshot);
  lookups = 0;
  for (const [p, u] of units) {
    expect(div.hasAttribute("lang")).toBe(false);
    Object.assign(u, { state: "skipped", targetItself: true });
    marks.textSkipped(p);
  }
  // The thread is all English now, and so says its title.
  expect(div.getAttribute("lang")).toBe("en");
  document.documentElement.removeAttribute("lang");
  return lookups;
}

test("a thread of English comments under one titled element: its texts are looked at about once each, not once per skip", () => {
  const small = lookupsForThread(100);
  const large = lookupsForThread(400);
  // Linear: four times the comments, about four times the lookups (a look over the whole thread per skip: 16×).
  expect(large).toBeLessThan(5 * small);
});
