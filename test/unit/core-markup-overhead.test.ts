/**
 * @jest-environment jsdom
 */
// DESIGN step 2: compact markup should cost at most 1.15× the characters of the plain text it carries, measured
// over every unit of the fixture pages (content units and attributes).

import { collectAll } from "../helpers/core-collect";
import { FIXTURES, loadFixture } from "../helpers/core-fixtures";

test("markup overhead over all fixture units is at most 1.15×", () => {
  let html = 0;
  let text = 0;
  const lines: string[] = [];
  for (const name of FIXTURES) {
    loadFixture(name);
    const result = collectAll();
    let h = 0;
    let t = 0;
    for (const u of result.content) {
      h += u.encoded.html.length;
      t += u.encoded.text.length;
    }
    for (const a of result.attributes) {
      h += a.value.trim().length;
      t += a.value.trim().length;
    }
    lines.push(
      `${name}: ${(h / t).toFixed(3)} (${result.content.length} units, ${result.attributes.length} attributes)`,
    );
    html += h;
    text += t;
  }
  const ratio = html / text;
  console.log(`compact markup overhead: ${ratio.toFixed(3)}×\n  ${lines.join("\n  ")}`);
  expect(ratio).toBeLessThanOrEqual(1.15);
});
