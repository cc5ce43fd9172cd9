// What the reader came for: the page's main content, sent before its chrome (navigation, sidebars, buttons). A site
// adapter names it (`SiteRules.main`); otherwise the page's own `main`/`[role=main]`/`article` regions, and failing
// those the region of its paragraphs (paragraph-region.ts).

import { answerUp } from "../answer-up";
import { isElement, isMatch, parentElementOf, closestOf, queryAll, queryOne } from "../dom";
import { compileSelector } from "../collect/rules";
import { paragraphRegion } from "./paragraph-region";

/** Landmarks of the page's own structure that hold its main content. */
const GENERIC_MAIN = "main, [role='main'], article";

/** The page's landmarks that are not its content: navigation, asides, search. */
const CHROME_LANDMARKS = "nav, aside, [role='navigation'], [role='complementary'], [role='search']";

/** Chrome even inside main content: those landmarks, and buttons. */
const CHROME = `${CHROME_LANDMARKS}, button, [role='button']`;

export class MainContent {
  readonly #doc: Document;
  readonly #site: string | null;
  #selector: string | null;
  #fallback: Element | null;
  #cache = new WeakMap<Element, boolean>();

  constructor(doc: Document, siteSelectors: readonly string[] | undefined) {
    this.#doc = doc;
    this.#site = compileSelector(siteSelectors ?? [], doc);
    // A site's selectors that match nothing on this page (another layout, or not rendered yet) leave the generic
    // rule in charge until they do.
    const generic = queryOne(doc, GENERIC_MAIN) ? GENERIC_MAIN : null;
    this.#selector = this.#site !== null && queryOne(doc, this.#site) ? this.#site : generic;
    this.#fallback = this.#selector ? null : paragraphRegion(doc, CHROME_LANDMARKS);
  }

  /** The site's rule once it matches: a web app may render its posts after the run started. */
  #choose(): void {
    if (this.#site === null || this.#selector === this.#site || !queryOne(this.#doc, this.#site)) return;
    this.#selector = this.#site;
    this.#fallback = null;
    this.#cache = new WeakMap();
  }

  /** The elements that hold main content, in document order (for collecting the viewport's part first). */
  roots(doc: Document): Element[] {
    this.#choose();
    if (this.#selector) {
      // Outermost only: a comment inside a comment thread is walked with the thread.
      const all = Array.from(queryAll(doc, this.#selector)).filter((el) => !inChrome(el));
      return all.filter((el) => !all.some((other) => other !== el && other.contains(el)));
    }
    return this.#fallback ? [this.#fallback] : [];
  }

  /**
   * Whether an element lies in main content and not in chrome inside it, for the units found together: their anchors
   * share most of their ancestors (a thread's comments, some twenty levels deep), and each ancestor is matched once
   * per check, not once per unit below it. The ancestors' answers hold for this moment only (the page may move an
   * element or change its class later): take a new check for the next units.
   */
  check(): (el: Element) => boolean {
    this.#choose();
    const ancestors = new Map<Node, boolean>();
    const cache = this.#cache;
    return (el) => {
      const known = cache.get(el);
      if (known !== undefined) return known;
      const main = answerUp(el, ancestors, this.#decide);
      cache.set(el, main);
      return main;
    };
  }

  /** Chrome (no) or a main region (yes); anything else answers as its parent does. */
  readonly #decide = (n: Node): boolean | undefined => {
    if (!isElement(n)) return undefined;
    if (isMatch(n, CHROME)) return false;
    const region = this.#selector ? isMatch(n, this.#selector) : n === this.#fallback;
    return region ? !inChrome(n) : undefined;
  };
}

/**
 * A region inside a sidebar or the navigation is part of it: a sidebar's teasers are `<article>`s too, and as main
 * content they went out with the article beside them, ahead of the rest of what is in view. (Not inside a button:
 * some sites make a whole post a clickable card.)
 */
function inChrome(region: Element): boolean {
  return closestOf(parentElementOf(region), CHROME_LANDMARKS) != null;
}
