// What the engine wrote into the page. Pages re-render: they copy our translation into new nodes or write it back
// into a text, and that must not be translated again; nor may our own writes look like page changes. The words we
// wrote are remembered for the page's lifetime (the most recent ones, within a bound: a page that keeps adding
// content must not grow this forever), which text node holds which of them only for the session. Each is kept with the
// page's words it replaced, where known: a page that copies a translation into nodes of its own gets those back on
// Show original.

import { BoundedMap } from "../bounded-map";
import { hasLetter, walkIn } from "../dom";
import type { MergeHooks } from "./merge";
import type { Unit } from "../units";

/** Gloss's own words remembered: far more than a page shows at once. */
const PRODUCED_ENTRIES = 20_000;
const PRODUCED_CHARS = 4_000_000;

export class OwnOutput {
  /** Each of our words, with the page's text it replaced (null: not known, as in a bilingual copy's clone). */
  readonly #produced = new BoundedMap<string | null>(
    PRODUCED_ENTRIES,
    PRODUCED_CHARS,
    (key, value) => key.length + (value?.length ?? 0),
  );
  /**
   * Words found on the page as its own, in a unit not made of ours: a page's "News" link is not a copy of the "News"
   * Gloss wrote for "Nachrichten", though the words are the same (Show original turned it into "Nachrichten").
   */
  readonly #pageWords = new BoundedMap<true>(PRODUCED_ENTRIES, PRODUCED_CHARS);
  /** The data we last wrote into each text node. */
  #written = new WeakMap<Text, string>();

  /**
   * The hooks for writing one unit whose texts were `sources`. A text the translation left as the page had it (a
   * name, a number, a word both languages share) is the page's own as much as ours: remembered as written into its
   * node, not as our output, or the unit's original would pass for a copy of our output when translated again after
   * Show original, and stay unwritten (no `lang`, no bilingual copy).
   */
  hooksFor(texts: readonly Text[], sources: readonly string[]): MergeHooks {
    return {
      onText: (node, data) => {
        this.#written.set(node, data);
        if (!hasLetter(data) || sources.includes(data)) return;
        const at = texts.indexOf(node);
        this.#produced.set(data, at >= 0 ? (sources[at] ?? null) : (this.#produced.get(data) ?? null));
      },
    };
  }

  /** An attribute value we wrote in place of `source` (the same value is the page's own, see hooksFor). */
  noteValue(value: string, source: string): void {
    if (value !== source) this.#produced.set(value, source);
  }

  /** The page's text that our `text` replaced, where known. */
  originalOf(text: string): string | undefined {
    return this.#produced.get(text) ?? undefined;
  }

  isProduced(value: string): boolean {
    return this.#produced.has(value);
  }

  /** The node still holds exactly what we wrote into it. */
  holdsWritten(node: Text): boolean {
    return this.#written.get(node) === node.data;
  }

  /** Every text of the unit (or its attribute value) is something we wrote: the page copied our output. */
  covers(unit: Unit): boolean {
    if (!this.#produced.size) return false;
    const ours = (text: string): boolean => this.#produced.has(text) && !this.#pageWords.has(text);
    if (unit.kind === "attribute") return ours(unit.value);
    const texts = unit.encoded.texts.filter((t) => hasLetter(t.data));
    return texts.length > 0 && texts.every((t) => ours(t.data));
  }

  /** The unit was found as the page's (it does not copy ours): its words not among ours are the page's own. */
  notePageWords(unit: Unit): void {
    const texts = unit.kind === "attribute" ? [unit.value] : unit.encoded.texts.map((t) => t.data);
    for (const text of texts) if (hasLetter(text) && !this.#produced.has(text)) this.#pageWords.set(text, true);
  }

  /** The session ended (restore()): its text nodes are the page's again. */
  forgetNodes(): void {
    this.#written = new WeakMap();
  }
}

/**
 * Every text with letters under `node` is Gloss's (`isOwnText`), and there is one: the page copied Gloss's words.
 * Text nodes next to each other in the walk are read together until they make one of Gloss's texts: a highlighter
 * (or a page's search) that wrapped words of a copy in <mark> split one text of Gloss's into pieces, none its own.
 */
export function holdsOnlyOwnWords(node: Node, isOwnText: (text: string) => boolean): boolean {
  let words = false;
  let run = "";
  const walker = walkIn(node, 4);
  for (let t = walker.nextNode() as Text | null; t; t = walker.nextNode() as Text | null) {
    if (!run && !hasLetter(t.data)) continue;
    run += t.data;
    if (!isOwnText(run)) continue;
    words = true;
    run = "";
  }
  return words && !hasLetter(run);
}
