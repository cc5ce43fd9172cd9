// Pages whose text lives in frames (a <frameset>, an article in an iframe of the same site, a `srcdoc` preview, a
// comment thread from another site): Gloss translates the frames the page can read with the page (see also
// framed-page.test.ts); of another site's frames, closed to it, it must say where the text is and what to do, never
// "no text" on a page full of it.
import { createPageSession, type PageSession, type PageSessionDeps } from "../../src/session/page-session";
import type { ContentReport } from "../../src/shared/messages";
import { createFakeTranslator } from "../helpers/fake-translator";

const live: PageSession[] = [];
afterEach(() => {
  for (const s of live.splice(0)) s.restore();
  document.body.replaceChildren();
});

/** A session on this document with the fake translator, and `deps` beside. */
function sessionWith(deps: Partial<PageSessionDeps> = {}): PageSession {
  const s = createPageSession({
    document,
    translator: createFakeTranslator().translate,
    getConfig: async () => ({ targetLang: "en", neverTranslate: [], maxBatchChars: 200, maxConcurrent: 1 }),
    onReport: () => undefined,
    ...deps,
  });
  live.push(s);
  return s;
}

/** A session whose `notices` gathers what it says, in order. */
function noticeSession(selectionInFrame?: string): { s: PageSession; notices: string[] } {
  const notices: string[] = [];
  const s = sessionWith({
    onReport: (report) => void (report.notice && notices.push(report.notice)),
    ...(selectionInFrame ? { selectionInFrame } : {}),
  });
  return { s, notices };
}

const pageSession = (): PageSession => sessionWith();

/** Runs `act` with the focus in `frame`, where the reader clicked to select, as a browser reports it to the page. */
async function withFocusIn(frame: HTMLIFrameElement, act: () => Promise<void>): Promise<void> {
  frame.focus();
  try {
    await act();
  } finally {
    frame.blur();
  }
}

/** An iframe whose document (same site, as a `srcdoc` one) holds `text`. */
function frameWith(text: string): HTMLIFrameElement {
  const frame = document.createElement("iframe");
  document.body.append(frame);
  const p = frame.contentDocument!.createElement("p");
  p.textContent = text;
  frame.contentDocument!.body.append(p);
  return frame;
}

/** An iframe from another site: the page (and Gloss) cannot read its document. */
function closedFrame(): HTMLIFrameElement {
  const frame = document.createElement("iframe");
  document.body.append(frame);
  Object.defineProperty(frame, "contentDocument", { get: () => null });
  return frame;
}

function ownText(): HTMLParagraphElement {
  const p = document.createElement("p");
  p.textContent = "Ein kurzer Artikel über die Bahn und ihre Verspätungen im Winter.";
  document.body.append(p);
  return p;
}

const ARTICLE = "Seit einem Jahr fahre ich jeden Tag mit dem Zug zur Arbeit.";

describe("text in frames", () => {
  it("a page whose only text is in a frame of its own site has it translated, with nothing said of frames", async () => {
    const frame = frameWith(ARTICLE);
    const s = pageSession();
    await s.translate();
    const report = s.report();
    expect(report.status).toBe("translated");
    expect(report.notice).toBeUndefined();
    expect(frame.contentDocument!.body.textContent).toBe(ARTICLE.toUpperCase());
  });

  it("a page with nothing but another site's frame says its text is in frames, and how to translate it", async () => {
    closedFrame();
    const s = pageSession();
    await s.translate();
    const report = s.report();
    expect(report.status).toBe("idle");
    expect(report.notice).toMatch(/^The text of this page is in frames, which Gloss does not translate\./);
    expect(report.notice).toContain("open its page in a tab of its own");
  });

  it("another site's frame inside a frame of the page's own, with no text elsewhere, is said too", async () => {
    const frame = frameWith("");
    const inner = frame.contentDocument!.createElement("iframe");
    frame.contentDocument!.body.append(inner);
    Object.defineProperty(inner, "contentDocument", { get: () => null });
    const s = pageSession();
    await s.translate();
    expect(s.report().notice).toMatch(/^The text of this page is in frames/);
  });

  it("a translated page with an article in a frame of its own site translates both, and Show original gives both back", async () => {
    const own = ownText();
    const frame = frameWith(ARTICLE);
    const s = pageSession();
    await s.translate();
    expect(own.textContent).not.toContain("Verspätungen");
    expect(frame.contentDocument!.body.textContent).toBe(ARTICLE.toUpperCase());
    const report = s.report();
    expect(report.status).toBe("translated");
    expect(report.notice).toBeUndefined();
    s.restore();
    expect(s.report().status).toBe("original");
    expect(own.textContent).toContain("Verspätungen");
    expect(frame.contentDocument!.body.textContent).toBe(ARTICLE);
  });

  it("text arriving in a frame after the run (a feed) is translated, and the page is translated again once it is", async () => {
    ownText();
    const frame = frameWith(ARTICLE);
    const reports: ContentReport[] = [];
    let caughtUp: () => void = () => undefined;
    const s = sessionWith({
      onReport: (report) => {
        reports.push(report);
        if (report.status === "translated" && reports.some((r) => r.status === "translating")) caughtUp();
      },
    });
    await s.translate();
    reports.length = 0;
    const more = new Promise<void>((resolve) => (caughtUp = resolve));
    const p = frame.contentDocument!.createElement("p");
    p.textContent = "Ein weiterer Absatz über die Bahn, der später geladen wurde.";
    frame.contentDocument!.body.append(p);
    await more;
    expect(p.textContent).not.toContain("Absatz");
    expect(reports.at(-1)).toMatchObject({ status: "translated", progress: { total: 3, done: 3 } });
    expect(reports.filter((r) => r.notice)).toEqual([]);
  });

  it("says nothing of frames without text, hidden ones, or another site's frames beside the page's own text", async () => {
    ownText();
    frameWith(""); // an empty widget
    const hidden = frameWith(ARTICLE);
    hidden.style.display = "none";
    closedFrame(); // most often an ad
    const s = pageSession();
    await s.translate();
    expect(s.report()).toMatchObject({ status: "translated" });
    expect(s.report().notice).toBeUndefined();
    expect(hidden.contentDocument!.body.textContent).toBe(ARTICLE);
  });

  it("on a page without text of its own, a small frame of another site (a like button) is not said to hold its text", async () => {
    // Laid out as a browser would: the page 1000 px wide, the widget 120 × 30 px, an embedded thread 600 × 400 px.
    const widget = closedFrame();
    const thread = closedFrame();
    thread.style.display = "none"; // shown below
    const size = new Map<Element, { width: number; height: number }>([
      [document.documentElement, { width: 1000, height: 800 }],
      [widget, { width: 120, height: 30 }],
      [thread, { width: 600, height: 400 }],
    ]);
    const rect = jest.spyOn(Element.prototype, "getBoundingClientRect").mockImplementation(function (this: Element) {
      const { width, height } = size.get(this) ?? { width: 0, height: 0 };
      return { top: 0, left: 0, right: width, bottom: height, width, height } as DOMRect;
    });
    try {
      let s = pageSession();
      await s.translate();
      expect(s.report().notice).toBe("Gloss found no text to translate on this page.");
      s.restore();
      thread.style.display = "";
      s = pageSession();
      await s.translate();
      expect(s.report().notice).toMatch(/^The text of this page is in frames/);
    } finally {
      rect.mockRestore();
    }
  });

  it("a page whose frame answers with a document that throws is still translated, and Show original works", async () => {
    // The userscript in the page's world shares the page's prototypes: the page may answer for a frame's document
    // with anything. What Gloss says of frames is advice; the run's outcome must still be said.
    const own = ownText();
    const frame = frameWith(ARTICLE);
    const trap = {
      get body(): never {
        throw new Error("the page's trap");
      },
    };
    Object.defineProperty(frame, "contentDocument", { get: () => trap });
    const statuses: string[] = [];
    const s = sessionWith({ onReport: (report) => void statuses.push(report.status) });
    await s.translate();
    expect(s.report().status).toBe("translated");
    expect(statuses.at(-1)).toBe("translated");
    s.restore();
    expect(own.textContent).toContain("Verspätungen");
    expect(s.report().status).toBe("original");
  });

  it("says nothing of a rich editor's frame beside the page's text: what is written there is not to translate", async () => {
    // TinyMCE and CKEditor 4 (a blog's editor, a forum's reply box) edit in a frame of the page's own.
    ownText();
    frameWith("Mein Entwurf für die Antwort an den Kundendienst der Bahn.").contentDocument!.body.setAttribute(
      "contenteditable",
      "true",
    );
    frameWith("Ein anderer Entwurf, in einem Editor alter Art.").contentDocument!.designMode = "on";
    const s = pageSession();
    await s.translate();
    expect(s.report()).toMatchObject({ status: "translated", progress: { total: 1 } });
    expect(s.report().notice).toBeUndefined();
  });

  it.each([
    ['inside translate="no"', '<div translate="no"></div>', {}],
    ["inside a part the reader left untranslated", '<aside class="side"></aside>', { skipParts: [".side"] }],
  ])(
    "says nothing of another site's frame %s: the reader is not told of text left out by choice",
    async (_, html, config) => {
      const holder = document.createElement("div");
      holder.innerHTML = html;
      document.body.append(holder);
      const frame = closedFrame();
      holder.firstElementChild!.append(frame);
      const s = sessionWith({
        getConfig: async () => ({
          targetLang: "en",
          neverTranslate: [],
          maxBatchChars: 200,
          maxConcurrent: 1,
          ...config,
        }),
      });
      await s.translate();
      expect(s.report().notice).toBe("Gloss found no text to translate on this page.");
      // Beside it, another site's frame in the open is still said.
      closedFrame();
      await s.translate();
      expect(s.report().notice).toMatch(/^The text of this page is in frames/);
    },
  );

  it("a page without text and only empty or hidden frames still says it found no text", async () => {
    frameWith("");
    frameWith(ARTICLE).hidden = true;
    const s = pageSession();
    await s.translate();
    expect(s.report().notice).toBe("Gloss found no text to translate on this page.");
  });
});

describe("a selection in a frame", () => {
  it("Translate selection with the focus in another site's frame says Gloss cannot reach it there, not that nothing is selected", async () => {
    ownText();
    const frame = closedFrame();
    const { s, notices } = noticeSession();
    await withFocusIn(frame, () => s.translatePassage([]));
    expect(notices).toEqual([expect.stringMatching(/^Gloss cannot reach a selection inside another site's frame/)]);
    await s.translatePassage([]);
    expect(notices[1]).toMatch(/^Select the text to translate first/);
  });

  it("Translate selection with the focus in a reply box that is a frame of the page says Gloss leaves what one writes alone, not that the frame is another site's", async () => {
    ownText();
    // A webmail reply box: a frame of the page's own site whose body is the editor, quoting the message.
    const frame = frameWith(ARTICLE);
    frame.contentDocument!.body.setAttribute("contenteditable", "true");
    // The extension's words for another site's frame: not what this frame is.
    const { s, notices } = noticeSession(
      "Gloss's button and shortcut cannot reach a selection inside another site's frame.",
    );
    await withFocusIn(frame, () => s.translatePassage([]));
    expect(notices).toEqual([expect.stringMatching(/^Gloss leaves what you are writing alone/)]);
    expect(notices[0]).not.toMatch(/another site/);
    // The editor's text is left as it is.
    expect(frame.contentDocument!.querySelector("p")!.textContent).toBe(ARTICLE);
  });

  it("where the platform has a way into frames, it says that way instead, and says it again on each press", async () => {
    ownText();
    const way = "Gloss cannot reach a selection inside a frame from the keyboard shortcut. Right-click it instead.";
    const frame = closedFrame();
    const { s, notices } = noticeSession(way);
    await withFocusIn(frame, async () => {
      await s.translatePassage([]);
      await s.translatePassage([]);
    });
    expect(notices).toEqual([way, way]);
    // Not kept: the next report is about the page again.
    expect(s.report().notice).toBeUndefined();
  });
});
