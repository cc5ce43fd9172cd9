// The page's kind of tag where a placeholder belongs: Gemma-2-2B writes `<b>`/`<strong>` for a bold placeholder,
// `<em>` for an italic one, `<a>` for a link, and puts a `<p>` or `<div>` around its reply or a `<br>` for a line
// break. Taken where the meaning is unambiguous, instead of refusing the reply (the passage would stay untranslated,
// or cost a retry). Read here, in the server client, not by the page engine: its content script carries every byte.
import type { IssuedPlaceholder, RepairRule } from "../shared/markup-repair";
import { lostOfKind } from "../shared/markup-repair";

/** The page's text holds a `<` (Gloss escapes it so). */
const holdsAngle = (sourceHtml: string): boolean => sourceHtml.includes("&lt;");

/** The page's tag names a model writes for a placeholder (encode.ts gives `strong` the letter b, `em` i). */
const PAGE_TAGS = /<\s*(\/?)\s*(a|b|strong|i|em)\s*>/gi;
const letterOf = (m: RegExpMatchArray): string =>
  (m[2] as string).toLowerCase().replace("strong", "b").replace("em", "i");

/**
 * `<b>`/`<strong>`, `<i>`/`<em>`, `<a>` without attributes: the one placeholder of that kind the reply lost, when it is
 * one pair; dropped (text kept) when no placeholder of its kind is lost; otherwise left, to be refused (which bold
 * is the page's would be a guess). Not where the page's text holds a `<`: a decoded `&lt;b&gt;` is text.
 */
export function fixPageTags(
  html: string,
  issued: ReadonlyMap<string, IssuedPlaceholder>,
  sourceHtml: string,
  note: (rule: RepairRule) => void,
): string {
  const tags = [...html.matchAll(PAGE_TAGS)];
  if (!tags.length || holdsAngle(sourceHtml)) return html;
  const renamed = new Map<string, string>();
  for (const letter of new Set(tags.map(letterOf))) {
    const lost = lostOfKind(issued, html, letter);
    // One pair: an opening tag, then a closing one.
    const pair =
      tags
        .filter((m) => letterOf(m) === letter)
        .map((m) => m[1])
        .join() === ",/";
    if (!lost.length || (lost.length === 1 && pair)) renamed.set(letter, lost[0]?.name ?? "");
  }
  if (!renamed.size) return html;
  note("tag-name");
  return html.replace(PAGE_TAGS, (...m) => {
    const name = renamed.get(letterOf(m));
    return name === undefined ? m[0] : name && `<${m[1]}${name}>`;
  });
}

/** Tags a model adds of its own that hold no placeholder's meaning: a line break, a paragraph or a span around its
 * text, without attributes. The sanitizer drops them and keeps their text (a `<br>` still parts the text nodes it
 * stood between), so they are no reason to refuse a reply; except where the page's text holds a `<`, whose tags
 * the model may have decoded. */
export function modelTag(raw: string, sourceHtml: string): boolean {
  return /^<\s*\/?\s*(?:br|p|div|span)\s*\/?\s*>$/i.test(raw) && !holdsAngle(sourceHtml);
}
