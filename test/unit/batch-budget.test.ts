// The batch limit from the server's context (connection/capacity.ts) against the translator's own check before
// asking (llm/request-body.ts tooBig: the prompt with its instructions, the segments, and room for a reply half as
// long again): a batch the page fills to the limit is sent as it is, from the first request, on any slot size.
// Before, a slot of 512 tokens (llama-server -c 2048 -np 4) got batches of 349 characters, and one of 1,024 tokens
// batches of 850: each was split by the translator, or, a lone paragraph, refused by the server or cut at the slot's end.

import { batchCharsFor } from "../../src/connection/capacity";
import { CONTEXT_HEADING } from "../../src/llm/prompt-rules";
import { estimateTokens } from "../../src/llm/tokens";
import type { Segment } from "../../src/shared/translator";
import { bodiesFor } from "../helpers/request-bodies";

const SENTENCE =
  "The government approved a draft law on Wednesday that revises the subsidies for heat pumps and oil heating. ";

/** A batch of `chars` characters of English, in segments of about `each`. */
function batch(chars: number, each: number): Segment[] {
  const text = SENTENCE.repeat(Math.ceil(chars / SENTENCE.length) + 1).slice(0, chars);
  const segs: Segment[] = [];
  for (let at = 0; at < text.length; at += each) segs.push({ id: `s${at}`, html: text.slice(at, at + each) });
  return segs;
}

const promptOf = (body: Record<string, unknown>): string =>
  (body.messages as { content: string }[]).map((m) => m.content).join("\n");

/** Whether the translator would split (or the server refuse) this batch on a slot of `context` tokens. */
function tooBig(segs: Segment[], context: number, targetLang: string): boolean {
  const bodies = bodiesFor(context);
  // tooBig does not judge a lone segment (it cannot be split): it is judged as the smallest batch holding it.
  const judged = segs.length > 1 ? segs : [...segs, { id: "x", html: "." }];
  return bodies.tooBig(judged, { targetLang, sourceLang: "de", signal: new AbortController().signal });
}

// Slots of -c 2048 -np 4, -c 4096 -np 4, -c 4096 -np 2 and between; targets with the longest worked examples, and
// those whose replies need the most room (shared/reply-ratio.ts).
const TARGETS = ["en", "ja", "fr", "ru", "el", "hi", "ko", "th"];

describe.each([512, 640, 768, 1024, 1536, 2048])("a slot of %i tokens", (context) => {
  test.each(TARGETS)("a batch filled to the limit fits it, translated into %s", (target) => {
    const limit = batchCharsFor(context, target);
    expect(tooBig(batch(limit, limit), context, target)).toBe(false);
    expect(tooBig(batch(limit, 90), context, target)).toBe(false);
  });
});

test.each([512, 640, 768, 1024, 1536])("the limit of a %i-token slot is not far below what fits it", (context) => {
  // A sixth more is too big: small slots are not given batches smaller than they must.
  expect(tooBig(batch(batchCharsFor(context, "en") * 1.2, 90), context, "en")).toBe(true);
});

test("a slot too small for the instructions still gets a limit of a sentence, never 0 or less", () => {
  for (const context of [64, 256, 400]) expect(batchCharsFor(context, "el")).toBeGreaterThanOrEqual(100);
});

describe("a page's context (a thread's title) on a small slot", () => {
  const opts = {
    targetLang: "en",
    sourceLang: "de",
    context:
      "r/heatpumps\nWärmepumpen: Die Regierung ändert die Förderung. Was bedeutet das für Mieter und Eigentümer?",
    signal: new AbortController().signal,
  };

  test("is left out where it and the batch do not fit together: the batch is not split, and its reply has room", () => {
    const segs = batch(batchCharsFor(512, "en"), 90);
    const bodies = bodiesFor(512);
    // With it, every batch was split, and a lone paragraph was refused by the server as too long.
    expect(bodies.tooBig(segs, opts)).toBe(false);
    for (const sent of [segs, batch(batchCharsFor(512, "en"), 1000)]) {
      const { body } = bodies.request(sent, opts, 1);
      expect(promptOf(body)).not.toContain(CONTEXT_HEADING);
      const source = estimateTokens(sent.map((seg) => seg.html).join(""));
      expect(body.max_tokens).toBeGreaterThanOrEqual(1.5 * source);
      expect(estimateTokens(promptOf(body)) + (body.max_tokens as number)).toBeLessThanOrEqual(512);
    }
  });

  test("goes with every request where it fits", () => {
    const segs = batch(batchCharsFor(4096, "en"), 90);
    expect(promptOf(bodiesFor(4096).request(segs, opts, 1).body)).toContain(CONTEXT_HEADING);
    expect(promptOf(bodiesFor(512).request(batch(60, 60), opts, 1).body)).toContain(CONTEXT_HEADING);
  });
});

describe("a glossary on a small slot", () => {
  // Thirty entries, one of them used by the text: the whole list, some 300 prompt tokens, goes while it is short.
  const glossary = [
    { term: "heat pumps", translation: "Wärmepumpen", lang: "", site: "" },
    ...Array.from({ length: 29 }, (_, i) => ({
      term: `Stichwort${i}`,
      translation: `Keyword ${i}`,
      lang: "",
      site: "",
    })),
  ];
  const opts = {
    targetLang: "en",
    sourceLang: "de",
    rules: { glossary, instructions: "" },
    signal: new AbortController().signal,
  };

  test.each([1024, 2048])(
    "keeps to the entries the batch uses where the whole list and a full batch do not fit a %i-token slot",
    (context) => {
      // The limit reckons the rules as the page's config does (content-config.ts).
      const segs = batch(batchCharsFor(context, "en", opts.rules), 90);
      const bodies = bodiesFor(context);
      // Before, every full batch was split in two, each half with the whole list again.
      expect(bodies.tooBig(segs, opts)).toBe(false);
      const { body } = bodies.request(segs, opts, 1);
      expect(promptOf(body)).toContain('"heat pumps"');
      expect(promptOf(body)).not.toContain("Stichwort");
      const source = estimateTokens(segs.map((seg) => seg.html).join(""));
      expect(body.max_tokens).toBeGreaterThanOrEqual(1.5 * source);
    },
  );

  test("goes whole where it fits", () => {
    const segs = batch(batchCharsFor(8192, "en"), 90);
    expect(promptOf(bodiesFor(8192).request(segs, opts, 1).body)).toContain("Stichwort28");
    expect(promptOf(bodiesFor(1024).request(batch(100, 100), opts, 1).body)).toContain("Stichwort28");
  });
});

describe("the prompt a batch limit reckons is the one built for its target and the reader's rules", () => {
  // Every entry occurs in the batch's text, so every one goes with it; the instructions go with every request.
  const used = ["government", "draft law", "Wednesday", "subsidies", "heat pumps", "oil heating"];
  const rules = {
    glossary: [
      ...used.map((term) => ({ term, translation: `${term} (${term.toUpperCase()})`, lang: "", site: "" })),
      ...Array.from({ length: 40 }, (_, i) => ({
        term: `Stichwort${i}`,
        translation: `Keyword ${i}`,
        lang: "",
        site: "",
      })),
    ],
    instructions:
      "Write in a formal register, keep the names of laws and programmes in the original with a translation in " +
      "brackets after them, and write every number as digits with the unit spelt out in full.",
  };

  const fitsWithRules = (segs: Segment[], context: number, targetLang: string): boolean =>
    !bodiesFor(context).tooBig([...segs, { id: "x", html: "." }], {
      targetLang,
      sourceLang: "es-419",
      rules,
      signal: new AbortController().signal,
    });

  describe.each([512, 768, 1024, 2048])("a slot of %i tokens", (context) => {
    test.each(["en", "ja", "pt-BR", "el", "sw", "ko"])(
      "a batch filled to the limit fits it with a glossary and instructions, into %s",
      (target) => {
        const limit = batchCharsFor(context, target, rules);
        // A slot too small for the instructions and a sentence still gets a sentence (the server says why it fails).
        if (limit > 100) expect(fitsWithRules(batch(limit, 90), context, target)).toBe(true);
      },
    );
  });

  test.each(["el", "ko", "sw", "th"])(
    "into %s, whose prompt has no worked example, a small slot's batches are not far below what fits it",
    (target) => {
      for (const context of [512, 768, 1024]) {
        expect(tooBig(batch(batchCharsFor(context, target) * 1.2, 90), context, target)).toBe(true);
      }
    },
  );
});
