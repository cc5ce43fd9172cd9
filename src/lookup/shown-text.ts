// The text of a selection as the reader sees it. `Range.toString()` reads every text node the range spans, shown or
// not, so a page can hide words among those the reader selects (an instruction to the model in a `display: none`
// span) and have Gloss send them and show their translation in its own card; the browser's copy leaves them out.
import { composedParentElement } from "../core/dom";

/** Elements whose text is never shown, whatever their style. */
const UNSHOWN_TAGS = new Set(["script", "style", "template", "noscript", "head", "title"]);

/**
 * The range's text without what the page does not show: not displayed, `hidden`, or invisible. With `maxChars`, read
 * only until it has more than that many characters, whitespace runs counted as one: a look-up only asks whether a
 * selection is that short, and a reader who selected the whole page would otherwise have each of its elements' style
 * read.
 */
export function shownText(range: Range, maxChars = Infinity): string {
  const doc = range.startContainer.ownerDocument ?? (range.startContainer as Document);
  const unshown = unshownTest(doc.defaultView);
  let text = "";
  for (const node of textNodesIn(range, doc)) {
    if (unshown(node)) continue;
    // A line break between two words keeps them apart, as the browser's copy does ("5<br>10115": not "510115").
    if (node.nodeType !== 3) {
      text += "\n";
      continue;
    }
    const { data } = node as Text;
    const from = node === range.startContainer ? range.startOffset : 0;
    const to = node === range.endContainer ? range.endOffset : data.length;
    text += data.slice(from, to);
    if (text.length > maxChars && text.replace(/\s+/g, " ").trim().length > maxChars) break;
  }
  return text;
}

/** The range's text nodes and line breaks (`<br>`), in order. */
function* textNodesIn(range: Range, doc: Document): Generator<Text | Element> {
  const root = range.commonAncestorContainer;
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
  const style = (element: Element): CSSStyleDeclaration | undefined => {
    try {
      return win?.getComputedStyle(element);
    } catch {
      return undefined;
    }
  };
  const notDisplayed = (element: Element): boolean => {
    const known = hidden.get(element);
    if (known !== undefined) return known;
    const parent = composedParentElement(element);
    const own =
      UNSHOWN_TAGS.has(element.localName) || element.hasAttribute("hidden") || style(element)?.display === "none";
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
