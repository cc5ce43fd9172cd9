// Frames that come, change or are rewritten after Translate page started: taken in while the page is translated, and
// only then (not after the server went down), whatever way the page fills them.
import { createFramedPageTranslator, type PageTranslator, type Progress } from "../../src/core";
import { createFakeTranslator, type FakeTranslator } from "../helpers/fake-translator";

const pages: PageTranslator[] = [];
afterEach(() => {
  for (const page of pages.splice(0)) page.restore();
  document.body.replaceChildren();
});

const OWN = "Ein kurzer Artikel über die Bahn und ihre Verspätungen im Winter.";
const ARTICLE = "Seit einem Jahr fahre ich jeden Tag mit dem Zug zur Arbeit.";

/** A paragraph in `doc`'s body. */
function write(doc: Document, text: string): HTMLParagraphElement {
  const p = doc.createElement("p");
  p.textContent = text;
  doc.body.append(p);
  return p;
}

/** A same-site iframe in `doc` holding one paragraph. */
function frameIn(doc: Document, text: string): HTMLIFrameElement {
  const frame = doc.createElement("iframe");
  doc.body.append(frame);
  write(frame.contentDocument!, text);
  return frame;
}

/** The page's changes noticed (mutation records, then the follow-up queued after them). */
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function framedPage(fake: FakeTranslator, extra: { onError?: () => void; progress?: Progress[] } = {}): PageTranslator {
  const page = createFramedPageTranslator(document, {
    translator: fake.translate,
    targetLang: "en",
    onError: extra.onError,
    onProgress: (p) => extra.progress?.push(p),
  });
  pages.push(page);
  return page;
}

describe("after the server went down", () => {
  it("a frame the page adds (a comments widget) is not sent to the server until the next Translate page", async () => {
    write(document, OWN);
    let down = true;
    const fake = createFakeTranslator({
      fail: () => (down ? { kind: "unreachable", message: "Gloss cannot reach the server." } : undefined),
    });
    let errors = 0;
    const page = framedPage(fake, { onError: () => errors++ });
    await page.translate();
    expect(errors).toBe(1);
    const asked = fake.batches.length;

    const frame = frameIn(document, ARTICLE);
    await nextTask();
    // Stopped, as the page's own engine is: nothing sent for the frame, the page not said to be at work again.
    expect(page.state).not.toBe("translating");
    await page.whenSettled();
    expect(fake.batches.length).toBe(asked);
    expect(errors).toBe(1);

    // The reader starts the server and asks again: the frame is translated with the page.
    down = false;
    await page.translate();
    expect(frame.contentDocument!.querySelector("p")!.textContent).toBe(ARTICLE.toUpperCase());
  });
});
