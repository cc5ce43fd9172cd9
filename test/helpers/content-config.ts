// A content script's settings as the background answers them (ContentConfig), for tests of how the page takes them.
import type { ContentConfig } from "../../src/shared/messages";

export function contentConfig(targetLang = "en"): ContentConfig {
  return {
    targetLang,
    translationScope: "",
    neverTranslate: [],
    autoTranslate: false,
    displayMode: "replace",
    bilingualStyle: "quiet",
    progressCue: true,
    hoverTranslate: false,
    skipParts: [],
    maxBatchChars: 4000,
    maxConcurrent: 2,
    limitsKnown: false,
  };
}
