// Text inside compact HTML: the three characters that could start or end markup are escaped, nothing else, so
// page text can never forge a placeholder and the model sees as little noise as possible.
export function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A character reference's character; one no character has (a model may write any number) stays as written. */
export const fromCodePoint = (code: number, written: string): string =>
  Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : written;

/** The named character references a model writes in compact HTML (a Map: no name reaches Object's own members). */
const NAMED = new Map([
  ["amp", "&"],
  ["lt", "<"],
  ["gt", ">"],
  ["quot", '"'],
  ["apos", "'"],
]);

/** Text with its numeric and common named character references decoded, `&nbsp;` as `nbsp`; others stay as written. */
export const decodeEntities = (text: string, nbsp: string): string =>
  text
    .replace(/&#(\d+);/g, (written, d: string) => fromCodePoint(Number(d), written))
    .replace(/&#x([\da-f]+);/gi, (written, h: string) => fromCodePoint(parseInt(h, 16), written))
    .replace(/&(\w+);/g, (written, name: string) => (name === "nbsp" ? nbsp : (NAMED.get(name) ?? written)));

/** A plain-text segment's translation (compact HTML) → the text a reader sees: any tag dropped, entities decoded. */
export const htmlToText = (html: string): string => decodeEntities(html.replace(/<[^>]*>/g, ""), "\u00a0");
