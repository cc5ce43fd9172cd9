// A site that limits a post's length shows a counter beside its compose box (Mastodon: what is left of the server's
// 500 characters): a translation longer than the reader's text can pass it, and the site then will not post it
// (Mastodon's Publish does nothing). The card says by how much, where the counter is one Gloss knows.
import { besideField } from "./beside-field";

/** The card's line when the box's text is over the site's limit, as its counter says; else undefined. */
export function overLimitNote(field: Element): string | undefined {
  const left = besideField(field, (adapter) => adapter.charactersLeft?.(field));
  if (typeof left !== "number" || !(left < 0)) return undefined;
  const over = -left;
  return `It is ${over} character${over === 1 ? "" : "s"} over this site's limit, as the counter beside the box says: shorten it before you post.`;
}
