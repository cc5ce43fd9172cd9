// The context a server names when it refuses a request as too long, in each server's words.
import { contextSizeOf } from "../../src/llm/context-size";

test.each([
  [
    "llama-server's field",
    {
      message: "request (3633 tokens) exceeds the available context size (1024 tokens), try increasing it",
      n_ctx: 1024,
    },
    1024,
  ],
  [
    "llama-server's message alone",
    { message: "request (3633 tokens) exceeds the available context size (4096 tokens), try increasing it" },
    4096,
  ],
  [
    "vLLM and OpenAI",
    {
      message:
        "This model's maximum context length is 2048 tokens. However, you requested 2101 tokens (1933 in the messages, 168 in the completion).",
    },
    2048,
  ],
  [
    "LM Studio",
    {
      message:
        "Trying to keep the first 2398 tokens when context the overflows. However, the model is loaded with context length of only 2048 tokens, which is not enough.",
    },
    2048,
  ],
  ["a message without a number", { message: "the input length exceeds the context length" }, undefined],
])("%s", (_, error, expected) => {
  expect(contextSizeOf(error)).toBe(expected);
});
