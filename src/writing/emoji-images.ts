// Emoji and smilies an editor shows as images (XenForo's and phpBB's smilies, Twemoji, Mastodon's custom emoji):
// each stands for the text in its `alt` (`:)`, `👍🏽`, `:ice:`), which is what the reader wrote and what the site
// makes an image of again. A photo's description is no part of what they wrote.

/** An image's class that names it an emoji or a smiley (`emoji`, `emojione`, `smilie`, `smilies`, `smiley`). */
const EMOJI_CLASS = /emoji|smil/i;
/** An emoji's characters only (joiners, variation selectors, skin tones are components), a picture or flag among them. */
const EMOJI_ONLY =
  /^(?=.*[\p{Extended_Pictographic}\p{Regional_Indicator}])[\p{Extended_Pictographic}\p{Emoji_Component}]+$/u;
/** Longer than any shortcode or smiley: a description. */
const MAX_ALT = 40;

/** The text an emoji image stands for; undefined for any other image. */
export function emojiImageText(img: Element): string | undefined {
  const alt = img.getAttribute("alt")?.trim();
  if (!alt || alt.length > MAX_ALT || /\s/.test(alt)) return undefined;
  return EMOJI_ONLY.test(alt) || EMOJI_CLASS.test(img.getAttribute("class") ?? "") ? alt : undefined;
}
