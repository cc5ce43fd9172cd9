// Gloss's bilingual copies as the e2e tests find them, in Chromium (playwright) and Firefox (puppeteer) alike.

/** A translation shown under its original. */
export const COPY = 'span[translate="no"]';

/**
 * Runs in the page (`page.evaluate(bodyWithoutCopies, COPY)`): the body's HTML without Gloss's copies (each copy,
 * and the line break Gloss put before an inline one), to compare with the page before translation.
 */
export function bodyWithoutCopies(selector: string): string {
  const body = document.body.cloneNode(true) as HTMLElement;
  for (const copy of Array.from(body.querySelectorAll(selector))) {
    const prev = copy.previousSibling;
    if (prev?.nodeName === "BR" && (copy as HTMLElement).style.display !== "block") prev.remove();
    copy.remove();
  }
  return body.innerHTML;
}
