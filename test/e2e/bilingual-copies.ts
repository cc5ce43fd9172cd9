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
      // A field named by a label is named by the label's copy (core/display/label-names.ts): the page gave it none.
      if (value.startsWith("gloss-label-") && !/\s/.test(value)) {
        el.removeAttribute(name);
        continue;
      }
      const tokens = value.split(/(\s+)/).map((token) => {
        const named = byId.get(token);
        if (!named?.closest(selector)) return token;
        if (!named.matches(selector)) throw new Error(`${name} names an element inside a copy`);
        // The copies of an element that holds several (core/display/holder-names.ts) stand in a row for it: the first
        // takes the place of the element around them all that has an id, the others go with the spaces before them.
        if (token.startsWith("gloss-held-")) return { held: named };
        return (named.parentElement as Element).id;
      });
      const out: string[] = [];
      for (let i = 0; i < tokens.length; i++) {
        const token = tokens[i] as string | { held: Element };
        if (typeof token === "string") {
          out.push(token);
          continue;
        }
        const run = [token.held];
        while (typeof tokens[i + 2] === "object" && /^\s+$/.test(tokens[i + 1] as string)) {
          run.push((tokens[i + 2] as { held: Element }).held);
          i += 2;
        }
        let holder = run[0]?.parentElement ?? null;
        while (holder && (!holder.id || !run.every((copy) => holder?.contains(copy)))) holder = holder.parentElement;
        out.push(holder?.id ?? "");
      }
      el.setAttribute(name, out.join(""));
    }
  }
  for (const copy of Array.from(body.querySelectorAll(selector))) {
    const prev = copy.previousSibling;
    if (prev?.nodeName === "BR" && (copy as HTMLElement).style.display !== "block") prev.remove();
    copy.remove();
  }
  return body.innerHTML;
}
