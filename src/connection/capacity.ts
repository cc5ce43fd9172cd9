// How much to send at once, from what the server says about itself.

/**
 * A batch must fit the server's per-slot context with room for the instructions and the reply (about as long as
 * the source): ~3 characters per token for mixed text and markup; a Chinese, Japanese, Korean or Thai character
 * weighs as a token's worth against it (core/schedule/weighted-length.ts). Capped at 1,500 characters: larger batches
 * only delay the last passages of each request (bench/page.ts), and the page engine already splits the viewport
 * over the free slots.
 */
export function batchCharsFor(contextSize: number | null | undefined): number {
  if (!contextSize) return 1500;
  const promptOverheadTokens = 400;
  const usable = Math.max(256, contextSize - promptOverheadTokens);
  return Math.max(300, Math.min(1500, Math.floor((usable / 2.2) * 3)));
}
