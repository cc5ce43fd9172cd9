// What screen readers get of a page's live regions: the browser's accessibility tree (through CDP, which includes
// closed shadow roots), not the DOM. A region left out of that tree (styled away, say) is never read out.
import type { Page } from "playwright-core";

interface AxNode {
  nodeId: string;
  ignored: boolean;
  role?: { value: string };
  name?: { value: string };
  properties?: Array<{ name: string; value: { value: unknown } }>;
  childIds?: string[];
}

export interface LiveRegion {
  role: string | undefined;
  live: unknown;
  text: string;
}

/** The live regions in `page`'s accessibility tree: each with its role, politeness and text. */
export async function liveRegions(page: Page): Promise<LiveRegion[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await cdp.send("Accessibility.getFullAXTree")) as { nodes: AxNode[] };
    const byId = new Map(nodes.map((node) => [node.nodeId, node]));
    const text = (node: AxNode | undefined): string =>
      node?.role?.value === "StaticText"
        ? (node.name?.value ?? "")
        : (node?.childIds ?? []).map((id) => text(byId.get(id))).join(" ");
    const live = (node: AxNode) => node.properties?.find((property) => property.name === "live")?.value.value;
    return nodes
      .filter((node) => !node.ignored && live(node))
      .map((node) => ({ role: node.role?.value, live: live(node), text: text(node).replace(/\s+/g, " ").trim() }));
  } finally {
    await cdp.detach();
  }
}
