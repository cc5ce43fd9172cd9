// A name the user wrote stays that name after translation. It goes to the model as a placeholder and comes back
// whole, but the model may set a word right against it: Chinese and Japanese write no spaces (`谢谢<x1></x1>的`), and
// Hungarian adds its endings with a hyphen (`<x1></x1>-nak`). `谢谢@Max` is no mention to Mastodon, XenForo or
// WoltLab, and `@Max的` or `@Max-nak` names another member: the one the user named would not be notified. A space
// goes back between such a name and the word, as often as the translation has the name less often than the user's
// text and glued more often.
import type { ReplySyntax } from "../sites/site-adapter";
import { FEDIVERSE_NAME_AT } from "./fediverse-names";
import { forumMentionAt } from "./forum-mentions";

/** What a name cannot follow and still be one (as FEDIVERSE_NAMES reads it); two code units hold any character. */
const GLUE_BEFORE = /[\p{L}\p{M}\p{N}_/=]$/u;

type NameAt = (rest: string) => string | undefined;

/** The names each syntax writes: the fediverse's mentions, hashtags and communities; a forum member's mention. */
const NAME_AT: Readonly<Record<ReplySyntax, NameAt>> = {
  markdown: (rest) => FEDIVERSE_NAME_AT.exec(rest)?.[0],
  bbcode: forumMentionAt,
};

const gluedBefore = (text: string, at: number) => at > 0 && GLUE_BEFORE.test(text.slice(Math.max(0, at - 2), at));

/** Every name in `text` where a word starts, once each. */
function namesIn(text: string, nameAt: NameAt): Set<string> {
  const names = new Set<string>();
  for (let at = 0; at < text.length; at++) {
    if (!"@#!".includes(text[at]!) || gluedBefore(text, at)) continue;
    const name = nameAt(text.slice(at));
    if (!name) continue;
    names.add(name);
    at += name.length - 1;
  }
  return names;
}

interface Occurrence {
  at: number;
  /** A word stands right before it, or right after it and reads as part of it. */
  before: boolean;
  after: boolean;
}

/** Where `name`'s characters stand in `text`, and which of them a word glues to. */
function occurrences(text: string, name: string, nameAt: NameAt): Occurrence[] {
  const found: Occurrence[] = [];
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    found.push({ at, before: gluedBefore(text, at), after: nameAt(text.slice(at)) !== name });
  }
  return found;
}

const isGlued = (o: Occurrence) => o.before || o.after;

/** `translation` with a space between each name of `source` and the word the model glued to it. */
export function spacedNames(source: string, translation: string, syntax: ReplySyntax): string {
  const nameAt = NAME_AT[syntax];
  let text = translation;
  for (const name of namesIn(source, nameAt)) {
    const theirs = occurrences(source, name, nameAt);
    const ours = occurrences(text, name, nameAt);
    const count = (all: Occurrence[], glued: boolean) => all.filter((o) => isGlued(o) === glued).length;
    const lost = Math.min(count(theirs, false) - count(ours, false), count(ours, true) - count(theirs, true));
    // From the last one back, so the places found stay where they are.
    const fix = ours.filter(isGlued).slice(0, Math.max(0, lost)).reverse();
    for (const { at, before, after } of fix) {
      text = `${text.slice(0, at)}${before ? " " : ""}${name}${after ? " " : ""}${text.slice(at + name.length)}`;
    }
  }
  return text;
}
