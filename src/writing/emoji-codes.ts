// Emoji shortcodes in what the user writes (`:smile:`, `:+1:`, `:thinking_face:`, Discourse's skin tone
// `:wave:t3:`): Discourse, GitHub, Mastodon and Lemmy show each as its emoji, and translated (`:lächeln:`) it shows
// as words. Both encoders keep one as an opaque placeholder. Only a whole token counts: `12:30:45`, `fe80::1:2`,
// `std::vector` and `https://` hold none.

/** One code or several side by side (`:smile::+1:`): a name of letters, digits, `_`, `+` and `-`, not of signs alone. */
const CODES = /^(?::(?=[A-Za-z0-9_+-]*[A-Za-z0-9])[A-Za-z0-9_+-]+:(?:t[1-6]:)?)+/;
/** What a code may not touch on either side: it would be part of a word, a number, a time or an address. */
const JOINED = /[\p{L}\p{M}\p{N}_:]/u;

/** The shortcodes at the start of `rest`, where `before` (the character before it, if any) does not join them. */
export function emojiCodesAt(rest: string, before: string | undefined): string | undefined {
  if (rest[0] !== ":" || (before !== undefined && JOINED.test(before))) return undefined;
  const codes = CODES.exec(rest)?.[0];
  return codes && !JOINED.test(rest[codes.length] ?? "") ? codes : undefined;
}
