// The DOM event a cut-off content script answers by giving the page back (content/handover.ts): sent by a newer
// content script as it starts work, and by the background for Show original where no script answers.
export const HANDOVER_EVENT = "gloss-handover";
