// Text that is nothing but web or e-mail addresses (a link that shows its own URL, a contact line) holds nothing to
// translate, and a model asked to translate it may translate the words in it ("…/hilfe/kontakt" as "…/help/contact"):
// the reader would then see an address that is not the one the link goes to. Nor does a machine timestamp (Hacker
// News and Stack Overflow put one in the tooltip of every post's age): its letters are the `T` and `Z` of ISO 8601,
// and each is a request of its own (no two are the same) that the model may reformat.

/** One address: with a scheme (https://, mailto:), starting with www., or an e-mail address. */
const ADDRESS = /^(?:[a-z][a-z0-9+.-]*:\/\/\S+|mailto:\S+|www\.\S+\.\S+|[^\s@]+@[^\s@]+\.[^\s@]+)$/iu;
/** An ISO 8601 date, date-time or time of day, with its zone: `2025-11-30`, `2025-11-30T14:26:41`, `16:31:29Z`. */
const TIMESTAMP =
  /^(?=\d)(?:\d{4}-\d{2}-\d{2}(?:T(?=\d))?)?(?:\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?$/iu;
/** A word that may stand beside a timestamp and is the same in every language. */
const ZONE = /^(?:UTC|GMT)$/u;
/** Brackets and punctuation around an address in running text: "(https://…)," */
const AROUND = /^[([{<"'«“‘]+|[)\]}>"'»”’.,;:!?]+$/gu;

/**
 * Whether `text` holds at least one address or timestamp and nothing else but spaces, letterless words (a Unix time
 * beside the ISO one) and the punctuation around them.
 */
export function onlyAddressesOrTimestamps(text: string): boolean {
  const words = text.split(/\s+/).filter(Boolean);
  let found = false;
  for (const word of words) {
    const bare = word.replace(AROUND, "");
    if (ADDRESS.test(bare) || TIMESTAMP.test(bare)) found = true;
    else if (/\p{L}/u.test(bare) && !ZONE.test(bare)) return false;
  }
  return found;
}

/** The text without the addresses in it: an address's letters are not words of the language around it. */
export function withoutAddresses(text: string): string {
  return text
    .split(/\s+/)
    .filter((word) => !ADDRESS.test(word.replace(AROUND, "")))
    .join(" ");
}
