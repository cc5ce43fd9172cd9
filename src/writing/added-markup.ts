// Finds links, images, HTML, web addresses, u/ r/ names, the fediverse's mentions, hashtags and communities and a
// forum's mentions that a translation has and the user's text had not.
// The model reads the page's title with the user's words, so a page can steer it into adding one, which the user,
// who may not read the language, would post. The finished Markdown is scanned, not the model's words alone, so a link
// built around the user's own address counts too. Refused rather than escaped: a rich editor would show the
// backslashes; and a lone `[` or `<` (`a < b`, `[sic]`) makes nothing, so it passes.
import { describeName, FEDIVERSE_NAMES } from "./fediverse-names";
import { QUOTED_MENTIONS } from "./forum-mentions";
import { BLOCK_PREFIX } from "./markdown";
import { textStart } from "../shared/text-ends";

interface Found {
  at: number;
  /** Equal keys are the same thing: the user's own link or address comes back with the same key. */
  key: string;
  /** In the card's words: "a link to https://…". */
  what: string;
}

/** Characters an address is read with: ASCII, so text glued on in a language without spaces ends it. */
const URL_CHARS = "[A-Za-z0-9\\-._~:/?#\\[\\]@!$&'()*+,;=%]";
/** `https://…`, `mailto:…`, `www.…`; what a renderer links on its own. */
const SCHEME_URL = new RegExp(`(?:[a-z][a-z0-9+.-]*:\\/\\/|mailto:|www\\.)${URL_CHARS}*`, "gi");
/**
 * A bare host (`evil.shop`, `name@evil.shop`, `evil.shop/path`) that many sites link: the public-suffix list is
 * too large for the injected script, so a lower-case last label stands for a top-level domain. A single letter
 * before it without a path (`z.B.`, `p.ej.`, `m.in.`) is an abbreviation; `EE.UU.` is upper case.
 */
const BARE_HOST = new RegExp(
  `(?<![A-Za-z0-9_.\\-/])((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]+))` +
    `(?![A-Za-z0-9_-]|\\.[A-Za-z0-9])(\\/${URL_CHARS}*)?`,
  "g",
);
/** Reddit links `r/name`, `/u/name` at a word's start. */
const NAME = /(?<![A-Za-z0-9_/])\/?([ru]\/[A-Za-z0-9_-]+)/g;
/** A tag's start as HTML (and CommonMark's raw HTML) reads it; `a < b` and `<3` are no tag. */
const TAG = /<(\/?[A-Za-z][A-Za-z0-9-]*)(?=[\s/>]|$)|<!--|<![A-Za-z[]|<\?/g;
const INLINE_LINK = /\]\(\s*(<[^>\n]*>|[^\s)]*)/g;
const REFERENCE_LINK = /\]\[([^\]\n]*)\]/g;
/** `[label]: destination "title"`; `[Edit]: typo fixed` is text (words after a destination must be a title). */
const DEFINITION = /^ {0,3}\[[^\]\n]+\]:[ \t]*(\S+)(?:[ \t]+["'(].*)?[ \t]*$/;

/** BBCode that links, embeds or names someone: `[quote="Admin"]`, `[user=1]`, `[media=youtube]`, `[img]`, `[url]`. */
const BBCODE_TAG =
  /\[(url|img|email|media|attach|attachment|user|mention|member|quote|video|youtube)(?=[=\s\]])[^\]\n]*\]/gi;

/** Trailing punctuation belongs to the sentence, whichever the language: `„https://a.example“.` */
const trimEnd = (text: string) => text.replace(/[\p{P}\p{S}]+$/u, "");

/**
 * An address ends at a `]` that closes no `[` of its own: BBCode's `[url=https://…]words[/url]` ends it there (the
 * words after it are translated), where `?a[]=1` and `http://[::1]/` do not.
 */
function ownBrackets(address: string): string {
  let depth = 0;
  for (let i = 0; i < address.length; i++) {
    if (address[i] === "[") depth++;
    else if (address[i] === "]" && depth-- === 0) return address.slice(0, i);
  }
  return address;
}

/**
 * Each `https://…`, `mailto:…` and `www.…` in `text`, cut at a `]` of no `[` of its own, and what follows the cut read
 * again: a renderer that links past the `]` makes `https://own.example]@evil.example` a link to evil.example, and
 * `]https://evil.example` is an address of its own.
 */
function schemeAddresses(text: string): Array<{ at: number; address: string }> {
  const found: Array<{ at: number; address: string }> = [];
  const re = new RegExp(SCHEME_URL.source, SCHEME_URL.flags);
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const address = ownBrackets(m[0]);
    found.push({ at: m.index, address });
    // Never empty: a scheme holds no `]`.
    re.lastIndex = m.index + address.length;
  }
  return found;
}

/** Long addresses would fill the card. */
const shorten = (text: string) => (text.length > 60 ? `${textStart(text, 57)}…` : text);

/** Every link, address, name and tag in Markdown text, in order. */
function scan(text: string): Found[] {
  const found: Found[] = [];
  for (const m of text.matchAll(INLINE_LINK)) {
    const destination = m[1]!.replace(/^<|>$/g, "");
    const image = text[text.lastIndexOf("[", m.index) - 1] === "!";
    const what = destination
      ? `${image ? "an image from" : "a link to"} ${shorten(destination)}`
      : image
        ? "an image"
        : "a link";
    found.push({ at: m.index, key: `link ${destination.toLowerCase()}`, what });
  }
  for (const m of text.matchAll(REFERENCE_LINK)) found.push({ at: m.index, key: `link [${m[1]}]`, what: "a link" });
  let offset = 0;
  for (const line of text.split("\n")) {
    const prefix = BLOCK_PREFIX.exec(line)?.[1] ?? "";
    const definition = DEFINITION.exec(line.slice(prefix.length));
    if (definition) {
      const destination = definition[1]!.replace(/^<|>$/g, "");
      found.push({
        at: offset + prefix.length,
        key: `link ${destination.toLowerCase()}`,
        what: `a link to ${shorten(destination)}`,
      });
    }
    offset += line.length + 1;
  }
  for (const m of text.matchAll(TAG)) {
    const name = (m[1] ?? m[0]).toLowerCase();
    found.push({ at: m.index, key: `tag ${name}`, what: `HTML markup (${m[1] ? `<${name}>` : m[0]})` });
  }
  // A host inside a full address is that address, not a second one.
  let blanked = text;
  for (const { at, address } of schemeAddresses(text)) {
    blanked = blanked.slice(0, at) + " ".repeat(address.length) + blanked.slice(at + address.length);
    const url = trimEnd(address);
    found.push({ at, key: `url ${url.toLowerCase()}`, what: `a web address (${shorten(url)})` });
  }
  for (const m of blanked.matchAll(BARE_HOST)) {
    const words = m[1]!.split(".").slice(0, -1);
    if (!m[2] && !words.some((word) => word.length > 1)) continue;
    const address = trimEnd(ownBrackets(m[0]));
    found.push({ at: m.index, key: `url ${address.toLowerCase()}`, what: `a web address (${shorten(address)})` });
  }
  for (const m of text.matchAll(NAME)) {
    found.push({ at: m.index, key: `name ${m[1]!.toLowerCase()}`, what: `a link to ${m[1]}` });
  }
  // A forum renders a tag with its closing twin only: `[user](…)` alone is a Markdown link's words. A quote names
  // its author, whom XenForo notifies; `[user=1]` notifies and `[media]` embeds without an address to see.
  for (const m of text.matchAll(BBCODE_TAG)) {
    if (!new RegExp(`\\[/${m[1]!}\\]`, "i").test(text.slice(m.index))) continue;
    // Placed at its `]`: a new address in its option is named first, the more telling of the two.
    const at = m.index + m[0].length - 1;
    found.push({ at, key: `bbcode ${m[0].toLowerCase()}`, what: `BBCode (${shorten(m[0])})` });
  }
  // Not in an address: `https://chaos.social/@anna` is the address, `…/page#part` no hashtag. A forum's member with
  // a space in the name (`@'Forum Team'`): XenForo and WoltLab notify them too.
  for (const names of [FEDIVERSE_NAMES, QUOTED_MENTIONS]) {
    for (const m of blanked.matchAll(names)) {
      found.push({ at: m.index, key: `name ${m[0].toLowerCase()}`, what: describeName(m[0]) });
    }
  }
  return found.sort((a, b) => a.at - b.at);
}

/**
 * The first link, address, name or piece of HTML in `translation` that `source` (what the user wrote) did not have,
 * as many times as it occurs, in words for the card ("a link to https://evil.example"); undefined when there is none.
 */
export function addedMarkup(source: string, translation: string): string | undefined {
  const theirs = new Map<string, number>();
  for (const { key } of scan(source)) theirs.set(key, (theirs.get(key) ?? 0) + 1);
  for (const { key, what } of scan(translation)) {
    const left = theirs.get(key) ?? 0;
    if (!left) return what;
    theirs.set(key, left - 1);
  }
  return undefined;
}
