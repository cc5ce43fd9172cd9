// Error texts in the userscript's own words: it has a settings dialog (the manager's menu → Settings), where the
// shared texts send extension users to the options page.
import type { ServerReport, UserError } from "../shared/messages";
import { BATCH_UNIT } from "../shared/settings";

// The dialog has no Advanced section: those are stored fields the README's userscript section names.
const reword = (text: string) =>
  text
    .replace(
      /\(Batch size, under Advanced on the options page\)/g,
      `(the field maxBatchChars in the script's stored settings, ${BATCH_UNIT})`,
    )
    .replace(
      /\(Requests at once, under Advanced on the options page\)/g,
      "(the field maxConcurrent in the script's stored settings)",
    )
    .replace(/\bon the options page\b/g, "in Gloss's settings")
    .replace(/\bthe options page\b/g, "Gloss's settings");

/** An error (a translation's or a connection test's) as the userscript says it. */
export function inUserscriptWords<E extends { message: string; fix?: string | undefined }>(error: E): E {
  return { ...error, message: reword(error.message), ...(error.fix !== undefined ? { fix: reword(error.fix) } : {}) };
}

/** A connection test's report with each of its errors (the connection's, the sample's) as `say` puts it. */
export function reportErrors(report: ServerReport, say: (error: UserError) => UserError): ServerReport {
  const sample = report.sample?.error ? { ...report.sample, error: say(report.sample.error) } : report.sample;
  return {
    ...report,
    ...(report.error ? { error: say(report.error) } : {}),
    ...(sample ? { sample } : {}),
  };
}
