// Language tag helpers. Only the primary subtag matters for "is this already in the target language":
// an en-GB page does not need translating into en-US.

export function primarySubtag(tag: string | null | undefined): string {
  return (tag ?? "").trim().toLowerCase().split(/[-_]/)[0] ?? "";
}

export function sameLanguage(a: string | null | undefined, b: string | null | undefined): boolean {
  const pa = primarySubtag(a);
  return pa !== "" && pa !== "und" && pa === primarySubtag(b);
}

/** Below this many letters a detector guesses; skip detection and translate. */
export const MIN_LETTERS_FOR_DETECTION = 20;

export function countLetters(text: string, stopAt = Infinity): number {
  let n = 0;
  for (const _ of text.matchAll(/\p{L}/gu)) if (++n >= stopAt) break;
  return n;
}
