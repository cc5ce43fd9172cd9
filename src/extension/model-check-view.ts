// The model check's result as the options page and the popup's diagnostics show it: a verdict heading, the plain
// summary, the measured figures and, when there is one, the advice. Built from text nodes only.
import type { ModelCheck, UserError } from "../shared/messages";
import { CHECK_HEADINGS, checkFigures } from "../shared/model-check-text";

/** "ok", "warn" or "fail": how the result is framed. */
export function verdictTone(check: ModelCheck): "ok" | "warn" | "fail" {
  return check.verdict === "good" ? "ok" : check.verdict === "usable" ? "warn" : "fail";
}

export function describeModelCheck(doc: Document, check: ModelCheck, headingLevel: "h2" | "h3" = "h3"): HTMLElement[] {
  const heading = doc.createElement(headingLevel);
  heading.textContent = CHECK_HEADINGS[check.verdict];
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
  for (const [term, value] of checkFigures(check)) {
    const dt = doc.createElement("dt");
    dt.textContent = term;
    const dd = doc.createElement("dd");
    dd.textContent = value;
    list.append(dt, dd);
  }
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
