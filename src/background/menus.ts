// Context menu: translate the selection (when there is one), translate the page, show original, "Bilingual view" (a
// checkbox: the site's display mode), and "Always translate <site>" — a checkbox whose title names the rule it
// toggles: the auto-translate rule that covers the page, or the one it would add. In a text field: translate what
// the user wrote into the page's language, or into a language they choose. "Leave a part untranslated…" starts the
// element picker (src/picker).
import { ext, type Menus } from "../extension/api";
import { matchingSiteRule, suggestSiteRule } from "../shared/site-rules";
import { menuUnknown } from "./menu-shown";

export const MENU = {
  translate: "gloss-translate-page",
  restore: "gloss-show-original",
  always: "gloss-always-translate",
  write: "gloss-translate-writing",
  writeInto: "gloss-translate-writing-into",
  bilingual: "gloss-bilingual-view",
  selection: "gloss-translate-selection",
  pick: "gloss-pick-part",
} as const;

export async function createMenus(): Promise<void> {
  if (!ext.contextMenus) return; // Firefox for Android
  menuUnknown();
  await ext.contextMenus.removeAll();
  const contexts: NonNullable<Menus.CreateCreatePropertiesType["contexts"]> = ["page", "selection", "link", "image"];
  const documentUrlPatterns = ["http://*/*", "https://*/*"];
  ext.contextMenus.create({
    id: MENU.selection,
    title: "Translate selection",
    contexts: ["selection"],
    documentUrlPatterns,
  });
  ext.contextMenus.create({ id: MENU.translate, title: "Translate page", contexts, documentUrlPatterns });
  ext.contextMenus.create({ id: MENU.restore, title: "Show original", contexts, documentUrlPatterns });
  ext.contextMenus.create({
    id: MENU.bilingual,
    title: "Bilingual view (original and translation)",
    type: "checkbox",
    contexts,
    documentUrlPatterns,
  });
  ext.contextMenus.create({
    id: MENU.always,
    title: "Always translate this site",
    type: "checkbox",
    contexts,
    documentUrlPatterns,
  });
  ext.contextMenus.create({ id: MENU.pick, title: "Leave a part untranslated…", contexts, documentUrlPatterns });
  // In a text field the page's items stay away (the "page" context excludes editable ones): these take their place.
  ext.contextMenus.create({
    id: MENU.write,
    title: "Translate what I wrote",
    contexts: ["editable"],
    documentUrlPatterns,
  });
  ext.contextMenus.create({
    id: MENU.writeInto,
    title: "Translate what I wrote into…",
    contexts: ["editable"],
    documentUrlPatterns,
  });
}

/** The rule "Always translate" toggles on `url`, and whether it is on. */
export function alwaysRuleFor(
  url: string | undefined,
  rules: readonly string[],
): { rule: string; on: boolean } | undefined {
  if (!url) return undefined;
  const matching = matchingSiteRule(rules, url);
  if (matching) return { rule: matching, on: true };
  const suggested = suggestSiteRule(url);
  return suggested ? { rule: suggested, on: false } : undefined;
}

/** Sets the items that follow the page; false when the menu was not there to set. */
export async function updateAlwaysMenu(
  url: string | undefined,
  rules: readonly string[],
  bilingual = false,
): Promise<boolean> {
  const always = alwaysRuleFor(url, rules);
  try {
    await ext.contextMenus?.update(MENU.bilingual, { checked: bilingual });
    await ext.contextMenus?.update(MENU.always, {
      title: always ? `Always translate ${always.rule}` : "Always translate this site",
      checked: always?.on ?? false,
    });
    return true;
  } catch {
    // Menus not created yet (first install still running).
    return false;
  }
}
