// Whether a frame lies in a part the page or the reader leaves untranslated (translate="no", class="notranslate", a
// site's or the reader's excluded part), or is itself one: its document then stays as it is, like the part's text.
import { Rules, type SiteRules } from "../collect/rules";
import { composedParentElement } from "../dom";
import type { LeftOut } from "./frame-documents";

/**
 * The test for the frames of `top` and of the frames in it, each by the rules of the document holding it: the page's
 * (`site`, with the reader's parts), a frame's by its own site's (`siteFor`). It asks the collector's own questions
 * of the frame and the elements around it: the nearest translate flag decides (as childContext() does), and a part
 * the rules exclude holds all inside it; not classify(), which excludes every iframe by its tag, and a `<frameset>`.
 */
export function leftOutFrames(
  top: Document,
  opts: { targetLang: string; site?: SiteRules | undefined; siteFor?(doc: Document): SiteRules | undefined },
): LeftOut {
  return (frame) => {
    const doc = frame.ownerDocument;
    const rules = new Rules(doc, opts.targetLang, doc === top ? opts.site : opts.siteFor?.(doc));
    let flag: "no" | "yes" | null = null;
    for (let el: Element | null = frame; el; el = composedParentElement(el)) {
      if (rules.excludes(el)) return true;
      flag ??= rules.translateFlag(el);
    }
    return flag === "no";
  };
}
