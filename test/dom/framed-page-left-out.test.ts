// A frame in a part the page or the reader leaves untranslated (translate="no", class="notranslate", a part saved as
// left untranslated), or that is itself one, keeps its text as it is, as the part's own text does: when the page is
// translated, when the page adds or shows such a frame later, and once the reader saves the part on a translated page.
import { createFramedPageTranslator } from "../../src/core";
import { createPageSession, type PageSession, type SessionConfig } from "../../src/session/page-session";
import { selectedRanges } from "../../src/session/selection";
import { createFakeTranslator } from "../helpers/fake-translator";

const live: PageSession[] = [];
afterEach(() => {
  for (const s of live.splice(0)) s.restore();
  document.body.replaceChildren();
});

const OWN = "Ein kurzer Artikel über die Bahn und ihre Verspätungen im Winter.";
const CODE = "Seit einem Jahr fahre ich jeden Tag mit dem Zug zur Arbeit.";
const OPEN = "Bei mir ist es genauso, nur mit dem Bus und noch mehr Verspätung.";

function session(config: { now: Partial<SessionConfig> } = { now: {} }): PageSession {
  const s = createPageSession({
    document,
    translator: createFakeTranslator().translate,
    getConfig: async () => ({
      targetLang: "en",
      neverTranslate: [],
      maxBatchChars: 200,
      maxConcurrent: 1,
      ...config.now,
    }),
    onReport: () => undefined,
  });
  live.push(s);
  return s;
}

/** An element `html` in the page holding a same-site iframe (the element itself, when it is one) with `text`. */
function framed(html: string, text: string): HTMLIFrameElement {
  const holder = document.createElement("div");
  holder.innerHTML = html;
  const part = holder.firstElementChild!;
  document.body.append(part);
  const frame = part.localName === "iframe" ? (part as HTMLIFrameElement) : part.querySelector("iframe")!;
  const p = frame.contentDocument!.createElement("p");
  p.textContent = text;
  frame.contentDocument!.body.append(p);
  return frame;
}

/** Resolves once `check` holds (the page's run follows a frame added in its own time). */
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(check()).toBe(true);
}

const textOf = (frame: HTMLIFrameElement) => frame.contentDocument!.body.textContent;

function own(): HTMLParagraphElement {
  const p = document.createElement("p");
  p.textContent = OWN;
  document.body.append(p);
  return p;
}

describe("a frame in a part left untranslated", () => {
  it.each([
    ['<div translate="no"><iframe></iframe></div>', {}],
    ['<div class="notranslate"><section><iframe></iframe></section></div>', {}],
    ['<iframe translate="no"></iframe>', {}],
    ['<iframe class="notranslate"></iframe>', {}],
    ['<aside class="side"><iframe></iframe></aside>', { skipParts: [".side"] }],
    ['<iframe class="embed"></iframe>', { skipParts: [".embed"] }],
  ])("%s keeps its text when the page is translated; a frame beside it is translated", async (html, config) => {
    const page = own();
    const kept = framed(html, CODE);
    const open = framed("<div><iframe></iframe></div>", OPEN);
    const s = session({ now: config });
    await s.translate();
    expect(page.textContent).toBe(OWN.toUpperCase());
    expect(textOf(kept)).toBe(CODE);
    expect(textOf(open)).toBe(OPEN.toUpperCase());
    expect(s.report().progress).toMatchObject({ total: 2, done: 2 });
  });

  it('is translated inside translate="no" where the frame says translate="yes"', async () => {
    own();
    const frame = framed('<div translate="no"><iframe translate="yes"></iframe></div>', CODE);
    await session().translate();
    expect(textOf(frame)).toBe(CODE.toUpperCase());
  });

  it("added while the page is translated keeps its text, and a frame added beside it is translated", async () => {
    own();
    const s = session();
    await s.translate();
    const kept = framed('<div class="notranslate"><iframe></iframe></div>', CODE);
    const open = framed("<div><iframe></iframe></div>", OPEN);
    await until(() => textOf(open) === OPEN.toUpperCase());
    expect(s.report()).toMatchObject({ status: "translated", progress: { total: 2, done: 2 } });
    expect(textOf(kept)).toBe(CODE);
  });

  it("saved by the reader on a translated page gets its original back when the page is translated again", async () => {
    own();
    const frame = framed('<aside class="side"><iframe></iframe></aside>', CODE);
    const config = { now: {} as Partial<SessionConfig> };
    const s = session(config);
    await s.translate();
    expect(textOf(frame)).toBe(CODE.toUpperCase());
    // What saving a part does (picker/save-part.ts): the new rule, then the page given back and translated again.
    config.now = { skipParts: [".side"] };
    s.restore();
    await s.translate();
    expect(textOf(frame)).toBe(CODE);
  });
  it("no longer left untranslated by the reader is translated with the page again", async () => {
    own();
    const frame = framed('<aside class="side"><iframe></iframe></aside>', CODE);
    const config = { now: { skipParts: [".side"] } as Partial<SessionConfig> };
    const s = session(config);
    await s.translate();
    expect(textOf(frame)).toBe(CODE);
    config.now = {};
    s.restore();
    await s.translate();
    expect(textOf(frame)).toBe(CODE.toUpperCase());
  });
});

describe("a passage in a frame in a part left untranslated", () => {
  it("the reader selected and asked to translate stays as it is, as in such a part of the page", async () => {
    own();
    const frame = framed('<div translate="no"><iframe></iframe></div>', CODE);
    const s = session();
    frame.focus();
    frame.contentDocument!.getSelection()!.selectAllChildren(frame.contentDocument!.querySelector("p")!);
    await s.translatePassage(selectedRanges(document));
    expect(textOf(frame)).toBe(CODE);
  });
});

describe("a frame outside the parts a site's rule translates (include)", () => {
  it("keeps its text; a frame inside such a part is translated, by its own document's rules", async () => {
    const holder = document.createElement("div");
    holder.innerHTML = "<article><p></p></article><aside></aside>";
    document.body.append(holder);
    holder.querySelector("p")!.textContent = OWN;
    const kept = framed("<aside><iframe></iframe></aside>", CODE);
    const open = framed("<article><iframe></iframe></article>", OPEN);
    const page = createFramedPageTranslator(document, {
      translator: createFakeTranslator().translate,
      targetLang: "en",
      site: { include: ["article"] },
    });
    try {
      await page.translate();
      expect(holder.querySelector("p")!.textContent).toBe(OWN.toUpperCase());
      expect(textOf(kept)).toBe(CODE);
      expect(textOf(open)).toBe(OPEN.toUpperCase());
    } finally {
      page.restore();
    }
  });
});
