// Gloss's in-page cards, progress line and userscript settings dialog alone, bundled into a test page (ui-page-styles.test.ts): shown next to a word of the page,
// without the extension or a server.
import { createLookupCard } from "../../src/lookup/lookup-card";
import { createProgressCue } from "../../src/session/progress-cue";
import { createStatusPanel } from "../../src/session/status-panel";
import type { ContentReport } from "../../src/shared/messages";
import { DEFAULTS } from "../../src/shared/settings";
import { openSettingsDialog } from "../../src/userscript/settings-dialog";
import { createWritingCard } from "../../src/writing/writing-card";

const reader = () => true;
const wordRange = (id: string) => {
  const range = document.createRange();
  range.selectNodeContents(document.getElementById(id) as Element);
  return range;
};

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
    const range = wordRange(id);
    const { top, bottom, left, right } = range.getBoundingClientRect();
    const card = createLookupCard(document, {
      onBlocked() {},
      onTranslateParagraph() {},
      onTryAgain() {},
      onClose() {},
      isTrusted: reader,
    });
    card.show(
      { range, rect: { top, bottom, left, right } },
      { kind: "done", source: "Wort", translation: "word", lang: "en" },
    );
  },
  writing(id) {
    const card = createWritingCard(document, {
      onBlocked() {},
      onTranslate() {},
      onRestore() {},
      onClose() {},
      isTrusted: reader,
    });
    card.show(document.getElementById(id) as Element, {
      kind: "choose",
      message: "Translate what you wrote into",
      lang: "en",
    });
  },
};
