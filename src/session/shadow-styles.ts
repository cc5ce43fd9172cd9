// Styles for Gloss's in-page UI (status card, userscript settings dialog), which lives in closed shadow roots.
// A constructed stylesheet is not subject to the page's CSP `style-src`, which blocks an inline <style> on strict
// sites; a <style> element is the fallback where constructed sheets are unavailable.

export function applyStyles(root: ShadowRoot, css: string): void {
  const doc = root.ownerDocument;
  try {
    const Sheet = doc.defaultView?.CSSStyleSheet;
    if (Sheet && "replaceSync" in Sheet.prototype) {
      const sheet = new Sheet();
      sheet.replaceSync(css);
      root.adoptedStyleSheets = [sheet];
      return;
    }
  } catch {
    // fall through
  }
  const style = doc.createElement("style");
  style.textContent = css;
  root.append(style);
}
