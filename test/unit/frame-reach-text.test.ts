// What the top page says when the selection or text box the user asked for is in a frame of a site Gloss may not
// enter: the site, and the way to let Gloss in that fits what they asked for.
import { frameOutOfReachText, SELECTION_IN_FRAME_FROM_TOP } from "../../src/shared/frame-reach-text";

it("a selection in a refused frame names the site and the menu item to choose again", () => {
  const { message, note } = frameOutOfReachText("disqus.com", "refused", "selection");
  expect(message).toBe(
    "Gloss may not reach your selection: it is in a frame from disqus.com, another site embedded in this page.",
  );
  expect(note).toMatch(/You did not allow Gloss on disqus\.com\..*“Translate selection” again/);
});

it("a text box keeps its own words", () => {
  const { message, note } = frameOutOfReachText("disqus.com", "unasked", "writing");
  expect(message).toBe(
    "Gloss may not reach this text box: it belongs to disqus.com, another site embedded in this page.",
  );
  expect(note).toBe(
    "To allow it, right-click in the box, choose “Translate what I wrote” again and allow Gloss on disqus.com when your browser asks.",
  );
});

it("a granted site that still kept Gloss out says to reload", () => {
  expect(frameOutOfReachText("disqus.com", "granted", "selection")).toEqual({
    message:
      "Gloss could not get into the frame your selection is in, from disqus.com, another site embedded in this page.",
    note: "Reload the page and try again.",
  });
});

it("a selection in a frame, asked for from the popup or the shortcut, is not said to come from the shortcut only", () => {
  // The popup's Translate selection reaches the top frame as the shortcut does; the reader just clicked the button.
  expect(SELECTION_IN_FRAME_FROM_TOP).toBe(
    "Gloss's button and shortcut cannot reach a selection inside another site's frame. Right-click the selection and choose “Translate selection” instead.",
  );
});
