// The background refuses a port request larger than the protocol allows (shared/messages.ts) without a word, as it
// would a broken script's, so a job that sent one waited for ever: a page whose title runs to thousands of characters,
// a reply of hundreds of lines, a pasted paragraph of 50,000 characters. The page fits its requests to the limits.
import { MAX_PORT_CONTEXT_CHARS, MAX_SEGMENT_CHARS, MAX_SEGMENTS_PER_JOB } from "../shared/messages";
import { textStart } from "../shared/text-ends";
import type { Segment, SegmentResult, TranslateError } from "../shared/translator";

const TOO_LONG: TranslateError = {
  kind: "context-overflow",
  message: "This text is too long for Gloss to translate in one piece.",
  fix: "Split it into shorter paragraphs.",
};

/** The context as a request may carry it: its start (the prompt keeps only its first few hundred characters). */
export function portContext(context: string | undefined): string | undefined {
  return context && context.length > MAX_PORT_CONTEXT_CHARS ? textStart(context, MAX_PORT_CONTEXT_CHARS) : context;
}

/** `batch` as requests of the allowed size, in order, and the failures of segments no request may carry. */
export function portBatches(batch: Segment[]): { batches: Segment[][]; tooLong: SegmentResult[] } {
  const tooLong: SegmentResult[] = [];
  const fits: Segment[] = [];
  for (const segment of batch) {
    if (segment.html.length > MAX_SEGMENT_CHARS) tooLong.push({ id: segment.id, error: TOO_LONG });
    else fits.push(segment);
  }
  const batches: Segment[][] = [];
  for (let i = 0; i < fits.length; i += MAX_SEGMENTS_PER_JOB) batches.push(fits.slice(i, i + MAX_SEGMENTS_PER_JOB));
  return { batches, tooLong };
}
