// Batch sizes on Chinese, Japanese, Korean and Thai pages: a limit counted in characters at about three a token
// holds about three times too many tokens of these scripts. The page weighs text by its script (weighted-length.ts)
// wherever it holds a batch or a unit against the limit, so batches fit a small slot from the first request; a
// Latin page sends exactly what it sent before.

import { sent, setup } from "../helpers/core-page";
import { batchCharsFor } from "../../src/connection/capacity";
import { RequestBodies } from "../../src/llm/request-body";
import { PRESETS } from "../../src/llm/presets";
import { splitText } from "../../src/core/schedule/text-parts";
import { weightedLength } from "../../src/core/schedule/weighted-length";
import type { Segment } from "../../src/shared/translator";

/** llama-server started with `-c 4096 -np 2`: 2,048 tokens a slot. */
const SLOT = 2048;
const LIMIT = batchCharsFor(SLOT, "en");

/**
 * The translator's own check before asking: would it split this batch as too big for the slot? A lone segment it
 * cannot split: it goes as it is, and the server refuses it or the reply is cut at the slot's end; it is checked as
 * the smallest batch holding it.
 */
function tooBigForSlot(batch: Segment[]): boolean {
  const bodies = new RequestBodies(
    { preset: "llama-server", baseUrl: "http://127.0.0.1:8080" },
    PRESETS["llama-server"],
  );
  bodies.learnProps({ contextSize: SLOT, slots: 2 });
  const segs = batch.length > 1 ? batch : [...batch, { id: "x", html: "。" }];
  return bodies.tooBig(segs, { targetLang: "en", sourceLang: "ja", signal: new AbortController().signal });
}

const japanese = (i: number): string =>
  `政府は水曜日、ヒートポンプへの補助金を見直す法案を閣議決定した。第${i}条によれば、古い石油暖房を交換する住宅所有者は、今後、費用の最大7割が払い戻される。`;
const german = (i: number): string =>
  `Die Bundesregierung hat am Mittwoch den Gesetzentwurf Nr. ${i} beschlossen, der die Förderung von Wärmepumpen „neu“ regelt – für 70 € weniger.`;

test("weightedLength: a Latin text weighs its length; a Han or kana character as much as 2.9 others", () => {
  expect(weightedLength(german(1))).toBe(german(1).length);
  expect(weightedLength("<b>東京</b>")).toBeCloseTo(7 + 2 * 2.9);
});

test("a text mixing Japanese and German is cut into parts that each weigh at most the limit, none far below it", () => {
  const text = Array.from({ length: 60 }, (_, i) => `${japanese(i)} ${german(i)} `).join("");
  const parts = splitText(text, LIMIT);
  expect(parts.join("")).toBe(text);
  for (const part of parts) expect(weightedLength(part)).toBeLessThanOrEqual(LIMIT);
  for (const part of parts.slice(0, -1)) expect(weightedLength(part)).toBeGreaterThan(LIMIT / 2);
});

test("a Japanese page on a 2,048-token slot: no batch is too big for the slot, so none is split before asking", async () => {
  document.body.innerHTML = Array.from({ length: 60 }, (_, i) => `<p>${japanese(i)}</p>`).join("");
  const { page, fake } = setup(null, { maxBatchChars: LIMIT, maxConcurrent: 2, sourceLang: "ja" });
  const summary = await page.translate();
  expect(summary.failed).toBe(0);
  expect(sent(fake)).toHaveLength(60);
  for (const batch of fake.batches) expect(tooBigForSlot(batch)).toBe(false);
  // Still batches, not one paragraph a request.
  expect(Math.max(...fake.batches.map((b) => b.length))).toBeGreaterThan(3);
});

const thai = (i: number): string =>
  `รัฐบาลอนุมัติร่างกฎหมายเมื่อวันพุธที่ปรับปรุงเงินอุดหนุนสำหรับปั๊มความร้อน ตามมาตรา ${i} เจ้าของบ้านที่เปลี่ยนระบบทำความร้อนด้วยน้ำมันแบบเก่าจะได้รับเงินคืนสูงสุดร้อยละ 70`;

test("a Thai page on a 2,048-token slot goes in batches of several paragraphs, each fitting the slot", async () => {
  document.body.innerHTML = Array.from({ length: 60 }, (_, i) => `<p>${thai(i)}</p>`).join("");
  const { page, fake } = setup(null, { maxBatchChars: LIMIT, maxConcurrent: 2, sourceLang: "th" });
  expect((await page.translate()).failed).toBe(0);
  expect(sent(fake)).toHaveLength(60);
  for (const batch of fake.batches) expect(tooBigForSlot(batch)).toBe(false);
  // A Thai letter is less than half a Gemma token (script-weights.test.ts): weighed as a Han character, each request
  // carried two of these paragraphs, and the page took twice the requests, each with the instructions again.
  expect(Math.max(...fake.batches.map((b) => b.length))).toBeGreaterThanOrEqual(5);
});

test("a long Japanese paragraph on a 2,048-token slot goes in parts that each fit the slot", async () => {
  const text = Array.from({ length: 80 }, (_, i) => japanese(i)).join("");
  const parts = splitText(text, LIMIT);
  expect(parts.join("")).toBe(text);
  for (const part of parts) expect(weightedLength(part)).toBeLessThanOrEqual(LIMIT);
  for (const part of parts.slice(0, -1)) expect(part).toMatch(/。$/);
  document.body.innerHTML = `<p id="big"></p>`;
  (document.querySelector("#big") as Element).textContent = text;
  const { page, fake } = setup(null, { maxBatchChars: LIMIT, maxConcurrent: 1, sourceLang: "ja" });
  expect((await page.translate()).failed).toBe(0);
  for (const batch of fake.batches) expect(tooBigForSlot(batch)).toBe(false);
});

test("a long Japanese paragraph with links is split at its nodes into units that each fit the slot", async () => {
  const html = Array.from({ length: 40 }, (_, i) => `${japanese(i)}<a href="#${i}">詳細</a>`).join("");
  document.body.innerHTML = `<p>${html}</p>`;
  const { page, fake } = setup(null, { maxBatchChars: LIMIT, maxConcurrent: 1, sourceLang: "ja" });
  expect((await page.translate()).failed).toBe(0);
  expect(fake.batches.length).toBeGreaterThan(1);
  for (const batch of fake.batches) expect(tooBigForSlot(batch)).toBe(false);
  // Split at its nodes (the links travel in the units), not sent as plain text.
  expect(sent(fake).some((html) => /<a\d+>詳細<\/a\d+>/.test(html))).toBe(true);
});

test("a Japanese tooltip too long for a 2,048-token slot goes in parts that each fit it", async () => {
  const tooltip = Array.from({ length: 8 }, (_, i) => japanese(i)).join("");
  document.body.innerHTML = `<p title="${tooltip}">短い。</p>`;
  const { page, fake } = setup(null, { maxBatchChars: LIMIT, maxConcurrent: 1, sourceLang: "ja" });
  expect((await page.translate()).failed).toBe(0);
  expect(sent(fake).length).toBeGreaterThan(2);
  for (const batch of fake.batches) expect(tooBigForSlot(batch)).toBe(false);
});

/** A German page of paragraphs of every length, one long enough to be split at its links, one long text sent in parts
 * and a tooltip sent in parts: the batches it sent before, by the lengths of their segments' HTML. */
function germanPage(): string {
  const paragraphs = Array.from({ length: 60 }, (_, i) =>
    Array.from({ length: 1 + ((i * 7) % 5) }, (_, j) => german(i * 10 + j)).join(" "),
  );
  const linked = Array.from({ length: 20 }, (_, i) => `${german(900 + i)} <a href="#${i}">Mehr</a>`).join(" ");
  const long = Array.from({ length: 30 }, (_, i) => german(700 + i)).join(" ");
  const tooltip = Array.from({ length: 14 }, (_, i) => german(500 + i)).join(" ");
  return [
    ...paragraphs.slice(0, 20).map((p) => `<p>${p}</p>`),
    `<p>${linked}</p>`,
    `<p>${long}</p>`,
    `<p title="${tooltip}">Kurz.</p>`,
    ...paragraphs.slice(20).map((p) => `<p>${p}</p>`),
  ].join("");
}

/** Each batch's segments by the length of their HTML, batches parted by `|`. */
const GERMAN_BATCHES =
  "139|422|704|281|563|140 422|704 281|563 141 425|709 283|567 141 425|709 283|567 921|779|" +
  "1419|1477 5|141 425 709|283 567 141 425|709 283|567 141 425|709 283|567 141 425|709 283|" +
  "567 141 425|709 283|567 141 425|709 283|567 141 425|709 283|567 141 425|709 283|567|1477|" +
  "1419|1361|509";

test("a German page's batches are what they were before script weights", async () => {
  document.body.innerHTML = germanPage();
  const { page, fake } = setup(null, { maxBatchChars: LIMIT, maxConcurrent: 2 });
  expect((await page.translate()).failed).toBe(0);
  expect(fake.batches.map((b) => b.map((s) => s.html.length).join(" ")).join("|")).toBe(GERMAN_BATCHES);
});

test("a long Japanese paragraph split at its nodes is cut after a sentence that ends in a closing quote", async () => {
  // Clauses that end no sentence, but the fifth: a quotation ending 「…。」, a few nodes before the middle.
  const clause = (i: number): string =>
    i === 4
      ? `彼は「補助金の申請手続きは複雑すぎる」と述べた。「来年には改善したい。」`
      : `第${i}条の規定により住宅所有者は費用の払い戻しを受ける場合において`;
  const html = Array.from({ length: 12 }, (_, i) => `${clause(i)}<b>注${i}</b>`).join("");
  document.body.innerHTML = `<p>${html}</p>`;
  const { page, fake } = setup(null, { maxBatchChars: 1000, maxConcurrent: 1, sourceLang: "ja" });
  expect((await page.translate()).failed).toBe(0);
  const first = sent(fake)[0] as string;
  expect(first).toMatch(/改善したい。」$/);
});
