// What starts Gloss from the page outside the manager's menu: Alt+Shift+G (in the page's frames too), the corner
// button where there is no menu and no keyboard, and Alt + pointing at a paragraph. Never in the page's world, where
// the page could call these listeners itself with made-up events that claim to be the user's.
import { startHover } from "../session/hover";
import type { PageSession } from "../session/page-session";
import { OPEN_ROOTS_ONLY } from "../session/shadow-sight";
import { isUiHost, type UiBlockedReason } from "../session/ui-host";
import { keydownInFrames } from "./frame-keys";
import { createLauncher, needsLauncher, type Launcher } from "./launcher";
import { isToggleShortcut } from "./shortcut";

export interface PageStartsDeps {
  session: PageSession;
  /** Whether the manager has a menu: the corner button only where it has none. */
  hasMenu: boolean;
  /** Whether Alt + pointing translates, read at the moment it would; on, the reader's parts left untranslated here. */
  hoverTranslate(): Promise<boolean | readonly string[]>;
  onBlocked(reason: UiBlockedReason): void;
  /** Puts the keyboard on the status card, as it takes the corner button's place (see launcher.ts). */
  focusCard(): void;
}

/** Starts them; the corner button, when one was made. */
export function startFromPage(deps: PageStartsDeps): Launcher | undefined {
  const { session } = deps;
  // Also with the focus in a frame the page translates with it (an article, a preview), whose keys go to the
  // frame's window.
  keydownInFrames(document, (event) => {
    if (!isToggleShortcut(event)) return;
    event.preventDefault();
    event.stopPropagation();
    void session.toggle();
  });
  // No menu and no keyboard (Safari's Userscripts on an iPhone): a button in the corner starts Gloss.
  const launcher = needsLauncher(deps.hasMenu, window)
    ? createLauncher(document, {
        onPress: () => void session.toggle(),
        onBlocked: deps.onBlocked,
        focusCard: deps.focusCard,
      })
    : undefined;

  // Alt + pointing at a paragraph, when turned on in the settings (read at the moment it would translate).
  startHover({
    window,
    enabled: deps.hoverTranslate,
    translate: (range) => void session.translatePassage([range]),
    isOwnUi: isUiHost,
    // In the page's world closed shadow roots stay closed: a text-less host is looked through, since the far commoner
    // transparent div over a card is a click catcher (the extension, seeing into closed roots, tells the two apart).
    shadows: OPEN_ROOTS_ONLY,
  });
  return launcher;
}
