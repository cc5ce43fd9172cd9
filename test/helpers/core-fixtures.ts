// Load the fixture pages into a jsdom document the way a browser would: same head and body, and inline scripts run
// (the new-Reddit fixture attaches its shadow roots from one).

import { readFileSync } from "node:fs";
import { join } from "node:path";

export const FIXTURES = ["old-reddit-de", "new-reddit-de", "news-article-de"] as const;
/** Thread pages of the forum engines Gloss knows (test/dom/forum-engines.test.ts). */
export const FORUM_FIXTURES = [
  "xenforo-thread-de",
  "phpbb-thread-de",
  "woltlab-thread-de",
  "vbulletin-thread-de",
] as const;
/** Pages of sites with an adapter of their own, tested under its rules (not in the generic round trips above). */
type SiteFixture =
  "mastodon-thread-de" | "lemmy-post-de" | "discourse-topic-de" | "wordpress-classic-de" | "wordpress-block-de";
/** A wiki article with footnote marks, taken apart by the property tests (test/dom/page-write-properties.test.ts). */
type WikiFixture = "wiki-footnotes-de";
export type FixtureName = (typeof FIXTURES)[number] | (typeof FORUM_FIXTURES)[number] | SiteFixture | WikiFixture;

export const FIXTURE_DIR = join(__dirname, "..", "fixtures");

export function fixtureHtml(name: FixtureName): string {
  return readFileSync(join(FIXTURE_DIR, `${name}.html`), "utf8");
}

export function loadFixture(name: FixtureName, doc: Document = document): void {
  const parsed = new DOMParser().parseFromString(fixtureHtml(name), "text/html");
  const html = doc.documentElement;
  for (const a of Array.from(html.attributes)) html.removeAttribute(a.name);
  for (const a of Array.from(parsed.documentElement.attributes)) html.setAttribute(a.name, a.value);
  doc.head.replaceWith(doc.importNode(parsed.head, true));
  doc.body.replaceWith(doc.importNode(parsed.body, true));
  // Scripts from DOMParser never run; recreate them so they do, as they would in a page.
  for (const old of Array.from(doc.querySelectorAll("script"))) {
    const script = doc.createElement("script");
    script.textContent = old.textContent;
    old.replaceWith(script);
  }
}

/** Every shadow root below `root`, in tree order (open ones). */
export function shadowRoots(root: Node): ShadowRoot[] {
  const out: ShadowRoot[] = [];
  const walk = (node: Node): void => {
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.nodeType !== 1) continue;
      const shadow = (c as Element).shadowRoot;
      if (shadow) {
        out.push(shadow);
        walk(shadow);
      }
      walk(c);
    }
  };
  walk(root);
  return out;
}

/** The page's serialised HTML, shadow roots included. */
export function pageHtml(doc: Document = document): string {
  return [doc.body.innerHTML, ...shadowRoots(doc.body).map((r) => r.innerHTML)].join("\n<!--shadow-->\n");
}

/** Every node of the page (shadow trees included), in tree order: to check restore keeps the same objects. */
export function allNodes(doc: Document = document): Node[] {
  const out: Node[] = [];
  const walk = (node: Node): void => {
    for (let c = node.firstChild; c; c = c.nextSibling) {
      out.push(c);
      const shadow = c.nodeType === 1 ? (c as Element).shadowRoot : null;
      if (shadow) walk(shadow);
      walk(c);
    }
  };
  walk(doc.body);
  return out;
}

/** Translates the page, then shows the original: byte-identical HTML and the same node objects as before. */
export async function expectExactRoundTrip<S extends { failed: number }>(page: {
  translate(): Promise<S>;
  restore(): void;
}): Promise<S> {
  const before = pageHtml();
  const nodes = allNodes();
  const summary = await page.translate();
  expect(summary.failed).toBe(0);
  expect(pageHtml()).not.toBe(before);
  page.restore();
  expect(pageHtml()).toBe(before);
  const after = allNodes();
  expect(after.length).toBe(nodes.length);
  after.forEach((node, i) => expect(node).toBe(nodes[i]));
  return summary;
}
