// Gloss's in-page UI (status card, userscript settings dialog) lives in closed shadow roots, which page scripts
// and Playwright's selectors cannot enter. Tests reach them the way DevTools does: through CDP with `pierce`.
import type { CDPSession, Page } from "playwright-core";

interface DomNode {
  backendNodeId: number;
  localName: string;
  children?: DomNode[];
  shadowRoots?: DomNode[];
}

function find(node: DomNode, localName: string): DomNode | undefined {
  if (node.localName === localName) return node;
  for (const child of [...(node.shadowRoots ?? []), ...(node.children ?? [])]) {
    const found = find(child, localName);
    if (found) return found;
  }
  return undefined;
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
 * Runs `fn` with `this` bound to the closed shadow root of the first `<hostTag>` element; returns its result
 * (JSON-serialisable), or undefined when there is no such element.
 */
export async function inClosedShadow<T>(
  page: Page,
  hostTag: string,
  fn: string,
  ...args: unknown[]
): Promise<T | undefined> {
  const cdp = await session(page);
  const { root } = (await cdp.send("DOM.getDocument", { depth: -1, pierce: true })) as { root: DomNode };
  const host = find(root, hostTag);
  const shadow = host?.shadowRoots?.[0];
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

const VISIBLE_TEXT = `function () {
  const out = [];
  const walk = (node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === 3) out.push(child.data);
      else if (child.nodeType === 1 && child.tagName !== "STYLE" && !child.hidden) walk(child);
    }
  };
  walk(this);
  return out.join(" ").replace(/\\s+/g, " ").trim();
}`;

/** The text a person sees in a closed shadow root (no styles, nothing hidden); undefined when the host is absent. */
export function closedShadowText(page: Page, hostTag: string): Promise<string | undefined> {
  return inClosedShadow<string>(page, hostTag, VISIBLE_TEXT);
}
