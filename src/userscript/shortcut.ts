// Alt+Shift+G toggles translation, the extension's default too (src/extension/shortcut.ts says why: Alt+T, the
// old key, opened Firefox's Tools menu, and no plain Alt+<letter> is safe from Firefox's menu bar). Only a real key
// press counts: a page script can dispatch a synthetic one (isTrusted false), and must not be able to make Gloss
// spend the user's server time and put translations where it can read them. Not while typing: in a text field the
// keys belong to the user (on macOS, Option+Shift+G types a character). Not inside Gloss's own UI either: a listener
// on `window` sees a closed shadow root's host as the target, so typing in the settings dialog would toggle the page.

import { isEditable } from "../session/editable";
import { isComposing } from "../shared/composing";
import { isUiHost } from "../session/ui-host";

export function isToggleShortcut(event: KeyboardEvent): boolean {
  if (!event.isTrusted) return false;
  if (!event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey || event.repeat) return false;
  // A key an input method is composing with is the reader's typing, in a field the page may hide in a closed root.
  if (isComposing(event)) return false;
  // The key's place (QWERTY G), or a layout's own G elsewhere.
  if (event.code !== "KeyG" && event.key?.toLowerCase() !== "g") return false;
  const path = event.composedPath?.() ?? [];
  if (path.some(isUiHost)) return false;
  return !isEditable(path[0] ?? event.target);
}
