// A unit still too long for one request once split at its nodes (collect/oversize.ts) — a 200 KB paragraph, a long
// plain-text file — is translated as plain text in parts: each of its texts alone, a long text cut at sentence
// boundaries into parts that each fit a request; so is an attribute value that long (a tooltip holding a whole post).
// The parts are put together again before anything is written, so the unit is written whole (its structure
// untouched) or not at all. Only the first part keeps the unit's place in the queue; the rest wait until everything
// else of the page was sent, so one huge unit never holds up the page.

import { hasLetter } from "../dom";
import { encodeValue } from "../markup/attribute-value";
import { encodePlain } from "../markup/encode";
import type { Priority } from "./scheduler";
import { makeJob, type AttributeUnit, type ContentUnit, type Job, type Unit } from "../units";
import { lengthWithin, weightedLength } from "./weighted-length";

/**
 * A sentence's end: its mark, closing quotes or brackets, and the spaces after it (where the next one starts). Chinese
 * and Japanese put no space after theirs (`。「`), Arabic, Urdu and Hindi have marks of their own (`؟ ۔ ।`).
 */
const SENTENCE_END = /[.!?…;:؟؛۔।॥]["'”’»)\]]*(?:\s+|$)|[。！？；：｡]["'”’」』）]*\s*/gu;

/** What ends a sentence that a space then follows. */
const SENTENCE_CLOSE = /[.!?…;:؟؛۔।॥"'”’»)\]]/u;
/** A part of the source that ends a sentence of a script that puts no space after it (`。`, `！」`). */
const UNSPACED_END = /[。！？；：｡]["'”’」』）]*$/u;
/** Han, kana and their punctuation: scripts that put no space between sentences. */
const UNSPACED = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\u3000-\u303f\uff00-\uffef]/u;

/**
 * Cut `text` into parts that weigh at most `max` characters (weighted-length.ts), after a sentence's end where one
 * lies in the second half of the window, else after a space, else at the limit. Linear in the text's length (each
 * window is scanned once; a sentence segmenter such as Intl.Segmenter takes seconds on a 200 KB text).
 */
export function splitText(text: string, max: number): string[] {
  const parts: string[] = [];
  let start = 0;
  for (;;) {
    // The window is `max` weighed (weighted-length.ts): fewer characters of Chinese or Japanese.
    const size = lengthWithin(text, start, max);
    if (start + size >= text.length) break;
    const window = text.slice(start, start + size);
    let cut = 0;
    SENTENCE_END.lastIndex = Math.floor(size / 2);
    for (let m = SENTENCE_END.exec(window); m; m = SENTENCE_END.exec(window)) {
      const end = m.index + m[0].length;
      // `$` is the window's end, not the text's: a `.` there ends a sentence only where a space follows ("13.|5" goes
      // on). Chinese and Japanese marks need none.
      if (end === size && !/\s$|[。！？；：｡]/u.test(m[0]) && /\S/u.test(text[start + size] ?? "")) continue;
      cut = end;
    }
    if (cut === 0) cut = window.lastIndexOf(" ") + 1;
    if (cut < size / 2) cut = size;
    // Never between the two halves of a surrogate pair.
    const code = text.charCodeAt(start + cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut--;
    parts.push(text.slice(start, start + cut));
    start += cut;
  }
  parts.push(text.slice(start));
  return parts;
}

/**
 * The pieces of `parts` as they start: a part without words (the spaces between two parts) needs no request and stays
 * as it is; null for one waiting for its translation.
 */
function unsent(parts: string[]): Array<string | null> {
  return parts.map((part) => (hasLetter(part) ? null : part));
}

/**
 * The jobs that translate `unit`'s texts one by one as plain text (its current request), each text cut into parts of
 * at most `max` characters; also sets up where their results are put together. Empty when the unit holds no text
 * with letters. The first `max` characters keep the unit's priority; the rest of a long unit waits until everything
 * else of the page was sent.
 */
export function partJobs(unit: ContentUnit, max: number, priority: Priority): Job[] {
  unit.fallback = new Map();
  unit.pieces = new Map();
  unit.cuts = new Map();
  const jobs: Job[] = [];
  let chars = 0;
  unit.encoded.texts.forEach((text, i) => {
    if (!hasLetter(text.data)) return;
    unit.fallback?.set(text, null);
    const parts = splitText(text.data, max);
    if (parts.length > 1) {
      unit.pieces?.set(text, unsent(parts));
      unit.cuts?.set(text, parts);
    }
    parts.forEach((part, index) => {
      if (parts.length > 1 && !hasLetter(part)) return;
      const plain = encodePlain(part, unit.encoded.collapse);
      const weight = weightedLength(plain.html);
      const later = chars > 0 && chars + weight > max;
      chars += weight;
      jobs.push({
        ...makeJob(unit, priority),
        ...plain,
        id: `${unit.id}#${unit.request}.${i}${parts.length > 1 ? `.${index}` : ""}`,
        textPart: text,
        ...(parts.length > 1 ? { piece: index } : {}),
        ...(later ? { later: true } : {}),
      });
    });
  });
  return jobs;
}

/**
 * The jobs that translate an attribute value too long for one request (its current request), cut as a long text is;
 * also sets up where their results are put together. Empty when no part has letters.
 */
export function attributePartJobs(unit: AttributeUnit, max: number, priority: Priority): Job[] {
  const body = unit.value.slice(unit.lead.length, unit.value.length - unit.trail.length);
  const parts = splitText(body, max);
  unit.cuts = parts;
  unit.pieces = unsent(parts);
  const jobs: Job[] = [];
  parts.forEach((part, index) => {
    if (!hasLetter(part)) return;
    const plain = encodeValue(unit.name, part);
    jobs.push({
      ...makeJob(unit, priority),
      ...plain,
      id: `${unit.id}#${unit.request}.${index}`,
      piece: index,
      ...(index > 0 ? { later: true } : {}),
    });
  });
  return jobs;
}

/**
 * A queued part of `unit` longer than `max` (cut for a larger limit, before the server's smaller one came, while other
 * parts are out already): the jobs that replace it, its source cut again into parts of `max` in its place. The parts
 * after it are renumbered (those out keep their ids, so their replies are still put where they belong); the first
 * new part keeps the old one's place in the queue, the rest wait as the rest of a long unit does.
 */
export function recutPart(unit: Unit, job: Job, max: number): Job[] {
  const text = job.textPart;
  const source = unit.kind === "content" ? partSource(unit, job) : unit.cuts?.[job.piece ?? -1];
  if (source === undefined) return [job];
  const parts = splitText(source, max);
  if (parts.length < 2) return [job];
  const at = job.piece ?? 0;
  const spare = unsent(parts);
  if (unit.kind === "attribute") {
    unit.pieces?.splice(at, 1, ...spare);
    unit.cuts?.splice(at, 1, ...parts);
  } else if (text && job.piece === undefined) {
    // The text went whole: now it is cut too.
    unit.pieces?.set(text, spare);
    unit.cuts?.set(text, parts);
  } else if (text) {
    unit.pieces?.get(text)?.splice(at, 1, ...spare);
    unit.cuts?.get(text)?.splice(at, 1, ...parts);
  }
  for (const other of unit.jobs)
    if (other !== job && other.textPart === text && other.piece !== undefined && other.piece > at)
      other.piece += parts.length - 1;
  const jobs: Job[] = [];
  parts.forEach((part, index) => {
    if (!hasLetter(part)) return;
    const plain = unit.kind === "content" ? encodePlain(part, unit.encoded.collapse) : encodeValue(unit.name, part);
    const { later: _later, ...rest } = job;
    jobs.push({
      ...rest,
      ...plain,
      id: `${job.id}.${index}`,
      piece: at + index,
      ...(job.later || jobs.length > 0 ? { later: true } : {}),
    });
  });
  return jobs;
}

/** The source of a content unit's plain-text part: its text whole, or the piece of it the job translates. */
function partSource(unit: ContentUnit, job: Job): string | undefined {
  const text = job.textPart;
  if (!text) return undefined;
  return job.piece === undefined ? text.data : unit.cuts?.get(text)?.[job.piece];
}

/** A part of an attribute value arrived: the whole value's translation once every part is in, else undefined. */
export function putAttributePart(unit: AttributeUnit, job: Job, text: string): string | undefined {
  const pieces = unit.pieces;
  if (!pieces || job.piece === undefined) return undefined;
  pieces[job.piece] = text;
  if (pieces.some((p) => p === null)) return undefined;
  return unit.lead + joinParts(pieces as string[], unit.cuts ?? []) + unit.trail;
}

/** A part's translation arrived: the text it belongs to is complete once all its parts are. */
export function putPart(unit: ContentUnit, job: Job, text: string): void {
  const part = job.textPart;
  if (!part) return;
  const pieces = job.piece === undefined ? undefined : unit.pieces?.get(part);
  if (!pieces) {
    unit.fallback?.set(part, text);
    return;
  }
  pieces[job.piece as number] = text;
  if (pieces.every((p) => p !== null))
    unit.fallback?.set(part, joinParts(pieces as string[], unit.cuts?.get(part) ?? []));
}

/**
 * The translated parts of one text, as one. Where parts meet, the source's spaces were kept (a part's trailing
 * spaces go back after its translation), which suits neither way between a language that spaces its sentences and
 * one that does not: sentences of a Chinese source, cut after `。`, would run together in English, and those of an
 * English source would keep a space between them in Chinese. A line break is the text's own and stays; a part cut
 * anywhere else (mid-word at the limit: inside a number, an address) is joined as it was cut, whatever its
 * translation ends with. `sources`: the parts of the source the translations are of.
 */
export function joinParts(parts: readonly string[], sources: readonly string[]): string {
  let out = "";
  for (const [i, part] of parts.entries()) {
    const before = lastChar(out.trimEnd());
    const after = part.trimStart()[Symbol.iterator]().next().value;
    const gap = /\s*$/.exec(out)?.[0] ?? "";
    const lead = /^\s*/.exec(part)?.[0] ?? "";
    if (before === undefined || after === undefined || /\n/.test(gap + lead)) {
      out += part;
    } else if (UNSPACED.test(before) && UNSPACED.test(after)) {
      out = out.slice(0, out.length - gap.length) + part.slice(lead.length);
    } else if (
      !gap &&
      !lead &&
      UNSPACED_END.test(sources[i - 1] ?? "") &&
      SENTENCE_CLOSE.test(before) &&
      !UNSPACED.test(after)
    ) {
      out += ` ${part}`;
    } else {
      out += part;
    }
  }
  return out;
}

/** The last character (a whole surrogate pair), or undefined for "". */
function lastChar(text: string): string | undefined {
  return Array.from(text.slice(-2)).at(-1);
}
