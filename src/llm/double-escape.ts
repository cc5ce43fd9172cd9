// Entities escaped twice ("Tom &amp;amp; Jerry", "&amp;lt;div&amp;gt;", "&amp;#91;1]"): a model told to keep entities
// as they are escapes the "&" of one it was sent. Written in, the reader sees "Tom &amp; Jerry" on the page.

const DOUBLE = /&amp;(#\d+|#x[\da-f]+|[a-z][a-z\d]*);/gi;

/** The reply with each twice-escaped entity escaped once, unless the source holds it so (a page that shows "&amp;"). */
export function undoDoubleEscape(reply: string, sourceHtml: string): string {
  return reply.replace(DOUBLE, (whole, entity: string) => (sourceHtml.includes(whole) ? whole : `&${entity};`));
}
