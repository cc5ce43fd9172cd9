// Browser-specific services for the page session in the extension.
import { ext } from "../extension/api";
import { extensionGone } from "../extension/cut-off";

/**
 * CLD via the browser (both Chrome and Firefox); undefined when unsure, so the text is translated. Only CLD's own
 * "reliable" counts: on a short text it reports 100% for a single unreliable guess ("Credit Danielle Chenette":
 * Italian).
 */
export async function detectLanguage(text: string): Promise<string | undefined> {
  try {
    const result = await ext.i18n.detectLanguage(text);
    const top = result.languages[0];
    if (!top || top.language === "und") return undefined;
    return result.isReliable ? top.language : undefined;
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

/**
 * Whether `root` is the shadow root the browser holds for `host`, by the browser's own account (a page cannot fake
 * it). Where the browser offers no way to look, the content script's own attachShadow made it, which page scripts
 * cannot replace either.
 */
export function isShadowRootOf(host: Element, root: ShadowRoot): boolean {
  const firefox = (host as WithClosedRoot).openOrClosedShadowRoot;
  if (firefox !== undefined) return firefox === root;
  const chromeDom = (globalThis as { chrome?: ChromeDom }).chrome?.dom;
  if (!chromeDom?.openOrClosedShadowRoot || !(host instanceof HTMLElement)) return true;
  try {
    return chromeDom.openOrClosedShadowRoot(host) === root;
  } catch {
    // Cut off from the extension (updated, reloaded), chrome.dom throws: no way to look, as above. Otherwise the
    // card saying so would count as blocked by the page, and show nowhere.
    return extensionGone(() => ext.runtime);
  }
}
