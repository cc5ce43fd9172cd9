// Styles for Gloss's in-page UI (status card, userscript settings dialog), which lives in closed shadow roots.
// A constructed stylesheet is not subject to the page's CSP `style-src`, which blocks an inline <style> on strict
// sites; a <style> element is the fallback where constructed sheets are unavailable.

/** Adds `css` to `root`'s styles; what it returns replaces that css. */
export function applyStyles(root: ShadowRoot, css: string): (css: string) => void {
  const doc = root.ownerDocument;
  try {
    const Sheet = doc.defaultView?.CSSStyleSheet;
    if (Sheet && "replaceSync" in Sheet.prototype) {
      const sheet = new Sheet();
      sheet.replaceSync(css);
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
      return (next) => sheet.replaceSync(next);
    }
  } catch {
    // fall through
  }
  const style = doc.createElement("style");
  style.textContent = css;
  root.append(style);
  return (next) => (style.textContent = next);
}
