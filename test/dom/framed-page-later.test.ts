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
const REPLY = "Bei mir ist es genauso, nur mit dem Bus und noch mehr Verspätung.";

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

describe("a frame whose document the page writes anew", () => {
  it("emptied with document.open() and written later (after a fetch) is translated, and counted once", async () => {
    write(document, OWN);
    const frame = frameIn(document, ARTICLE);
    const progress: Progress[] = [];
    const page = framedPage(createFakeTranslator(), { progress });
    await page.translate();
    expect(progress.at(-1)).toMatchObject({ total: 2, done: 2 });

    const doc = frame.contentDocument!;
    doc.open();
    await nextTask();
    // The frame's old text is gone: no longer counted.
    expect(progress.at(-1)).toMatchObject({ total: 1, done: 1 });
    doc.write(`<p>${REPLY}</p>`);
    doc.close();
    await nextTask();
    await page.whenSettled();
    expect(doc.querySelector("p")!.textContent).toBe(REPLY.toUpperCase());
    expect(progress.at(-1)).toMatchObject({ total: 2, done: 2 });

    page.restore();
    expect(doc.querySelector("p")!.textContent).toBe(REPLY);
  });

  it("written in one go (open, write, close) is translated again, its old text no longer counted", async () => {
    write(document, OWN);
    const frame = frameIn(document, ARTICLE);
    const progress: Progress[] = [];
    const page = framedPage(createFakeTranslator(), { progress });
    await page.translate();

    const doc = frame.contentDocument!;
    doc.open();
    doc.write(`<p>${REPLY}</p><p>${ARTICLE}</p>`);
    doc.close();
    await nextTask();
    await page.whenSettled();
    expect([...doc.querySelectorAll("p")].map((p) => p.textContent)).toEqual([
      REPLY.toUpperCase(),
      ARTICLE.toUpperCase(),
    ]);
    expect(progress.at(-1)).toMatchObject({ total: 3, done: 3 });
  });
});

describe("a passage in a frame the page wrote again", () => {
  it("is translated: a webmail's preview frame rewritten with document.open() for the next message opened", async () => {
    write(document, OWN);
    const frame = frameIn(document, ARTICLE);
    const page = framedPage(createFakeTranslator());
    const doc = frame.contentDocument!;
    const passage = (p: Element): Range => {
      const range = doc.createRange();
      range.selectNodeContents(p);
      return range;
    };
    // Translate selection on the first message, before any Translate page.
    await page.translatePassage(passage(doc.querySelector("p")!));
    expect(doc.querySelector("p")!.textContent).toBe(ARTICLE.toUpperCase());

    // The reader opens the next message: the page writes it into the same frame.
    doc.open();
    doc.write(`<p>${REPLY}</p>`);
    doc.close();
    await nextTask();
    const next = doc.querySelector("p")!;
    await page.translatePassage(passage(next));
    expect(next.textContent).toBe(REPLY.toUpperCase());
    page.restore();
    expect(next.textContent).toBe(REPLY);
  });
});

describe("a frame written again after document.open() emptied it", () => {
  it("made a rich editor after it was translated gets its original back at once", async () => {
    write(document, OWN);
    const frame = frameIn(document, ARTICLE);
    const page = framedPage(createFakeTranslator());
    await page.translate();
    const doc = frame.contentDocument!;
    doc.open();
    await nextTask();
    doc.write(`<p>${REPLY}</p>`);
    doc.close();
    await nextTask();
    await page.whenSettled();
    const body = doc.body;
    expect(body.textContent).toBe(REPLY.toUpperCase());

    // Webmail quotes the message in a reply: the frame's body becomes what the reader edits and sends.
    body.setAttribute("contenteditable", "true");
    await nextTask();
    expect(body.textContent).toBe(REPLY);
  });
});
