// What hover sees of shadow roots, given at the edge: the extension opens closed ones (content/platform.ts), while a
// script in the page's world (the userscript) sees open ones only, and takes an element that may hold a closed one as
// drawing there, since a closed root can draw a picture over the page's text that hover would otherwise look through.

export interface ShadowSight {
  /** The element's shadow root where this platform can see it (open, or closed too); null otherwise. */
  rootOf(element: Element): ShadowRoot | null;
  /** Whether rootOf reaches closed roots: where it does not, its null says nothing about what the element draws. */
  seesClosed: boolean;
}

/** The built-in elements a page may attach a shadow root to (the DOM standard's list for attachShadow); custom
 * elements may too, and count as drawing anyway (seen-layer.ts). */
const SHADOW_HOSTS = new Set(
  "article aside blockquote body div footer h1 h2 h3 h4 h5 h6 header main nav p section span".split(" "),
);

const HTML = "http://www.w3.org/1999/xhtml";

/** Open roots only, as any script of the page sees them. */
export const OPEN_ROOTS_ONLY: ShadowSight = { rootOf: (element) => element.shadowRoot, seesClosed: false };

/** Whether the element may draw in a closed shadow root this platform cannot look into. */
export function mayDrawUnseen(sight: ShadowSight, element: Element): boolean {
  return (
    !sight.seesClosed && element.namespaceURI === HTML && SHADOW_HOSTS.has(element.localName) && !sight.rootOf(element)
  );
}
