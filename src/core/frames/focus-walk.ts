// Where the reader's keyboard focus is: from a document's focused element down through shadow roots and on into the
// frames whose document the page can read, nested ones too. One walk for each way Gloss follows the focus (the
// userscript's keys, the field to translate, the selection); each says which frames it goes into.
import { isFrame, MAX_FRAME_NESTING, readableFrameDocument } from "./frame-documents";
import { focusOf } from "../dom";

type Frame = HTMLIFrameElement | HTMLFrameElement;

/** The shadow root of an element the walk may see into: open ones, or closed ones too where the platform shows them. */
export type ShadowRootOf = (element: Element) => ShadowRoot | null;

/** Shadow roots inside shadow roots, deeper than any page nests them: a page's getters cannot hold the walk. */
const MAX_SHADOW_NESTING = 64;

export interface FocusWalkOptions {
  /** Default: open shadow roots only. */
  shadowRootOf?: ShadowRootOf;
  /** Whether the walk goes on into a focused frame whose document it can read; default: into every one. */
  enters?(frame: Frame, inner: Document): boolean;
}

export interface FocusWalk {
  /** `doc`, then the document of each focused frame the walk went into, the innermost last. */
  docs: Document[];
  /** The element with the focus in the last of `docs` (in the innermost shadow root seen); null where there is none. */
  element: Element | null;
  /**
   * The focused frame the walk did not go into: another site's (the page cannot read it), one `enters` refused, or
   * one nested deeper than MAX_FRAME_NESTING.
   */
  stoppedAt?: Frame;
}

/** The way from `doc` to the reader's focus. The page answers every question asked here: an answer it throws ends it. */
export function focusWalk(doc: Document, options: FocusWalkOptions = {}): FocusWalk {
  const shadowRootOf = options.shadowRootOf ?? openShadowRoot;
  const docs = [doc];
  for (;;) {
    const element = focusedIn(docs.at(-1)!, shadowRootOf);
    if (!element || !isFrame(element)) return { docs, element };
    const inner = docs.length <= MAX_FRAME_NESTING ? readableFrameDocument(element) : null;
    if (!inner || !entered(element, inner, options)) return { docs, element, stoppedAt: element };
    docs.push(inner);
  }
}

function entered(frame: Frame, inner: Document, options: FocusWalkOptions): boolean {
  try {
    return options.enters?.(frame, inner) ?? true;
  } catch {
    return false; // the frame's document is the page's, which may throw from what it is asked
  }
}

/** The focused element of `doc`, followed into the shadow roots the walk sees. */
function focusedIn(doc: Document, shadowRootOf: ShadowRootOf): Element | null {
  let active: Element | null;
  try {
    active = focusOf(doc);
  } catch {
    return null;
  }
  for (let depth = 0; active && depth < MAX_SHADOW_NESTING; depth++) {
    let inner: Element | null | undefined;
    try {
      inner = shadowRootOf(active)?.activeElement;
    } catch {
      inner = undefined;
    }
    if (!inner) break;
    active = inner;
  }
  return active;
}

const openShadowRoot: ShadowRootOf = (element) => element.shadowRoot;
