// Tells the page session when the page's <body> may be another one: a site that swaps in a new <body> for each page
// (Turbo Drive) or a whole new <html> (routers that call document.replaceChild(newHtml, htmlOf(document))).

import { htmlOf, viewOf } from "../core/dom";
/**
 * Watches only the document's own children and <html>'s children: a record each time a site swaps pages (or Gloss's
 * own card comes and goes), never one for the page's content. A new <html> is watched in its turn, and the old one
 * let go.
 */
export function watchBody(doc: Document, onChange: () => void): void {
  const Observer = viewOf(doc)?.MutationObserver;
  if (!Observer) return;
  let html: Element | null = null;
  const observer = new Observer(() => {
    if (htmlOf(doc) !== html) observeFrom(observer);
    onChange();
  });
  function observeFrom(watch: MutationObserver): void {
    watch.disconnect();
    html = htmlOf(doc);
    watch.observe(doc, { childList: true });
    if (html) watch.observe(html, { childList: true });
  }
  observeFrom(observer);
}
