// Names of the fediverse in what the user writes: a mention (`@anna`, `@anna@chaos.social`), a hashtag (`#Bahnchaos`)
// and a Lemmy community (`!bahn@feddit.org`). Each is a link to a person, a tag or a community, the same in every
// language: translated, it names another tag or nobody (and a mention the user did not write notifies a stranger).

/** A server's host name: labels joined by dots, the last one holding a letter (a sentence's full stop is not part). */
const HOST = String.raw`[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z0-9-]*[A-Za-z][A-Za-z0-9-]*`;
/**
 * Account names: letters, digits and `_`, with `.` and `-` inside. Mastodon's are ASCII, other servers' (Misskey,
 * Discourse) need not be, and `@Thermenflüsterer` is one name, never `@Thermenfl` and words `üsterer`.
 */
const USER = String.raw`[\p{L}\p{M}\p{N}_](?:[\p{L}\p{M}\p{N}_.-]*[\p{L}\p{M}\p{N}_])?`;
/**
 * A tag holds a letter (`#1` is a number), and Mastodon's joiners inside it: the middle dots and the zero-width
 * non-joiner Persian writes within words (`#کتاب‌خوانی` is one tag).
 */
const TAG = String.raw`(?=[\p{L}\p{M}\p{N}_·・\u200c]*\p{L})[\p{L}\p{M}\p{N}_]+(?:[·・\u200c]+[\p{L}\p{M}\p{N}_]+)*`;

const NAME = String.raw`@${USER}(?:@${HOST})?|!${USER}@${HOST}|#${TAG}`;

/** A name at the start of `text` (the caller checks that a word starts there: `C#`, `a@b.example` hold none). */
export const FEDIVERSE_NAME_AT = new RegExp(`^(?:${NAME})`, "u");

/**
 * Every name in a text, each where a word starts (not inside an address's path or an e-mail address). Only what
 * Mastodon never links before one is left out (a letter, digit, `_`, `/`, `=`): it links `Danke.@admin`, `!#gratis`.
 */
export const FEDIVERSE_NAMES = new RegExp(`(?<![\\p{L}\\p{M}\\p{N}_/=])(?:${NAME})`, "gu");

/** The card's words for a name: "a mention of @anna", "the hashtag #Bahn", "a link to !bahn@feddit.org". */
export function describeName(name: string): string {
  if (name.startsWith("@")) return `a mention of ${name}`;
  if (name.startsWith("#")) return `the hashtag ${name}`;
  return `a link to ${name}`;
}
