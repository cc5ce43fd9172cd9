// Browser-specific services for the page session in the extension.
import { ext } from "../extension/api";

/** CLD via the browser (both Chrome and Firefox); undefined when unsure, so the text is translated. */
export async function detectLanguage(text: string): Promise<string | undefined> {
  try {
    const result = await ext.i18n.detectLanguage(text);
    const top = result.languages[0];
    if (!top || top.language === "und") return undefined;
    return result.isReliable || top.percentage >= 80 ? top.language : undefined;
  } catch {
    return undefined;
  }
}

type WithClosedRoot = Element & { openOrClosedShadowRoot?: ShadowRoot | null };
type ChromeDom = { dom?: { openOrClosedShadowRoot?(element: HTMLElement): ShadowRoot | null } };

/** Extensions may see closed shadow roots: Firefox through a property, Chrome through chrome.dom. */
export function openOrClosedShadowRoot(element: Element): ShadowRoot | null {
  const firefox = (element as WithClosedRoot).openOrClosedShadowRoot;
  if (firefox !== undefined) return firefox;
  const chromeDom = (globalThis as { chrome?: ChromeDom }).chrome?.dom;
  if (chromeDom?.openOrClosedShadowRoot && element instanceof HTMLElement) {
    try {
      return chromeDom.openOrClosedShadowRoot(element);
    } catch {
      return element.shadowRoot;
    }
  }
  return element.shadowRoot;
}
