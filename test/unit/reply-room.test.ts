// Room for the reply, by the language it is written in: a translation into Greek or Hindi takes more of Gemma's tokens
// than its source (about 1.7 × an English source's estimate, 2.5 × a Chinese one's), into Chinese fewer. The
// translator's check before asking (llm/request-body.ts) and the batch limit (connection/capacity.ts) reckon the reply
// by its target, so a batch sent as it is gets the whole of its translation back from the first request: the real
// translations of the parallel samples (helpers/parallel-samples.ts), counted by Gemma's own tokenizer, fit the reply
// limit the request carries. Before, the reply was reckoned at 1.5 × the source whatever the target: on a small slot
// the end of a batch into Greek was cut off and asked again alone.

import "../helpers/fake-extension"; // the background modules read the extension API as they load
import { contentConfigFor } from "../../src/background/content-config";
import { saveSettings } from "../../src/background/settings-store";
import { batchCharsFor } from "../../src/connection/capacity";
import type { TranslationService } from "../../src/connection/translation-service";
import { wrapSegments } from "../../src/llm/markers";
import { readProps } from "../../src/llm/server-info";
import { estimateTokens } from "../../src/llm/tokens";
import { replyRatio } from "../../src/shared/reply-ratio";
import { weightedLength } from "../../src/shared/script-weight";
import { DEFAULTS } from "../../src/shared/settings";
import type { Segment } from "../../src/shared/translator";
import { createSessionConfigSource } from "../../src/userscript/session-config";
import { gemmaTokens, SAMPLES } from "../helpers/parallel-samples";
import { bodiesFor, llamaBodies } from "../helpers/request-bodies";

const LANGUAGES = Object.values(SAMPLES);

/** The source's two parallel texts as a batch of two segments. */
const batchOf = (texts: string[]): Segment[] => texts.slice(0, 2).map((html, i) => ({ id: `s${i}`, html }));

/** The reply's tokens: the target's two texts with their markers, as the model writes them back. */
const replyTokens = (texts: string[]): number => gemmaTokens(wrapSegments(texts.slice(0, 2)));

describe.each(LANGUAGES.map((target) => [target.lang, target] as const))("into %s", (targetLang, target) => {
  const sources = LANGUAGES.filter((source) => source !== target);

  test("its reply ratio is what its translations need at most, and at most a third more (but into Latin scripts)", () => {
    const needs = sources.map((source) =>
      Math.max(
        ...[0, 1].map(
          (i) => replyTokens([target.texts[i] as string]) / estimateTokens(wrapSegments([source.texts[i] as string])),
        ),
      ),
    );
    const heaviest = Math.max(...needs);
    expect(replyRatio(targetLang)).toBeGreaterThanOrEqual(heaviest);
    expect(replyRatio(targetLang)).toBeLessThanOrEqual(Math.max(1.5, heaviest * 1.3));
  });

  test("on the smallest slot that takes a batch unsplit, the reply limit holds its whole translation", () => {
    const cut = sources.flatMap((source) => {
      const segs = batchOf(source.texts);
      const opts = { targetLang, sourceLang: source.lang, signal: new AbortController().signal };
      let context = 256;
      while (bodiesFor(context).tooBig(segs, opts)) context += 8;
      const room = bodiesFor(context).request(segs, opts, 1).body.max_tokens as number;
      const needs = replyTokens(target.texts);
      return room < needs ? [{ from: source.lang, context, room, needs }] : [];
    });
    expect(cut).toEqual([]);
  });

  test("on a large slot, and with no slot size known, the reply limit holds a full batch's translation", () => {
    const cut = sources.flatMap((source) =>
      [0, 1].flatMap((i) => {
        // One text as often as the largest batch (1,500, weighed by script) holds it, and its translation as often.
        const times = Math.floor(1500 / weightedLength(source.texts[i] as string));
        const repeat = (texts: string[]): string[] => Array<string>(times).fill(texts[i] as string);
        const segs = repeat(source.texts).map((html, n) => ({ id: `s${n}`, html }));
        const opts = { targetLang, sourceLang: source.lang, signal: new AbortController().signal };
        const large = bodiesFor(8192).request(segs, opts, 1).body.max_tokens as number;
        const unknown = llamaBodies().request(segs, opts, 1).body.max_tokens as number;
        const needs = gemmaTokens(wrapSegments(repeat(target.texts)));
        return Math.min(large, unknown) < needs ? [{ from: source.lang, text: i, large, unknown, needs }] : [];
      }),
    );
    expect(cut).toEqual([]);
  });
});

test("batches into English or German are at least as large as before; into a language whose replies need more, smaller", () => {
  // 146 and 760 before the limit reckoned each target's own prompt (connection/capacity.ts), not the longest one's.
  for (const target of ["en", "de", "fr", "en-GB"]) {
    const limits = [512, 1024, 2048].map((context) => batchCharsFor(context, target));
    expect(limits).toEqual([expect.any(Number), expect.any(Number), 1500]);
    expect(limits[0]).toBeGreaterThanOrEqual(146);
    expect(limits[1]).toBeGreaterThanOrEqual(760);
  }
  expect(batchCharsFor(1024, "el")).toBeLessThan(batchCharsFor(1024, "en"));
  expect(batchCharsFor(undefined, "el")).toBe(1500);
});

describe("the batch limit a page is given follows its target language", () => {
  const capacity = { slots: 2, contextSize: 1024 };

  test("in the extension", async () => {
    const service = { capacity: async () => capacity } as unknown as TranslationService;
    const limits: number[] = [];
    for (const targetLang of ["el", "en"]) {
      await saveSettings({ baseUrl: "http://127.0.0.1:8080", targetLang, maxBatchChars: 0, maxConcurrent: 0 });
      limits.push((await contentConfigFor(service, "https://example.com/")).maxBatchChars);
    }
    expect(limits).toEqual([batchCharsFor(1024, "el"), batchCharsFor(1024, "en")]);
    expect(limits[0]).toBeLessThan(limits[1]!);
  });

  test("in the userscript", async () => {
    const limits: number[] = [];
    for (const targetLang of ["el", "en"]) {
      const getConfig = createSessionConfigSource({
        loadSettings: async () => ({ ...DEFAULTS, baseUrl: "http://127.0.0.1:8080", targetLang }),
        capacity: async () => capacity,
        uiLanguage: "en-US",
      });
      limits.push((await getConfig()).maxBatchChars);
    }
    expect(limits).toEqual([batchCharsFor(1024, "el"), batchCharsFor(1024, "en")]);
    expect(limits[0]).toBeLessThan(limits[1]!);
  });
});

test("the batch limit a page is given leaves room for the reader's own instructions, which go with every request", async () => {
  const service = { capacity: async () => ({ slots: 2, contextSize: 1024 }) } as unknown as TranslationService;
  const customInstructions = "Use a formal register and keep every name of a law or programme in the original. ".repeat(
    3,
  );
  const limits: number[] = [];
  for (const instructions of ["", customInstructions]) {
    await saveSettings({
      baseUrl: "http://127.0.0.1:8080",
      targetLang: "en",
      maxBatchChars: 0,
      maxConcurrent: 0,
      customInstructions: instructions,
    });
    limits.push((await contentConfigFor(service, "https://example.com/")).maxBatchChars);
  }
  expect(limits[1]).toBe(batchCharsFor(1024, "en", { glossary: [], instructions: customInstructions.trim() }));
  expect(limits[1]).toBeLessThan(limits[0]! - 100);
});

describe("a server started with a reply limit of its own (llama-server -n 256)", () => {
  const props = {
    default_generation_settings: { params: { n_predict: 256, max_tokens: 256 }, n_ctx: 8192 },
    total_slots: 1,
  };
  const segs: Segment[] = Array.from({ length: 12 }, (_, i) => ({ id: `s${i}`, html: SAMPLES.English!.texts[i % 2]! }));
  const opts = { targetLang: "de", sourceLang: "en", signal: new AbortController().signal };

  test("is read from /props, and a batch whose reply cannot fit it is split before asking, not cut", () => {
    const info = readProps(props);
    expect(info).toMatchObject({ contextSize: 8192, replyTokens: 256 });
    const bodies = llamaBodies(info);
    // Before, the whole batch went: its reply was cut at 256 tokens, and every segment after the cut asked again alone.
    expect(bodies.tooBig(segs, opts)).toBe(true);
    expect(bodies.tooBig(segs.slice(0, 2), opts)).toBe(false);
  });

  test("with no limit (-1, llama-server's default) a batch is judged by the slot alone", () => {
    const info = readProps({ ...props, default_generation_settings: { params: { n_predict: -1 }, n_ctx: 8192 } });
    expect(info?.replyTokens).toBeUndefined();
    const bodies = llamaBodies(info);
    expect(bodies.tooBig(segs, opts)).toBe(false);
  });
});
