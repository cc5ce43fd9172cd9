// How a finished page reads to the user: one title line and the reasons behind passages that are not a full
// translation (shown with simplified formatting, left in the original, or not following the reader's glossary). Shared by the popup, the in-page status
// card and the userscript's notifications, so every place says the same thing.
import type { Progress, UserError } from "./messages";

export const passages = (n: number): string => `${n} passage${n === 1 ? "" : "s"}`;

/** "Translated.", or with what was simplified or left in the original. */
export function translatedTitle(progress: Progress): string {
  const simplified = progress.simplified ?? 0;
  const failed = progress.failed;
  if (simplified && failed) {
    return `Translated; ${passages(simplified)} with simplified formatting, ${failed} left in the original.`;
  }
  if (simplified) return `Translated; ${passages(simplified)} with simplified formatting.`;
  if (failed) return `Translated, except ${passages(failed)} left in the original.`;
  return "Translated.";
}

interface OutcomeReport {
  progress: Progress;
  simplification?: UserError;
  failure?: UserError;
  unmetTerms?: readonly string[];
}

/** What to try when translations miss glossary terms: the model, not the glossary, is the limit. */
const GLOSSARY_FIX = "Check those terms; a larger model follows a glossary more closely.";

/** "3 passages did not follow your glossary (Bahn, r/de)." and its fix; nothing when every passage did. */
function glossaryMissed(report: OutcomeReport): string[] {
  const unmet = report.progress.unmet ?? 0;
  const terms = report.unmetTerms ?? [];
  if (!unmet || !terms.length) return [];
  return [`${passages(unmet)} did not follow your glossary (${terms.join(", ")}).`, GLOSSARY_FIX];
}

/**
 * Why: the reasons for simplified, original and off-glossary passages, each with its fix. Empty when all is well.
 */
export function outcomeReasons(report: OutcomeReport): string {
  const { progress, simplification, failure } = report;
  const parts: string[] = [];
  if ((progress.simplified ?? 0) > 0 && simplification) {
    parts.push(`Simplified: ${simplification.message}`);
    if (simplification.fix) parts.push(simplification.fix);
  }
  if (progress.failed > 0 && failure) {
    parts.push(`Left in the original: ${failure.message}`);
    if (failure.fix && failure.fix !== simplification?.fix) parts.push(failure.fix);
  }
  parts.push(...glossaryMissed(report));
  return parts.join(" ");
}

/** The popup's detail line: how many passages are simplified, original or off-glossary, each with its reason and fix. */
export function outcomeDetail(report: OutcomeReport): string {
  const { progress, simplification, failure } = report;
  const simplified = progress.simplified ?? 0;
  const parts: Array<string | undefined> = [];
  if (simplified) {
    const verb = simplified === 1 ? "is" : "are";
    parts.push(`${passages(simplified)} ${verb} shown with simplified formatting.`);
    parts.push(simplification?.message, simplification?.fix);
  }
  if (progress.failed) {
    parts.push(`${passages(progress.failed)} stayed in the original.`);
    parts.push(failure?.message, failure?.fix !== simplification?.fix || !simplified ? failure?.fix : undefined);
  }
  parts.push(...glossaryMissed(report));
  return parts.filter(Boolean).join(" ");
}

/** What a card (look-up, reply box) says of a term its translation does not follow (the reply was used anyway). */
export function unmetTermNote(term: string): string {
  return `Check “${term}”: the model did not follow your glossary for it.`;
}
