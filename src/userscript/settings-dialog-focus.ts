// The settings dialog's focus and keys while it is open (aria-modal): Tab and Shift+Tab cycle through its controls,
// focus that leaves it is brought back, it steps aside while the element picker shows, and Close, Escape or a press
// outside it closes it (asking first when it has unsaved edits).
import { focusables, keepTabIn } from "../session/tab-trap";
import { isComposing } from "../shared/composing";

export interface DialogParts {
  doc: Document;
  /** The shadow root's host in the page, and the closed root the dialog lives in. */
  host: HTMLElement;
  root: ShadowRoot;
  dialog: HTMLElement;
  backdrop: HTMLElement;
  /** The frame that follows the viewport around the backdrop (place-fixed.ts). */
  frame: HTMLElement;
}

export interface DialogFocus {
  /** Focus back inside: on the control that had it, else where the dialog starts. */
  focusInside(): void;
  /** Hides the dialog, its focus trap off, while the picker shows; the function returned brings it back. */
  stepAside(): () => void;
  /** The dialog is shown: focus goes where it starts, and is kept inside. */
  hold(): void;
  /** The dialog goes: focus is no longer kept. */
  release(): void;
}

/** The focus trap; `firstFocus` is where focus goes when the dialog opens. */
export function dialogFocus(parts: DialogParts, firstFocus: () => HTMLElement): DialogFocus {
  const { doc, host, root, dialog, backdrop, frame } = parts;
  // Keyboard focus stays in the dialog while it is open (aria-modal): Tab and Shift+Tab cycle through its
  // controls, and focus that leaves it (a page script, a click outside the form) is brought back.
  let lastFocused: HTMLElement | undefined;
  root.addEventListener("focusin", (event) => (lastFocused = event.target as HTMLElement));
  const focusInside = () => {
    if (!host.isConnected) return; // still loading: it focuses the address field when it appears
    const current = (root.activeElement as HTMLElement | null) ?? lastFocused;
    if (current && focusables(dialog).includes(current)) return current.focus();
    firstFocus().focus();
  };
  dialog.tabIndex = -1; // a click on the dialog's background keeps focus in the dialog
  keepTabIn(dialog);
  const keepFocus = (event: FocusEvent) => {
    if (!aside && !event.composedPath().includes(host)) focusInside();
  };
  let aside = false;
  /**
   * The element picker shows over the page meanwhile (the manager's menu): the dialog steps aside, hidden and its
   * focus trap off, or it would cover the page to pick on and take the picker's panel's keys. Back when it is done.
   */
  function stepAside(): () => void {
    aside = true;
    backdrop.hidden = frame.hidden = true;
    return () => {
      if (!aside) return;
      aside = false;
      backdrop.hidden = frame.hidden = false;
      focusInside();
    };
  }
  return {
    focusInside,
    stepAside,
    hold() {
      doc.addEventListener("focusin", keepFocus, true);
      firstFocus().focus();
    },
    release: () => doc.removeEventListener("focusin", keepFocus, true),
  };
}

/** Close, Escape (`escape`), or a press and release both outside the dialog close it (settings-close-ask.ts asks). */
export function closeOn(
  { cancel, backdrop, dialog }: { cancel: HTMLElement; backdrop: HTMLElement; dialog: HTMLElement },
  close: () => void,
  escape = close,
): void {
  cancel.addEventListener("click", close);
  // Only a press and release both outside the dialog close it: a drag that selects a field's text and ends outside
  // makes a click on the backdrop too, and closing then lost the form's unsaved edits.
  let pressedOutside = false;
  backdrop.addEventListener("mousedown", (event) => (pressedOutside = event.target === backdrop));
  backdrop.addEventListener("click", (event) => {
    if (event.target === backdrop && pressedOutside) close();
  });
  dialog.addEventListener("keydown", (event) => {
    // Keeps the page's own key handlers (bubbling ones) out of the form. Capture listeners on the page still see
    // every key: see KEY_WARNING (settings-key-field.ts).
    event.stopPropagation();
    // An input method's Escape drops the word being composed in a field, not the dialog and all the form's edits.
    if (event.key === "Escape" && !isComposing(event)) escape();
  });
}
