// Gloss's in-page UI (status card, userscript settings dialog, reply-box and look-up cards) lives in closed shadow
// roots under unmarked built-in hosts, which page scripts and Playwright's selectors cannot enter. Tests reach them the way DevTools does: through
// CDP with `pierce`, finding the host under <html> whose closed root holds the card or the dialog.
import type { CDPSession, Page } from "playwright-core";

interface DomNode {
  backendNodeId: number;
  localName: string;
  attributes?: string[];
  shadowRootType?: string;
  children?: DomNode[];
  shadowRoots?: DomNode[];
}

export type GlossUi = "status" | "settings" | "writing" | "lookup" | "cue" | "launch";

/** Whether an element's classes mark it as the top element of each UI's shadow root. */
export const MARK: Record<GlossUi, (classes: string[]) => boolean> = {
  status: (classes) => classes.includes("card") && !classes.includes("writing") && !classes.includes("lookup"),
  settings: (classes) => classes.includes("backdrop"),
  writing: (classes) => classes.includes("writing"),
  lookup: (classes) => classes.includes("lookup"),
  cue: (classes) => classes.includes("cue"),
  launch: (classes) => classes.includes("launch"),
};

function classOf(node: DomNode): string[] {
  const attributes = node.attributes ?? [];
  const at = attributes.indexOf("class");
  return at >= 0 && at % 2 === 0 ? (attributes[at + 1] ?? "").split(/\s+/) : [];
}

/** The closed shadow roots of Gloss's `which` UI in the document (one when it is open). */
function findRoots(document: DomNode, which: GlossUi): DomNode[] {
  const html = document.children?.find((n) => n.localName === "html");
  return (html?.children ?? [])
    .flatMap((host) => host.shadowRoots ?? [])
    .filter((root) => root.shadowRootType === "closed")
    .filter((root) => (root.children ?? []).some((child) => MARK[which](classOf(child))));
}

const sessions = new WeakMap<Page, CDPSession>();

async function session(page: Page): Promise<CDPSession> {
  let cdp = sessions.get(page);
  if (!cdp) {
    cdp = await page.context().newCDPSession(page);
    sessions.set(page, cdp);
  }
  return cdp;
}

/**
 * The document as deep as findRoots looks: <html>, its children (the UI's hosts), their shadow roots and the roots'
 * children. The whole tree (`depth: -1`) cost old Reddit's page 16 ms of the browser's CPU a call, 2 ms this deep,
 * and tests ask again and again while they wait for a card.
 */
async function documentTree(page: Page): Promise<DomNode> {
  const cdp = await session(page);
  return ((await cdp.send("DOM.getDocument", { depth: 4, pierce: true })) as { root: DomNode }).root;
}

/** How many of Gloss's `which` UI are in the page. */
export async function countUi(page: Page, which: GlossUi): Promise<number> {
  return findRoots(await documentTree(page), which).length;
}

/**
 * Runs `fn` with `this` bound to the closed shadow root of Gloss's `which` UI; returns its result
 * (JSON-serialisable), or undefined when that UI is not in the page.
 */
export async function inClosedShadow<T>(
  page: Page,
  which: GlossUi,
  fn: string,
  ...args: unknown[]
): Promise<T | undefined> {
  const cdp = await session(page);
  const shadow = findRoots(await documentTree(page), which)[0];
  if (!shadow) return undefined;
  const { object } = (await cdp.send("DOM.resolveNode", { backendNodeId: shadow.backendNodeId })) as {
    object: { objectId: string };
  };
  const { result, exceptionDetails } = (await cdp.send("Runtime.callFunctionOn", {
    objectId: object.objectId,
    functionDeclaration: fn,
    arguments: args.map((value) => ({ value })),
    returnByValue: true,
    awaitPromise: true,
  })) as { result: { value: T }; exceptionDetails?: { exception?: { description?: string } } };
  if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? "evaluation failed");
  return result.value;
}

// A visually hidden element (a card's announcer for screen readers: 1px, its overflow hidden) is not seen.
export const VISIBLE_TEXT = `function () {
  const out = [];
  const visuallyHidden = (element) => {
    const box = element.getBoundingClientRect();
    return box.width <= 1 && box.height <= 1 && getComputedStyle(element).overflow === "hidden";
  };
  const walk = (node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === 3) out.push(child.data);
      else if (child.nodeType === 1 && child.tagName !== "STYLE" && !child.hidden && !visuallyHidden(child)) walk(child);
    }
  };
  walk(this);
  return out.join(" ").replace(/\\s+/g, " ").trim();
}`;

/** The text a person sees in Gloss's `which` UI (no styles, nothing hidden); undefined when it is not there. */
export function closedShadowText(page: Page, which: GlossUi): Promise<string | undefined> {
  return inClosedShadow<string>(page, which, VISIBLE_TEXT);
}

/** The middle, on screen, of the shown button named `name` in one of Gloss's UIs: where a real click goes. */
export const buttonAt = (page: Page, which: GlossUi, name: string) =>
  inClosedShadow<{ x: number; y: number }>(
    page,
    which,
    `function (name) {
      const button = [...this.querySelectorAll("button")].find(
        (b) => (b.textContent === name || b.getAttribute("aria-label") === name) && !b.hidden,
      );
      const box = button.getBoundingClientRect();
      return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
    }`,
    name,
  );
