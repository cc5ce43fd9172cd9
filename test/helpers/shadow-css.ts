// The styles Gloss put into one of its closed shadow roots, as rules a DOM test can read.

/** The rules of the styles in `root` (constructed sheets, or a <style> where jsdom has none). */
export function cssRules(root: ShadowRoot): CSSRule[] {
  const styles = [...root.querySelectorAll("style")].map((style) => {
    const copy = document.createElement("style");
    copy.textContent = style.textContent;
    document.head.append(copy);
    const rules = [...copy.sheet!.cssRules];
    copy.remove();
    return rules;
  });
  return [...(root.adoptedStyleSheets ?? []).flatMap((sheet) => [...sheet.cssRules]), ...styles.flat()];
}
