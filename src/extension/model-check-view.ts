// The model check's result as the options page and the popup's diagnostics show it: a verdict heading, the plain
// summary, the measured figures and, when there is one, the advice. Built from text nodes only.
import type { ModelCheck, UserError } from "../shared/messages";

const HEADINGS: Record<ModelCheck["verdict"], string> = {
  good: "Model check: good for formatted pages.",
  usable: "Model check: usable, with slips.",
  "too-weak": "Model check: too weak for formatted pages.",
  failed: "The model check could not run.",
};

/** "ok", "warn" or "fail": how the result is framed. */
export function verdictTone(check: ModelCheck): "ok" | "warn" | "fail" {
  return check.verdict === "good" ? "ok" : check.verdict === "usable" ? "warn" : "fail";
}

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

export function describeModelCheck(doc: Document, check: ModelCheck, headingLevel: "h2" | "h3" = "h3"): HTMLElement[] {
  const heading = doc.createElement(headingLevel);
  heading.textContent = HEADINGS[check.verdict];
  const nodes: HTMLElement[] = [heading];
  const para = (text: string, className?: string) => {
    const p = doc.createElement("p");
    p.textContent = text;
    if (className) p.className = className;
    nodes.push(p);
  };
  if (check.verdict === "failed") return [heading, ...describeCheckError(doc, check.error)];
  para(check.summary);
  const list = doc.createElement("dl");
  const row = (term: string, value: string | undefined) => {
    if (!value) return;
    const dt = doc.createElement("dt");
    dt.textContent = term;
    const dd = doc.createElement("dd");
    dd.textContent = value;
    list.append(dt, dd);
  };
  const { tags, segments, language } = check;
  const repaired = tags.repaired ? ` (${tags.repaired} repaired by Gloss)` : "";
  row("Formatting kept", `${tags.kept} of ${tags.total} sentences${repaired}`);
  row("Passages in place", `${segments.kept} of ${segments.total}`);
  row("Target language", `${language.correct} of ${language.total}`);
  row("Speed", check.tokensPerSecond !== undefined ? `${check.tokensPerSecond} tokens/s` : undefined);
  row("First token", check.firstTokenMs !== undefined ? `after ${seconds(check.firstTokenMs)}` : undefined);
  row("Took", seconds(check.durationMs));
  nodes.push(list);
  if (check.advice) para(check.advice, "advice");
  return nodes;
}

/** Why the check could not run, and the fix when there is one. */
export function describeCheckError(doc: Document, error: UserError | undefined): HTMLElement[] {
  return [error?.message, error?.fix]
    .filter((text): text is string => !!text)
    .map((text) => Object.assign(doc.createElement("p"), { textContent: text }));
}
