// Checks the shape of a content script's progress report before the badge, popup and menu mirror it (the page's
// frames send it).
import type { ContentReport } from "../shared/messages";

const isUserError = (value: unknown) =>
  value === undefined || (!!value && typeof (value as { message?: unknown }).message === "string");

export function isReport(value: unknown): value is ContentReport {
  if (!value || typeof value !== "object") return false;
  const { status, progress, error, failure, simplification, unmetTerms, url, notice, uiBlocked, inFrame } =
    value as Partial<ContentReport>;
  const count = (n: unknown) => Number.isSafeInteger(n) && (n as number) >= 0;
  return (
    typeof status === "string" &&
    ["idle", "translating", "translated", "original", "error"].includes(status) &&
    !!progress &&
    [progress.total, progress.done, progress.failed].every(count) &&
    (progress.simplified === undefined || count(progress.simplified)) &&
    (progress.unmet === undefined || count(progress.unmet)) &&
    (unmetTerms === undefined || (Array.isArray(unmetTerms) && unmetTerms.every((t) => typeof t === "string"))) &&
    isUserError(error) &&
    isUserError(failure) &&
    isUserError(simplification) &&
    (url === undefined || typeof url === "string") &&
    (notice === undefined || typeof notice === "string") &&
    (uiBlocked === undefined || typeof uiBlocked === "boolean") &&
    (inFrame === undefined || typeof inFrame === "boolean")
  );
}
