// Where a reply's kept blocks are (a forum's quotes and code, which never reach the model): each opening tag paired
// with its closing twin, shared by the BBCode reader (bbcode.ts) and Discourse's tags in Markdown (markdown-quotes.ts).

/** A tag as the readers find it in the text, at [at, end). */
export interface BlockTag {
  at: number;
  end: number;
  closing: boolean;
  /** Lower case. */
  name: string;
  /** What follows the name: `=https://…`, ` post_id=1`. */
  option: string;
}

/** The tags `pattern` finds in `text`; its groups: the closing slash, the name, what follows the name. */
export function tagsIn(text: string, pattern: RegExp): BlockTag[] {
  return [...text.matchAll(pattern)].map((m) => ({
    at: m.index,
    end: m.index + m[0].length,
    closing: m[1] === "/",
    name: m[2]!.toLowerCase(),
    option: m[3] ?? "",
  }));
}

/**
 * The closed blocks of the tags named in `kept`, as [from, to): a block whose name `nests` holds blocks of its own
 * name (a quote of a quote) and ends at its own closing tag; any other (code) ends at the first. An unclosed tag
 * makes no block.
 */
export function keptBlocks(
  tags: readonly BlockTag[],
  kept: ReadonlySet<string>,
  nests: (name: string) => boolean,
): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (let i = 0; i < tags.length; i++) {
    const open = tags[i]!;
    if (open.closing || !kept.has(open.name)) continue;
    let depth = 0;
    for (let j = i + 1; j < tags.length; j++) {
      const tag = tags[j]!;
      if (tag.name !== open.name) continue;
      if (!tag.closing && nests(open.name)) depth++;
      else if (tag.closing && depth-- === 0) {
        ranges.push([open.at, tag.end]);
        i = j;
        break;
      }
    }
  }
  return ranges;
}
