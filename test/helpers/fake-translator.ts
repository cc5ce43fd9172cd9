// A Translator test double: upper-cases text outside tags (so a translated page is easy to recognise), and can be
// told to be slow, to hold batches until released, to break replies (drop, duplicate or invent tags), to fail
// segments, and to record batches, concurrency and AbortSignals.

import type { Segment, SegmentResult, TranslateError, TranslateOptions, Translator } from "../../src/shared/translator";

/** Upper-case the text of compact HTML, leaving tags and character references alone. */
export function upperCaseText(html: string): string {
  return html
    .split(/(<[^>]*>|&[#a-z0-9]+;)/i)
    .map((part) => (part.startsWith("<") || /^&[#a-z0-9]+;$/i.test(part) ? part : part.toUpperCase()))
    .join("");
}

/** Remove a placeholder pair but keep its text: `<a1>x</a1>` → `x`. */
export function dropTag(html: string, name: string): string {
  return html.replace(new RegExp(`</?${name}>`, "g"), "");
}

/** Remove a placeholder with its text. */
export function dropElement(html: string, name: string): string {
  return html.replace(new RegExp(`<${name}>[\\s\\S]*?</${name}>`, "g"), "");
}

/** Repeat a placeholder with its content at the end: `<a1>x</a1> y` → `<a1>x</a1> y <a1>x</a1>`. */
export function duplicateTag(html: string, name: string): string {
  const m = new RegExp(`<${name}>[\\s\\S]*?</${name}>`).exec(html);
  return m ? `${html} ${m[0]}` : html;
}

/** Add markup that was never issued (hostile or just confused). */
export function inventTag(html: string, markup = `<img src="x" onerror="window.__pwned=1"><b9>extra</b9>`): string {
  return `${html}${markup}`;
}

export interface FakeTranslatorOptions {
  /** Milliseconds before each segment's reply (real timers or jest fake timers). */
  delayMs?: number;
  /** Rewrite a reply: gets the upper-cased reply, the segment and how often this html was requested before. */
  reply?: (translated: string, segment: Segment, attempt: number) => string;
  /** Make a segment fail with this error. */
  fail?: (segment: Segment) => TranslateError | undefined;
  /** Hold each batch until release() / releaseAll() is called. */
  hold?: boolean;
}

export interface FakeTranslator {
  translate: Translator;
  /** Every batch received, in order. */
  batches: Segment[][];
  /** Options of every call (targetLang, signal). */
  calls: TranslateOptions[];
  inFlight: number;
  maxInFlight: number;
  /** How often each html was requested. */
  requests: Map<string, number>;
  /** Resolves with the next batch received (or the n-th, counting from 1, if already received). */
  nextBatch(): Promise<Segment[]>;
  /** Let the oldest held batch proceed. */
  release(): void;
  releaseAll(): void;
  /** Stop holding batches (those already held are released too). */
  unhold(): void;
  /** Segments answered so far. */
  answered: string[];
}

export function createFakeTranslator(options: FakeTranslatorOptions = {}): FakeTranslator {
  const held: Array<() => void> = [];
  let holding = options.hold ?? false;
  const batchWaiters: Array<(b: Segment[]) => void> = [];
  const unseen: Segment[][] = [];

  const waitAbortable = (ms: number, signal: AbortSignal): Promise<void> =>
    new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        signal.removeEventListener("abort", done);
        resolve();
      }
      signal.addEventListener("abort", done);
    });

  const fake: FakeTranslator = {
    batches: [],
    calls: [],
    inFlight: 0,
    maxInFlight: 0,
    requests: new Map(),
    answered: [],
    translate: (batch, opts) => run(batch, opts),
    nextBatch() {
      const b = unseen.shift();
      if (b) return Promise.resolve(b);
      return new Promise((resolve) => batchWaiters.push(resolve));
    },
    release() {
      held.shift()?.();
    },
    releaseAll() {
      while (held.length) held.shift()?.();
    },
    unhold() {
      holding = false;
      fake.releaseAll();
    },
  };

  async function* run(batch: Segment[], opts: TranslateOptions): AsyncIterable<SegmentResult> {
    fake.batches.push(batch);
    fake.calls.push(opts);
    const waiter = batchWaiters.shift();
    if (waiter) waiter(batch);
    else unseen.push(batch);
    fake.inFlight++;
    fake.maxInFlight = Math.max(fake.maxInFlight, fake.inFlight);
    try {
      if (holding) {
        await new Promise<void>((resolve) => {
          held.push(resolve);
          opts.signal.addEventListener("abort", () => resolve());
        });
      }
      for (const segment of batch) {
        if (options.delayMs) await waitAbortable(options.delayMs, opts.signal);
        if (opts.signal.aborted) {
          yield { id: segment.id, error: { kind: "aborted", message: "Aborted." } };
          continue;
        }
        const error = options.fail?.(segment);
        if (error) {
          yield { id: segment.id, error };
          continue;
        }
        const attempt = fake.requests.get(segment.html) ?? 0;
        fake.requests.set(segment.html, attempt + 1);
        const upper = upperCaseText(segment.html);
        fake.answered.push(segment.id);
        yield { id: segment.id, html: options.reply ? options.reply(upper, segment, attempt) : upper };
      }
    } finally {
      fake.inFlight--;
    }
  }

  return fake;
}
