// What a screen reader hears about the part the picker outlines: what kind of part it is (its role, or its tag) and
// how its text begins, in the part's own language, so a reader who cannot see the outline knows where it is.
import { parentOf } from "../core/dom";
import { textStart } from "../shared/text-ends";

/** What the page's elements are, in the words screen readers use for them. */
const KINDS: Record<string, string> = {
  a: "link",
  article: "article",
  aside: "sidebar",
  blockquote: "quote",
  button: "button",
  dialog: "dialog",
  figure: "figure",
  footer: "footer",
  form: "form",
  header: "header",
  img: "image",
  input: "field",
  li: "list item",
  main: "main content",
  nav: "navigation",
  ol: "list",
  p: "paragraph",
  pre: "code",
  section: "section",
  select: "list box",
  table: "table",
  textarea: "text box",
  ul: "list",
};

/** How much of a part's text is said: enough to recognise it, short enough not to hold up the next move. */
const EXCERPT_CHARS = 60;

/** Elements inside a line of text: their text runs on with the text around them, without a space between. */
const INLINE = new Set(
  "a abbr b bdi bdo cite code del em font i ins kbd label mark q s small span strong sub sup time u var".split(" "),
);

/** Text that shows nothing: passed over in the excerpt. */
const SILENT = new Set(["script", "style", "noscript", "template"]);

export interface PartWords {
  /** "heading level 1", "link", "sidebar", or the tag ("div", "shreddit-comment"). */
  kind: string;
  /** The start of the part's text, whitespace collapsed; empty when it has none. */
  excerpt: string;
  /** The language the page says the text is in (a BCP 47 tag), for the screen reader's voice. */
  lang?: string;
}

/** The page's role attribute, when it is a word (the page's attribute, so only a plain word is taken). */
function pageRole(element: Element): string | undefined {
  const role = element.getAttribute("role")?.trim().split(/\s+/)[0]?.toLowerCase();
  return role && /^[a-z]{2,24}$/.test(role) && role !== "none" && role !== "presentation" ? role : undefined;
}

function kindOf(element: Element): string {
  const role = pageRole(element);
  if (role) return role;
  const tag = element.localName;
  const level = /^h([1-6])$/.exec(tag)?.[1];
  if (level) return `heading level ${level}`;
  if (tag === "a" && !element.hasAttribute("href")) return "a";
  return KINDS[tag] ?? tag;
}

/** The first EXCERPT_CHARS characters of what the part says: its label, its image's alt text, or its text. */
function excerptOf(element: Element): string {
  const named =
    element.getAttribute("aria-label") ?? (element.localName === "img" ? element.getAttribute("alt") : null);
  if (named?.trim()) return shorten(named);
  let text = "";
  let lastBlock: Node | undefined;
  const walker = element.ownerDocument.createTreeWalker(element, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode: (node) =>
      node.nodeType === Node.ELEMENT_NODE
        ? SILENT.has((node as Element).localName)
          ? NodeFilter.FILTER_REJECT
          : NodeFilter.FILTER_SKIP
        : NodeFilter.FILTER_ACCEPT,
  });
  // Only as far as the excerpt needs: the part may be the page's whole content.
  while (text.length <= EXCERPT_CHARS * 2 && walker.nextNode()) {
    const block = blockOf(walker.currentNode, element);
    text += (block === lastBlock ? "" : " ") + (walker.currentNode as Text).data;
    lastBlock = block;
  }
  return shorten(text);
}

/** The nearest element around `node` that is not inside a line of text (or the part itself). */
function blockOf(node: Node, part: Element): Node {
  let at = parentOf(node);
  while (at && at !== part && INLINE.has((at as Element).localName)) at = parentOf(at);
  return at ?? part;
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= EXCERPT_CHARS) return flat;
  const cut = textStart(flat, EXCERPT_CHARS);
  const word = cut.lastIndexOf(" ");
  return `${(word > EXCERPT_CHARS / 2 ? cut.slice(0, word) : cut).trimEnd()}…`;
}

/** The language of `element`'s text, as the page marks it (a well-formed tag only). */
function langOf(element: Element): string | undefined {
  const lang = (element.closest("[lang]") ?? element.ownerDocument.documentElement).getAttribute("lang")?.trim();
  return lang && /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/i.test(lang) ? lang : undefined;
}

export function partWords(element: Element): PartWords {
  const lang = langOf(element);
  return { kind: kindOf(element), excerpt: excerptOf(element), ...(lang ? { lang } : {}) };
}
