// A forum member named in a BBCode reply: `@Max`, or a name with spaces in quotes (`@'Max Mustermann'`, as WoltLab
// writes it, `@"Max Mustermann"`). XenForo and WoltLab turn it into a mention when the post is saved, which notifies
// that member: translated, it names someone else or nobody. An unquoted `@Max Mustermann` keeps `@Max` only: where
// a name ends is known to the forum's member list, not to the text (`@Max Danke` is a name and a word).
import { FEDIVERSE_NAME_AT } from "./fediverse-names";

/** A quoted name: on one line, short, no tags in it. */
const QUOTED_NAME = String.raw`@(?:"[^"\n[\]]{1,50}"|'[^'\n[\]]{1,50}')`;
const QUOTED = new RegExp(`^${QUOTED_NAME}`);

/** Every quoted name in a text, where a word starts (as fediverse-names.ts reads the unquoted ones). */
export const QUOTED_MENTIONS = new RegExp(`(?<![\\p{L}\\p{M}\\p{N}_/=])${QUOTED_NAME}`, "gu");

/** The mention at the start of `rest` (the caller checks that a word starts there: `max@example.com` holds none). */
export function forumMentionAt(rest: string): string | undefined {
  if (!rest.startsWith("@")) return undefined;
  return (QUOTED.exec(rest) ?? FEDIVERSE_NAME_AT.exec(rest))?.[0];
}
