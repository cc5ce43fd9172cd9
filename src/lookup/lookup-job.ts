// One look-up, from the selected text to what its card says: "Translating…" (and why it waits), "Already in …" when
// its sentence is in the target language, the translation, or the problem. A newer look-up, or the card closing,
// stops it.
import { withChineseScript } from "../core/chinese-script";
import { countLetters, MIN_LETTERS_FOR_DETECTION, sameLanguage } from "../core/lang";
import { languageName } from "../shared/languages";
import { escapeText, htmlToText } from "../shared/html-text";
import type { UserError } from "../shared/messages";
import { isSegmentError, type TranslateError } from "../shared/translator";
import { toUserError } from "../shared/user-error";
import type { LookupDeps } from "./lookup";
import type { LookupAnchor, LookupCard, LookupState } from "./lookup-card";
import { lookupContext } from "./sentence";
import { runPassages } from "../sites/skipped-parts";

export interface Job {
  anchor: LookupAnchor;
  text: string;
  /** The sentence the selection came from (sentence.ts), for the model. */
  sentence: string | undefined;
  controller: AbortController;
  waiting: boolean;
  /** Why the server keeps it waiting, as the card says (lookup.ts's setServerStatus). */
  server?: "loading" | "busy" | undefined;
}

/** A document's look-up: what it needs, its card, and the job in hand. */
export interface LookupParts {
  deps: LookupDeps;
  card: LookupCard;
  job?: Job;
}

const UNEXPECTED: TranslateError = { kind: "server-error", message: "Gloss could not translate the selection." };

export function stopJob(parts: LookupParts): void {
  parts.job?.controller.abort();
}

/** The selection's sentence (or the selection) is in the target language already: no request. */
async function inTargetLang(
  deps: LookupDeps,
  text: string,
  sentence: string | undefined,
  lang: string,
): Promise<boolean> {
  const sample = sentence ?? text;
  if (!deps.detectLang || countLetters(sample) < MIN_LETTERS_FOR_DETECTION) return false;
  return sameLanguage(withChineseScript(await deps.detectLang(sample).catch(() => undefined), sample), lang);
}

/** Shows `state` in the card, unless a newer look-up replaced `job` or it was stopped. */
function showFor(parts: LookupParts, job: Job, state: LookupState): void {
  if (parts.job !== job || job.controller.signal.aborted) return;
  job.waiting = state.kind === "working";
  job.server = undefined;
  if (parts.card.visible) parts.card.update(state);
  else parts.card.show(job.anchor, state);
}

function problemState(text: string, user: UserError): LookupState {
  return { kind: "problem", source: text, message: user.message, fix: user.fix };
}

/** Asks the translator for `job`'s text, as a look-up: it takes the next free slot, ahead of the page's batches. */
function ask(deps: LookupDeps, job: Job, lang: string, show: (state: LookupState) => void) {
  const { text } = job;
  const context = lookupContext(deps.context?.(), job.sentence);
  // When every slot is busy, the card says why it waits.
  return deps.translator([{ id: "lookup", html: escapeText(text) }], {
    targetLang: lang,
    signal: job.controller.signal,
    lookup: true,
    onWaiting: (waiting) => show({ kind: "working", source: text, waiting }),
    ...(context ? { context } : {}),
  });
}

/** Looks up `text` in a card next to `anchor`, in place of any look-up in hand. */
export async function runJob(
  parts: LookupParts,
  anchor: LookupAnchor,
  text: string,
  sentence: string | undefined,
): Promise<void> {
  const { deps } = parts;
  stopJob(parts);
  const controller = new AbortController();
  const current: Job = { anchor, text, sentence, controller, waiting: true };
  parts.job = current;
  const show = (state: LookupState) => showFor(parts, current, state);
  show({ kind: "working", source: text });
  if (parts.card.blocked) {
    // The page keeps Gloss's card out: the passage is translated in place instead (the platform says why); a text
    // box's words have no passage in place.
    controller.abort();
    return anchor.noParagraph ? undefined : deps.session.translatePassage([anchor.range]);
  }
  try {
    const target = await deps.config();
    if ("error" in target) return show(problemState(text, target.error));
    // In place, a passage goes by the reader's parts as the page's run does, and would find nothing in one: the card
    // offers no paragraph there (a look-up writes nothing into the page, so it is asked all the same).
    if (!anchor.noParagraph && !runPassages(anchor.range, target.skipParts, deps.getShadowRoot).length) {
      anchor.noParagraph = true;
      show({ kind: "working", source: text });
    }
    const { targetLang: lang } = target;
    if (await inTargetLang(deps, text, sentence, lang)) {
      return show({ kind: "note", source: text, message: `Already in ${languageName(lang)}.` });
    }
    for await (const result of ask(deps, current, lang, show)) {
      if (isSegmentError(result)) {
        return result.error.kind === "aborted" ? undefined : show(problemState(text, toUserError(result.error)));
      }
      const unmet = result.unmet?.length ? { unmet: result.unmet } : {};
      return show({ kind: "done", source: text, translation: htmlToText(result.html).trim(), lang, ...unmet });
    }
  } catch (e) {
    console.error("Gloss: the look-up failed", e);
  }
  // No reply, or the look-up broke.
  show(problemState(text, UNEXPECTED));
}
