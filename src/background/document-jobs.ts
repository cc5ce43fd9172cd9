// The translation jobs each page document has open, so that a page can end all of them, or all of one group, at once
// (PortEnd): their ports close one at a time, and each slot freed meanwhile would go to the same page's next job.
import type { Runtime } from "../extension/api";

interface Listed {
  job: AbortController;
  group: string | undefined;
}

const open = new Map<string, Set<Listed>>();

/** The document the browser names for a port (Chromium, Firefox 153+); Firefox 140–152 (ESR 140) name none. */
function namedDocument(sender: Runtime.MessageSender): string | undefined {
  const documentId = (sender as { documentId?: unknown }).documentId;
  return typeof documentId === "string" ? documentId : undefined;
}

/** Where a port's jobs are listed: its document, else its tab and frame (which show one document after another). */
function documentOf(sender: Runtime.MessageSender): string {
  return namedDocument(sender) ?? `${sender.tab?.id ?? -1}/${sender.frameId ?? 0}`;
}

/**
 * Whether a page's end may reach every job listed with the port's: only where the browser names the document. A tab
 * and frame stand for it badly: a page's own pagehide listeners run before Gloss's, for as long as the page likes, so
 * its end can come after the next page in the frame asked, and would end that page's jobs (which then wait for ever:
 * the background tells a job it ended nothing). There a page's end reaches the port's group, whose name no other
 * document's script uses (content/port-translator.ts); each of the page's jobs says it on its own port.
 */
export function pageEndReachesDocument(sender: Runtime.MessageSender): boolean {
  return namedDocument(sender) !== undefined;
}

/** Lists a job under its port's document (and group) until the returned function is called. */
export function listJob(sender: Runtime.MessageSender, group: string | undefined, job: AbortController): () => void {
  const key = documentOf(sender);
  const jobs = open.get(key) ?? new Set();
  open.set(key, jobs);
  const listed: Listed = { job, group };
  jobs.add(listed);
  return () => {
    jobs.delete(listed);
    if (!jobs.size && open.get(key) === jobs) open.delete(key);
  };
}

/** Ends every job the port's document has open, or only those of `group`. */
export function endJobs(sender: Runtime.MessageSender, group?: string): void {
  for (const listed of [...(open.get(documentOf(sender)) ?? [])]) {
    if (group === undefined || listed.group === group) listed.job.abort();
  }
}
