// One passage instead of the page: the units a reader's selection touches. They are collected from the nearest block
// around the selection, the way the whole page would be, so a passage is the same unit (and the same cached
// translation) in either case.
import { type CollectHooks, type CollectResult, collectUnits } from "./collect";
import { isInlineDisplay, StyleCache } from "./display";
import { Rules, type SiteRules } from "./rules";
import { type Container, composedParent, isElement, isShadowRoot, parentOf, viewOf, documentOf } from "../dom";

/** The block (or shadow root) that holds `node`: where a passage's units are collected from. */
function blockAround(node: Node, root: Element, hooks: CollectHooks): Container | null {
  for (let n: Node | null = node; n; n = parentOf(n)) {
    if (isShadowRoot(n)) return n;
    if (!isElement(n)) continue;
    if (n === root || !isInlineDisplay(hooks.styles.get(n).display)) return n;
  }
  return null;
}

function inside(root: Element, node: Node): boolean {
  for (let n: Node | null = node; n; n = composedParent(n)) if (n === root) return true;
  return false;
}

/** The content units the range touches, not yet claimed by a unit (attributes are left to a page translation). */
export function collectPassage(range: Range, root: Element, hooks: CollectHooks): CollectResult {
  const empty: CollectResult = { content: [], attributes: [], skippedTargetLang: 0, hidden: [] };
  const common = range.commonAncestorContainer;
  if (!inside(root, common)) return empty;
  const region = blockAround(common, root, hooks);
  if (!region) return empty;
  const found = collectUnits(region, hooks);
  const touched = found.content.filter((spec) =>
    (spec.root ? [spec.root] : spec.nodes).some((n) => range.intersectsNode(n)),
  );
  return { ...empty, content: touched, hidden: found.hidden };
}

export interface PassageLookupOptions {
  targetLang: string;
  site?: SiteRules | undefined;
  getShadowRoot?(el: Element): ShadowRoot | null;
}

/**
 * The plain text of each passage the range touches, found the way a page translation finds them (same rules, same
 * units) whether or not they are translated already: for deciding whether a selection is part of one passage.
 */
export function passageTexts(range: Range, root: Element, options: PassageLookupOptions): string[] {
  const doc = documentOf(root);
  const win = viewOf(doc);
  if (!win) return [];
  const hooks: CollectHooks = {
    rules: new Rules(doc, options.targetLang, options.site),
    styles: new StyleCache(win),
    getShadowRoot: (el) => {
      try {
        return options.getShadowRoot?.(el) ?? null;
      } catch {
        return null;
      }
    },
    claimed: () => false,
    attributeClaimed: () => false,
    ignored: () => false,
    onShadowRoot: () => undefined,
  };
  return collectPassage(range, root, hooks).content.map((spec) => spec.encoded.text);
}
