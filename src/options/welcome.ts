// The options page's first-run welcome (options.html#welcome, opened when Gloss is installed) and its shortcut line:
// where Gloss's button is (Chromium hides a new extension's button, and its progress badge, in the Extensions menu
// until it is pinned), the keyboard shortcut as the browser has it, and the way to change it.
import { ext } from "../extension/api";
import {
  commandShortcut,
  openShortcutSettings,
  shortcutNodes,
  toggleShortcut,
  whereToChangeShortcuts,
  WRITE_COMMAND,
} from "../extension/shortcut";

const inFirefox = location.protocol === "moz-extension:";

/** "Press Alt+Shift+G on a page … Change it at …", with the keys as <kbd> and a link that opens the settings. */
function shortcutSentence(shortcut: string | undefined): Node[] {
  if (shortcut === undefined)
    return [
      document.createTextNode(
        "This browser has no keyboard shortcuts for add-ons: Gloss's popup translates the page, a selection or what you wrote.",
      ),
    ];
  const place = whereToChangeShortcuts();
  const link = Object.assign(document.createElement("a"), { href: place.url, textContent: place.place });
  link.addEventListener("click", (event) => {
    event.preventDefault(); // pages cannot link to browser pages; the extension APIs can open them
    void openShortcutSettings();
  });
  const change = [document.createTextNode(` ${shortcut ? "Change it" : "Set one"} ${place.preposition} `), link];
  if (!shortcut)
    return [document.createTextNode("No keyboard shortcut is set."), ...change, document.createTextNode(".")];
  return [
    document.createTextNode("Press "),
    ...shortcutNodes(document, shortcut),
    document.createTextNode(" on a page to translate it, and again to show the original."),
    ...change,
    document.createTextNode("."),
  ];
}

/** On a phone the browser has no toolbar to pin to: its menu holds the extensions. */
const ON_ANDROID =
  "Gloss is in the browser's menu (⋮ or ⋯), under Extensions: open it on a page to translate it, or to translate a selection or what you wrote.";

function pinSentence(onToolbar: boolean | undefined, android: boolean): string {
  if (android) return ON_ANDROID;
  if (onToolbar) return "Gloss's button is on the toolbar; its badge shows the progress while Gloss translates.";
  return inFirefox
    ? "Gloss's button is in the Extensions menu (the puzzle-piece button). Open that menu, click ⚙ next to Gloss and choose Pin to Toolbar, so its badge shows the progress."
    : "Chromium keeps a new extension's button, and its progress badge, hidden in the Extensions menu (the puzzle-piece button right of the address bar). Open that menu and click the pin next to Gloss.";
}

async function pinState(): Promise<{ onToolbar: boolean | undefined; android: boolean }> {
  let onToolbar: boolean | undefined;
  // Firefox for Android has the action API but no toolbar: isOnToolbar is missing there, which reads as "not pinned".
  const android = await ext.runtime.getPlatformInfo().then(
    (info) => info.os === "android",
    () => false,
  );
  try {
    onToolbar = (await ext.action.getUserSettings()).isOnToolbar;
  } catch {
    onToolbar = undefined; // unknown: say how to pin it
  }
  return { onToolbar, android };
}

function writePinState({ onToolbar, android }: { onToolbar: boolean | undefined; android: boolean }): void {
  const text = document.getElementById("pin-text")!;
  text.textContent = pinSentence(onToolbar, android);
  text.classList.toggle("pinned", onToolbar === true || android);
}

async function showPinState(): Promise<void> {
  writePinState(await pinState());
}

/** Fills the shortcut line and, on the first run, the welcome; follows pinning and unpinning while it is open. */
export async function showWelcome(): Promise<void> {
  const welcome = document.getElementById("welcome")!;
  const firstRun = location.hash === "#welcome";
  welcome.hidden = !firstRun;
  void commandShortcut(WRITE_COMMAND).then((keys) => {
    // The writing section names the real keys, or none when the user removed them; a browser with neither keys nor
    // context menus (Firefox for Android) has the popup's button.
    if (keys === undefined && !ext.contextMenus) {
      const popup = Object.assign(document.createElement("em"), { textContent: "Translate what I wrote" });
      document.getElementById("writing-how")?.replaceChildren("choose ", popup, " in Gloss's popup");
    } else if (keys) document.getElementById("writing-shortcut")?.replaceChildren(...shortcutNodes(document, keys));
    else document.getElementById("writing-shortcut")?.replaceChildren("its keyboard shortcut (none is set)");
  });
  // The welcome's lines are written together, so it never shows the shortcut with the toolbar line still blank.
  const [shortcut, pin] = await Promise.all([toggleShortcut(), firstRun ? pinState() : undefined]);
  const line = document.getElementById("shortcut-line")!;
  line.replaceChildren(...shortcutSentence(shortcut));
  line.hidden = firstRun; // the welcome says it
  if (!firstRun || !pin) return;
  document.getElementById("welcome-shortcut")!.replaceChildren(...shortcutSentence(shortcut));
  writePinState(pin);
  if ("onUserSettingsChanged" in ext.action) ext.action.onUserSettingsChanged.addListener(() => void showPinState());
  // Older browsers have no change event: look again when the user comes back from the toolbar.
  window.addEventListener("focus", () => void showPinState());
}
