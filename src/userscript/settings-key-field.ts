// The settings dialog's API key: the line that says whether a key is saved and for which address, with Remove key,
// and what saving does with the key. The saved key itself never goes into the page.
import { fromReader } from "../session/element";
import { validateBaseUrl, type Settings } from "../shared/settings";
import type { Make } from "./make-element";

/** What saving does with the API key. The saved key is never put into the page (see KEY_WARNING); an empty field
 * keeps it, unless the user asked to remove it. */
export function apiKeyPatch(typed: string, removeSaved: boolean): { apiKey?: string } {
  if (typed) return { apiKey: typed };
  return removeSaved ? { apiKey: "" } : {};
}

/** What the line under the key field says: whether a key is saved, and for which address. */
export function keyStateText(saved: { apiKey: string; apiKeyFor: string }, address: string, removing: boolean): string {
  if (removing) return "The saved key will be removed when you save.";
  const checked = validateBaseUrl(address);
  const typed = checked.ok ? checked.value : address.trim();
  if (typed === saved.apiKeyFor) return "A key is saved. Type a new one to replace it.";
  return (
    `The saved key is for ${saved.apiKeyFor}, and Gloss never sends it anywhere else. Saving this address ` +
    "removes it: type the key again to use it here."
  );
}

export const KEY_WARNING =
  "Anything typed into a web page can be seen by that page's scripts, this dialog included. To keep the key away " +
  "from web pages, set it in your userscript manager's storage editor instead: the value “settings” (JSON), " +
  "field “apiKey”.";

export interface KeyState {
  /** The line with Remove key, hidden while no key is saved; goes under the key field. */
  line: HTMLElement;
  /** Says the line again, for the address the form shows now. */
  show(): void;
  /** Whether a key is saved and for which address, from `settings`; a removal asked for stays while one is. */
  showSaved(settings: Settings): void;
  /** Whether the reader asked to remove the saved key. */
  removing(): boolean;
  /** Forgets the reader's Remove key (the form was filled afresh). */
  keep(): void;
}

/** The key's line; `address` is the address the form shows. */
export function createKeyState(
  make: Make,
  address: () => string,
  isTrusted: ((event: Event) => boolean) | undefined,
): KeyState {
  const line = make("p", { className: "key-state" });
  line.setAttribute("aria-live", "polite");
  const text = make("span");
  const removeKey = make("button", { type: "button", textContent: "Remove key" });
  line.append(text, removeKey);
  line.hidden = true;
  // The address the saved key is for; "" when no key is saved.
  let savedKey = { apiKey: "", apiKeyFor: "" };
  let removeSavedKey = false;
  const show = () => {
    line.hidden = !savedKey.apiKey;
    text.textContent = keyStateText(savedKey, address(), removeSavedKey);
    removeKey.textContent = removeSavedKey ? "Keep key" : "Remove key";
    removeKey.setAttribute("aria-pressed", String(removeSavedKey));
  };
  // Only the reader's own press (a click, or Enter or Space on the button) marks the key for removal: a page that
  // reaches the dialog (Firefox, see reader-fields.ts) could otherwise have the reader's next Save remove it.
  removeKey.addEventListener(
    "click",
    fromReader(isTrusted, () => {
      removeSavedKey = !removeSavedKey;
      show();
      // An edit of the form as typing is (as a table row's Remove, row-editor.ts): the line beside Save and the
      // question asked on closing follow the form's input.
      line.closest("form")?.dispatchEvent(new Event("input", { bubbles: true }));
    }),
  );
  return {
    line,
    show,
    showSaved(settings) {
      savedKey = { apiKey: settings.apiKey ? "saved" : "", apiKeyFor: settings.apiKeyFor };
      removeSavedKey &&= !!settings.apiKey;
      show();
    },
    removing: () => removeSavedKey,
    keep: () => void (removeSavedKey = false),
  };
}
