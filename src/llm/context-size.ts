// The context a server said it has when it refused a request as too long: so the next batches are split (and their
// reply budgets cut) to fit before they are sent, not refused and split again one by one.

/** Wordings that carry the number, where the error has no field for it. */
const SAID = [
  // llama-server: "request (3633 tokens) exceeds the available context size (1024 tokens), try increasing it".
  /available context size \((\d+) tokens\)/i,
  // vLLM and OpenAI: "This model's maximum context length is 2048 tokens. However, …".
  /maximum context length is (\d+) tokens/i,
  // LM Studio: "… However, the model is loaded with context length of only 2048 tokens, which is not enough."
  /context length of (?:only )?(\d+) tokens/i,
];

/** The context size in tokens an overflow error names (llama-server's `n_ctx` field, or its message), if any. */
export function contextSizeOf(error: { message?: unknown; n_ctx?: unknown }): number | undefined {
  const field = error.n_ctx;
  if (typeof field === "number" && Number.isInteger(field) && field > 0) return field;
  const message = typeof error.message === "string" ? error.message : "";
  for (const words of SAID) {
    const n = Number(words.exec(message)?.[1]);
    if (n > 0) return n;
  }
  return undefined;
}
