// A page the browser brings back from its back/forward cache keeps this script and the translations it shows, but
// the background forgot it when the tab started loading the next page (content-presence.ts), so a look saved
// meanwhile never reached it, and a press would inject the script again. On its return the page checks in as it
// does at start (getContentConfig: the background then lists the tab again) and takes the look from the answer.
// Only the look: a new target language or server must never retranslate a page behind the reader's back, so the
// page takes those at its next translation, as look-push.ts does for open pages.
// A page Chromium prerendered is shown the same way, in place: its start-up ask came from a document that was not
// yet the tab's page (a frameId other than 0: not listed), and the tab's "loading" as it was shown forgot the tab
// anyway. Shown (`prerenderingchange`), it checks in too, now as the tab's page (frameId 0; seen in Chromium 156).
// Either way the browser cleared the tab's badge as the tab moved: a page back translated showed a blank badge until
// its next report, which a finished translation never sends. Checked in, it reports its state again.
import type { BilingualStyle } from "../shared/bilingual-styles";
import type { ContentConfig, Reply } from "../shared/messages";

export interface RestoredPageDeps {
  window: Window;
  /** The page's settings, asked of the background as at start (the ask is the check-in). */
  checkIn(url: string): Promise<Reply<ContentConfig>>;
  setBilingualStyle(style: BilingualStyle): void;
  /** Sends the page's state again, for the badge the browser cleared (after the check-in: the tab is listed again). */
  reportAgain(): void;
  /** Whether the browser made an event (tests stand in for it): a page's own `pageshow` is no return. */
  isTrusted?(event: Event): boolean;
}

/**
 * Checks in again each time the page comes back from the back/forward cache, and once a prerendered page is shown.
 * Registered once, at start.
 */
export function followRestoredPage(deps: RestoredPageDeps): void {
  const trusted = deps.isTrusted ?? ((event: Event) => event.isTrusted);
  const checkIn = () =>
    void deps
      .checkIn(deps.window.location.href)
      .then((reply) => {
        if (!reply.ok) return;
        deps.setBilingualStyle(reply.value.bilingualStyle);
        deps.reportAgain();
      })
      // No answer (the extension was reloaded while the page was away): the page keeps the look it has.
      .catch(() => undefined);
  deps.window.addEventListener("pageshow", (event) => {
    if (event.persisted && trusted(event)) checkIn(); // else a first load: the start-up ask already checked in
  });
  deps.window.document.addEventListener("prerenderingchange", (event) => {
    if (trusted(event)) checkIn();
  });
}
