// The reader's parts of a site left untranslated (shared/skip-parts.ts), added to the site's own rules: excluded like
// an adapter's page chrome, with everything inside them.
import { passageTexts, type SiteRules } from "../core";
import { siteRulesFor } from "./index";

/** `rules` with the reader's selectors among the parts never translated; `rules` itself when there are none. */
export function withSkippedParts(
  rules: SiteRules | undefined,
  selectors: readonly string[] | undefined,
): SiteRules | undefined {
  if (!selectors?.length) return rules;
  // Each selector is checked on its own where the page is collected (compileSelector): one this browser cannot read
  // is left out, and the site's own rules and the reader's others still hold.
  return { ...rules, exclude: [...(rules?.exclude ?? []), ...selectors] };
}

/**
 * The rules `doc`'s text goes by (the page's, or a frame's by its own address), with the reader's parts: one answer
 * for the page's run and for all that asks what it leaves out (the notice of frames, a look-up).
 */
export function pageRules(doc: Document, selectors?: readonly string[]): SiteRules | undefined {
  return withSkippedParts(siteRulesFor(doc, doc.location?.href ?? ""), selectors);
}

/**
 * The passages a page run finds in `range` (collect/passage.ts), by its document's rules and the reader's `parts`,
 * whatever their language: whether the run would translate anything there.
 */
export function runPassages(
  range: Range,
  parts?: readonly string[],
  getShadowRoot?: (el: Element) => ShadowRoot | null,
): string[] {
  const doc = range.startContainer.ownerDocument!;
  const site = pageRules(doc, parts);
  return passageTexts(range, doc.body ?? doc.documentElement, {
    targetLang: "",
    site,
    ...(getShadowRoot && { getShadowRoot }),
  });
}
