// The seam between the page engine (src/core) and whatever produces translations (src/llm, the background's
// cache, a test double). Compact HTML goes in, compact HTML comes out, one segment at a time, as soon as it is ready.
import type { TranslationRules } from "./translation-rules";

/** One translation unit, encoded as compact HTML (numbered placeholder tags, no attributes, escaped text). */
export interface Segment {
  id: string;
  html: string;
}

export type SegmentResult =
  | {
      id: string;
      html: string;
      /** Glossary terms the reply does not honour even after a retry (the translation is used anyway). */
      unmet?: string[];
    }
  | { id: string; error: TranslateError };

export interface TranslateOptions {
  /** BCP 47 tag of the language to translate into, e.g. "en" or "pt-BR". */
  targetLang: string;
  /** BCP 47 tag of the source language when known; the model detects it otherwise. */
  sourceLang?: string;
  signal: AbortSignal;
  /**
   * Retry a segment whose reply was unusable (a bad reply, or missing from the reply) once alone, within this call.
   * Default true. The page engine sets it false: it sends such a segment again with its next batch, where the retry
   * costs no request of its own.
   */
  retryBadReplies?: boolean;
  /** What the page is about (its title; on Reddit the subreddit and the post's title), for the model to understand
   * short texts: sent once in the prompt's per-page part, marked as context, never translated. */
  context?: string;
  /** The user's glossary and extra instructions for this language and site. */
  rules?: TranslationRules;
  /** The text is the user's own message (a reply box), not page text: worded for posting. */
  writing?: boolean;
  /**
   * Whether the page asking is hidden now (a background tab): its requests wait while a shown page's want the server.
   * Asked again whenever a slot frees, so a queued request follows its tab as the reader leaves it or comes back.
   */
  hidden?(): boolean;
  /**
   * A reader's look-up (a selected word or phrase, waited for in a card): its request takes the next free slot ahead
   * of queued page batches, and its context (the sentence it sits in) is part of its cache key.
   */
  lookup?: boolean;
  /** This request waits for a free slot on the server (true), or stopped waiting (false): e.g. to say so. */
  onWaiting?(waiting: boolean): void;
}

/**
 * Translates a batch. Yields one result per segment id, in any order, as each becomes ready. Errors are values:
 * a segment that could not be translated yields `{ id, error }`; the iterable itself only throws on programmer error.
 */
export type Translator = (batch: Segment[], opts: TranslateOptions) => AsyncIterable<SegmentResult>;

export type TranslateErrorKind =
  // The whole server is unusable until the user does something; the session stops asking.
  | "unreachable" // nothing listening / connection refused or reset
  | "unauthorized" // 401: missing or wrong API key
  | "origin-rejected" // Ollama's empty 403 for extension origins
  | "not-found" // 404: wrong base URL or path (e.g. missing /v1); 501: a server that does no chat (--embeddings)
  | "bad-config" // the settings themselves are invalid (e.g. no base URL)
  | "quota" // 429 insufficient_quota / 402: the API account has no credit left
  | "no-memory" // the server cannot load the model: not enough memory (Ollama's 500 before it loads it)
  // The request failed; a later request may work.
  | "loading" // 503 while the model loads and it did not finish in time
  | "busy" // 503 "server busy" (Ollama's queue is full) for as long as Gloss waits for a loading model, or a 429 rate limit
  | "server-error" // 5xx or an `error` event mid-stream
  | "context-overflow" // 400 exceed_context_size_error for a segment that cannot be split further
  | "truncated" // finish_reason "length": the reply was cut off
  | "thinking" // cut off too, after the model spent the token limit reasoning (a thinking model)
  | "stalled" // no bytes for too long
  | "timeout" // the whole request took too long
  | "aborted" // the caller aborted (silent: never shown to the user)
  // This one segment's reply was unusable.
  | "bad-reply";

/** Why a reply for one segment was rejected (kind "bad-reply"). */
export type BadReplyReason =
  | "missing" // the segment marker never came back
  | "duplicate" // the segment came back twice with different text
  | "merged" // the reply may hold a neighbouring segment's text too (its neighbour's marker never came back)
  | "empty"
  | "refusal" // "I'm sorry, I can't…"
  | "untranslated" // still in the source language
  | "wrong-language" // written, in part or whole, in a script neither the page nor the reader's language uses
  | "length-ratio" // far longer or shorter than the source
  | "chatter" // only commentary, no translation
  | "lost-placeholder" // a placeholder that held text is gone
  | "unknown-placeholder" // tags that were never issued (removed by the sanitizer; reported for the record)
  | "repeated-placeholder" // a placeholder nested in itself or repeated over and over (merge would copy it as often)
  | "repeated-text" // the same words again and again, or a sentence twice, where the source has them once (a loop)
  | "glossary"; // a glossary term present in the source is not honoured in the reply

export interface TranslateError {
  kind: TranslateErrorKind;
  /** One sentence the user can read, e.g. "Gloss cannot reach the server at http://127.0.0.1:8080." */
  message: string;
  /** What to do about it, e.g. "Start llama-server, or check the address on the options page." */
  fix?: string;
  reason?: BadReplyReason;
  /** Technical detail for the log or a "details" toggle (HTTP status, server message). */
  detail?: string;
}

const FATAL_KINDS: ReadonlySet<TranslateErrorKind> = new Set([
  "unreachable",
  "unauthorized",
  "origin-rejected",
  "not-found",
  "bad-config",
  "quota",
  "no-memory",
]);

/** Errors after which no further request can succeed until the user acts: stop the session and show them. */
export function isFatalError(error: TranslateError): boolean {
  return FATAL_KINDS.has(error.kind);
}

export function isSegmentError(result: SegmentResult): result is { id: string; error: TranslateError } {
  return "error" in result;
}

const BAD_REPLY_FIX = "The text stays in its original language. A larger model usually does better.";

const BAD_REPLY_MESSAGES: Record<BadReplyReason, string> = {
  missing: "The model left this text out of its reply.",
  duplicate: "The model translated this text twice, differently.",
  merged: "The model ran this text together with the next one.",
  empty: "The model returned an empty translation.",
  refusal: "The model refused to translate this text.",
  untranslated: "The model left this text, or part of it, untranslated.",
  "wrong-language": "The model wrote this text partly in another language.",
  "length-ratio": "The model's translation is far longer or shorter than the original.",
  chatter: "The model answered with commentary instead of a translation.",
  "lost-placeholder": "The model's translation lost a link or other formatting.",
  "unknown-placeholder": "The model's translation added markup that was not in the original.",
  "repeated-placeholder": "The model's translation repeated a link or other formatting over and over.",
  "repeated-text": "The model's translation repeated its words over and over.",
  glossary: "The model's translation does not follow your glossary.",
};

/** The error for one segment's unusable reply, in words a user understands. */
export function badReplyError(reason: BadReplyReason, detail?: string): TranslateError {
  return {
    kind: "bad-reply",
    reason,
    message: BAD_REPLY_MESSAGES[reason],
    fix: BAD_REPLY_FIX,
    ...(detail ? { detail } : {}),
  };
}
