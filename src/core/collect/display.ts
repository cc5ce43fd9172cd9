// Computed `display` decides what a translation unit is (Firefox's rule: inline content belongs to its parent's unit).
// getComputedStyle is the expensive part of collection, so each element is looked up at most once per pass.
// jsdom (and a browser, for elements outside the flat tree) may return an empty value; a tag table fills that gap,
// but a real computed value always wins: `<span style="display:block">` is a block. Computed `direction` is read in
// the same pass: it is the only sure word on which way a unit's text runs (a page may set it in CSS alone, with no
// `dir`), and read here it costs no style recalculation, where a read at write time would force one per write.

import { tagOf, hasAttr } from "../dom";
import { clippedAway } from "./screen-reader-only";

const BLOCK_TAGS = new Set([
  "address",
  "article",
  "aside",
  "blockquote",
  "body",
  "caption",
  "center",
  "dd",
  "details",
  "dialog",
  "dir",
  "div",
  "dl",
  "dt",
  "fieldset",
  "figcaption",
  "figure",
  "footer",
  "form",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hgroup",
  "hr",
  "html",
  "legend",
  "li",
  "main",
  "menu",
  "nav",
  "ol",
  "optgroup",
  "option",
  "p",
  "pre",
  "section",
  "summary",
  "table",
  "tbody",
  "td",
  "tfoot",
  "th",
  "thead",
  "tr",
  "ul",
  // Replaced or form controls lay out as boxes of their own.
  "button",
  "select",
  "textarea",
  "input",
  "video",
  "audio",
  "canvas",
  "iframe",
]);

/** Never rendered, whatever their style: their text is never shown (collect/rules.ts, lookup/shown-text.ts). */
export const HIDDEN_TAGS = new Set([
  "head",
  "script",
  "style",
  "template",
  "noscript",
  "title",
  "meta",
  "link",
  "base",
]);

export interface StyleInfo {
  display: string;
  /** Computed `white-space`, or "" when unknown (then it is inherited from the parent, see preformatted()). */
  whiteSpace: string;
  /** Computed `direction`, or "" when unknown (jsdom gives only a value set on the element itself). */
  direction: string;
  /** Set in a ligature icon font: its text is the names of icons ("home", "search"), drawn as pictures. */
  iconFont: boolean;
  /** How the element lays out its children, read in the same pass (see Lineup). */
  lineup: Lineup;
  /**
   * It cuts its content off below a number of lines (`-webkit-line-clamp`, a feed's title) or a height (`max-height`
   * with hidden overflow): a bilingual copy put in it, below a text that fills it, would not show at all.
   */
  clamps: boolean;
  /** Out of the flow and clipped to nothing: text for screen readers alone (screen-reader-only.ts). */
  clippedAway: boolean;
  /** `position: fixed`: out of every clip but `clip-path` around it (screen-reader-only.ts). */
  fixed: boolean;
}

/**
 * A clamp the page set (a collapsed `max-height: 0` section hides its original too: that is not one). Each property
 * is read only when the ones before leave the answer open: collection reads every element's style, and in Chromium
 * each read of a computed property builds its value afresh.
 */
function clampsOf(style: CSSStyleDeclaration): boolean {
  const lineClamp = style.getPropertyValue("-webkit-line-clamp") || style.getPropertyValue("line-clamp");
  if (lineClamp && lineClamp !== "none") return true;
  // jsdom gives the `overflow` shorthand alone (its second value is the vertical one).
  const overflowY = style.overflowY || (style.overflow.split(/\s+/).pop() ?? "");
  if (!/^(hidden|clip)$/.test(overflowY)) return false;
  const maxHeight = style.maxHeight;
  return !!maxHeight && maxHeight !== "none" && !/^0[a-z]*$/.test(maxHeight);
}

/**
 * How an element lays out what a bilingual copy put in it would be: "flow" (lines and blocks, one under another),
 * or as an item of its grid, of its flex column, of its wrapping flex row, or of its one flex row (where nothing
 * can go below without changing the page's own style). A copy there is an item beside the original otherwise.
 */
export type Lineup = "flow" | "grid" | "column" | "wrap" | "row";

/** The flex properties are read for a flex container alone (see clampsOf). */
function lineupOf(display: string, style: CSSStyleDeclaration): Lineup {
  if (/\bgrid\b/.test(display)) return "grid";
  if (!/\bflex\b/.test(display)) return "flow";
  if (style.flexDirection.startsWith("column")) return "column";
  return style.flexWrap.startsWith("wrap") ? "wrap" : "row";
}

/**
 * Ligature icon fonts draw a word as a picture: `<i class="material-icons">search</i>` is a magnifier. Translated,
 * the word matches no icon and shows as text ("Suche" where the icon was).
 */
const ICON_FONT = /\bmaterial (?:icons|symbols)\b/i;

export function fallbackDisplay(el: Element): string {
  const tag = tagOf(el);
  if (HIDDEN_TAGS.has(tag)) return "none";
  return BLOCK_TAGS.has(tag) ? "block" : "inline";
}

/**
 * Inline within a line: a ruby's base and its annotation (`<rt>`, computed `ruby-text`) are laid out in the line of
 * the text they annotate, so taking them for blocks would cut that line into pieces.
 */
const INLINE_DISPLAYS = new Set([
  "inline",
  "contents",
  "ruby",
  "ruby-base",
  "ruby-text",
  "ruby-base-container",
  "ruby-text-container",
]);

/** Inline for unit purposes: the element's content flows with its siblings' text. */
export function isInlineDisplay(display: string): boolean {
  return INLINE_DISPLAYS.has(display);
}

export class StyleCache {
  readonly #cache = new WeakMap<Element, StyleInfo>();
  readonly #win: Window;

  constructor(win: Window) {
    this.#win = win;
  }

  /** Computed `text-align`, read only where asked (a unit's root, not every element): "" when unknown. */
  textAlign(el: Element): string {
    try {
      return this.#win.getComputedStyle(el).textAlign;
    } catch {
      return "";
    }
  }

  get(el: Element): StyleInfo {
    let info = this.#cache.get(el);
    if (!info) {
      info = this.#compute(el);
      this.#cache.set(el, info);
    }
    return info;
  }

  #compute(el: Element): StyleInfo {
    let display = "";
    let whiteSpace = "";
    let direction = "";
    let iconFont = false;
    let lineup: Lineup = "flow";
    let clamps = false;
    let hidden = false;
    let fixed = false;
    try {
      const style = this.#win.getComputedStyle(el);
      // jsdom leaves an element's display unset unless the page sets it.
      display = style.display || fallbackDisplay(el);
      whiteSpace = style.whiteSpace;
      direction = style.direction;
      iconFont = ICON_FONT.test(style.fontFamily);
      lineup = lineupOf(display, style);
      // An inline box (or `contents`: no box at all) takes no max-height and no line clamp: nothing there to read.
      clamps = !isInlineDisplay(display) && clampsOf(style);
      hidden = clippedAway(style);
      fixed = style.position === "fixed";
    } catch {
      // Elements from another realm or detached ones: fall back to the table (which has no flex or grid).
    }
    if (!display) display = fallbackDisplay(el);
    return { display, whiteSpace, direction, iconFont, lineup, clamps, clippedAway: hidden, fixed };
  }
}

/**
 * Not displayed: computed `display: none`, or the `hidden` attribute (taken at its word even where the page's CSS
 * shows it). Collect skips such an element and looks at it again when its class, style or `hidden` changes.
 */
export function undisplayed(el: Element, style: StyleInfo): boolean {
  return style.display === "none" || hasAttr(el, "hidden");
}

/** Whether an element keeps its whitespace (then encode must not collapse it). */
export function preformatted(el: Element, info: StyleInfo, parentPreformatted: boolean): boolean {
  if (info.whiteSpace) return /^(pre|break-spaces)/.test(info.whiteSpace);
  const tag = tagOf(el);
  return tag === "pre" || tag === "textarea" || tag === "listing" || tag === "plaintext" || parentPreformatted;
}
