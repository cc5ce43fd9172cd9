// The settings dialog's line on stored settings it could not read (a value hand-edited into the manager's storage, one
// a newer Gloss wrote) and what shows instead, said as the options page says it, until a save stores the form.
import type { SettingsErrors } from "../shared/settings";
import { unreadText } from "../shared/settings-backup";
import type { Make } from "./make-element";

export interface UnreadNote {
  /** Goes at the top of the dialog, above the form: it explains the fields below it. */
  line: HTMLElement;
  /** Says what `unread()` holds now: asked whenever the form shows stored settings (loaded, saved, restored). */
  update(): void;
}

export function createUnreadNote(make: Make, unread: (() => SettingsErrors) | undefined): UnreadNote {
  const line = make("p", { className: "unread", hidden: true });
  return {
    line,
    update() {
      const text = unread ? unreadText(unread()) : "";
      // An alert only while it says something: otherwise the dialog has no alert (a refused save's errors are read as
      // their fields' descriptions, never twice).
      if (text) line.setAttribute("role", "alert");
      else line.removeAttribute("role");
      line.textContent = text;
      line.hidden = !text;
    },
  };
}
