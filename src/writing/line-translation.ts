// Asks the writing model for each line of the reader's text: the translations in order with the glossary terms they
// missed, or what the card says about the first error.
import { toUserError } from "../shared/user-error";
import { isSegmentError, type TranslateError, type Translator } from "../shared/translator";
import { TRY_LARGER } from "./reply-checks";
import type { CardState } from "./writing-card";

export interface LineRequest {
  /** Aborted on the first error; aborted from outside, the lines are dropped. */
  controller: AbortController;
  lang: string;
  sourceLang: string | undefined;
  /** What the page is about (the thread's title). */
  context: string | undefined;
  /** Whether the server keeps the request waiting for a slot now. */
  onWaiting: (waiting: boolean) => void;
}

/** The translations, or the card's problem: a card state of kind "working" when the request was cancelled. */
export type LineAnswer = { htmls: string[]; unmet: string[] } | { error: CardState };

/** Asks the translator for every line; the translations in order, or the first error's message. */
export async function translateLines(
  translator: Translator,
  segments: string[],
  request: LineRequest,
): Promise<LineAnswer> {
  const { controller, lang, sourceLang, context } = request;
  const htmls: string[] = new Array<string>(segments.length).fill("");
  const unmet = new Set<string>();
  const opts = {
    targetLang: lang,
    signal: controller.signal,
    writing: true,
    onWaiting: request.onWaiting,
    ...(sourceLang ? { sourceLang } : {}),
    ...(context ? { context } : {}),
  };
  let answered = 0;
  const batch = segments.map((html, i) => ({ id: `line-${i}`, html }));
  for await (const result of translator(batch, opts)) {
    if (controller.signal.aborted) break;
    const index = Number(result.id.slice(5));
    if (isSegmentError(result)) {
      controller.abort();
      return { error: errorState(result.error, lang) };
    }
    htmls[index] = result.html;
    result.unmet?.forEach((term) => unmet.add(term));
    answered++;
  }
  if (controller.signal.aborted || answered < segments.length) return { error: { kind: "working", message: "" } };
  return { htmls, unmet: [...unmet] };
}

/** What the card says about a line's error: a bad reply leaves the text unchanged, and a larger model may do. */
function errorState(segmentError: TranslateError, lang: string): CardState {
  const error = toUserError(segmentError);
  const bad = segmentError.kind === "bad-reply";
  return {
    kind: "problem",
    message: bad ? `${error.message} Your text is unchanged.` : error.message,
    notes: bad ? [TRY_LARGER] : error.fix ? [error.fix] : [],
    lang,
  };
}
