// Where a site tags a post with a language beside its compose box (Mastodon's language button), says in the card to
// set it to the translation's language when it shows another: followers' language filters and the site's own
// Translate button go by that tag, not by the text. Gloss does not set it itself: it is the site's own menu (a button
// and a pop-up list held in the app's state), not a form control whose change the app is sure to take from a script.
import { sameLanguage } from "../core/lang";
import { languageInfo, languageName } from "../shared/languages";
import { besideField } from "./beside-field";

const MAX_SHOWN = 40;

/** A language code as Mastodon 4.0–4.2 show it on the button ("DE", "PT-BR"). */
const SHOWN_CODE = /^[A-Z]{2,3}(?:-[A-Z0-9]{2,8})*$/;
/** A language's name as 4.3 on show it ("Deutsch", "português (Brasil)"): letters, spaces, brackets, joiners. */
const SHOWN_NAME = /^\p{L}(?:[\p{L}\p{M} ()'’-]|\u200c|\u200d)*$/u;

/** The names `lang` goes by, lower-cased: Gloss's own (English and native) and the platform's native one. */
function namesOf(lang: string): string[] {
  const info = languageInfo(lang);
  const names = info ? [info.english, info.native] : [];
  try {
    const own = new Intl.DisplayNames([lang], { type: "language" }).of(lang);
    if (own) names.push(own);
  } catch {
    // Not a tag the platform knows: Gloss's names are all there is.
  }
  return names.map((name) => name.toLocaleLowerCase());
}

/** Whether what the control shows ("DE", "Deutsch", "español") names `lang`. */
function names(shown: string, lang: string): boolean {
  if (SHOWN_CODE.test(shown)) return sameLanguage(shown.toLowerCase(), lang);
  return namesOf(lang).includes(shown.toLocaleLowerCase());
}

/** What the site's control beside `field` shows; undefined where it is not there, or the page's markup throws. */
function shownLanguage(field: Element): string | undefined {
  const shown = besideField(field, (adapter) => adapter.postLanguage?.(field));
  return typeof shown === "string" ? shown : undefined;
}

/** The card's line when the post would go out tagged with another language than `lang`, else undefined. */
export function postLanguageNote(field: Element, lang: string): string | undefined {
  const shown = shownLanguage(field);
  // Quoted in Gloss's card, the page's words must be a code or a language's name: a short one, no address, no number.
  if (!shown || shown.length > MAX_SHOWN || !(SHOWN_CODE.test(shown) || SHOWN_NAME.test(shown))) return undefined;
  if (names(shown, lang)) return undefined;
  return `Set the post's language to ${languageName(lang)} with the language button beside the box (it says “${shown}”): followers' filters and translations go by it.`;
}
