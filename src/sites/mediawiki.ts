// Wikipedia and every other MediaWiki site: the article is read as it is, less the "[edit]" beside each heading (and
// its tooltip, "Edit section: History", a request per section) and pronunciations marked only by their class: the
// Wikimedia wikis style every transcription `.IPA`, not all of them with a phonetic `lang` (see collect/rules.ts).
import type { SiteAdapter } from "./site-adapter";
import { queryOne } from "../core/dom";

export const mediaWiki: SiteAdapter = {
  name: "mediawiki",
  matches: (doc) => !!queryOne(doc, ".mw-parser-output"),
  rules: {
    exclude: [".mw-editsection", ".IPA"],
  },
};
