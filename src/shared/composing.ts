// Whether a key press belongs to an input method (Chinese, Japanese, Korean…) composing a word: its Enter takes the
// word, its Esc drops it, its Tab may step through the candidates, so none of them is Gloss's to act on.

/**
 * `isComposing` while a word is being composed (Chromium, Firefox); keyCode 229 where the key went to the input method
 * without it: Safari sends the Enter that takes the word after compositionend, and Chromium the key that starts one.
 */
export function isComposing(event: KeyboardEvent): boolean {
  return event.isComposing || event.keyCode === 229;
}
