/**
 * Keeps the settings out of reach (inert, as the page's HTML starts them) until the saved ones fill them, so that
 * nothing a reader types or restores in the first moment is replaced by them; says so plainly when they cannot be
 * read, with a way to try again.
 */
export interface SettingsLoad {
  /** The saved settings are in the form: it is the reader's now; `note` says what of them could not be read. */
  loaded(note?: string): void;
  /** They could not be read: the form stays out of reach (saving it would overwrite them with defaults) until
   * `retry`, offered as a button, reads them. */
  failed(message: string, retry: () => void): void;
}

export function settingsLoad(parts: readonly HTMLElement[], status: HTMLElement): SettingsLoad {
  return {
    loaded(note = "") {
      // The reader who pressed Try again is on a button that goes now: the form they waited for has the focus.
      const retried = status.contains(document.activeElement);
      for (const part of parts) {
        part.removeAttribute("inert");
        part.removeAttribute("aria-busy");
      }
      status.textContent = note;
      if (retried) parts[0]?.querySelector<HTMLElement>("input, select, textarea, button")?.focus();
    },
    failed(message, retry) {
      for (const part of parts) part.removeAttribute("aria-busy");
      const said = /[.!?]$/.test(message.trim()) ? message.trim() : `${message.trim()}.`;
      // A reader who pressed Try again and failed again stays on the button (the new one).
      const retried = status.contains(document.activeElement);
      const again = Object.assign(document.createElement("button"), { type: "button", textContent: "Try again" });
      again.addEventListener("click", () => {
        // aria-disabled, not disabled: a button disabled under the keyboard focus drops it to the page's body.
        if (again.getAttribute("aria-disabled") === "true") return;
        for (const part of parts) part.setAttribute("aria-busy", "true");
        again.setAttribute("aria-disabled", "true");
        retry();
      });
      status.replaceChildren(
        `Gloss could not read your saved settings, and keeps this form closed so that nothing overwrites them. ${said} `,
        again,
      );
      if (retried) again.focus();
    },
  };
}
