// The reader's parts of a site left untranslated (shared/skip-parts.ts), added to the site's own rules: excluded like
// an adapter's page chrome, with everything inside them.
import { passageTexts, type FramedPageOptions, type SiteRules } from "../core";
import { leftOutFrames } from "../core/frames/left-out-frame";
import { siteRulesFor } from "./index";
import { bodyOf, htmlOf, viewOf } from "../core/dom";

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
 * The rules of the page and of its frames' documents (FramedPageOptions.site, siteFor), with the reader's parts: one
 * answer for the page's run and for all that asks what it leaves out (the notice of frames, a look-up, hover). A
 * frame's text goes by its own site's rules, by its own address (a site's adapter names its own page's parts); the
 * reader's parts are the page's, and a frame the page's engine reads is shown as part of it.
 */
export function documentRules(
  doc: Document,
  skipParts: readonly string[] | undefined,
): Pick<FramedPageOptions, "site" | "siteFor"> {
  const siteFor = (at: Document) => withSkippedParts(siteRulesFor(at, at.location?.href ?? ""), skipParts);
  return { site: siteFor(doc), siteFor };
}

/**
 * The passages a page run finds in `range` (collect/passage.ts), by its document's rules and the reader's `parts`,
 * whatever their language: whether the run would translate anything there. None in a frame (or a frame inside one)
 * the run leaves as it is with all its text, one in a part left untranslated (left-out-frame.ts).
 */
export function runPassages(
  range: Range,
  parts?: readonly string[],
  getShadowRoot?: (el: Element) => ShadowRoot | null,
): string[] {
  const doc = range.startContainer.ownerDocument!;
  const rules = documentRules(doc, parts);
  // Each frame by the rules of the document holding it (never `doc`, which leftOutFrames takes for the page's).
  const leftOut = leftOutFrames(doc, rules);
  try {
    for (let at = viewOf(doc)?.frameElement; at; at = at.ownerDocument.defaultView?.frameElement)
      if (leftOut(at as HTMLIFrameElement)) return [];
  } catch {
    // The page answers for its frames: one that throws is not judged left out.
  }
  return passageTexts(range, bodyOf(doc) ?? htmlOf(doc), {
    targetLang: "",
    site: rules.site,
    ...(getShadowRoot && { getShadowRoot }),
  });
}
