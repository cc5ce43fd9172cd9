// What may be translated: element exclusions, translate="no"/"yes", the user's language, and per-site selectors.

import { HIDDEN_TAGS, preformatted, undisplayed, type StyleInfo } from "./display";
import { isLiveDate } from "./page-dates";
import {
  composedParentElement,
  isElement,
  isShadowRoot,
  tagOf,
  attrOf,
  hasAttr,
  isMatch,
  closestOf,
  hasClass,
  newElement,
  documentOf,
  rootOf,
  queryIn,
  designed,
} from "../dom";
import { namesLanguage, oneOf, primarySubtag } from "../lang";
import { pageLangOf } from "../write/own-lang";

/** Per-site selectors. They are matched with `Element.matches`, so they work inside shadow roots too. */
export interface SiteRules {
  /** Elements never translated (and not descended into), e.g. vote counts, usernames, timestamps, `[aria-live]`. */
  exclude?: string[];
  /** When given, only content inside elements matching one of these is translated (e.g. post titles, comment bodies). */
  include?: string[];
  /**
   * Each post, comment or message (its body, without the replies nested in it): a short line in one is judged by the
   * language of the rest of it, as a thread mixes languages by comment. Unsaid: `article`, `[role=article]`, `li`.
   */
  items?: string[];
  /**
   * The site's quotes where they are not `<blockquote>` (vBulletin's `.bbcode_quote`), and its previews of a linked
   * page (Discourse's onebox): someone else's words, often in another language, which decide neither the page's
   * language nor their post's, and are told by their own.
   */
  quotes?: string[];
  /** The page's main content (e.g. the post and its comments): translated before the rest of what is in view. */
  main?: string[];
  /**
   * The site's own custom elements that are formatting inside a sentence (new Reddit's spoiler): part of their
   * paragraph's unit, moved and copied like a span, where other custom elements are kept apart (see isPinned).
   */
  inline?: string[];
  /**
   * Labels that repeat their element's content (Mastodon gives each status an aria-label of its author, whole text,
   * date and account): not sent, but written from the translation of `from` once that is done (write/derived-labels.ts).
   */
  derivedLabels?: DerivedLabel[];
}

/** An attribute of elements matching `selector` that repeats the text of the first element inside matching `from`. */
export interface DerivedLabel {
  selector: string;
  attribute: string;
  from: string;
}

/** Rendered but never translated: travels as an opaque placeholder when inline. */
const EXCLUDED_TAGS = new Set([
  "textarea",
  "code",
  "kbd",
  "samp",
  "var",
  "math",
  "svg",
  "iframe",
  "object",
  "embed",
  "canvas",
  "video",
  "audio",
  "applet",
  "frame",
  "frameset",
  "xmp",
  "plaintext",
  "acronym",
  // A ruby annotation says how to read the source text (furigana, pinyin): it means nothing in a translation, and
  // sent as text it would be read as part of the sentence ("漢字じです").
  "rt",
  "rtc",
]);

/**
 * A `lang` whose variant says the text is a phonetic transcription (BCP 47 `fonipa` for IPA, `fonupa`, `fonxsamp`,
 * …), as Wikipedia marks every pronunciation (`lang="en-fonipa"`, `"und-Latn-fonipa"`): it spells sounds, not
 * words, and a model asked to translate it respells or drops it.
 */
const TRANSCRIPTION = /^[a-z]{2,8}(?:-[a-z0-9]+)*-fon[a-z]{2,5}(?:-|$)/i;

export type ElementKind =
  | { kind: "invisible"; byStyle: boolean } // not rendered; byStyle: might be revealed later
  | { kind: "excluded"; reason: "tag" | "editable" | "site" }
  | { kind: "normal" };

const NORMAL: ElementKind = { kind: "normal" };

/** The valid ones among `selectors`, joined; null when none is. */
export function compileSelector(selectors: readonly string[] | undefined, doc: Document): string | null {
  if (!selectors?.length) return null;
  // A single invalid selector must not disable the others: validate one by one.
  const probe = newElement(doc, "div");
  const valid = selectors.filter((s) => {
    try {
      isMatch(probe, s);
      return true;
    } catch {
      return false;
    }
  });
  return valid.length ? valid.join(",") : null;
}

/**
 * Whether `node`, a shadow host's light child, shows inside an element of the shadow tree that `selector` names (a
 * component's frame around its slot): a part left out holds what it shows, as the reader sees it and the picker
 * outlines it, though the host's light children are walked apart from its shadow tree. Open roots only, as
 * `assignedSlot` tells: the picker names no part inside a closed one.
 */
function slottedInto(node: Element | Text, selector: string): boolean {
  try {
    for (let slot = node.assignedSlot; slot; slot = slot.assignedSlot) if (closestOf(slot, selector)) return true;
  } catch {
    // A page's patched `assignedSlot` that throws: the node is taken as the picker showed it, not left out.
  }
  return false;
}

export class Rules {
  readonly targetLang: string;
  /** The target and the languages the reader reads besides it: text marked as one of them is left alone. */
  readonly #reads: readonly string[];
  readonly #exclude: string | null;
  readonly #include: string | null;
  readonly #inline: string | null;
  readonly #derived: ReadonlyArray<{ selector: string; attribute: string; from: string }>;
  /** Every valid `from` of the derived labels, joined: null when there is none. */
  readonly #sources: string | null;
  readonly hasInclude: boolean;
  /** The `<time>` elements the page rewrote after they were collected: live dates (see keepDate). */
  readonly #ticking = new WeakSet<Element>();
  /** Whether an element's `lang` is a copy the page made of Gloss's mark (write/copied-marks.ts), adopted if so. */
  readonly #copiedMark: (el: Element) => boolean;

  constructor(
    doc: Document,
    targetLang: string,
    site?: SiteRules,
    readLangs: readonly string[] = [],
    copiedMark: (el: Element) => boolean = () => false,
  ) {
    this.targetLang = targetLang;
    this.#copiedMark = copiedMark;
    this.#reads = [targetLang, ...readLangs];
    this.#exclude = compileSelector(site?.exclude, doc);
    this.#include = compileSelector(site?.include, doc);
    this.#inline = compileSelector(site?.inline, doc);
    this.#derived = (site?.derivedLabels ?? []).filter(
      (d) => compileSelector([d.selector], doc) !== null && compileSelector([d.from], doc) !== null,
    );
    this.#sources = compileSelector(
      this.#derived.map((d) => d.from),
      doc,
    );
    // A rule set whose include selectors are all invalid must translate nothing, not everything.
    this.hasInclude = Boolean(site?.include?.length);
  }

  classify(el: Element, style: StyleInfo): ElementKind {
    const tag = tagOf(el);
    // Never rendered: kept in place, never sent.
    if (HIDDEN_TAGS.has(tag)) return { kind: "invisible", byStyle: false };
    if (undisplayed(el, style)) return { kind: "invisible", byStyle: true };
    if (EXCLUDED_TAGS.has(tag)) return { kind: "excluded", reason: "tag" };
    if (tag === "pre" && (hasChildTag(el, "code") || highlighted(el))) return { kind: "excluded", reason: "tag" };
    if (style.iconFont) return { kind: "excluded", reason: "tag" };
    const lang = pageLangOf(el) ?? "";
    // A transcription spells sounds; `zxx` says the text has no language at all (a code, a sample of letters).
    if (TRANSCRIPTION.test(lang) || primarySubtag(lang) === "zxx") return { kind: "excluded", reason: "tag" };
    if (isEditable(el)) return { kind: "excluded", reason: "editable" };
    // A live date stays in place like a site's timestamp: at a passage's edge it is not even a placeholder.
    if (isLiveDate(el) || this.#ticking.has(el)) return { kind: "excluded", reason: "site" };
    if (this.excludes(el)) return { kind: "excluded", reason: "site" };
    return NORMAL;
  }

  excludes(el: Element): boolean {
    return !!this.#exclude && (isMatch(el, this.#exclude) || slottedInto(el, this.#exclude));
  }

  /**
   * The page rewrote `time`, a `<time>` whose markup did not say it was live (isLiveDate): from now on it is one,
   * kept in place and not sent, so its next ticks cost nothing.
   */
  keepDate(time: Element): void {
    this.#ticking.add(time);
  }

  /** Whether a shadow host's loose text shows inside a part the site's rules (or the reader) leave out. */
  slottedAway(text: Text): boolean {
    return !!this.#exclude && slottedInto(text, this.#exclude);
  }

  /**
   * What the element's `lang` says: "target" when it is the target language or one the reader reads (a declared
   * language is never detected, collect/page-language.ts), "other" for another language, "unknown" when it names no
   * language (`und`, `zxx`, see namesLanguage: the text is then detected), null when it says nothing. Like
   * translate="no"/"yes", it holds below the element until a `lang` below says otherwise:
   * a German quote in an English article is translated into English, the article is not.
   * Only languages marked inside the page count: a page-wide lang on <html>/<body> is often wrong (old Reddit says
   * lang="en" on r/de), so the page as a whole is left to language detection. Gloss's own mark on what it
   * translated is not the page's declaration (write/own-lang.ts), nor is a copy the page made of it.
   */
  langFlag(el: Element): "target" | "other" | "unknown" | null {
    const tag = tagOf(el);
    const lang = tag === "html" || tag === "body" ? null : pageLangOf(el);
    if (!lang || (lang === this.targetLang && this.#copiedMark(el))) return null;
    // `und` inside a lang="en" block says the text is not known to be English: it must not take the block's language.
    if (!namesLanguage(lang)) return "unknown";
    return oneOf(lang, this.#reads) ? "target" : "other";
  }

  /** "no" for translate="no" / class notranslate, "yes" for translate="yes", null when the element does not say. */
  translateFlag(el: Element): "no" | "yes" | null {
    const attr = attrOf(el, "translate");
    if (attr !== null) {
      const v = attr.trim().toLowerCase();
      if (v === "no") return "no";
      if (v === "yes" || v === "") return "yes";
    }
    if (hasClass(el, "notranslate")) return "no";
    return null;
  }

  /** A custom element the site says is formatting inside a sentence (SiteRules.inline). */
  inlineCustom(el: Element): boolean {
    return this.#inline !== null && tagOf(el).includes("-") && isMatch(el, this.#inline);
  }

  /** The element whose translation the attribute repeats (SiteRules.derivedLabels), or null for any other. */
  labelSource(el: Element, name: string): Element | null {
    for (const d of this.#derived) {
      if (d.attribute !== name || !isMatch(el, d.selector)) continue;
      const from = queryIn(el, d.from);
      if (from) return from;
    }
    return null;
  }

  /** The element around `node` that a derived label repeats, if any (its original text is kept while it is whole). */
  sourceAround(node: Element): Element | null {
    return this.#sources === null ? null : closestOf(node, this.#sources);
  }

  included(el: Element): boolean {
    return this.#include !== null && isMatch(el, this.#include);
  }

  /** Whether an element's own attributes may be translated (textarea content is excluded, its placeholder is not). */
  attributesAllowed(el: Element, kind: ElementKind): boolean {
    if (kind.kind === "normal") return true;
    return kind.kind === "excluded" && kind.reason === "tag" && tagOf(el) === "textarea";
  }
}

function hasChildTag(el: Element, tag: string): boolean {
  for (let c = el.firstElementChild; c; c = c.nextElementSibling) if (tagOf(c) === tag) return true;
  return false;
}

/**
 * A `<pre>` whose text a highlighter cut into classed tokens without a `<code>` (Pygments on Wikipedia and in
 * Sphinx, Prettify, highlight.js run on the `pre`, GeSHi): code, like `<pre><code>`. Tokens hold most of such a
 * text; prose in a `<pre>` may have a few classed spans too (an RFC's section headings and page headers and footers,
 * datatracker.ietf.org), but most of its text is outside them.
 */
function highlighted(pre: Element): boolean {
  let tokens = 0;
  let inTokens = 0;
  for (let c = pre.firstElementChild; c; c = c.nextElementSibling) {
    if (tagOf(c) !== "span" || !hasAttr(c, "class")) continue;
    tokens++;
    inTokens += visibleLength(c.textContent);
  }
  return tokens >= 2 && inTokens * 2 >= visibleLength(pre.textContent);
}

/** Characters other than white space. */
function visibleLength(text: string | null): number {
  return (text ?? "").replace(/\s+/g, "").length;
}

export function isEditable(el: Element): boolean {
  const attr = attrOf(el, "contenteditable");
  if (attr !== null && attr.toLowerCase() !== "false") return true;
  // A designMode document is editable throughout. Otherwise editability comes down from an element with the
  // attribute, which the walks check on every ancestor. Not `isContentEditable`: it tells the same, but Chromium
  // first makes sure style is current all along the element's ancestors, so asked of every element of a walk it
  // costs depth × elements (4 s on a page 2,000 elements deep).
  return designed(documentOf(el));
}

/**
 * Whether `node` lies in editable content now (an element at or above it, through shadow roots, is editable), as a
 * walk from the top would find it: what the reader may edit and send is never written into.
 */
export function inEditable(node: Node): boolean {
  let el = isElement(node) ? node : composedParentElement(node);
  if (el && designed(documentOf(el))) return true;
  // Asked at every write: the browser's own search for the attribute, not a look at each ancestor (a page thousands
  // of levels deep).
  while (el) {
    const marked = closestOf(el, "[contenteditable]");
    if (marked && isEditable(marked)) return true;
    const root = marked ? null : rootOf(el);
    el = marked ? composedParentElement(marked) : isShadowRoot(root) ? root.host : null;
  }
  return false;
}

/** The context a walk carries down the tree. */
export interface WalkContext {
  /** Inside translate="no" / .notranslate without a translate="yes" below it. */
  noTranslate: boolean;
  /** Inside an element whose `lang` is the target language, without another language declared below it. */
  inTarget: boolean;
  /** Inside an element matching the site's include selectors (always true when there are none). */
  included: boolean;
  /** Whitespace is significant. */
  pre: boolean;
}

export function isTranslatable(ctx: WalkContext): boolean {
  return ctx.included && !ctx.noTranslate && !ctx.inTarget;
}

export function childContext(rules: Rules, el: Element, ctx: WalkContext, pre: boolean): WalkContext {
  const flag = rules.translateFlag(el);
  const noTranslate = flag === "no" ? true : flag === "yes" ? false : ctx.noTranslate;
  const lang = rules.langFlag(el);
  const inTarget = lang === "target" ? true : lang === "other" || lang === "unknown" ? false : ctx.inTarget;
  const included = ctx.included || rules.included(el);
  if (noTranslate === ctx.noTranslate && inTarget === ctx.inTarget && included === ctx.included && pre === ctx.pre) {
    return ctx;
  }
  return { noTranslate, inTarget, included, pre };
}

/**
 * The context in which `start` is visited, computed from its ancestors (for walks that begin in the middle of the
 * page), or null when an ancestor excludes everything below it.
 */
export function contextAt(
  rules: Rules,
  start: Node,
  style: (el: Element) => StyleInfo,
  parentOf: (n: Node) => Node | null,
): WalkContext | null {
  const chain: Element[] = [];
  for (let n = parentOf(start); n; n = parentOf(n)) if (isElement(n)) chain.push(n);
  let ctx: WalkContext = { noTranslate: false, inTarget: false, included: !rules.hasInclude, pre: false };
  for (let i = chain.length - 1; i >= 0; i--) {
    const el = chain[i] as Element;
    const info = style(el);
    if (rules.classify(el, info).kind !== "normal") return null;
    ctx = childContext(rules, el, ctx, preformatted(el, info, ctx.pre));
  }
  return ctx;
}
