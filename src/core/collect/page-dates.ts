// Dates the page's script keeps rewriting (relative times): told by their markup, kept in place and never sent, like
// a site's names and timestamps.

import { isElement, hasAttr, tagOf, parentElementOf, closestOf, hasClass } from "../dom";

/**
 * A relative time ("vor 2 Minuten") is rewritten by the page's script as time passes: sent, each tick would take its
 * passage back from the reader and send it again, and its translation is stale within a minute. What a date says is
 * in its numbers, its full form in its `datetime` and tooltip. GitHub's elements (its `local-time` writes a date in
 * the reader's own locale) and new Reddit's.
 */
const LIVE_TAGS = new Set(["relative-time", "time-ago", "time-until", "local-time", "faceplate-timeago"]);

/** timeago.js and jQuery timeago's conventional class, and sites' own: old Reddit's, Discourse's. */
const LIVE_CLASSES = ["timeago", "time-ago", "live-timestamp", "relative-time", "relative-date"];

/** `datetime` on an edit mark says when the edit was made: what it holds is prose. */
const EDIT_MARKS = new Set(["ins", "del"]);

/**
 * Whether the markup says the page writes `el` as a live date: one of the elements above, a class above, Livestamp's
 * `data-livestamp`, or `datetime` where HTML gives it no meaning (timeago.js reads it from any element). Not a bare
 * `<time>`: most (a post's "12. Mai 2024") never change and read better translated; one that ticks is found as it
 * does (Rules.keepDate).
 */
export function isLiveDate(el: Element): boolean {
  const tag = tagOf(el);
  if (LIVE_TAGS.has(tag) || hasAttr(el, "data-livestamp")) return true;
  if (LIVE_CLASSES.some((name) => hasClass(el, name))) return true;
  return tag !== "time" && !EDIT_MARKS.has(tag) && hasAttr(el, "datetime");
}

/** The `<time>` that holds `node` (or is it), which the page has just changed; null elsewhere. */
export function timeAround(node: Node): Element | null {
  const el = isElement(node) ? node : parentElementOf(node);
  return closestOf(el, "time");
}
