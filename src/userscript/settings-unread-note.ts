// The settings dialog's line on stored settings it could not read (a value hand-edited into the manager's storage, one
// a newer Gloss wrote) and what shows instead, said as the options page says it, until a save stores the form.
import { unreadText } from "../shared/settings-backup";
import type { SettingsErrors } from "../shared/settings";
import type { Make } from "./make-element";
import type { UserscriptSettingsStore } from "./userscript-settings-store";

/** Said when the manager's value "settings" is not settings at all. Without the parser's words, which can quote the
 * value, key and all, into the page. */
export const SETTINGS_NOT_JSON =
  "Gloss could not read your saved settings: the value “settings” in your userscript manager's storage is not " +
  "valid JSON, so this form shows the defaults. Correct it in the manager's storage editor and open Settings again, " +
  "or save here to replace it with the settings as shown.";

/** What the note says of stored settings: not JSON, values a newer Gloss wrote that this one refuses, others. */
export function storedNoteText(stored: {
  unparsed: boolean;
  unread: SettingsErrors;
  newer?: number | undefined;
}): string {
  return stored.unparsed ? SETTINGS_NOT_JSON : unreadText(stored.unread, stored.newer);
}

/** What the note says of the settings `store` read last ("" when it read them all). */
export const unreadSettingsText = (
  store: Pick<UserscriptSettingsStore, "unparsed" | "unread" | "newerVersion">,
): string => storedNoteText({ unparsed: store.unparsed(), unread: store.unread(), newer: store.newerVersion() });

export interface UnreadNote {
  /** Goes at the top of the dialog, above the form: it explains the fields below it. */
  line: HTMLElement;
  /** Says what `unread()` says now, or `text` (of settings read apart from the store: another tab's save): asked
   * whenever the form shows stored settings (loaded, saved, restored, stored elsewhere). */
  update(text?: string): void;
}

export function createUnreadNote(make: Make, unread: (() => string) | undefined): UnreadNote {
  const line = make("p", { className: "unread", hidden: true });
  return {
    line,
    update(said) {
      // Only where the dialog saves: in the page's world it has no note (see SettingsDialogDeps.unread).
      const text = unread ? (said ?? unread()) : "";
      // An alert only while it says something: otherwise the dialog has no alert (a refused save's errors are read as
      // their fields' descriptions, never twice).
      if (text) line.setAttribute("role", "alert");
      else line.removeAttribute("role");
      line.textContent = text;
      line.hidden = !text;
    },
  };
}
