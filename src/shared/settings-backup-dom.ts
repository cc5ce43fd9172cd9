// The DOM steps both "Back up settings" UIs share (the options page's, the userscript's settings dialog's): a file
// downloaded from text, a picked file read as a backup, and an outcome shown as sentences and a list.
import { messageOf, readBackup, tooLargeMessage, type BackupRead } from "./settings-backup";

/**
 * Downloads `text` as `name` through a hidden link put in `parent` for the click: the options page's body, or the
 * userscript's closed shadow root, where the page cannot see the link nor the file's address.
 */
export function downloadText(parent: Node & ParentNode, name: string, text: string): void {
  const doc = parent.ownerDocument ?? (parent as Document);
  const url = URL.createObjectURL(new Blob([text], { type: "application/json" }));
  const link = Object.assign(doc.createElement("a"), { href: url, download: name, hidden: true });
  parent.append(link);
  link.click();
  link.remove();
  // Firefox reads the file's address after the click returns; a minute is long past that.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A picked file as a backup: refused unread when too large, and a file that cannot be read says so. */
export async function readBackupFile(file: File): Promise<BackupRead> {
  const tooLarge = tooLargeMessage(file.size);
  if (tooLarge) return { ok: false, message: tooLarge };
  try {
    return readBackup(await file.text());
  } catch (error) {
    return { ok: false, message: `Gloss could not read ${file.name}: ${messageOf(error)}` };
  }
}

/** The outcome in a status element: sentences, then the settings that kept their current value as a list. */
export function showBackupStatus(
  status: HTMLElement,
  sentences: string[],
  kind: "" | "ok" | "fail",
  kept: string[] = [],
): void {
  const doc = status.ownerDocument;
  const nodes: HTMLElement[] = sentences.map((text) => Object.assign(doc.createElement("p"), { textContent: text }));
  if (kept.length) {
    const list = doc.createElement("ul");
    list.append(...kept.map((text) => Object.assign(doc.createElement("li"), { textContent: text })));
    nodes.push(list);
  }
  status.replaceChildren(...nodes);
  status.className = `backup-status ${kind}`;
}
