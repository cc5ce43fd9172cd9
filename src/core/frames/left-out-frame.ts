// Whether a frame lies in a part the page or the reader leaves untranslated (translate="no", class="notranslate", a
// site's or the reader's excluded part, anything outside a site's `include`), or is itself one: its document then
// stays as it is, like the part's text.
import { Rules, type SiteRules } from "../collect/rules";
import { composedParentElement } from "../dom";
import type { LeftOut } from "./frame-documents";

/**
 * The test for the frames of `top` and of the frames in it, each by the rules of the document holding it: the page's
 * (`site`, with the reader's parts), a frame's by its own site's (`siteFor`). It asks the collector's own questions
 * of the frame and the elements around it: the nearest translate flag decides (as childContext() does), a part the
 * rules exclude holds all inside it, and where the rules name the parts to translate (`include`) one of them must hold
 * the frame; not classify(), which excludes every iframe by its tag, and a `<frameset>`.
 */
export function leftOutFrames(
  top: Document,
  opts: { site?: SiteRules | undefined; siteFor?(doc: Document): SiteRules | undefined },
): LeftOut {
  return (frame) => {
    const doc = frame.ownerDocument;
    // No language: a `lang` around a frame says nothing of its document's, which its own run tells.
    const rules = new Rules(doc, "", doc === top ? opts.site : opts.siteFor?.(doc));
    let flag: "no" | "yes" | null = null;
    let included = !rules.hasInclude;
    for (let el: Element | null = frame; el; el = composedParentElement(el)) {
      if (rules.excludes(el)) return true;
      flag ??= rules.translateFlag(el);
      included ||= rules.included(el);
    }
    return flag === "no" || !included;
  };
}
