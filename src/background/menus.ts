// Context menu: translate, show original, and "Always translate <site>" (its title follows the active tab).
import { ext } from "../extension/api";
import { suggestSiteRule } from "../shared/site-rules";

export const MENU = {
  translate: "gloss-translate-page",
  restore: "gloss-show-original",
  always: "gloss-always-translate",
} as const;

export async function createMenus(): Promise<void> {
  await ext.contextMenus.removeAll();
  const contexts: NonNullable<chrome.contextMenus.CreateProperties["contexts"]> = [
    "page",
    "selection",
    "link",
    "image",
  ];
  const documentUrlPatterns = ["http://*/*", "https://*/*"];
  ext.contextMenus.create({ id: MENU.translate, title: "Translate page", contexts, documentUrlPatterns });
  ext.contextMenus.create({ id: MENU.restore, title: "Show original", contexts, documentUrlPatterns });
  ext.contextMenus.create({
    id: MENU.always,
    title: "Always translate this site",
    type: "checkbox",
    contexts,
    documentUrlPatterns,
  });
}

export function alwaysTranslateTitle(url: string | undefined): string {
  const rule = url ? suggestSiteRule(url) : undefined;
  return rule ? `Always translate ${rule}` : "Always translate this site";
}

export async function updateAlwaysMenu(url: string | undefined, checked: boolean): Promise<void> {
  try {
    await ext.contextMenus.update(MENU.always, { title: alwaysTranslateTitle(url), checked });
  } catch {
    // Menus not created yet (first install still running).
  }
}
