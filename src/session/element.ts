// A tiny builder for Gloss's in-page UI: an element of the page's document with a class, built with DOM calls only.

export function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  className?: string,
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (className) node.className = className;
  return node;
}

/** A button that submits nothing, with its label. */
export function button(doc: Document, text: string, className?: string): HTMLButtonElement {
  const node = el(doc, "button", className);
  node.type = "button";
  node.textContent = text;
  return node;
}

/**
 * How each in-page card starts: a polite live region, hidden until there is something to say, and its × button
 * (`closeTitle` as tooltip, `closeLabel` for screen readers).
 */
export function liveCard(
  doc: Document,
  className: string,
  closeTitle: string,
  closeLabel: string,
): { card: HTMLDivElement; close: HTMLButtonElement } {
  const card = el(doc, "div", className);
  card.setAttribute("role", "status");
  card.setAttribute("aria-live", "polite");
  card.hidden = true;
  const close = button(doc, "×", "close");
  close.title = closeTitle;
  close.setAttribute("aria-label", closeLabel);
  return { card, close };
}
