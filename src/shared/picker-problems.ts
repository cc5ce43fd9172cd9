// What the reader is told when a page keeps the element picker out, or takes it out while they pick: the extension
// says it in the popup (the badge shows "!"), the userscript in a notification, each naming where to write the part.
/** By how the page got in the way (session/ui-host.ts UiBlockedReason). */
export const PICKER_PROBLEMS: Record<"unverified" | "removed", string> = {
  unverified: "This page keeps Gloss's picker out, so a part cannot be picked on it.",
  removed: "This page took Gloss's picker out while you were picking, so a part cannot be picked on it.",
};

/** Where to name the part instead, after `place` (“on Gloss's options page”). */
export const writeThePart = (place: string): string =>
  `Name the part by a CSS selector ${place}, under “Parts left untranslated”.`;
