// The options page's saved translations: how many there are, and a button that clears them.
import { savedTranslationsText } from "../connection/translation-cache";
import type { ReplyError } from "../extension/send";
import { call } from "../extension/send";
import { newestOnly } from "../shared/newest-only";

/** Wires the Clear button; returns a function that shows the current count (called once the page has loaded). */
export function setUpCacheSection(): () => void {
  const size = document.getElementById("cache-size") as HTMLSpanElement;
  const clear = document.getElementById("clear-cache") as HTMLButtonElement;
  /** Only the newest count is shown, whichever arrives last. */
  const asked = newestOnly();
  /** A Clear on its way answers with the count after it: a count asked meanwhile could be read before the clear. */
  let clearing = false;

  const show = (entries: number): void => {
    size.textContent = savedTranslationsText(entries);
    // aria-disabled, not disabled: a button disabled under the keyboard focus drops it to the page's body.
    clear.setAttribute("aria-disabled", String(entries === 0));
  };

  const ask = (request: { clear?: true }, failed: (error: ReplyError) => void): Promise<unknown> => {
    const newest = asked();
    return call("translationCache", request)
      .then(({ entries }) => newest() && show(entries))
      .catch((error: ReplyError) => newest() && failed(error));
  };

  clear.addEventListener("click", () => {
    if (clear.getAttribute("aria-disabled") === "true") return;
    clear.setAttribute("aria-disabled", "true");
    clearing = true;
    void ask({ clear: true }, (error) => {
      size.textContent = error.message;
      clear.removeAttribute("aria-disabled");
    }).finally(() => (clearing = false));
  });

  const count = (): void => {
    if (!clearing) void ask({}, (error) => (size.textContent = error.message));
  };
  return () => {
    count();
    // Pages translated in other tabs meanwhile add to the count, and make a Clear that had nothing to clear usable:
    // counted again whenever the reader comes back to this page.
    window.addEventListener("focus", count);
  };
}
