// Gloss's in-page cards, progress line and userscript settings dialog alone, bundled into a test page (ui-page-styles.test.ts): shown next to a word of the page,
// without the extension or a server.
import { createLookupCard, type LookupState } from "../../src/lookup/lookup-card";
import { createProgressCue } from "../../src/session/progress-cue";
import { createStatusPanel } from "../../src/session/status-panel";
import type { ContentReport } from "../../src/shared/messages";
import { DEFAULTS } from "../../src/shared/settings";
import { openSettingsDialog } from "../../src/userscript/settings-dialog";
import { createWritingCard, type CardState } from "../../src/writing/writing-card";

const reader = () => true;
const wordRange = (id: string) => {
  const range = document.createRange();
  range.selectNodeContents(document.getElementById(id) as Element);
  return range;
};

/** A long Arabic sentence: it wraps in a card, its last line shorter than the others. */
const ARABIC = "الطقس جميل اليوم، لذلك سنذهب إلى الحديقة بعد الظهر ونلتقي بالأصدقاء هناك لنتحدث قليلاً.";

const translating = { status: "translating", progress: { done: 1, total: 4 } } as ContentReport;

(globalThis as unknown as { gloss: Record<string, (id: string) => void> }).gloss = {
  status() {
    const panel = createStatusPanel(document, { onShowOriginal() {}, verbosity: "all", isTrusted: reader });
    panel.show({ ...translating, status: "error", error: { message: "The server did not answer." } });
  },
  settings() {
    void openSettingsDialog(document, {
      load: () => Promise.resolve(DEFAULTS),
      test: () => Promise.reject(new Error("not tested here")),
      uiLanguage: "en",
    });
  },
  cue() {
    createProgressCue(document).show(translating);
  },
  lookup(id) {
    showLookup(id, { kind: "done", source: "Wort", translation: "word", lang: "en" });
  },
  /** Arabic words looked up (long: they wrap). */
  lookupArabic(id) {
    const translation = "The weather is nice today, so we will go to the park in the afternoon.";
    showLookup(id, { kind: "done", source: ARABIC, translation, lang: "en" });
  },
  writing(id) {
    showWriting(id, { kind: "choose", message: "Translate what you wrote into", lang: "en" });
  },
  /** A reply translated into Arabic that the box did not take, shown in the card instead. */
  writingArabic(id) {
    showWriting(id, { kind: "problem", message: "Your text changed.", preview: ARABIC, lang: "ar" });
  },
};

export function showLookup(id: string, state: LookupState): void {
  const range = wordRange(id);
  const { top, bottom, left, right } = range.getBoundingClientRect();
  const card = createLookupCard(document, {
    onBlocked() {},
    onTranslateParagraph() {},
    onTryAgain() {},
    onClose() {},
    isTrusted: reader,
  });
  card.show({ range, rect: { top, bottom, left, right } }, state);
}

export function showWriting(id: string, state: CardState): void {
  const card = createWritingCard(document, {
    onBlocked() {},
    onTranslate() {},
    onRestore() {},
    onClose() {},
    isTrusted: reader,
  });
  card.show(document.getElementById(id) as Element, state);
}
