// "Test connection" against the llama-server double: what a reader is told when the sample translation does not come
// back in time (the server's slots busy with other requests, or a model too slow for the computer).
import { testConnection } from "../../src/connection/test-connection";
import type { Transport } from "../../src/llm";
import { DEFAULTS } from "../../src/shared/settings";
import { type DoubleHandle, startDouble } from "../double/server";

let double: DoubleHandle;
beforeAll(async () => {
  double = await startDouble({ slots: 1, genTps: 400, promptTps: 4000 });
});
afterAll(() => double.close());

test("a sample that outlasts its time limit says so and what to do, not that it was cancelled", async () => {
  double.hold(); // the one slot takes the sample and answers nothing
  try {
    const report = await testConnection({ ...DEFAULTS, baseUrl: double.url }, "en", { sampleTimeoutMs: 1000 });
    expect(report.ok).toBe(false);
    expect(report.model).toBeDefined(); // the server itself answered: only the sample failed
    expect(report.sample?.error).toEqual({
      message: "The sample translation took longer than 1 s, so Gloss stopped waiting.",
      fix: expect.stringMatching(/busy with requests from other tabs or programs.*wait and test again/),
      kind: "timeout",
    });
  } finally {
    double.release();
  }
});

/** The double behind a chat template that refuses a system message (Gemma's), as llama-server says it. */
function refusingSystem(): { transport: Transport; chats: () => unknown[][] } {
  const sent: unknown[][] = [];
  const transport: Transport = async (url, init) => {
    if (url.endsWith("/chat/completions")) {
      const { messages } = JSON.parse(String(init.body)) as { messages: { role: string }[] };
      sent.push(messages);
      if (messages[0]?.role === "system") {
        const message = "Jinja Exception: System role not supported";
        return new Response(JSON.stringify({ error: { code: 400, message, type: "invalid_request_error" } }), {
          status: 400,
          headers: { "Content-Type": "application/json" },
        });
      }
    }
    return fetch(url, init);
  };
  return { transport, chats: () => sent };
}

test("with instructions in a system message and a template that refuses one, the test fails as every page would", async () => {
  const { transport } = refusingSystem();
  const settings = { ...DEFAULTS, baseUrl: double.url, instructionsInSystem: true };
  const report = await testConnection(settings, "en", { transport });
  expect(report.ok).toBe(false);
  expect(report.sample?.error?.message).toMatch(/chat template/);
  expect(report.sample?.error?.fix).toMatch(/Turn off Send instructions as a system message/);
});

test("the sample goes in the form a page's requests take: the instructions, the markers, the sentence", async () => {
  const { transport, chats } = refusingSystem();
  const report = await testConnection({ ...DEFAULTS, baseUrl: double.url }, "en", { transport });
  expect(report.ok).toBe(true);
  expect(report.sample?.translation).toBeTruthy();
  const [messages] = chats() as { role: string; content: string }[][];
  expect(messages).toHaveLength(1);
  expect(messages![0]!.content).toMatch(
    /Rules:[\s\S]*Segments to translate into English:\n\[1\]Das Wetter[^\n]*\[\/\]$/,
  );
});

test("a slot whose context cannot hold Gloss's instructions and a sentence: said so, not 'this text is too long'", async () => {
  const small = await startDouble({ slots: 1, ctx: 256, genTps: 400, promptTps: 4000 });
  try {
    const report = await testConnection({ ...DEFAULTS, baseUrl: small.url }, "en");
    expect(report.ok).toBe(false);
    expect(report.contextSize).toBe(256);
    expect(report.sample?.error).toEqual({
      message: expect.stringMatching(
        /^The server's context \(256 tokens a slot\) cannot hold Gloss's instructions \(about \d+ tokens\) with a passage and its translation\.$/,
      ),
      fix: expect.stringMatching(/-np 2 -c 16384/),
      kind: "context-overflow",
    });
  } finally {
    await small.close();
  }
});

describe("the reader's own instructions go with the sample, as with every page's request", () => {
  const instructions = "Use a friendly, informal tone and keep sentences short. ".repeat(10).trim();

  test("sent with it", async () => {
    const { transport, chats } = refusingSystem();
    const report = await testConnection({ ...DEFAULTS, baseUrl: double.url, customInstructions: instructions }, "en", {
      transport,
    });
    expect(report.ok).toBe(true);
    const [messages] = chats() as { role: string; content: string }[][];
    expect(messages![0]!.content).toContain(instructions);
  });

  test("a slot that holds the instructions with a sentence but not the reader's as well: said too small", async () => {
    const small = await startDouble({ slots: 1, ctx: 512, genTps: 400, promptTps: 4000 });
    try {
      const settings = { ...DEFAULTS, baseUrl: small.url };
      expect((await testConnection(settings, "en")).ok).toBe(true);
      const report = await testConnection({ ...settings, customInstructions: instructions }, "en");
      expect(report.ok).toBe(false);
      expect(report.sample?.error?.message).toMatch(/^The server's context \(512 tokens a slot\) cannot hold/);
    } finally {
      await small.close();
    }
  });
});
