// Several translations offered where one was asked for ("Option 1: … Option 2: …", "…\nOr: …"): small models answer
// a short text as if asked for choices. Shown, the reader gets both and the labels; the first is the model's own pick.

/** Words a model numbers its choices with, in English and the readers' languages it answers in. */
const CHOICE =
  "options?|choices?|versions?|variants?|variante|möglichkeit|translations?|traduction|übersetzung|traducción|opción|" +
  "tradução|opção|traduzione|opzione|选项|選項|翻译|翻譯|版本|訳|案|オプション|번역|옵션";
/** "Or:" and its kin, opening a second choice after the first. */
const OR = "or|alternatively|oder|alternativ|ou|o|oppure|oppure anche|或者|或|または|もしくは|또는";
/** A label: marks of emphasis or a list around it, a descriptor before the colon ("Option 1 (formal):"). */
const labelRe = (word: string, n: string): string =>
  `[^\\S\\n]*[-*_#>]*[^\\S\\n]*(?:${word})[^\\S\\n]*${n}(?!\\d)[^:：\\n]{0,40}?[*_]*[:：][*_]*[^\\S\\n]*`;
/** The first choice at the start, after a lead-in line ending in a colon or none ("Here are two options:"). */
const FIRST = new RegExp(`^(?:[^\\n]*[:：][^\\S\\n]*\\n+)?${labelRe(`(${CHOICE})`, "1")}`, "iu");
const OR_LINE = new RegExp(`\\n[^\\S\\n]*[*_]{0,2}(?:${OR})[*_]{0,2}[^\\S\\n]*[:：][\\s\\S]*$`, "iu");
const OR_BRACKETS = new RegExp(`\\s*[(（]\\s*(?:${OR})[^\\S\\n]*[:：][^()（）]*[)）]\\s*$`, "iu");

const count = (text: string, re: RegExp): number => text.match(re)?.length ?? 0;
const colons = (text: string): number => count(text, /[:：]/g);

/** The text of choice 1, up to the label of choice 2 under the same word, or "" when the reply offers no choices. */
function firstNumbered(text: string): string {
  const m = FIRST.exec(text);
  if (!m) return "";
  const rest = text.slice(m[0].length);
  // The word is one of CHOICE's, letters alone: nothing in it to escape.
  const second = new RegExp(`(?:^|\\s)${labelRe(m[1] ?? "", "2")}`, "iu").exec(rest);
  return second ? rest.slice(0, second.index).trim() : "";
}

/** A list item: a number or a bullet, then its text. */
const LIST_ITEM_RE = /^(?:\d{1,2}[.)]|[-*•])[^\S\n]+(\S.*)$/u;
/** A number or bullet that makes a line of the page's own text a list ("Steps: 1. open 2. close"). */
const PAGE_LIST_RE = /(?:^|\s)(?:\d{1,2}[.)]|[-*•])\s/u;

/** Scripts that pack a word into a character or two: an item in them is no shorter for being a part. */
const DENSE_RE = /[\u2e80-\u9fff\uac00-\ud7af\u0e00-\u0e7f]/u;

/**
 * The first item of a list of choices for a text of one line ("1. Speichern\n2. Sichern", after "Here are a few
 * options:" or not), without the model's remark on it ("(most common)") or the lines after the list; or "". A text
 * of several lines, one that is a list itself, or one whose parts the model listed ("fast, small, free" as "- schnell
 * \n- klein…": the first item is a part, far shorter than the text) comes back whole: nothing is taken from it.
 */
function firstListed(text: string, sourceText: string): string {
  if (sourceText.includes("\n") || PAGE_LIST_RE.test(sourceText)) return "";
  const lines = text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  // A lead-in ("Here are a few options:") has a colon of the model's own: "Features:" translates the page's.
  const lead = lines[0] && /[:：]$/.test(lines[0]) && colons(text) > colons(sourceText);
  const start = lead && !LIST_ITEM_RE.test(lines[0] ?? "") ? 1 : 0;
  const items = lines.slice(start, start + 2).map((line) => LIST_ITEM_RE.exec(line)?.[1]);
  const item = items[0];
  if (!item || !items[1]) return "";
  const first = sourceText.includes("(") ? item : item.replace(/\s*[(（][^()（）]*[)）]$/u, "");
  return DENSE_RE.test(first) || first.length >= sourceText.trim().length / 2 ? first : "";
}

/**
 * The first of the choices a reply offers, or the reply as it was. Only labels and colons the model added: a page
 * whose own text is "Option 1: … Option 2: …" or "Or: …" has them in its translation too, as many colons as the source.
 * And only a list the model made of a text of one line (firstListed).
 */
export function firstAlternative(text: string, sourceText: string): string {
  const added = colons(text) > colons(sourceText);
  // Labelled choices first: "- Version 1: …" is a list of them.
  const first = added ? firstNumbered(text) : "";
  if (first) return first;
  const listed = firstListed(text, sourceText);
  if (listed) return listed;
  if (!added) return text;
  const line = OR_LINE.exec(text);
  if (line && line.index > 0 && count(text, /\n/g) > count(sourceText, /\n/g)) return text.slice(0, line.index).trim();
  const brackets = OR_BRACKETS.exec(text);
  if (brackets && brackets.index > 0 && count(text, /[(（]/g) > count(sourceText, /[(（]/g)) {
    return text.slice(0, brackets.index).trim();
  }
  return text;
}
