// Site adapters, most specific first. Pages no adapter knows use the page engine's generic rules.
import type { SiteRules } from "../core";
import { discourse } from "./discourse";
import { FORUM_ENGINES } from "./forum-engines";
import { gitHub } from "./github";
import { hackerNews } from "./hacker-news";
import { lemmy } from "./lemmy";
import { mastodon } from "./mastodon";
import { mediaWiki } from "./mediawiki";
import { newReddit, oldReddit } from "./reddit";
import { rustdoc } from "./rustdoc";
import type { SiteAdapter } from "./site-adapter";
import { sphinx } from "./sphinx";
import { stackExchange } from "./stack-exchange";
import { wordPress } from "./wordpress";

export const SITE_ADAPTERS: readonly SiteAdapter[] = [
  oldReddit,
  newReddit,
  gitHub,
  hackerNews,
  stackExchange,
  mediaWiki,
  sphinx,
  rustdoc,
  ...FORUM_ENGINES,
  discourse,
  mastodon,
  lemmy,
  // Last: WordPress marks every page it serves, whatever plugin draws it; an adapter that knows the page better wins.
  wordPress,
];

export function siteAdapterFor(doc: Document, url: string): SiteAdapter | undefined {
  return SITE_ADAPTERS.find((adapter) => adapter.matches(doc, url));
}

export function siteRulesFor(doc: Document, url: string): SiteRules | undefined {
  return siteAdapterFor(doc, url)?.rules;
}
