// The picker's polite live region: what it says when it starts (what to do), and which part the outline is on as it
// moves — at once for the arrow keys, and for the pointer only once it rests, so a screen reader is not handed every
// part the pointer crosses on its way.
import { el, SETTLE_MS } from "../session/element";
import type { PartWords } from "./part-words";

/** How long the pointer rests on a part before it is said: longer than the pause between two small moves. */
export const POINTER_REST_MS = 500;

export interface OutlineSpeech {
  /** The live region, visually hidden (ANNOUNCER_CSS), in the overlay from the start and empty then. */
  readonly region: HTMLDivElement;
  /**
   * What to do, and the part outlined by then if any: once the region has settled in the page. A move meanwhile is
   * said with it, not instead of it.
   */
  start(instructions: string, part: () => Spoken | undefined): void;
  /** The part the keys moved to: said at once. */
  now(part: Spoken): void;
  /** The part under the pointer: said when the pointer has rested on it. */
  rested(part: Spoken): void;
  /** Nothing more is said (the panel opened, or the picker went), and the region is emptied. */
  stop(): void;
}

/** A part as said: its words, the selector it would be saved under and how many parts of the page that names. */
export interface Spoken {
  words: PartWords;
  selector: string;
  count: number;
}

export function createOutlineSpeech(doc: Document): OutlineSpeech {
  const region = el(doc, "div", "announcer");
  region.setAttribute("role", "status");
  region.setAttribute("aria-live", "polite");
  let timer: ReturnType<typeof setTimeout> | undefined;
  let starting = false;
  const later = (ms: number, act: () => void) => {
    clearTimeout(timer);
    timer = setTimeout(act, ms);
  };

  /** Sets what the region says; the same words again are emptied first so that they are said again. */
  const say = (nodes: Array<Node | string>) => {
    clearTimeout(timer);
    const next = el(doc, "span");
    next.append(...nodes);
    if (region.textContent !== next.textContent) return region.replaceChildren(...next.childNodes);
    region.replaceChildren();
    later(SETTLE_MS, () => region.replaceChildren(...next.childNodes));
  };

  return {
    region,
    start(instructions, part) {
      starting = true;
      later(SETTLE_MS, () => {
        starting = false;
        const outlined = part();
        say([instructions, ...(outlined ? [" ", ...partNodes(doc, outlined)] : [])]);
      });
    },
    now(part) {
      if (!starting) say(partNodes(doc, part));
    },
    rested(part) {
      if (!starting) later(POINTER_REST_MS, () => say(partNodes(doc, part)));
    },
    stop() {
      starting = false;
      clearTimeout(timer);
      region.replaceChildren();
    },
  };
}

/** "heading level 1, “r/de”: .titlebox > h1, 1 on this page.", the excerpt in the page's language. */
function partNodes(doc: Document, { words, selector, count }: Spoken): Array<Node | string> {
  // The label's "·" would be read out as a symbol: a comma instead.
  const label = `${selector}, ${count} on this page`;
  if (!words.excerpt) return [`${words.kind}: ${label}.`];
  const excerpt = el(doc, "span");
  if (words.lang) excerpt.setAttribute("lang", words.lang);
  excerpt.textContent = words.excerpt;
  return [`${words.kind}, “`, excerpt, `”: ${label}.`];
}
