import type { SiteRules } from "../core";

/** What Gloss knows about one site: how to recognise it and which parts of it are worth translating. */
export interface SiteAdapter {
  name: string;
  matches(doc: Document, url: string): boolean;
  rules: SiteRules;
  /** What the page is about (a post's title, its forum), for the model's context; "" for nothing. */
  context?(doc: Document, url: string): string;
}
