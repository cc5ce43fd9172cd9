// Sites the user asked to translate automatically get the content script registered on them, for the hosts the
// user has granted. Patterns are broader than rules (a pattern cannot say "/r/de and below"); the content script
// checks the exact rule before translating.
import { ext } from "../extension/api";
import type { Settings } from "../shared/settings";
import { siteRuleMatchPatterns } from "../shared/site-rules";

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

export async function syncAutoTranslateScripts(settings: Settings): Promise<void> {
  const matches = await grantedPatterns(settings.autoTranslate);
  const existing = await ext.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] }).catch(() => []);
  if (existing.length) await ext.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
  if (!matches.length) return;
  await ext.scripting.registerContentScripts([
    {
      id: SCRIPT_ID,
      matches,
      js: ["content.js"],
      runAt: "document_idle",
      allFrames: false,
      persistAcrossSessions: true,
    },
  ]);
}
