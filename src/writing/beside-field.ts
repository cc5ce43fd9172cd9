// What the site's adapter reads beside a reply box (its counter, its post's language button).
import { documentOf } from "../core/dom";
import { siteAdapterFor } from "../sites";
import type { SiteAdapter } from "../sites/site-adapter";

/**
 * `read` of the adapter for the box's page; undefined where none, or where the page's markup throws (the card then
 * says the text is written all the same). The box's document is read by the DOM's own getter: a form that is the
 * editor may name a control ownerDocument.
 */
export function besideField<T>(field: Element, read: (adapter: SiteAdapter) => T): T | undefined {
  try {
    const doc = documentOf(field);
    const adapter = siteAdapterFor(doc, doc.location?.href ?? "");
    return adapter && read(adapter);
  } catch {
    return undefined;
  }
}
