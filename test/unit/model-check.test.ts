// The model check (issue #12, item 4) against the double's model profiles: a well-behaved model is "good", the
// small-model profile's slips are named, a hopeless model is "too weak" with advice; speed is measured.
import { judge, runModelCheck } from "../../src/connection/model-check";
import type { LlmConfig, Transport } from "../../src/llm";
import { type DoubleHandle, startDouble } from "../double/server";

jest.setTimeout(30_000);

let double: DoubleHandle;
beforeAll(async () => {
  double = await startDouble({ slots: 1, genTps: 400, promptTps: 4000 });
});
afterAll(() => double.close());
// The profile draws afresh for a sentence the server has seen before (a retry); each check starts as the first.
beforeEach(() => double.reset());

const config = (): LlmConfig => ({ preset: "llama-server", baseUrl: double.url });

/** This request's model profile, as the double takes it (X-Gloss-Profile). */
const withProfile =
  (profile: string): Transport =>
  (url, init) =>
    fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), "X-Gloss-Profile": profile } });

test("a well-behaved model: everything kept, verdict good, speed measured", async () => {
  const check = await runModelCheck(config(), "en", { transport: withProfile("good"), model: "gemma" });
  expect(check).toMatchObject({
    verdict: "good",
    model: "gemma",
    targetLang: "en",
    tags: { kept: 4, total: 4 },
    segments: { kept: 6, total: 6 },
    language: { correct: 6, total: 6 },
  });
  expect(check.advice).toBeUndefined();
  expect(check.tokensPerSecond).toBeGreaterThan(0);
  expect(check.firstTokenMs).toBeGreaterThanOrEqual(0);
});

describe("a thinking model", () => {
  const withFault =
    (fault: string): Transport =>
    (url, init) =>
      fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), "X-Gloss-Fault": fault } });
  const THINKS = /reasons \(“thinks”\) before each reply.*--reasoning off/;

  test("that stops thinking when asked: nothing to say about it", async () => {
    const check = await runModelCheck(config(), "en", { transport: withFault("reasoning") });
    expect(check.verdict).toBe("good");
    expect(check.advice).toBeUndefined();
  });

  test("that thinks anyway: translated, and the advice says every passage waits for its thinking", async () => {
    const fast = await startDouble({ slots: 1 });
    try {
      const check = await runModelCheck({ preset: "llama-server", baseUrl: fast.url }, "en", {
        transport: withFault("reasoning-always"),
      });
      expect(check.verdict).toBe("good");
      expect(check.advice).toMatch(THINKS);
    } finally {
      await fast.close();
    }
  });
});

test("a hopeless model is too weak, and the advice says what to try", async () => {
  const check = await runModelCheck(config(), "en", { transport: withProfile("hopeless;seed=1") });
  expect(check.verdict).toBe("too-weak");
  expect(check.summary).toMatch(/too weak for formatted pages/);
  expect(check.advice).toMatch(/larger model/);
  expect(check.advice).toMatch(/translation/);
  // Gloss already sends temperature 0 and has no setting for it: advice to lower it would lead nowhere.
  expect(check.advice).not.toMatch(/temperature/);
});

test("the small-model profile: a draw may pass; its slips are counted and make the verdict usable", async () => {
  const check = (seed: number) => {
    double.reset();
    return runModelCheck(config(), "en", { transport: withProfile(`small;seed=${seed}`) });
  };
  expect(await check(3)).toMatchObject({ verdict: "good", tags: { kept: 4 }, segments: { kept: 6 } });
  // One passage not translated into the target language.
  const untranslated = await check(1);
  expect(untranslated).toMatchObject({
    verdict: "usable",
    tags: { kept: 4, total: 4 },
    segments: { kept: 6, total: 6 },
    language: { correct: 5, total: 6 },
  });
  expect(untranslated.summary).toMatch(/simplified formatting/);
  expect(untranslated.advice).toMatch(/larger model/);
  // A lost tag, and two passages run together.
  expect(await check(10)).toMatchObject({
    verdict: "usable",
    tags: { kept: 3, total: 4 },
    segments: { kept: 4, total: 6 },
  });
});

test("into German, the sentences are English; an obeyed instruction counts against the language", async () => {
  const good = await runModelCheck(config(), "de", { transport: withProfile("good") });
  expect(good).toMatchObject({ verdict: "good", language: { correct: 6, total: 6 } });
  // The "model" answers the instruction instead of translating it (the double translates what it is sent).
  const obeying: Transport = (url, init) =>
    fetch(url, { ...init, body: String(init.body).replace(/Ignore all previous instructions[^\\[]*/, "OK") });
  const check = await runModelCheck(config(), "de", { transport: obeying });
  expect(check.language).toEqual({ correct: 5, total: 6 });
  expect(check.verdict).toBe("usable");
});

test("a server that does not answer: the check failed, with the reason, and no verdict on the model", async () => {
  const check = await runModelCheck({ preset: "llama-server", baseUrl: "http://127.0.0.1:9" }, "en");
  expect(check.verdict).toBe("failed");
  expect(check.error?.message).toMatch(/reach/);
});

test("a slow model is told so, whatever the verdict", () => {
  const all = { kept: 4, total: 4 };
  expect(judge(all, all, { correct: 4, total: 4 }, 3).advice).toMatch(/slow \(3 tokens\/s\)/);
  expect(judge(all, all, { correct: 4, total: 4 }, 30).advice).toBeUndefined();
  expect(judge({ kept: 1, total: 4 }, all, { correct: 4, total: 4 }).verdict).toBe("too-weak");
  expect(judge(all, { kept: 3, total: 6 }, { correct: 4, total: 4 }).verdict).toBe("too-weak");
  expect(judge(all, all, { correct: 4, total: 6 }).verdict).toBe("too-weak");
  expect(judge({ kept: 3, total: 4 }, all, { correct: 4, total: 4 }).verdict).toBe("usable");
});
