// Run the collection pass alone (no engine), e.g. to inspect units or measure the markup.

import { collectUnits, type CollectResult, type SiteRules } from "../../src/core";
import { StyleCache } from "../../src/core/collect/display";
import { Rules } from "../../src/core/collect/rules";

export function collectAll(
  root: Element = document.body,
  options: { targetLang?: string; site?: SiteRules; getShadowRoot?: (el: Element) => ShadowRoot | null } = {},
): CollectResult {
  const doc = root.ownerDocument;
  return collectUnits(root, {
    rules: new Rules(doc, options.targetLang ?? "en", options.site),
    styles: new StyleCache(doc.defaultView as Window),
    getShadowRoot: options.getShadowRoot ?? ((el) => el.shadowRoot),
    claimed: () => false,
    attributeClaimed: () => false,
    ignored: () => false,
    onShadowRoot: () => {},
  });
}

/** The compact HTML of each content unit, in document order. */
export function unitHtml(root: Element = document.body, options: Parameters<typeof collectAll>[1] = {}): string[] {
  return collectAll(root, options).content.map((u) => u.encoded.html);
}

/** Text runs of compact HTML: the text between tags, unescaped and whitespace-normalised (the phrase-table keys). */
export function textRuns(html: string): string[] {
  return html
    .split(/<[^>]*>/)
    .map((part) => part.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&").replace(/\s+/g, " ").trim())
    .filter((part) => /\p{L}/u.test(part));
}
