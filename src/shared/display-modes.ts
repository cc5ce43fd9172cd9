// The two ways a translation is shown. Kept apart from settings.ts so the content script's message protocol does not
// pull the settings validators (and the public-suffix list behind them) into every page.

/** Replace the page's text, or keep it and show the translation after each passage (bilingual view). */
export type DisplayMode = "replace" | "bilingual";

export const DISPLAY_MODES: readonly DisplayMode[] = ["replace", "bilingual"];
