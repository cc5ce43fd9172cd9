// What llama-server answers, byte for byte as it sends it (shared/llama-server's transcripts, and its source where no
// transcript caught a case), read the way the user needs it: the right error, no retry that cannot help.
import { createLlmTranslator, type Transport } from "../../src/llm";
import { isFatalError } from "../../src/shared/translator";
import { collect, SEGMENTS } from "../helpers/llm-harness";

const BASE = "http://127.0.0.1:8080";

/** llama-server's answer to a route it has (or a chat request it will not take), as its handlers write errors:
 * `Connection: close`, JSON with key order code, message, type. */
function answering(status: number, body: string): { transport: Transport; chats: () => number } {
  let chats = 0;
  const transport: Transport = async (url) => {
    if (url.endsWith("/chat/completions")) chats++;
    return new Response(body, {
      status,
      headers: { Connection: "close", "Content-Type": "application/json; charset=utf-8", Server: "llama.cpp" },
    });
  };
  return { transport, chats: () => chats };
}

test("a llama-server started with --embeddings (501): the user is told to restart it without, and no passage is asked again", async () => {
  // server.cpp's handle_completions_impl, with the shape of b_metrics_disabled's 501.
  const body =
    '{"error":{"code":501,"message":"This server does not support completions. Start it without `--embeddings`","type":"not_supported_error"}}';
  const { transport, chats } = answering(501, body);
  const results = await collect(createLlmTranslator({ preset: "llama-server", baseUrl: BASE }, transport), SEGMENTS);
  for (const seg of SEGMENTS) {
    const error = (results.get(seg.id) as { error: Parameters<typeof isFatalError>[0] }).error;
    expect(error.message).toBe(
      `The server at ${BASE} does not offer chat completions (HTTP 501), so it cannot translate.`,
    );
    expect(error.fix).toMatch(/without --embeddings/);
    expect(error.detail).toContain("This server does not support completions");
    expect(isFatalError(error)).toBe(true);
  }
  // One request for the batch; each passage alone again would get the same answer.
  expect(chats()).toBe(1);
});
