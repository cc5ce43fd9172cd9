// A thinking model (the `reasoning` and `reasoning-always` faults): it reasons before it answers, and the reasoning
// spends the same max_tokens as the reply. Where it goes and how a request turns it off follow each server's
// documentation, not a recorded transcript (none of ../shared/llama-server has a thinking model):
// - llama-server streams it apart from the reply as `delta.reasoning_content` (`--reasoning-format`, default auto)
//   and takes `chat_template_kwargs: {"enable_thinking": false}` per request (tools/server/README.md);
// - Ollama's OpenAI route streams it as `delta.reasoning` and takes `reasoning_effort: "none"` (or
//   `reasoning: {effort: "none"}`) as think=false (openai/openai.go);
// - `reasoning-in-reply`: llama-server with `--reasoning-format none` leaves it in `delta.content`, and a chat
//   template that ends its prompt with `<think>` (DeepSeek-R1's distills) leaves only the closing tag in the reply.
import type { Flavor } from "./chat";

/** What the model thinks about, quoting the segments' markers as real reasoning does (think-filter.ts). */
export const REASONING_TEXT =
  "Okay, the user wants this translated. [1] is the first sentence; keep the tags like <a1> around the same words. " +
  "Let me check the meaning of each part before I write it, and keep the markers as they are. [/] closes a segment. " +
  "The register is neutral, news style. I should not add any explanation, only the translation with its markers.";

/** The field a flavor's stream carries reasoning in. */
export const reasoningField = (flavor: Flavor): string => (flavor === "ollama" ? "reasoning" : "reasoning_content");

/** Whether the request asked a model that can stop thinking not to think. */
export function thinkingTurnedOff(body: Record<string, unknown>, flavor: Flavor): boolean {
  if (flavor === "ollama") {
    const effort = body.reasoning_effort ?? (body.reasoning as { effort?: unknown } | undefined)?.effort;
    return effort === "none";
  }
  const kwargs = body.chat_template_kwargs as { enable_thinking?: unknown } | undefined;
  return kwargs?.enable_thinking === false;
}
