// The page engine alone, bundled into a test page (bilingual-layout.test.ts): the fake translator's
// upper-cased copies on a real layout, without the extension or a server.
import { createPageTranslator } from "../../src/core";
import { createFakeTranslator } from "../helpers/fake-translator";

(globalThis as unknown as { showBilingual(): Promise<void> }).showBilingual = async () => {
  const page = createPageTranslator(document, {
    translator: createFakeTranslator().translate,
    targetLang: "en",
    displayMode: "bilingual",
  });
  await page.translate();
};
