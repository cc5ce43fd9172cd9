// JSON as people write it by hand in an editor (a settings file they changed): comments, a comma before a closing
// bracket and a byte-order mark are taken; anything else must be JSON.

/** A JSON string, escapes and all: what is inside one is never a comment nor a comma to drop. */
const STRING = String.raw`"(?:[^"\\\n]|\\.)*"`;
const COMMENTS = new RegExp(String.raw`(${STRING})|\/\/[^\n]*|\/\*[\s\S]*?\*\/`, "g");
const TRAILING_COMMAS = new RegExp(String.raw`(${STRING})|,(?=\s*[\]}])`, "g");

/** Parses `text` as JSON, else as hand-edited JSON; throws JSON.parse's error for the text without its comments (where
 * it breaks off, not where the first comment is) when it is neither. */
export function parseHandEditedJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const keep = (match: string, string: string | undefined) => string ?? (match.startsWith("/") ? " " : "");
    return JSON.parse(
      text
        .replace(/^\uFEFF/, "")
        .replace(COMMENTS, keep)
        .replace(TRAILING_COMMAS, keep),
    );
  }
}
