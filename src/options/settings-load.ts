/**
 * Keeps the settings out of reach (inert, as the page's HTML starts them) until the saved ones fill them, so that
 * nothing a reader types or restores in the first moment is replaced by them; says so plainly when they cannot be read.
 */
export interface SettingsLoad {
  /** The saved settings are in the form: it is the reader's now. */
  loaded(): void;
  /** They could not be read: the form stays out of reach (saving it would overwrite them with defaults). */
  failed(message: string): void;
}

export function settingsLoad(parts: readonly HTMLElement[], status: HTMLElement): SettingsLoad {
  return {
    loaded() {
      for (const part of parts) {
        part.removeAttribute("inert");
        part.removeAttribute("aria-busy");
      }
      status.textContent = "";
    },
    failed(message) {
      for (const part of parts) part.removeAttribute("aria-busy");
      const said = /[.!?]$/.test(message.trim()) ? message.trim() : `${message.trim()}.`;
      status.textContent = `Gloss could not read your saved settings, and keeps this form closed so that nothing overwrites them. ${said}`;
    },
  };
}
