// A reasoning model whose server does not split its reasoning off (`reasoning_content`) writes `<think>…</think>`
// into the reply itself, and reasoning about a marked batch quotes the markers ("[1] is a greeting…"). Taken out of
// the stream before markers are read: otherwise a marker inside the reasoning opens a segment there, its reasoning
// becomes that segment's translation, and the real segment that follows is dropped as a duplicate.

const OPEN = "<think>";
const CLOSE = "</think>";

/** How many characters at the end of `text` may begin `tag` (case-insensitive). */
function partialTag(text: string, tag: string): number {
  for (let k = Math.min(tag.length - 1, text.length); k > 0; k--) {
    if (tag.startsWith(text.slice(-k).toLowerCase())) return k;
  }
  return 0;
}

export class ThinkFilter {
  #thinking = false;
  /** The end of what arrived that may still become a tag. */
  #held = "";
  /** Characters inside think blocks so far (the tags not counted). */
  #thought = 0;
  /** Whether any of it was more than white space: an empty block (`<think>\n\n</think>`, a model that skipped its
   * thinking, as DeepSeek-R1's distills do on short input) is no reasoning. */
  #thoughtSomething = false;

  get thoughtChars(): number {
    return this.#thoughtSomething ? this.#thought : 0;
  }

  #think(text: string): void {
    this.#thought += text.length;
    if (!this.#thoughtSomething && /\S/.test(text)) this.#thoughtSomething = true;
  }

  /** The text of a delta outside think blocks (a tag split across deltas is found with the next one). */
  push(text: string): string {
    let rest = this.#held + text;
    let out = "";
    for (;;) {
      const tag = this.#thinking ? CLOSE : OPEN;
      const at = rest.search(this.#thinking ? /<\/think>/i : /<think>/i);
      if (at < 0) {
        const keep = partialTag(rest, tag);
        if (!this.#thinking) out += rest.slice(0, rest.length - keep);
        else this.#think(rest.slice(0, rest.length - keep));
        this.#held = rest.slice(rest.length - keep);
        return out;
      }
      if (!this.#thinking) out += rest.slice(0, at);
      else this.#think(rest.slice(0, at));
      rest = rest.slice(at + tag.length);
      this.#thinking = !this.#thinking;
    }
  }

  /** What is still held when the reply ends (nothing inside a think block that was never closed). */
  end(): string {
    const rest = this.#thinking ? "" : this.#held;
    this.#held = "";
    return rest;
  }
}
