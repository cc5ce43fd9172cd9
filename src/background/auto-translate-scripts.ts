// Sites the user asked to translate automatically get the content script registered on them, for the hosts the
// user has granted. Patterns are broader than rules (a pattern cannot say "/r/de and below"); the content script
// checks the exact rule before translating. With hover translation or "ready on every site" on and every site
// granted, the script runs on every page instead (to notice where the reader points, or to be there when a press
// comes); it still translates a page only by its rules or a press.
import { ext } from "../extension/api";
import { oneAtATime } from "../shared/one-at-a-time";
import { ALL_SITES, siteRuleMatchPatterns } from "../shared/site-rules";
import { loadSettings } from "./settings-store";

const SCRIPT_ID = "gloss-auto-translate";

/** The patterns the user has granted, per scheme: the manifest grants http://127.0.0.1/* but not https. */
async function grantedPatterns(rules: readonly string[]): Promise<string[]> {
  const patterns = [...new Set(rules.flatMap(siteRuleMatchPatterns))];
  const granted: string[] = [];
  for (const pattern of patterns) {
    const candidates = pattern.startsWith("*://")
      ? [pattern.replace("*://", "http://"), pattern.replace("*://", "https://")]
      : [pattern];
    for (const candidate of candidates) {
      if (await ext.permissions.contains({ origins: [candidate] }).catch(() => false)) granted.push(candidate);
    }
  }
  return granted;
}

const allSitesGranted = () => ext.permissions.contains({ origins: [ALL_SITES] }).catch(() => false);

async function sync(): Promise<void> {
  // Read the settings inside the queue: a sync started by a permission grant must see the rule saved just before.
  const { autoTranslate, hoverTranslate, readyOnEverySite } = await loadSettings();
  const everywhere = (hoverTranslate || readyOnEverySite) && (await allSitesGranted());
  const matches = everywhere ? ["http://*/*", "https://*/*"] : await grantedPatterns(autoTranslate);
  const existing = await ext.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
  if (!matches.length) {
    if (existing.length) await ext.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
    return;
  }
  const script = { id: SCRIPT_ID, matches, js: ["content.js"], runAt: "document_idle" as const, allFrames: false };
  if (existing.length) await ext.scripting.updateContentScripts([script]);
  else await ext.scripting.registerContentScripts([{ ...script, persistAcrossSessions: true }]);
}

const inTurn = oneAtATime();

/**
 * Brings the registration in line with the saved rules and granted hosts. Calls run one after another: two
 * overlapping syncs (a save and the permission grant it caused) would otherwise both register, and one fail.
 * Answers undefined, or, when the browser refused the registration (a pattern it does not take, an API it lacks),
 * why the sites will not be translated automatically, for the reader who just saved them: the rules stay saved.
 */
export function syncAutoTranslateScripts(): Promise<string | undefined> {
  return inTurn(sync).then(
    () => undefined,
    (error: unknown) => {
      console.error("Gloss: could not register auto-translate", error);
      // Not `instanceof Error`: an API's error may come from another realm.
      const message = (error as { message?: unknown } | undefined)?.message;
      const reason = typeof message === "string" && message ? ` (${message})` : "";
      return (
        `the browser did not let Gloss run on the sites to translate automatically${reason}, ` +
        "so they are not translated when they open."
      );
    },
  );
}
