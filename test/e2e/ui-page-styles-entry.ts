// Gloss's in-page cards and progress line alone, bundled into a test page (ui-page-styles.test.ts): shown next to a word of the page,
// without the extension or a server.
import { createLookupCard } from "../../src/lookup/lookup-card";
import { createProgressCue } from "../../src/session/progress-cue";
import { createStatusPanel } from "../../src/session/status-panel";
import type { ContentReport } from "../../src/shared/messages";
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
