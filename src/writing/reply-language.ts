// The language to write in on this page: what the user chose for this subreddit or site, else the page's own
// language — detected on its content (on Reddit the comments show the subreddit's language, while <html lang> is the
// reader's interface language), else what the page declares. Undefined when nothing says: the user is asked.
import { attrOf, bodyOf, closestOf, htmlOf, queryAll, walkerOf } from "../core/dom";
import { countLetters, MIN_LETTERS_FOR_DETECTION } from "../core/lang";
import { primaryLang } from "../shared/languages";
import { isLangTag, normalizeLangTag } from "../shared/lang-tag";
import { siteAdapterFor } from "../sites";

const SAMPLE_CHARS = 1500;
const GENERIC_MAIN = "main, article, [role='main']";

export interface ReplyLanguageDeps {
  /** The user's choice for this place, if any. */
  remembered(): Promise<string | undefined>;
  /** The page's language detected on its original text by the page session (it may show translations now). */
  detectedByPage(): string | undefined;
  /** Whether the page is shown translated: its text is then Gloss's, not the page's. */
  showsTranslation(): boolean;
  detectLang?(text: string): Promise<string | undefined>;
}

/**
 * Text of the page's content (a site's main parts, `main`/`article`, or the body), without form fields. Quoted
 * blocks (a Reddit comment's `>` quote) are other people's words, often in another language: they count only where
 * the page has too little text of its own.
 */
export function contentSample(doc: Document): string {
  const selectors = siteAdapterFor(doc, doc.location?.href ?? "")?.rules.include?.join(", ") ?? GENERIC_MAIN;
  const parts = [...queryAll(doc, selectors)];
  const body = bodyOf(doc);
  const roots = parts.length ? parts : body ? [body] : [];
  let own = "";
  let quoted = "";
  // A text's parent may be a comment form, whose controls can stand in for its closest (see core/dom.ts).
  const within = (node: Node, selector: string) => closestOf(node.parentElement, selector);
  for (const root of roots) {
    const walker = walkerOf(doc, root, NodeFilter.SHOW_TEXT, {
      acceptNode: (node) =>
        within(node, "script, style, noscript, textarea, [contenteditable]")
          ? NodeFilter.FILTER_REJECT
          : NodeFilter.FILTER_ACCEPT,
    });
    for (let node = walker.nextNode(); node && own.length < SAMPLE_CHARS; node = walker.nextNode()) {
      const text = (node as Text).data.trim();
      if (!text) continue;
      if (!within(node, "blockquote")) own += `${text} `;
      else if (quoted.length < SAMPLE_CHARS) quoted += `${text} `;
    }
    if (own.length >= SAMPLE_CHARS) break;
  }
  const enough = countLetters(own, MIN_LETTERS_FOR_DETECTION) >= MIN_LETTERS_FOR_DETECTION;
  return (enough ? own : own + quoted).slice(0, SAMPLE_CHARS);
}

const declared = (doc: Document): string | undefined => {
  const lang = attrOf(htmlOf(doc), "lang") ?? "";
  return isLangTag(lang) ? normalizeLangTag(lang) : undefined;
};

export async function replyLanguage(doc: Document, deps: ReplyLanguageDeps): Promise<string | undefined> {
  const chosen = await deps.remembered().catch(() => undefined);
  if (chosen) return chosen;
  const byPage = deps.detectedByPage();
  if (byPage) return primaryLang(byPage);
  if (!deps.showsTranslation() && deps.detectLang) {
    const detected = await deps.detectLang(contentSample(doc)).catch(() => undefined);
    if (detected) return primaryLang(detected);
  }
  return declared(doc);
}
