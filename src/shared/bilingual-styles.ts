// How a translation looks under its original in the bilingual view. Kept apart from settings.ts (as display-modes.ts
// is) so the content script and the page engine take the list without the settings validators.

/**
 * quiet: slightly faded, a thin line at its side (the look copies had before there was a choice); plain: like the
 * page's own text; underline: a dashed line in a muted shade of the text's colour; highlight: a soft marker behind
 * it; blur: unreadable until the reader points at it, moves the keyboard focus into it or taps it (learning mode).
 */
export type BilingualStyle = "quiet" | "plain" | "underline" | "highlight" | "blur";

export const BILINGUAL_STYLES: readonly BilingualStyle[] = ["quiet", "plain", "underline", "highlight", "blur"];

/** What the options page and the userscript's dialog call each style. */
export const BILINGUAL_STYLE_LABELS: Readonly<Record<BilingualStyle, string>> = {
  quiet: "Quiet: a little faded, with a thin line at its side",
  plain: "Plain: like the page's own text",
  underline: "Underlined: a dashed line under it",
  highlight: "Highlighted: a soft marker behind it",
  blur: "Blurred until you point at it, tab to it or tap it (for learning)",
};
