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
 * How each in-page card starts: hidden until there is something to say, its × button (`closeTitle` as tooltip,
 * `closeLabel` for screen readers), and `said`, the live region that holds its message. Only the message is live: a
 * status or an alert is read out whole each time it changes, and the card's buttons would be read out with it.
 */
export function liveCard(
  doc: Document,
  className: string,
  closeTitle: string,
  closeLabel: string,
): { card: HTMLDivElement; said: HTMLDivElement; close: HTMLButtonElement } {
  const card = el(doc, "div", className);
  card.hidden = true;
  const said = el(doc, "div", "said");
  setUrgency(said, false);
  const close = button(doc, "×", "close");
  close.title = closeTitle;
  close.setAttribute("aria-label", closeLabel);
  return { card, said, close };
}

/**
 * An error is an alert, read out at once; anything else waits until the screen reader is idle. aria-live goes with
 * the role: an alert left with aria-live="polite" would wait too.
 */
export function setUrgency(region: HTMLElement, urgent: boolean): void {
  region.setAttribute("role", urgent ? "alert" : "status");
  region.setAttribute("aria-live", urgent ? "assertive" : "polite");
}

export interface CardFocus {
  /** The card's control that has the keyboard focus, if one has. */
  focused(): HTMLElement | undefined;
  /**
   * Call before the card goes: when the focus is in it, it moves to `to` (if in the page) or back where it came
   * from, instead of dropping to the page's <body> with the control that had it.
   */
  handBack(to?: Element): void;
}

/** Follows the keyboard focus into and out of `card` (an in-page card in a shadow root). */
export function cardFocus(card: HTMLElement): CardFocus {
  let cameFrom: Element | undefined;
  card.addEventListener("focusin", (event) => {
    const from = (event as FocusEvent).relatedTarget as Element | null;
    if (from && !card.contains(from)) cameFrom = from;
  });
  const focused = (): HTMLElement | undefined => {
    const active = (card.getRootNode() as ShadowRoot | Document).activeElement;
    return active && card.contains(active) ? (active as HTMLElement) : undefined;
  };
  return {
    focused,
    handBack(to) {
      if (!focused()) return;
      const target = [to, cameFrom].find((candidate) => candidate?.isConnected) as HTMLElement | undefined;
      target?.focus?.();
    },
  };
}
