// Text that is nothing but web or e-mail addresses (a link that shows its own URL, a contact line) holds nothing to
// translate, and a model asked to translate it may translate the words in it ("…/hilfe/kontakt" as "…/help/contact"):
// the reader would then see an address that is not the one the link goes to.

/** One address: with a scheme (https://, mailto:), starting with www., or an e-mail address. */
const ADDRESS = /^(?:[a-z][a-z0-9+.-]*:\/\/\S+|mailto:\S+|www\.\S+\.\S+|[^\s@]+@[^\s@]+\.[^\s@]+)$/iu;
/** Brackets and punctuation around an address in running text: "(https://…)," */
const AROUND = /^[([{<"'«“‘]+|[)\]}>"'»”’.,;:!?]+$/gu;

/** Whether `text` holds at least one address and nothing else but spaces and the punctuation around them. */
export function onlyAddresses(text: string): boolean {
  const words = text.split(/\s+/).filter(Boolean);
  return words.length > 0 && words.every((w) => ADDRESS.test(w.replace(AROUND, "")));
}
