// Tab and Shift+Tab in a modal card of Gloss's in-page UI go round its own controls instead of out into the page
// behind it, which the card covers (aria-modal says the page is out of reach meanwhile).

import { closestOf } from "../core/dom";
/** The card's controls that take the focus now: not disabled, not hidden. */
export function focusables(card: HTMLElement): HTMLElement[] {
  return [...card.querySelectorAll<HTMLElement>("button, input, select, textarea")].filter(
    (control) => !(control as HTMLButtonElement).disabled && !closestOf(control, "[hidden]"),
  );
}

/** Tab or Shift+Tab pressed in `card` (a listener elsewhere may hand it over): round its controls. */
export function tabInCard(card: HTMLElement, event: KeyboardEvent): void {
  if (event.key !== "Tab" || event.altKey || event.ctrlKey || event.metaKey) return;
  const controls = focusables(card);
  const active = (card.getRootNode() as ShadowRoot | Document).activeElement as HTMLElement | null;
  const at = active ? controls.indexOf(active) : -1;
  const next = event.shiftKey
    ? at <= 0
      ? controls.at(-1)
      : undefined
    : at === -1 || at === controls.length - 1
      ? controls[0]
      : undefined;
  if (!next) return;
  event.preventDefault();
  next.focus();
}

export function keepTabIn(card: HTMLElement): void {
  card.addEventListener("keydown", (event) => tabInCard(card, event));
}
