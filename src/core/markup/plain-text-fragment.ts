// A reply that cannot hold markup, made into the fragment DOMPurify's parse would give back, without parsing it: the
// DOMParser document DOMPurify makes for each reply was the content script's largest single cost while writing
// (old-Reddit thread in Chromium, ~300 documents a page), and most passages come back as text alone.

/** What the HTML parser reads as anything but text (markup, references, newlines it rewrites, characters it drops). */
const NOT_PLAIN = /[<&\r\0\f\uFEFF]/;
/** The whitespace the parser drops before the body starts, which DOMPurify puts back as a text node of its own. */
const LEADING = /^[\t\n ]+/;
/** Blink splits a parsed text this long into several nodes: left to the parser. */
const MAX_PLAIN = 65536;

import { implOf } from "../dom";

const inertDocs = new WeakMap<Window, Document>();

/** An inert document of the window's, for fragments no page script sees (made once). */
function inertDoc(win: Window): Document {
  let doc = inertDocs.get(win);
  if (!doc) {
    doc = implOf(win.document).createHTMLDocument("");
    inertDocs.set(win, doc);
  }
  return doc;
}

/**
 * `text` as DOMPurify returns it (RETURN_DOM_FRAGMENT, nothing removed): its leading whitespace, then the rest, each a
 * text node. Null when the text needs the parser.
 */
export function plainTextFragment(win: Window, text: string): DocumentFragment | null {
  if (!text || text.length >= MAX_PLAIN || NOT_PLAIN.test(text)) return null;
  const doc = inertDoc(win);
  const fragment = doc.createDocumentFragment();
  const lead = LEADING.exec(text)?.[0] ?? "";
  if (lead) fragment.append(doc.createTextNode(lead));
  if (lead.length < text.length) fragment.append(doc.createTextNode(text.slice(lead.length)));
  return fragment;
}
