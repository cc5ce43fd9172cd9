// A stand-in tokenizer: deterministic, cheap, roughly Gemma-sized pieces. Prompt sizes use ~4 characters per
// token (what context errors and the prompt cache count); generated text is streamed piece by piece.

const PIECE_RE = /\[\[\/?#\d+\]\]|<\/?[a-z]+\d*>|\s?[\p{L}\p{M}\p{N}]{1,6}|\s?[^\s\p{L}\p{M}\p{N}]|\s+/gu;

/** Splits text into stream pieces; joining them gives the text back exactly. */
export function pieces(text: string): string[] {
  const out = text.match(PIECE_RE) ?? [];
  // The regex covers every character, but be safe: never lose text.
  return out.join("") === text ? out : [...text];
}

export const promptTokens = (text: string): number => Math.ceil(text.length / 4);

const BOS = { id: 1, piece: "<s>" };
const idToPiece = new Map<number, string>();

function idOf(piece: string): number {
  let h = 2166136261;
  for (let i = 0; i < piece.length; i++) h = Math.imul(h ^ piece.charCodeAt(i), 16777619);
  const id = 3 + ((h >>> 0) % 31997);
  idToPiece.set(id, piece);
  return id;
}

export function tokenize(content: string, addSpecial: boolean): { id: number; piece: string }[] {
  // Like SPM: a leading space marks a word start, so the first word gets one too.
  const toks = pieces(content.startsWith(" ") ? content : ` ${content}`).map((p) => ({ id: idOf(p), piece: p }));
  return addSpecial ? [BOS, ...toks] : toks;
}

export function detokenize(ids: number[]): string {
  return ids.map((id) => (id === BOS.id ? "" : (idToPiece.get(id) ?? ""))).join("");
}
