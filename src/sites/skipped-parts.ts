// The reader's parts of a site left untranslated (shared/skip-parts.ts), added to the site's own rules: excluded like
// an adapter's page chrome, with everything inside them.
import type { SiteRules } from "../core";

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
