// A reasoning model whose server does not split its reasoning off (`reasoning_content`) writes `<think>…</think>`
// into the reply itself, and reasoning about a marked batch quotes the markers ("[1] is a greeting…"). Taken out of
// the stream before markers are read: otherwise a marker inside the reasoning opens a segment there, its reasoning
// becomes that segment's translation, and the real segment that follows is dropped as a duplicate.
// Some chat templates write the opening tag into the prompt themselves (DeepSeek-R1's distills): the reply then
// begins inside the reasoning, and only its `</think>` says so. Everything before that close was reasoning; the
// parser is told to start over (see `restarted`).

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
  /** A think block was opened, or the reply's unopened reasoning closed: a close after that is no restart. */
  #reasoned = false;
  /** The end of what arrived that may still become a tag. */
  #held = "";
  /** Characters inside think blocks so far (the tags not counted). */
  #thought = 0;
  /** Whether any of it was more than white space: an empty block (`<think>\n\n</think>`, a model that skipped its
   * thinking, as DeepSeek-R1's distills do on short input) is no reasoning. */
  #thoughtSomething = false;
  /** Characters passed on as reply so far (and whether any was more than white space): reasoning after all if an
   * unopened block's close comes. */
  #passed = 0;
  #passedSomething = false;
  #restarted = false;

  get thoughtChars(): number {
    return this.#thoughtSomething ? this.#thought : 0;
  }

  /** Whether the last push found the close of reasoning that began with the reply (no `<think>` before it): all the
   * filter passed on before was reasoning, and what it returned is the reply from the start. */
  get restarted(): boolean {
    return this.#restarted;
  }

  /** The reply has begun as a reply (with a marker): a close from now on is a stray tag, not the end of reasoning. */
  settle(): void {
    this.#reasoned = true;
  }

  #think(text: string): void {
    this.#thought += text.length;
    if (!this.#thoughtSomething && /\S/.test(text)) this.#thoughtSomething = true;
  }

  #pass(text: string): void {
    this.#passed += text.length;
    if (!this.#passedSomething && /\S/.test(text)) this.#passedSomething = true;
  }

  /** The text of a delta outside think blocks (a tag split across deltas is found with the next one). */
  push(text: string): string {
    this.#restarted = false;
    let rest = this.#held + text;
    let out = "";
    for (;;) {
      const at = rest.search(this.#thinking ? /<\/think>/i : /<\/?think>/i);
      if (at < 0) {
        const keep = this.#thinking
          ? partialTag(rest, CLOSE)
          : Math.max(partialTag(rest, OPEN), partialTag(rest, CLOSE));
        if (!this.#thinking) out += rest.slice(0, rest.length - keep);
        else this.#think(rest.slice(0, rest.length - keep));
        this.#held = rest.slice(rest.length - keep);
        if (!this.#reasoned) this.#pass(out);
        return out;
      }
      const closing = rest[at + 1] === "/";
      const tagLength = closing ? CLOSE.length : OPEN.length;
      if (this.#thinking) this.#think(rest.slice(0, at));
      else if (closing && !this.#reasoned) {
        // The reply so far was reasoning whose opening tag the template wrote.
        this.#think(out + rest.slice(0, at));
        this.#thought += this.#passed;
        if (this.#passedSomething) this.#thoughtSomething = true;
        out = "";
        this.#restarted = true;
      } else out += rest.slice(0, at); // a stray close after the reasoning is no text either
      rest = rest.slice(at + tagLength);
      this.#reasoned = true;
      this.#thinking = !this.#thinking && !closing;
    }
  }

  /** What is still held when the reply ends (nothing inside a think block that was never closed). */
  end(): string {
    const rest = this.#thinking ? "" : this.#held;
    this.#held = "";
    return rest;
  }
}
