// What a run that came to its end says: translated; an error when nothing could be translated; or, with nothing to
// translate, a notice of why (the page is in a language the reader reads, it has no text, its text is in frames).
import { framedText, oneOf, primarySubtag, type Summary } from "../core";
import { leftOutFrames } from "../core/frames/left-out-frame";
import type { UserError } from "../shared/messages";
import { languageName } from "../shared/languages";
import { toUserError } from "../shared/user-error";
import { documentRules } from "../sites/skipped-parts";
import type { SessionState } from "./session-report";

export const UNEXPECTED: UserError = {
  message: "Gloss failed while translating this page.",
  fix: "Show the original and try again; if it keeps happening, reload the page.",
};

/** How to translate a frame's text: on its own, it is a page Gloss translates (no browser opens a `srcdoc` one). */
const OPEN_FRAME =
  "To translate a frame, open its page in a tab of its own (in Firefox: right-click in it, This Frame › Open Frame in New Tab).";

/**
 * What a page run that found no text says of frames closed to the page (another site's; see
 * core/collect/framed-text.ts), whose text it cannot reach; undefined when there are none. The frames the page can
 * read are translated with it; beside text of its own, another site's frames go unnamed (most are ads). Frames in a
 * part the run's rules leave untranslated (translate="no", a site's or the reader's part) are left out, as the run
 * leaves out a frame the page can read there.
 */
function framesNotice(doc: Document, config: RunLanguages): string | undefined {
  const leftOut = leftOutFrames(doc, documentRules(doc, config.skipParts));
  if (!framedText(doc, leftOut).closed) return undefined;
  return `The text of this page is in frames, which Gloss does not translate. ${OPEN_FRAME}`;
}

/** The languages of a run, and the reader's parts it leaves untranslated (see SessionConfig). */
interface RunLanguages {
  targetLang: string;
  neverTranslate: string[];
  skipParts?: string[] | undefined;
}

/** Why a page with text was left as it is: its language, detected on the page's own text. */
function pageKept(summary: Summary, config: RunLanguages): string {
  // As the engine compared them (a detector's "iw" is the "he" the reader picked).
  const pageLang = summary.pageLang ? primarySubtag(summary.pageLang) : undefined;
  const readsIt = pageLang && oneOf(summary.pageLang, config.neverTranslate);
  return readsIt
    ? `This page is in ${languageName(pageLang)}, which you read: Gloss leaves it as it is.`
    : `This page is already in ${languageName(config.targetLang)}.`;
}

/** Why the passages the reader picked were left as they are: of them, not of the page (a French quote on a German
 * page is no page "already in English"); which of the languages they are in, only the engine's units know. */
function selectionKept(config: RunLanguages): string {
  const target = languageName(config.targetLang);
  return config.neverTranslate.length
    ? `Gloss leaves the selection as it is: it is in ${target} or in a language you read.`
    : `The selection is already in ${target}.`;
}

/**
 * Puts the outcome of a run over `summary` into `s` (an error the engine reported stays); true when the page is to
 * be given its original back: it is already in a language the reader reads.
 */
export function finishRun(s: SessionState, summary: Summary, config: RunLanguages, doc: Document): boolean {
  if (s.status === "error") return false;
  if (summary.found > 0 && summary.translated === 0 && summary.failed === 0) {
    s.status = "idle";
    s.notice = s.passages.length ? selectionKept(config) : pageKept(summary, config);
    return true;
  }
  if (summary.found === 0) {
    s.status = "idle";
    s.notice = s.passages.length
      ? "Gloss found nothing to translate in the selection."
      : (framesNotice(doc, config) ?? "Gloss found no text to translate on this page.");
  } else if (summary.translated === 0 && summary.failed > 0) {
    // Nothing could be translated: that is an error, with the reason the server or model gave most often.
    s.status = "error";
    s.error = summary.failure ? toUserError(summary.failure) : UNEXPECTED;
  } else s.status = "translated";
  return false;
}
