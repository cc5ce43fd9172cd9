// Gloss's bilingual copies as the e2e tests find them, in Chromium (playwright) and Firefox (puppeteer) alike.

/** A translation shown under its original. */
export const COPY = 'span[translate="no"]';

/**
 * Runs in the page (`page.evaluate(bodyWithoutCopies, COPY)`; the dom tests call it in jsdom): the body's HTML without Gloss's copies (each copy,
 * and the line break Gloss put before an inline one), to compare with the page before translation.
 */
export function bodyWithoutCopies(selector: string): string {
  const body = document.body.cloneNode(true) as HTMLElement;
  // A name or description the page builds from a translated element reads its copy while the view is bilingual
  // (core/display/copy-names.ts): the page's own id goes back in, so that only that difference is forgiven.
  const byId = new Map(Array.from(body.querySelectorAll("[id]"), (el) => [el.id, el]));
  for (const el of Array.from(body.querySelectorAll("[aria-labelledby], [aria-describedby]"))) {
    for (const name of ["aria-labelledby", "aria-describedby"]) {
      const value = el.getAttribute(name);
      if (value === null) continue;
      const tokens = value.split(/(\s+)/).map((token) => {
        const named = byId.get(token);
        if (!named?.closest(selector)) return token;
        if (!named.matches(selector)) throw new Error(`${name} names an element inside a copy`);
        return (named.parentElement as Element).id;
      });
      el.setAttribute(name, tokens.join(""));
    }
  }
  for (const copy of Array.from(body.querySelectorAll(selector))) {
    const prev = copy.previousSibling;
    if (prev?.nodeName === "BR" && (copy as HTMLElement).style.display !== "block") prev.remove();
    copy.remove();
  }
  return body.innerHTML;
}
