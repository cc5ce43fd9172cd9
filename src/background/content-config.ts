// What a page's content script is told: the settings it acts on (never the server's address or key) and how much
// to send at once, from what is known of the server now (defaults until it has answered).
import { batchCharsFor } from "../connection/capacity";
import type { TranslationService } from "../connection/translation-service";
import { translationScopeText } from "../connection/translation-scope";
import type { ContentConfig } from "../shared/messages";
import { displayModeFor } from "../shared/settings";
import { matchingSiteRule, siteOf } from "../shared/site-rules";
import { skipPartsFor } from "../shared/skip-parts";
import { rulesFor } from "../shared/translation-rules";
import { awakeFor } from "./keep-alive";
import { loadSettings } from "./settings-store";
import { sha256Hex } from "./translation-cache";
import { targetLangOf } from "./target-lang";

/** With `waitForServer`, the server's own limits, asking it if need be; else never a probe before the first request. */
export async function contentConfigFor(
  service: TranslationService,
  url: string,
  waitForServer = false,
): Promise<ContentConfig> {
  const settings = await loadSettings();
  const overridden = settings.maxBatchChars > 0 && settings.maxConcurrent > 0;
  // Read even when the settings set the limits: the model the server runs is part of the translation scope.
  const probe = waitForServer && !overridden;
  // A server slow to answer its probe (a model loading) outlasts Chrome's ~30 s for a silent worker: stopped, the
  // worker never answered and the page waited for nothing.
  const asked = service.capacity(settings, probe);
  const capacity = await (probe ? awakeFor(asked) : asked);
  const targetLang = targetLangOf(settings);
  return {
    targetLang,
    // Hashed: the page's script is not told the server's address.
    translationScope: await sha256Hex(translationScopeText(settings, targetLang, url, capacity.model)),
    neverTranslate: settings.neverTranslate,
    autoTranslate: !!matchingSiteRule(settings.autoTranslate, url),
    displayMode: displayModeFor(settings, siteOf(url)),
    bilingualStyle: settings.bilingualStyle,
    progressCue: settings.progressCue,
    hoverTranslate: settings.hoverTranslate,
    skipParts: skipPartsFor(settings.skipParts, url),
    // The reader's glossary and instructions for this page go with every request: the slot holds less of the page.
    maxBatchChars:
      settings.maxBatchChars || batchCharsFor(capacity.contextSize, targetLang, rulesFor(settings, targetLang, url)),
    // Unknown slots (the server has not answered yet): 2, and the server client's own limiter has the last word.
    maxConcurrent: settings.maxConcurrent || capacity.slots || 2,
    limitsKnown: overridden || (capacity.slots !== undefined && capacity.contextSize !== undefined),
  };
}

/** Starts reading what a config is made of (the settings, the server's stored facts) for a press that is to hand
 * one to its page, while the press finds the tab; the reads are kept for a moment (see translation-service.ts). */
export function warmContentConfig(service: TranslationService): void {
  void loadSettings()
    .then((settings) => service.capacity(settings))
    .catch(() => undefined);
}
