// The model check's result in words: the verdict's heading and the measured figures, shared by the options page,
// the popup's diagnostics and the userscript's settings dialog, so each says the same thing.
import type { ModelCheck } from "./messages";

export const CHECK_HEADINGS: Record<ModelCheck["verdict"], string> = {
  good: "Model check: good for formatted pages.",
  usable: "Model check: usable, with slips.",
  "too-weak": "Model check: too weak for formatted pages.",
  failed: "The model check could not run.",
};

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** The figures as term/value rows (those measured). */
export function checkFigures(check: ModelCheck): Array<[string, string]> {
  const { tags, segments, language } = check;
  const repaired = tags.repaired ? ` (${tags.repaired} repaired by Gloss)` : "";
  const rows: Array<[string, string | undefined]> = [
    ["Formatting kept", `${tags.kept} of ${tags.total} sentences${repaired}`],
    ["Passages in place", `${segments.kept} of ${segments.total}`],
    ["Target language", `${language.correct} of ${language.total}`],
    ["Speed", check.tokensPerSecond !== undefined ? `${check.tokensPerSecond} tokens/s` : undefined],
    ["First token", check.firstTokenMs !== undefined ? `after ${seconds(check.firstTokenMs)}` : undefined],
    ["Took", seconds(check.durationMs)],
  ];
  return rows.filter((row): row is [string, string] => !!row[1]);
}

/** The whole result as lines of plain text. */
export function checkLines(check: ModelCheck): string[] {
  if (check.verdict === "failed") {
    return [CHECK_HEADINGS.failed, check.error?.message ?? "", check.error?.fix ?? ""].filter(Boolean);
  }
  return [
    CHECK_HEADINGS[check.verdict],
    check.summary,
    ...checkFigures(check).map(([term, value]) => `${term}: ${value}`),
    check.advice ?? "",
  ].filter(Boolean);
}
