// How a finished page reads to the user: one title line and the reasons behind passages that are not a full
// translation (shown with simplified formatting, or left in the original). Shared by the popup, the in-page status
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

/** Why: the reasons for simplified and for original passages, each with its fix. Empty when all is translated. */
export function outcomeReasons(report: {
  progress: Progress;
  simplification?: UserError;
  failure?: UserError;
}): string {
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
  return parts.join(" ");
}

/** The popup's detail line: how many passages are simplified or original, each with its reason and fix. */
export function outcomeDetail(report: { progress: Progress; simplification?: UserError; failure?: UserError }): string {
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
  return parts.filter(Boolean).join(" ");
}
