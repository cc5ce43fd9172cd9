// The toggle command's keyboard shortcut as the browser has it, for the popup, the options page and the first-run
// welcome: the user may have changed or removed the manifest's default, and Chromium drops a default that clashes.
//
// Why the default is Alt+Shift+G (manifest.json, `commands.toggle-translation`), on Windows, macOS and Linux alike:
// - Chromium requires Ctrl or Alt and rejects Ctrl+Alt (AltGr on Windows); on macOS Ctrl means Command.
// - Firefox hands Alt+<letter> to its menu bar first (Alt+T opened the Tools menu instead of translating), and the
//   menus' letters change with the language (German Firefox: Alt+A is "Ansicht"), so no plain Alt+<letter> is safe.
// - Chromium itself takes Alt+Shift+A, B, I, R, T and W; Ctrl+Shift+<letter> is crowded in both browsers (developer tools,
//   bookmarks, history, downloads, private windows, screenshots), and Ctrl+Shift+U starts Unicode input in GTK.
// - Ctrl+Alt+T, which some translators moved to, opens a terminal on Ubuntu and other GNOME desktops, and Chromium
//   refuses it anyway.
// - Alt+Shift+G is none of these; on macOS it is Option+Shift+G. A page that declares accesskey="g" may take it in
//   Firefox (Alt+Shift is Firefox's accesskey modifier); the user can pick another key (see whereToChangeShortcuts()).
import { ext } from "./api";

export const TOGGLE_COMMAND = "toggle-translation";
/** Translates what the user wrote in the focused text field (default Alt+Shift+M: M for "message"; Alt+Shift like
 * the toggle, for the reasons above; Chromium silently drops Alt+Shift+W and Alt+Shift+R as defaults). */
export const WRITE_COMMAND = "translate-field";

/**
 * A command's shortcut as the browser reports it ("Alt+Shift+G", or "⌥⇧G" in Chromium on macOS); "" when none is
 * set; undefined where the browser has no keyboard commands (Firefox for Android).
 */
export async function commandShortcut(name: string): Promise<string | undefined> {
  if (!ext.commands) return undefined;
  try {
    const commands = await ext.commands.getAll();
    return commands.find((command) => command.name === name)?.shortcut ?? "";
  } catch {
    return ""; // unknown: treated as none, with the way to set one
  }
}

/** The toggle command's shortcut (see commandShortcut). */
export const toggleShortcut = (): Promise<string | undefined> => commandShortcut(TOGGLE_COMMAND);

/** A shortcut as keyboard keys: "Alt+Shift+G" → <kbd>Alt</kbd>+<kbd>Shift</kbd>+<kbd>G</kbd>. */
export function shortcutNodes(doc: Document, shortcut: string): Node[] {
  const keys = shortcut.split(/\+(?=.)/).map((key) => Object.assign(doc.createElement("kbd"), { textContent: key }));
  return keys.flatMap((key, i) => (i ? [doc.createTextNode("+"), key] : [key]));
}

const inFirefox = () => location.protocol === "moz-extension:";

/** Where this browser lets the user change extension shortcuts: "at"/"in" and the place, and its address. */
export function whereToChangeShortcuts(): { preposition: "at" | "in"; place: string; url: string } {
  return inFirefox()
    ? { preposition: "in", place: "Manage Extension Shortcuts (about:addons, ⚙ menu)", url: "about:addons" }
    : { preposition: "at", place: "chrome://extensions/shortcuts", url: "chrome://extensions/shortcuts" };
}

/** Opens the browser's shortcut settings. Pages cannot link to browser pages; the extension APIs can open them. */
export function openShortcutSettings(): Promise<unknown> {
  // Firefox 137+ opens Manage Extension Shortcuts directly; elsewhere a tab with the settings' address.
  const commands: Partial<typeof ext.commands> | undefined = ext.commands;
  const opened = inFirefox() ? commands?.openShortcutSettings?.() : undefined;
  return (opened ?? ext.tabs.create({ url: whereToChangeShortcuts().url })).catch(() => undefined);
}
