// Styles for Gloss's in-page UI (status card, userscript settings dialog), which lives in closed shadow roots.
// A constructed stylesheet is not subject to the page's CSP `style-src`, which blocks an inline <style> on strict
// sites; a <style> element is the fallback where constructed sheets are unavailable.

import { newElement, viewOf } from "../core/dom";
/**
 * The sheets Gloss gave each root: the root's own `adoptedStyleSheets` getter is never read, which a page running in
 * the same world could replace to slip its own sheet in among Gloss's.
 */
const adopted = new WeakMap<ShadowRoot, CSSStyleSheet[]>();

/** Adds `css` to `root`'s styles; what it returns replaces that css. */
export function applyStyles(root: ShadowRoot, css: string): (css: string) => void {
  const doc = root.ownerDocument;
  try {
    const Sheet = viewOf(doc)?.CSSStyleSheet;
    if (Sheet && "replaceSync" in Sheet.prototype) {
      const sheet = new Sheet();
      sheet.replaceSync(css);
      const sheets = [...(adopted.get(root) ?? []), sheet];
      adopted.set(root, sheets);
      root.adoptedStyleSheets = sheets;
      return (next) => sheet.replaceSync(next);
    }
  } catch {
    // fall through
  }
  const style = newElement(doc, "style");
  style.textContent = css;
  root.append(style);
  return (next) => (style.textContent = next);
}
