// Gloss's in-page cards alone, bundled into a test page (ui-page-styles.test.ts): shown next to a word of the page,
// without the extension or a server.
import { createLookupCard } from "../../src/lookup/lookup-card";
import { createWritingCard } from "../../src/writing/writing-card";

const reader = () => true;
const wordRange = (id: string) => {
  const range = document.createRange();
  range.selectNodeContents(document.getElementById(id) as Element);
  return range;
};

(globalThis as unknown as { gloss: Record<string, (id: string) => void> }).gloss = {
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
