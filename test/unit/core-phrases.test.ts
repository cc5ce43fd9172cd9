/**
 * @jest-environment jsdom
 */
// test/fixtures/phrases.de-en.json lets a test double turn the German fixtures into readable English run by run.
// Keep it in step with the fixtures and the encoder: every text run the encoder produces has an entry.

import phrases from "../fixtures/phrases.de-en.json";
import { collectAll, textRuns } from "../helpers/core-collect";
import { FIXTURES, loadFixture } from "../helpers/core-fixtures";

test("every text run of every fixture has an English phrase", () => {
  const table = phrases as Record<string, string>;
  const missing = new Set<string>();
  for (const name of FIXTURES) {
    loadFixture(name);
    const result = collectAll();
    const runs = [
      ...result.content.flatMap((u) => textRuns(u.encoded.html)),
      ...result.attributes.flatMap((a) => textRuns(a.value)),
    ];
    for (const run of runs) if (!(run in table)) missing.add(run);
  }
  expect([...missing]).toEqual([]);
});

test("phrases are non-empty and keep the run's edges plain (no tags)", () => {
  for (const [de, en] of Object.entries(phrases as Record<string, string>)) {
    expect(en.trim()).not.toBe("");
    expect(de).not.toMatch(/[<>]/);
    expect(en).not.toMatch(/[<>]/);
  }
});
