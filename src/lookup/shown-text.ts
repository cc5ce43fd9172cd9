// The text of a selection as the reader sees it. `Range.toString()` reads every text node the range spans, shown or
// not, so a page can hide words among those the reader selects (an instruction to the model in a `display: none`
// span) and have Gloss send them and show their translation in its own card; the browser's copy leaves them out.
import { HIDDEN_TAGS } from "../core/collect/display";
import { composedParentElement } from "../core/dom";
import { styleReader } from "../core/shown-opacity";

/**
 * The range's text without what the page does not show: not displayed, `hidden`, or invisible. With `maxChars`, read
 * only until it has more than that many characters, whitespace runs counted as one: a look-up only asks whether a
 * selection is that short, and a reader who selected the whole page would otherwise have each of its elements' style
 * read.
 */
export function shownText(range: Range, maxChars = Infinity): string {
  const unshown = unshownTest((range.startContainer.ownerDocument ?? (range.startContainer as Document)).defaultView);
  let text = "";
  for (const node of textNodesIn(range)) {
    if (unshown(node)) continue;
    // A line break between two words keeps them apart, as the browser's copy does ("5<br>10115": not "510115").
    if (node.nodeType !== 3) {
      text += "\n";
      continue;
    }
    text += partIn(range, node as Text)[0];
    if (text.length > maxChars && text.replace(/\s+/g, " ").trim().length > maxChars) break;
  }
  return text;
}

/**
 * `range` from its first to its last character that is not a space, in the page's text: a text `own` says is Gloss's
 * counts only when the range holds no other. A triple-click selects a paragraph up to the start of the next one, and
 * a drag past a line's end does too: that empty end counts as touching the next paragraph, which was then taken for
 * a second passage (no card, and both translated in place). A drag on past a paragraph's end into its bilingual copy,
 * Gloss's translation of it, means the paragraph's words: with the copy's, they were most of the passage, translated
 * in place again (nothing new to see).
 */
export function trimmed(range: Range, own: (node: Text) => boolean): Range {
  /** The range's page text, and Gloss's. */
  const tight: Array<Range | undefined> = [];
  for (const node of textNodesIn(range)) {
    if (node.nodeType !== 3) continue;
    const [part, from] = partIn(range, node as Text);
    const lead = part.search(/\S/);
    if (lead < 0) continue;
    const mine = +own(node as Text);
    if (!tight[mine]) (tight[mine] = range.cloneRange()).setStart(node, from + lead);
    tight[mine].setEnd(node, from + part.trimEnd().length);
  }
  return tight[0] ?? tight[1] ?? range.cloneRange();
}

/** The part of `node`'s text inside `range`, and where in its text that part starts. */
function partIn(range: Range, node: Text): [string, number] {
  const from = node === range.startContainer ? range.startOffset : 0;
  return [node.data.slice(from, node === range.endContainer ? range.endOffset : undefined), from];
}

/** The range's text nodes and line breaks (`<br>`), in order. */
function* textNodesIn(range: Range): Generator<Text | Element> {
  const root = range.commonAncestorContainer;
  const doc = root.ownerDocument ?? (root as Document);
  if (root.nodeType === 3) {
    yield root as Text;
    return;
  }
  const walker = doc.createTreeWalker(root, 5 /* NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const shows = n.nodeType === 3 || (n as Element).localName === "br";
    if (shows && range.intersectsNode(n)) yield n as Text | Element;
  }
}

/** Whether a text node (or a line break) is left unshown by an element around it (each element's style read once). */
function unshownTest(win: Window | null): (node: Text | Element) => boolean {
  const hidden = new Map<Element, boolean>();
  const style = styleReader(win);
  const notDisplayed = (element: Element): boolean => {
    const known = hidden.get(element);
    if (known !== undefined) return known;
    const parent = composedParentElement(element);
    const own =
      HIDDEN_TAGS.has(element.localName) || element.hasAttribute("hidden") || style(element)?.display === "none";
    const result = own || (parent !== null && notDisplayed(parent));
    hidden.set(element, result);
    return result;
  };
  return (node) => {
    const parent = node.nodeType === 3 ? composedParentElement(node) : (node as Element);
    if (!parent) return false;
    // Visibility is inherited (a child may show again inside a hidden parent): the text's own element decides.
    const visibility = style(parent)?.visibility;
    return visibility === "hidden" || visibility === "collapse" || notDisplayed(parent);
  };
}
