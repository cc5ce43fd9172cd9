// The translation jobs each page document has open, so that a page can end all of them, or all of one group, at once
// (PortEnd): their ports close one at a time, and each slot freed meanwhile would go to the same page's next job.
import type { Runtime } from "../extension/api";

interface Listed {
  job: AbortController;
  group: string | undefined;
}

const open = new Map<string, Set<Listed>>();

/**
 * The document a port belongs to: Chromium and Firefox 153+ name it. Firefox 140–152 (ESR 140) do not: its tab and
 * frame stand for it, as a frame shows one document at a time and a page posts its end as it is hidden, before the
 * next document's script can ask.
 */
function documentOf(sender: Runtime.MessageSender): string {
  const documentId = (sender as { documentId?: unknown }).documentId;
  if (typeof documentId === "string") return documentId;
  return `${sender.tab?.id ?? -1}/${sender.frameId ?? 0}`;
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
