// Mastodon (and its forks: glitch-soc, Hometown): statuses, their content warnings and polls are read; who wrote each
// one (display name and @handle), when, its counts and the app's buttons are not, nor mentions and hashtags: a
// `#Bahnchaos` or `@anna@chaos.social` is a link to a tag or a person, and translated it names another tag or nobody.
import type { SiteAdapter } from "./site-adapter";
import { closestOf, queryIn, queryOne } from "../core/dom";

/**
 * The compose box's language button: 4.0 to 4.2 show the code ("DE") in a text button of the dropdown's; 4.3 on show
 * the language's own name ("Deutsch") beside a translate icon.
 */
const POST_LANGUAGE = [
  ".privacy-dropdown__value button.text-icon-button",
  "button.dropdown-button:has(.icon-translate) .dropdown-button__label",
].join(", ");

export const mastodon: SiteAdapter = {
  name: "mastodon",
  // Mastodon runs on thousands of domains: recognised by the web app's root, or a status's markup (an embed).
  matches: (doc) => !!queryOne(doc, "#mastodon.app-holder, .status__content__text"),
  rules: {
    // The statuses (the thread's, the timeline's); the compose box, navigation and trends beside them are chrome.
    main: [".status", ".detailed-status", ".account__header__bio"],
    items: [".status", ".detailed-status"],
    // A link's preview card: the linked page's title and summary, not the author's words; a quote post's quoted status
    // (4.4 on: another status, with its author and text, inside the quoting one), someone else's words.
    quotes: [".status-card", ".status__quote"],
    exclude: [
      // Display names and handles (the links to them carry the handle as a tooltip): a status's header with its age,
      // the boost line, account lists, the reader's own account above the compose box.
      ".status__info",
      ".detailed-status__display-name",
      // "{name} hat geteilt" above a status.
      ".status__display-name",
      ".display-name",
      ".navigation-bar__profile",
      ".account__avatar",
      "time",
      // The focused status's date, its app and its boost and favourite counts.
      ".detailed-status__meta",
      // Mentions (Mastodon marks its own translate="no", other servers do not) and hashtags.
      ".h-card",
      ".mention",
      "a.hashtag",
      "a[rel~='tag']",
      "a[href*='/tags/']",
      // A link that shows its address: Mastodon cuts it into an invisible scheme, a shown part and an invisible rest
      // (blocks of their own in layout, which would cut the sentence around the link into pieces).
      "a:has(> .invisible)",
      // A status scrolled far out of view: an unseen box holding its HTML source as text; it is rendered again later.
      ".status__wrapper > span",
      // Emoji are pictures whose alt and title are shortcodes (":bicycle:"), not words.
      "img.emojione",
      "img.custom-emoji",
      // Counters the app rewrites: "213 Personen · noch 1 Tag" under a poll, a trending tag's "312 Profile in 2
      // Tagen" (bare text beside its link), a trending link's "123 Beiträge" (with its author's name).
      ".poll__footer",
      ".trends__item",
      ".story__details__shared",
      // Reply, boost, favourite, "Show more", poll's "Vote", the composer's (its language button says "DE"): the
      // app's own controls, in the reader's language.
      ".status button",
      ".detailed-status__wrapper button",
      ".compose-form button",
    ],
    // A status's aria-label (what a screen reader says as it takes focus) repeats its name, whole text, date and
    // account: written from the text's translation, not sent as well (on a thread, half of what it would send).
    derivedLabels: [
      {
        selector: ".status__wrapper, .detailed-status__wrapper",
        attribute: "aria-label",
        from: ".status__content__text",
      },
    ],
  },
  postLanguage(field) {
    return shownInForm(field, POST_LANGUAGE) || undefined;
  },
  // The counter shows what is left of the server's limit (500 unless the server says otherwise), "-37" when over.
  charactersLeft(field) {
    const shown = shownInForm(field, ".character-counter") ?? "";
    return /^[-−]?\d{1,7}$/.test(shown) ? Number(shown.replace("−", "-")) : undefined;
  },
};

/** The text of what `selector` finds in the compose form around `field`. The form is asked by Element's own
 * querySelector: a form shows its named controls in place of its members. */
function shownInForm(field: Element, selector: string): string | undefined {
  const form = closestOf(field, ".compose-form");
  return (form && queryIn(form, selector))?.textContent?.trim();
}
