// What picker.js does when the background starts the picker: on the element the reader right-clicked when it was
// chosen from the menu, and it answers whether the picker shows, so the popup or the badge can say why when not.
import type { PickOutcome, PickStart } from "../shared/messages";
import type { Picker } from "./element-picker";

/** The element right-clicked, as this browser tells it (Firefox by the menu's id, Chromium by the content script). */
export interface RightClicked {
  byId?(targetElementId: number): Element | null | undefined;
  /** The content script's memory of the last right-click (content/context-target.ts), taken once. */
  take?(): Element | undefined;
}

export function openPicker(
  start: PickStart,
  showing: Picker | undefined,
  rightClicked: RightClicked,
  begin: (startAt: Element | undefined) => Picker | undefined,
): { outcome: PickOutcome; picker?: Picker } {
  // A second press while the picker is showing leaves that one be.
  if (showing?.active) return { outcome: "showing", picker: showing };
  // Taken either way: a right-click from before the popup was opened is not where the reader means to start.
  const remembered = rightClicked.take?.();
  const startAt = start.fromMenu ? (fromMenu(start, rightClicked) ?? remembered) : undefined;
  const picker = begin(startAt);
  return picker ? { outcome: "shown", picker } : { outcome: "blocked" };
}

function fromMenu(start: PickStart, rightClicked: RightClicked): Element | undefined {
  if (start.targetElementId === undefined || !rightClicked.byId) return undefined;
  try {
    return rightClicked.byId(start.targetElementId) ?? undefined;
  } catch {
    // The element went with a page that changed since the click.
    return undefined;
  }
}
