// The reader's parts of sites left untranslated ("never translate the sidebar on reddit.com"): the entry, its check for
// the settings, and the CSS selectors that apply to a page. A page's collection adds them to what its site's rules
// exclude (sites/skipped-parts.ts).
import { normalizeSiteRule, siteRuleMatches, siteRuleProblem } from "./site-rules";

export interface SkipPart {
  /** A site rule as auto-translate writes them (`reddit.com`, `reddit.com/r/de`): see site-rules.ts. */
  site: string;
  /** A CSS selector for the elements left untranslated, with everything inside them. */
  selector: string;
}

export const MAX_SKIP_PARTS = 200;
const MAX_SELECTOR_CHARS = 300;

export type SkipPartCheck = { ok: true; value: SkipPart } | { ok: false; message: string };

/** Brackets and quotes closed in order; the browser's own parser (where there is a DOM) has the last word. */
function balanced(selector: string): boolean {
  const open: string[] = [];
  const closing: Record<string, string> = { ")": "(", "]": "[" };
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i]!;
    if (c === "\\") i++;
    else if (c === '"' || c === "'") {
      const end = selector.indexOf(c, i + 1);
      if (end === -1) return false;
      i = end;
    } else if (c === "(" || c === "[") open.push(c);
    else if (c in closing && open.pop() !== closing[c]) return false;
  }
  return open.length === 0;
}

/**
 * Whether the browser reads `selector` as a selector. A service worker has no DOM to ask: there the shape is checked
 * only, and the page drops a selector its browser cannot read (core/collect/rules.ts compileSelector), keeping the rest.
 */
function parses(selector: string): boolean {
  if (/[{};]/.test(selector.replace(/(["'])(?:\\.|(?!\1).)*\1/g, "")) || !balanced(selector)) return false;
  const doc = (globalThis as { document?: Document }).document;
  if (!doc?.createDocumentFragment) return true;
  try {
    doc.createDocumentFragment().querySelector(selector);
    return true;
  } catch {
    return false;
  }
}

/** Checks and normalises one entry: a site rule (required) and a selector the browser can read. */
export function validateSkipPart(value: unknown): SkipPartCheck {
  const fail = (message: string): SkipPartCheck => ({ ok: false, message });
  if (!value || typeof value !== "object" || Array.isArray(value)) return fail("A part to leave must name a site.");
  const raw = value as Record<string, unknown>;
  const text = (key: string) => (typeof raw[key] === "string" ? (raw[key] as string).trim() : "");
  const site = text("site");
  const selector = text("selector").replace(/\s+/g, " ");
  if (!site) return fail(`Name the site where “${selector || "this part"}” stays untranslated, e.g. reddit.com.`);
  const siteProblem = siteRuleProblem(site);
  if (siteProblem) return fail(siteProblem);
  if (!selector) return fail(`Name the part of ${site} to leave untranslated as a CSS selector, e.g. .side.`);
  if (selector.length > MAX_SELECTOR_CHARS) {
    return fail(`A part's selector is at most ${MAX_SELECTOR_CHARS} characters (“${selector.slice(0, 30)}…”).`);
  }
  if (!parses(selector)) {
    return fail(`“${selector}” is not a CSS selector Gloss can use. Write one such as .side, #sidebar or aside.`);
  }
  return { ok: true, value: { site: normalizeSiteRule(site), selector } };
}

/** Whether two entries say the same thing (what the settings refuse to hold twice). */
export const sameSkipPart = (a: SkipPart, b: SkipPart): boolean => a.site === b.site && a.selector === b.selector;

/** The selectors of the parts left untranslated on the page at `url`. */
export function skipPartsFor(entries: readonly SkipPart[], url: string): string[] {
  return [...new Set(entries.filter((e) => siteRuleMatches(e.site, url)).map((e) => e.selector))];
}
