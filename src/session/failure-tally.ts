// Why passages stayed in the original: errors counted by kind (and, for unusable replies, by reason), so the page
// can name the most frequent cause — "the server stopped sending data" says more than "37 passages failed".
import type { TranslateError } from "../shared/translator";

export class FailureTally {
  readonly #counts = new Map<string, { error: TranslateError; count: number }>();

  add(error: TranslateError): void {
    if (error.kind === "aborted") return; // cancelled by us, not a failure
    const key = `${error.kind}/${error.reason ?? ""}`;
    const entry = this.#counts.get(key);
    if (entry) entry.count++;
    else this.#counts.set(key, { error, count: 1 });
  }

  mostFrequent(): TranslateError | undefined {
    let best: { error: TranslateError; count: number } | undefined;
    for (const entry of this.#counts.values()) if (!best || entry.count > best.count) best = entry;
    return best?.error;
  }

  clear(): void {
    this.#counts.clear();
  }
}
