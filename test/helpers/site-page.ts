// Translating the page in the document as its site adapter would (the one the address and the markup pick).
import { siteRulesFor } from "../../src/sites";
import { allNodes, type FixtureName, loadFixture } from "./core-fixtures";
import { sent, setup } from "./core-page";

/** Translates the document with the fake translator under the site's rules; every segment sent, sorted. */
export async function sentOnSite(url: string): Promise<string[]> {
  const { page, fake } = setup(null, { site: siteRulesFor(document, url)! });
  await page.translate();
  return sent(fake).sort();
}

/** The fixture translated under the rules its markup picks; what was sent, in order, and the page before. */
export async function translatedFixture(name: FixtureName, url: string) {
  loadFixture(name);
  const before = document.body.innerHTML;
  const nodes = allNodes();
  const { page, fake } = setup(null, { site: siteRulesFor(document, url) });
  await page.translate();
  return { page, fake, order: sent(fake), before, nodes };
}

/** Show original: the same HTML, made of the same node objects. */
export function expectOriginal(before: string, nodes: Node[]): void {
  expect(document.body.innerHTML).toBe(before);
  const after = allNodes();
  expect(after.length).toBe(nodes.length);
  expect(after.every((node, i) => node === nodes[i])).toBe(true);
}

/** The text of the `i`th element `selector` finds, its white space as it reads. */
export const shownText = (selector: string, i = 0) =>
  document.querySelectorAll(selector)[i]?.textContent?.replace(/\s+/g, " ").trim();
