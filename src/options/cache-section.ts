// The options page's saved translations: how many there are, and a button that clears them.
import { savedTranslationsText } from "../connection/translation-cache";
import type { ReplyError } from "../extension/send";
import { call } from "../extension/send";

/** Wires the Clear button; returns a function that shows the current count (called once the page has loaded). */
export function setUpCacheSection(): () => void {
  const size = document.getElementById("cache-size") as HTMLSpanElement;
  const clear = document.getElementById("clear-cache") as HTMLButtonElement;

  const show = (entries: number): void => {
    size.textContent = savedTranslationsText(entries);
    // aria-disabled, not disabled: a button disabled under the keyboard focus drops it to the page's body.
    clear.setAttribute("aria-disabled", String(entries === 0));
  };

  clear.addEventListener("click", () => {
    if (clear.getAttribute("aria-disabled") === "true") return;
    clear.setAttribute("aria-disabled", "true");
    void call("translationCache", { clear: true })
      .then(({ entries }) => show(entries))
      .catch((error: ReplyError) => {
        size.textContent = error.message;
        clear.removeAttribute("aria-disabled");
      });
  });

  return () =>
    void call("translationCache", {})
      .then(({ entries }) => show(entries))
      .catch((error: ReplyError) => (size.textContent = error.message));
}
