// Saving a part picked on a page (src/picker) as left untranslated: the site rule offered for the page, and the entry
// added to the settings — checked as the options page checks it, for a rule that covers that page, and never twice.
import { siteOf, siteRuleCovers, siteRuleMatches } from "./site-rules";
import { validateSkipPart, type SkipPart } from "./skip-parts";
import type { SaveResult, SettingsStore } from "./settings-store";

export type AddSkipPartResult = { ok: true; part: SkipPart } | { ok: false; message: string };

/** The rule a picked part is offered for: the page's whole site (`reddit.com`, `localhost:8080`), as parts recur. */
export function siteRuleForPart(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return "";
    return `${siteOf(url)}${parsed.port ? `:${parsed.port}` : ""}`;
  } catch {
    return "";
  }
}

/**
 * Adds `request` (a site rule and a selector, as the picker's panel sends them) to the saved parts. `pageUrl` is the
 * page it was picked on: a rule that does not cover it is refused, so a page can only add parts of its own site.
 */
export async function addSkipPart(
  update: SettingsStore["update"],
  request: unknown,
  pageUrl: string | undefined,
): Promise<AddSkipPartResult> {
  const checked = validateSkipPart(request);
  if (!checked.ok) return { ok: false, message: checked.message };
  const part = checked.value;
  if (!pageUrl || !siteRuleMatches(part.site, pageUrl)) {
    const here = siteRuleForPart(pageUrl ?? "") || "this page's site";
    return { ok: false, message: `${part.site} is not this page's site: name ${here}, or a part of it.` };
  }
  let duplicate: SkipPart | undefined;
  const result: SaveResult = await update(({ skipParts }) => {
    // The same selector for the whole site covers a part of it (reddit.com/r/de) too: a second entry would change
    // nothing but the list the reader has to keep.
    duplicate = skipParts.find((known) => known.selector === part.selector && siteRuleCovers(known.site, part.site));
    return duplicate ? {} : { skipParts: [...skipParts, part] };
  });
  if (duplicate) {
    return { ok: false, message: `“${part.selector}” is already left untranslated on ${duplicate.site}.` };
  }
  if (!result.saved) return { ok: false, message: Object.values(result.errors)[0] ?? "Gloss could not save it." };
  return { ok: true, part };
}
