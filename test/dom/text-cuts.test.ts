// Text Gloss shortens (the picker's spoken excerpt, the context a look-up or a page sends the model) is never cut
// between the two halves of an emoji or a rare Chinese character: half of one shows as "�", and goes into a
// prompt as a lone surrogate.

import { cleanContext, MAX_CONTEXT_CHARS } from "../../src/llm/prompt-rules";
import { lookupContext, sentenceAround } from "../../src/lookup/sentence";
import { partWords } from "../../src/picker/part-words";
import { textEnd, textSlice, textStart } from "../../src/shared/text-ends";

const HALF = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const EMOJI = "😀";

test("a text's start, end and middle keep a pair whole or leave it out", () => {
  expect(textStart(`ab${EMOJI}`, 3)).toBe("ab");
  expect(textStart(`ab${EMOJI}`, 4)).toBe(`ab${EMOJI}`);
  expect(textEnd(`${EMOJI}cd`, 3)).toBe("cd");
  expect(textEnd(`${EMOJI}cd`, 4)).toBe(`${EMOJI}cd`);
  expect(textSlice(`${EMOJI}ab${EMOJI}`, 1, 5)).toBe("ab");
  expect(textSlice(`${EMOJI}ab${EMOJI}`, 0, 6)).toBe(`${EMOJI}ab${EMOJI}`);
});

test("the page's context sent with a translation is cut before an emoji, not through it", () => {
  const context = `${"a".repeat(MAX_CONTEXT_CHARS - 2)}${EMOJI} and more words after it`;
  const sent = cleanContext(context);
  expect(sent).not.toMatch(HALF);
  expect(sent).toBe(`${"a".repeat(MAX_CONTEXT_CHARS - 2)}…`);
});

test("a look-up's context keeps its page line and its sentence whole around emoji", () => {
  const sentence = `Der ${EMOJI} Zug ${"fährt immer zu spät ".repeat(6)}`.trim();
  for (let at = 0; at < 250; at++) {
    const page = `${"x".repeat(at)}${EMOJI}${"y".repeat(100)}`;
    expect(lookupContext(page, sentence)).not.toMatch(HALF);
  }
});

test("the picker's spoken excerpt of a part ends before an emoji it would split", () => {
  document.body.innerHTML = `<p>${"w".repeat(59)}${EMOJI}${"z".repeat(20)}</p>`;
  const words = partWords(document.querySelector("p")!);
  expect(words.excerpt).not.toMatch(HALF);
  expect(words.excerpt).toBe(`${"w".repeat(59)}…`);
});

test("a long sentence sent with a looked-up word is cut around it without splitting an emoji", () => {
  // The sentence is cut 78 or 79 units before and after the word: an emoji is put across each of those places.
  for (let at = 60; at < 100; at++) {
    const text = `${"a".repeat(150 - at)}${EMOJI}${"a".repeat(at)} Zug ${"e".repeat(at)}${EMOJI}${"e".repeat(150 - at)}`;
    document.body.innerHTML = `<p>${text}</p>`;
    const node = document.querySelector("p")!.firstChild!;
    const range = document.createRange();
    const from = text.indexOf("Zug");
    range.setStart(node, from);
    range.setEnd(node, from + 3);
    const sentence = sentenceAround(text, range, "Zug");
    expect(sentence).toContain("Zug");
    expect(sentence).not.toMatch(HALF);
  }
});
