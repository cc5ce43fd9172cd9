// The DOM event a cut-off content script answers by giving the page back (content/handover.ts): sent by a newer
// content script as it starts work, and by the background for Show original where no script answers.
//
// Its name carries this install's key, which the page cannot know: a page's listener on `window` runs before Gloss's
// (its scripts ran first) and could stop an event it can name, so the old script never gave the page back, or cancel
// it, so the new one took a press for "show the original"; and it could send the event itself, taking a translation
// from the reader after an update. The page cannot list the events it does not listen for, nor read extension
// storage, where the background keeps the key (background/handover-key.ts) and every script reads it as it starts,
// while it still can: a cut-off script keeps the name it listens for.

/** Where extension storage (local) keeps the key. */
export const HANDOVER_KEY = "handoverKey";

export const handoverEvent = (key: string): string => `gloss-handover-${key}`;
