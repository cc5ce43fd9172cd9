// What the top page says when the text box or selection the user asked for is in a frame of another site that Gloss
// may not enter (see background/frame-command.ts): which site, and how the user lets Gloss in.
import type { FrameAccess, FrameAsk } from "./messages";

const EMBEDDED = "another site embedded in this page.";

/**
 * What Translate selection says when it reaches the top frame while the selection is in a frame: the popup's button
 * and the shortcut both go there (only the menu knows the frame), so the words name both.
 */
export const SELECTION_IN_FRAME_FROM_TOP =
  "Gloss's button and shortcut cannot reach a selection inside another site's frame. Right-click the selection and choose “Translate selection” instead.";

const WORDS: Record<FrameAsk, { kept: (site: string) => string; mayNot: (site: string) => string; again: string }> = {
  writing: {
    kept: (site) => `Gloss could not get into this text box: it belongs to ${site}, ${EMBEDDED}`,
    mayNot: (site) => `Gloss may not reach this text box: it belongs to ${site}, ${EMBEDDED}`,
    again: "right-click in the box, choose “Translate what I wrote” again",
  },
  selection: {
    kept: (site) => `Gloss could not get into the frame your selection is in, from ${site}, ${EMBEDDED}`,
    mayNot: (site) => `Gloss may not reach your selection: it is in a frame from ${site}, ${EMBEDDED}`,
    again: "right-click the selection, choose “Translate selection” again",
  },
};

/** Why the frame is out of reach (`message`), and what to do about it (`note`). */
export function frameOutOfReachText(
  site: string,
  access: FrameAccess,
  about: FrameAsk,
): { message: string; note: string } {
  const { kept, mayNot, again } = WORDS[about];
  // Allowed, and still kept out: the frame changed since the page loaded, or the browser holds Gloss back there.
  if (access === "granted") return { message: kept(site), note: "Reload the page and try again." };
  // Only the browser's prompt allows one site: Firefox's add-on settings offer Gloss's optional access as one switch
  // for every site.
  return {
    message: mayNot(site),
    note:
      access === "refused"
        ? `You did not allow Gloss on ${site}. To translate there, ${again} and allow it when your browser asks.`
        : `To allow it, ${again} and allow Gloss on ${site} when your browser asks.`,
  };
}
