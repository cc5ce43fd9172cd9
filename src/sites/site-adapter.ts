import type { SiteRules } from "../core";

/** Whether the address's host name matches `host` (false for an address that does not parse). */
export function hostMatches(url: string, host: RegExp): boolean {
  try {
    return host.test(new URL(url).hostname);
  } catch {
    return false;
  }
}

/** What a site's reply boxes are written in: a forum engine's BBCode, or Markdown. */
export type ReplySyntax = "bbcode" | "markdown";

/** What Gloss knows about one site: how to recognise it and which parts of it are worth translating. */
export interface SiteAdapter {
  name: string;
  matches(doc: Document, url: string): boolean;
  rules: SiteRules;
  /** What the page is about (a post's title, its forum), for the model's context; "" for nothing. */
  context?(doc: Document, url: string): string;
  /** The context is read from text Gloss translates (a post's title in the page): read once per address, before
   * any translation is written there. Otherwise it is read for each request, so a single-page site's next route
   * is described by what it shows, not by what was on screen when its address changed. */
  contextFromTranslatedText?: boolean;
  /** What the site's control beside the compose box `field` shows as the language it tags the post with ("DE",
   * "Deutsch"); undefined where the site has none or it is not there. */
  postLanguage?(field: Element): string | undefined;
  /** How many more characters the site takes in the post being written in `field`, as its counter beside the box
   * says (below 0: over the limit); undefined where it shows none. */
  charactersLeft?(field: Element): number | undefined;
  /** What its reply boxes hold, for "Translate what I wrote"; unsaid, the writer guesses from the text. */
  replySyntax?: ReplySyntax;
}
