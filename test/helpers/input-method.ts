// The keys of a reader who types with an input method (Chinese, Japanese, Korean…), in the order browsers send them:
// Chromium and Firefox send the key that takes or drops the word inside the composition, marked isComposing; Safari
// sends it after compositionend, marked only by keyCode 229.

export type ComposingMark = "isComposing" | "keyCode 229";

/** The input method's `key` (Enter takes the word, Escape drops it) in `field`, between compositionstart and its end. */
export function composingKey(
  field: EventTarget,
  key: string,
  mark: ComposingMark,
  init: KeyboardEventInit = {},
): KeyboardEvent {
  const composition = (type: string) =>
    field.dispatchEvent(new CompositionEvent(type, { data: "日本", bubbles: true, composed: true }));
  const press = new KeyboardEvent("keydown", {
    key,
    ...(mark === "isComposing" ? { isComposing: true } : { keyCode: 229 }),
    bubbles: true,
    cancelable: true,
    composed: true,
    ...init,
  });
  composition("compositionstart");
  if (mark === "keyCode 229") composition("compositionend");
  field.dispatchEvent(press);
  if (mark === "isComposing") composition("compositionend");
  return press;
}

/** The reader's own key in `field`, once no word is being composed. */
export function ownKey(field: EventTarget, key: string, init: KeyboardEventInit = {}): KeyboardEvent {
  const press = new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true, composed: true, ...init });
  field.dispatchEvent(press);
  return press;
}

export const COMPOSING_MARKS: ComposingMark[] = ["isComposing", "keyCode 229"];
