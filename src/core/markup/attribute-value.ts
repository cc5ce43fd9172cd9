// An attribute value as a plain-text segment. A tooltip's line breaks show (HTML draws a `title` holding line feeds as
// several lines, and a text area's `placeholder` too), so they travel and come back; elsewhere white space is one
// space, as in text.

import { encodeLines, encodePlain } from "./encode";

const LINED: ReadonlySet<string> = new Set(["title", "placeholder"]);

export function encodeValue(name: string, value: string): { html: string; lead: string; trail: string } {
  return LINED.has(name) ? encodeLines(value) : encodePlain(value);
}
