// Translate page translates the text of the page's frames that the page can read (a `<frameset>`, an article in an
// iframe of the same site, a preview the page wrote into a frame), nested ones too, in the same run: one status, one
// "Translated." when all of it is done, counts that include the frames, Show original exact in each frame, and the
// server asked no more at once than for a page without frames.
import { createPageSession, type PageSession, type SessionConfig } from "../../src/session/page-session";
import { selectedRanges } from "../../src/session/selection";
import type { ContentReport } from "../../src/shared/messages";
import { createFramedPageTranslator, type Progress } from "../../src/core";
import { installIntersectionStub } from "../helpers/core-page";
import { createFakeTranslator, type FakeTranslator } from "../helpers/fake-translator";

const live: PageSession[] = [];
afterEach(() => {
  for (const s of live.splice(0)) s.restore();
  document.body.replaceChildren();
});

const ARTICLE = "Seit einem Jahr fahre ich jeden Tag mit dem Zug zur Arbeit.";
const REPLY = "Bei mir ist es genauso, nur mit dem Bus und noch mehr Verspätung.";
const OWN = "Ein kurzer Artikel über die Bahn und ihre Verspätungen im Winter.";

interface Harness {
  session: PageSession;
  fake: FakeTranslator;
  reports: ContentReport[];
  /** Resolves at the first report (past or future) for which `predicate` holds. */
  reportWhere(predicate: (r: ContentReport) => boolean): Promise<ContentReport>;
}

function harness(
  doc: Document = document,
  fake = createFakeTranslator(),
  config: Partial<SessionConfig> = {},
): Harness {
  const reports: ContentReport[] = [];
  const waiters: Array<{ predicate: (r: ContentReport) => boolean; resolve: (r: ContentReport) => void }> = [];
  const session = createPageSession({
    document: doc,
    translator: fake.translate,
    getConfig: async () => ({ targetLang: "en", neverTranslate: [], maxBatchChars: 200, maxConcurrent: 1, ...config }),
    onReport: (report) => {
      reports.push(report);
      for (const w of [...waiters]) {
        if (!w.predicate(report)) continue;
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(report);
      }
    },
  });
  live.push(session);
  return {
    session,
    fake,
    reports,
    reportWhere: (predicate) => {
      const past = reports.find(predicate);
      if (past) return Promise.resolve(past);
      return new Promise((resolve) => waiters.push({ predicate, resolve }));
    },
  };
}

/** Paragraphs into `doc`'s body (or a frameset's frame). */
function write(doc: Document, ...texts: string[]): HTMLParagraphElement[] {
  return texts.map((text) => {
    const p = doc.createElement("p");
    p.textContent = text;
    doc.body.append(p);
    return p;
  });
}

/** An iframe of the same site in `doc`, whose document holds these paragraphs (with a link, for Show original). */
function frameIn(doc: Document, ...texts: string[]): HTMLIFrameElement {
  const frame = doc.createElement("iframe");
  doc.body.append(frame);
  const inner = frame.contentDocument!;
  write(inner, ...texts);
  const a = inner.createElement("a");
  a.href = "/weiter";
  a.textContent = "Weiterlesen";
  inner.body.append(a);
  return frame;
}

const html = (frame: HTMLIFrameElement | HTMLFrameElement): string => frame.contentDocument!.documentElement.outerHTML;

/**
 * The page translated while `frame` (the article and a reply) is not shown: only `own` is; then `show` shows it, and
 * the frame is translated too; Show original gives it back as it was.
 */
async function translatedOnceShown(own: Element, frame: HTMLIFrameElement, show: () => void): Promise<void> {
  const before = html(frame);
  const { session, reportWhere } = harness();
  await session.translate();
  expect(own.textContent).toBe(OWN.toUpperCase());
  expect(frame.contentDocument!.querySelector("p")!.textContent).toBe(ARTICLE);
  expect(session.report()).toMatchObject({ status: "translated", progress: { total: 1 } });
  show();
  await reportWhere((r) => r.status === "translated" && r.progress.total === 4 && r.progress.done === 4);
  expect([...frame.contentDocument!.querySelectorAll("p")].map((p) => p.textContent)).toEqual([
    ARTICLE.toUpperCase(),
    REPLY.toUpperCase(),
  ]);
  session.restore();
  expect(html(frame)).toBe(before);
}

describe("frames the page can read", () => {
  it("are translated with the page in one run, counted in its progress, and given back exactly by Show original", async () => {
    const own = write(document, OWN)[0]!;
    const frame = frameIn(document, ARTICLE, REPLY);
    const before = html(frame);
    const link = frame.contentDocument!.querySelector("a")!;
    const { session, reports } = harness();
    await session.translate();

    expect(own.textContent).toBe(OWN.toUpperCase());
    expect([...frame.contentDocument!.querySelectorAll("p")].map((p) => p.textContent)).toEqual([
      ARTICLE.toUpperCase(),
      REPLY.toUpperCase(),
    ]);
    expect(frame.contentDocument!.querySelector("a")).toBe(link);
    expect(link.textContent).toBe("WEITERLESEN");
    const report = session.report();
    expect(report).toMatchObject({ status: "translated", progress: { total: 4, done: 4, failed: 0 } });
    expect(report.notice).toBeUndefined();
    // One "Translated.", when all of it is done.
    expect(reports.filter((r) => r.status === "translated")).toHaveLength(1);

    session.restore();
    expect(html(frame)).toBe(before);
    expect(own.textContent).toBe(OWN);
    expect(session.report().status).toBe("original");

    await session.translate();
    expect(frame.contentDocument!.querySelector("p")!.textContent).toBe(ARTICLE.toUpperCase());
    session.restore();
    expect(html(frame)).toBe(before);
  });

  it("translates a frameset page's frames, and a frame inside a frame", async () => {
    // The page is a frameset (old Javadoc, old forums): its own document has no text at all.
    const host = document.createElement("iframe");
    document.body.append(host);
    const page = host.contentDocument!;
    const frameset = page.createElement("frameset");
    page.body.replaceWith(frameset);
    const left = page.createElement("frame");
    const right = page.createElement("frame");
    frameset.append(left, right);
    write(left.contentDocument!, ARTICLE);
    const nested = frameIn(right.contentDocument!, REPLY);
    const before = [html(left), html(right), html(nested)];

    const { session } = harness(page);
    await session.translate();
    expect(left.contentDocument!.querySelector("p")!.textContent).toBe(ARTICLE.toUpperCase());
    expect(nested.contentDocument!.querySelector("p")!.textContent).toBe(REPLY.toUpperCase());
    expect(session.report()).toMatchObject({ status: "translated", progress: { total: 3, done: 3 } });
    expect(session.report().notice).toBeUndefined();

    session.restore();
    expect([html(left), html(right), html(nested)]).toEqual(before);
  });

  it("never has more requests out for the page and its frames than for a page alone", async () => {
    // The server has one slot; the session keeps one request more waiting in the server client's queue.
    write(document, OWN, "Der Winter kam früh in diesem Jahr, und mit ihm der Schnee.");
    const frames = [frameIn(document, ARTICLE, REPLY), frameIn(document, "Noch ein Beitrag über die Bahn im Winter.")];
    const { session, fake } = harness(document, createFakeTranslator({ delayMs: 5 }), { maxBatchChars: 60 });
    await session.translate();
    for (const frame of frames) expect(frame.contentDocument!.querySelector("p")!.textContent).not.toMatch(/[a-zäöü]/);
    expect(fake.batches.length).toBeGreaterThan(3);
    expect(fake.maxInFlight).toBeLessThanOrEqual(2);
  });

  it("translates a frame added while the page is translated, and one given a new page", async () => {
    write(document, OWN);
    const { session, reportWhere } = harness();
    await session.translate();

    const added = frameIn(document, ARTICLE);
    await reportWhere((r) => r.status === "translated" && r.progress.done === 3);
    expect(added.contentDocument!.querySelector("p")!.textContent).toBe(ARTICLE.toUpperCase());

    // The frame shows another page: a new <body> in its document.
    const inner = added.contentDocument!;
    const body = inner.createElement("body");
    const p = inner.createElement("p");
    p.textContent = REPLY;
    body.append(p);
    inner.body.replaceWith(body);
    await reportWhere((r) => r.status === "translated" && r.progress.done === 2);
    expect(p.textContent).toBe(REPLY.toUpperCase());
    session.restore();
    expect(p.textContent).toBe(REPLY);
  });

  it("a page that adds its frames one at a time has each frame looked at once, not all of them again each time", async () => {
    // Embedded posts arriving as one scrolls, or thousands of small frames: looking at every frame (its style, its
    // box) again for each one added made the page's cost grow with the square of their number.
    write(document, OWN);
    const { session, reportWhere } = harness();
    await session.translate();
    let looks = 0;
    const style = window.getComputedStyle;
    window.getComputedStyle = ((el: Element, pseudo?: string | null) => {
      if (el.localName === "iframe") looks++;
      return style.call(window, el, pseudo);
    }) as typeof style;
    const count = 25;
    const frames: HTMLIFrameElement[] = [];
    try {
      for (let i = 0; i < count; i++) {
        const frame = document.createElement("iframe");
        document.body.append(frame);
        write(frame.contentDocument!, `Beitrag Nummer ${i} über den Zug nach Hamburg`);
        frames.push(frame);
        await reportWhere((r) => r.status === "translated" && r.progress.done === i + 2);
      }
    } finally {
      window.getComputedStyle = style;
    }
    expect(looks).toBeLessThanOrEqual(2 * count);
    for (const frame of frames) expect(frame.contentDocument!.body.textContent).toMatch(/^BEITRAG NUMMER/);
    // One removed and one hidden as the page goes on: theirs go back to the original, the others stay translated.
    const [removed, hidden] = [frames[3]!, frames[7]!];
    const removedP = removed.contentDocument!.querySelector("p")!;
    removed.remove();
    hidden.style.display = "none";
    hidden.dispatchEvent(new Event("load"));
    await reportWhere((r) => r.progress.total === count - 1);
    expect(removedP.textContent).toBe("Beitrag Nummer 3 über den Zug nach Hamburg");
    expect(hidden.contentDocument!.body.textContent).toBe("Beitrag Nummer 7 über den Zug nach Hamburg");
    expect(frames[8]!.contentDocument!.body.textContent).toMatch(/^BEITRAG NUMMER 8/);
    session.restore();
    for (const frame of frames.filter((f) => f !== removed)) {
      expect(frame.contentDocument!.body.textContent).toMatch(/^Beitrag Nummer/);
    }
  });

  it("a frame removed while its text is being translated costs nothing: its request is aborted and the run ends", async () => {
    write(document, OWN);
    const frame = frameIn(document, ARTICLE);
    const fake = createFakeTranslator({ hold: true });
    const { session } = harness(document, fake);
    const run = session.translate();
    // The page's requests are answered; the frame goes away while its request is out.
    let batch = await fake.nextBatch();
    while (!batch.some((s) => /Zug/.test(s.html))) {
      fake.release();
      batch = await fake.nextBatch();
    }
    const signal = fake.calls[fake.batches.indexOf(batch)]!.signal;
    frame.remove();
    await new Promise<void>((resolve) => {
      if (signal.aborted) resolve();
      else signal.addEventListener("abort", () => resolve());
    });
    fake.unhold();
    await run;
    expect(session.report()).toMatchObject({ status: "translated", progress: { total: 1, done: 1 } });
  });

  it("a frame whose document throws is left alone, never the end of the run; Show original still works", async () => {
    // The userscript in the page's world shares the page's prototypes: the page may answer for a frame with anything.
    const own = write(document, OWN)[0]!;
    const frame = frameIn(document, ARTICLE);
    const trap = {
      get body(): never {
        throw new Error("the page's trap");
      },
      querySelectorAll(): never {
        throw new Error("the page's trap");
      },
    };
    Object.defineProperty(frame, "contentDocument", { get: () => trap });
    const thrower = frameIn(document, REPLY);
    Object.defineProperty(thrower, "contentDocument", {
      get: () => {
        throw new Error("the page's trap");
      },
    });
    const good = frameIn(document, "Noch ein Beitrag über die Bahn im Winter.");
    const { session, reports } = harness();
    await session.translate();
    expect(good.contentDocument!.querySelector("p")!.textContent).toBe("NOCH EIN BEITRAG ÜBER DIE BAHN IM WINTER.");
    expect(reports.at(-1)?.status).toBe("translated");
    session.restore();
    expect(own.textContent).toBe(OWN);
    expect(good.contentDocument!.querySelector("p")!.textContent).toBe("Noch ein Beitrag über die Bahn im Winter.");
  });

  it("leaves rich editors' frames as they are", async () => {
    // TinyMCE and CKEditor 4 (a blog's editor, a forum's reply box) edit in a frame of the page's own.
    write(document, OWN);
    const draft = "Mein Entwurf für die Antwort an den Kundendienst der Bahn.";
    frameIn(document, draft).contentDocument!.body.setAttribute("contenteditable", "true");
    const old = frameIn(document, "Ein anderer Entwurf, in einem Editor alter Art.");
    old.contentDocument!.designMode = "on";
    const { session, fake } = harness();
    await session.translate();
    expect(session.report()).toMatchObject({ status: "translated", progress: { total: 1 } });
    expect(fake.batches.flat().map((s) => s.html)).toEqual([OWN]);
  });
});

describe("a selection in a frame the page translates", () => {
  /** The reader selects a paragraph in the frame (the focus goes there) and asks for Translate selection. */
  function selectIn(frame: HTMLIFrameElement, p: HTMLParagraphElement): Range[] {
    frame.focus();
    frame.contentDocument!.getSelection()!.selectAllChildren(p);
    return selectedRanges(document);
  }
  const texts = (frame: HTMLIFrameElement) =>
    [...frame.contentDocument!.querySelectorAll("p")].map((p) => p.textContent);
  const sent = (fake: FakeTranslator) => fake.batches.flat().map((s) => s.html);

  it("is translated by the page's engine: Translate page then goes on with it, nothing is sent twice, Show original gives all back", async () => {
    const own = write(document, OWN)[0]!;
    const frame = frameIn(document, ARTICLE, REPLY);
    const before = html(frame);
    const { session, fake } = harness();
    const [article] = frame.contentDocument!.querySelectorAll("p");
    await session.translatePassage(selectIn(frame, article!));
    expect(texts(frame)).toEqual([ARTICLE.toUpperCase(), REPLY]);
    expect(own.textContent).toBe(OWN);

    await session.translate();
    expect(texts(frame)).toEqual([ARTICLE.toUpperCase(), REPLY.toUpperCase()]);
    // The selection's translation is not taken for the frame's text and translated again.
    expect(sent(fake).filter((h) => h === h.toUpperCase())).toEqual([]);
    expect(sent(fake).filter((h) => h === ARTICLE)).toHaveLength(1);
    expect(session.report()).toMatchObject({ status: "translated", progress: { total: 4, done: 4 } });

    // Show original from the page (the popup, the shortcut) gives the frame back exactly, the selection too.
    session.restore();
    expect(html(frame)).toBe(before);
    expect(own.textContent).toBe(OWN);
  });

  /**
   * The reader selected a paragraph of the page itself while a frame holds the focus (`frameDoc` does to the frame's
   * document what the page does); that paragraph is translated, the frame left as it is.
   */
  async function pageSelectionTranslated(frameDoc: (inner: Document) => void = () => undefined): Promise<void> {
    const own = write(document, OWN)[0]!;
    const frame = frameIn(document, ARTICLE, REPLY);
    const { session } = harness();
    document.getSelection()!.selectAllChildren(own);
    frameDoc(frame.contentDocument!);
    // Where the focus is, as a browser reports it to the page around the frame (jsdom's focus() would move the
    // page's selection into the frame element, which a browser does not); nothing is selected in the frame.
    Object.defineProperty(document, "activeElement", { configurable: true, get: () => frame });
    let ranges: Range[];
    try {
      ranges = selectedRanges(document);
    } finally {
      delete (document as { activeElement?: unknown }).activeElement;
    }
    await session.translatePassage(ranges);
    expect(own.textContent).toBe(OWN.toUpperCase());
    expect(texts(frame)).toEqual([ARTICLE, REPLY]);
  }

  it("a selection in the page itself while a frame holds the focus (the page focused its chat box) is the one translated", () =>
    pageSelectionTranslated());

  it("a frame whose document throws when asked for its focus or selection (the page's getters) leaves the page's selection to translate", () =>
    pageSelectionTranslated((inner) => {
      const refuse = () => {
        throw new Error("the page's own getter");
      };
      Object.defineProperties(inner, { activeElement: { get: refuse }, getSelection: { value: refuse } });
    }));

  it("a frame that goes while its passage is being translated takes the passage with it: nothing is said of the page", async () => {
    write(document, OWN);
    const frame = frameIn(document, ARTICLE, REPLY);
    const { session, fake, reports } = harness(document, createFakeTranslator({ hold: true }));
    const [article] = frame.contentDocument!.querySelectorAll("p");
    const done = session.translatePassage(selectIn(frame, article!));
    await fake.nextBatch();
    // The reader opens another message: the preview's frame is replaced before the reply comes.
    frame.remove();
    fake.unhold();
    await done;
    // Not "This page is already in English." (the model was never asked about the page), nor still at work.
    expect(reports.map((r) => r.notice).filter((n) => n?.startsWith("This page"))).toEqual([]);
    expect(session.report().status).not.toBe("translating");
  });

  it("on a translated page, shows the page's translation rather than translating it again", async () => {
    write(document, OWN);
    const frame = frameIn(document, ARTICLE, REPLY);
    const before = html(frame);
    const { session, fake, reports } = harness();
    await session.translate();
    const requests = sent(fake).length;
    const [, reply] = frame.contentDocument!.querySelectorAll("p");
    await session.translatePassage(selectIn(frame, reply!));
    // Found, and already the page's translation: nothing said, nothing sent.
    expect(reports.filter((r) => r.notice)).toEqual([]);
    expect(sent(fake)).toHaveLength(requests);
    expect(texts(frame)).toEqual([ARTICLE.toUpperCase(), REPLY.toUpperCase()]);
    expect(session.report()).toMatchObject({ status: "translated", progress: { total: 4, done: 4 } });
    session.restore();
    expect(html(frame)).toBe(before);
  });
});

describe("a frame made a rich editor after it was translated", () => {
  /** Resolves once `holds` is true of the frame's document (Gloss's writes are mutations of it). */
  function until(frame: HTMLIFrameElement, holds: () => boolean): Promise<void> {
    return new Promise((resolve) => {
      if (holds()) return resolve();
      const observer = new (frame.contentWindow as unknown as typeof window).MutationObserver(() => {
        if (!holds()) return;
        observer.disconnect();
        resolve();
      });
      observer.observe(frame.contentDocument!, { subtree: true, childList: true, characterData: true });
    });
  }

  it("a compose frame whose body is made editable gets its original back at once and is not translated again", async () => {
    const own = write(document, OWN)[0]!;
    const frame = frameIn(document, ARTICLE, REPLY);
    const body = frame.contentDocument!.body;
    body.setAttribute("contenteditable", "true");
    const before = html(frame);
    body.removeAttribute("contenteditable");
    const { session, fake } = harness();
    await session.translate();
    expect(body.textContent).toContain(ARTICLE.toUpperCase());
    // Webmail quotes the message in a reply: the frame's body becomes the text the reader edits and sends.
    body.setAttribute("contenteditable", "true");
    await until(frame, () => !body.textContent!.includes(ARTICLE.toUpperCase()));
    expect(html(frame)).toBe(before);
    expect(own.textContent).toBe(OWN.toUpperCase());
    expect(session.report()).toMatchObject({ status: "translated", progress: { total: 1, done: 1 } });

    // What the reader writes there is theirs: never sent, never replaced.
    const requests = fake.batches.length;
    write(frame.contentDocument!, "Danke für die Nachricht, ich antworte morgen ausführlich.");
    await session.translate();
    expect(fake.batches.length).toBe(requests);
    expect(body.textContent).toContain("Danke für die Nachricht");
  });

  it("a passage the reader had translated in the frame, before any Translate page, goes back too when the frame is made an editor", async () => {
    write(document, OWN);
    const frame = frameIn(document, ARTICLE, REPLY);
    const body = frame.contentDocument!.body;
    const before = html(frame);
    const { session } = harness();
    frame.focus();
    frame.contentDocument!.getSelection()!.selectAllChildren(frame.contentDocument!.querySelector("p")!);
    await session.translatePassage(selectedRanges(document));
    expect(body.textContent).toContain(ARTICLE.toUpperCase());
    // Reply: the webmail makes the message frame the reply box, quoting what it shows.
    body.setAttribute("contenteditable", "true");
    await until(frame, () => !body.textContent!.includes(ARTICLE.toUpperCase()));
    body.removeAttribute("contenteditable");
    expect(html(frame)).toBe(before);
  });

  it("a frame made an editor while its translation is on the way: the reply that comes after does not write", async () => {
    write(document, OWN);
    const frame = frameIn(document, ARTICLE, REPLY);
    const body = frame.contentDocument!.body;
    const before = html(frame);
    const { session, fake } = harness(document, createFakeTranslator({ hold: true }));
    const done = session.translate();
    for (;;) {
      const batch = await fake.nextBatch();
      if (batch.some((s) => s.html.includes(ARTICLE))) break;
      fake.release();
    }
    body.setAttribute("contenteditable", "true");
    fake.unhold();
    await done;
    expect(body.textContent).toContain(ARTICLE);
    expect(body.textContent).not.toContain(ARTICLE.toUpperCase());
    body.removeAttribute("contenteditable");
    expect(html(frame)).toBe(before);
  });

  it("a frame switched to designMode has its original back before the reader's first key or click reaches it", async () => {
    write(document, OWN);
    const frame = frameIn(document, ARTICLE, REPLY);
    const before = html(frame);
    const { session } = harness();
    await session.translate();
    const doc = frame.contentDocument!;
    // designMode changes without an event: the reader's first touch is the moment, before the editor acts on it.
    doc.designMode = "on";
    let seen = "";
    doc.body.addEventListener("keydown", () => (seen = doc.body.textContent ?? ""));
    doc.body.dispatchEvent(
      new (frame.contentWindow as unknown as typeof window).KeyboardEvent("keydown", { bubbles: true }),
    );
    expect(seen).toContain(ARTICLE);
    expect(seen).not.toContain(ARTICLE.toUpperCase());
    doc.designMode = "off";
    expect(html(frame)).toBe(before);
    session.restore();
    expect(html(frame)).toBe(before);
  });
});

describe("a frame hidden when the page was translated", () => {
  /**
   * jsdom lays nothing out and has no ResizeObserver: a stand-in at that seam, where a browser reports a frame that
   * goes from no box to one. `show(frame)` is what the browser reports when the page shows it.
   */
  function installResizeStub() {
    const observers: Array<{ callback: ResizeObserverCallback; targets: Set<Element>; self: ResizeObserver }> = [];
    class StubResizeObserver {
      constructor(callback: ResizeObserverCallback) {
        observers.push({ callback, targets: new Set(), self: this as unknown as ResizeObserver });
      }
      #own = () => observers.find((o) => o.self === (this as unknown as ResizeObserver))!;
      observe(target: Element) {
        this.#own().targets.add(target);
      }
      unobserve(target: Element) {
        this.#own().targets.delete(target);
      }
      disconnect() {
        this.#own().targets.clear();
      }
    }
    const win = window as unknown as { ResizeObserver?: unknown };
    win.ResizeObserver = StubResizeObserver;
    return {
      show(target: Element) {
        for (const { callback, targets, self } of observers) {
          if (!targets.has(target)) continue;
          const contentRect = { width: 600, height: 150 } as DOMRectReadOnly;
          callback([{ target, contentRect } as ResizeObserverEntry], self);
        }
      },
      uninstall: () => delete win.ResizeObserver,
    };
  }

  it("is translated when the page shows it, like a frame added later, and Show original gives it back", async () => {
    const own = write(document, OWN)[0]!;
    const frame = frameIn(document, ARTICLE, REPLY);
    frame.style.display = "none";
    const stub = installResizeStub();
    try {
      // The reader opens the preview: the page shows its frame.
      await translatedOnceShown(own, frame, () => {
        frame.style.display = "";
        stub.show(frame);
      });
    } finally {
      stub.uninstall();
    }
  });
});

describe("a frame kept invisible when the page was translated", () => {
  it("is translated when the page makes it visible (visibility: hidden lifted, which changes no size), and Show original gives it back", async () => {
    // A page whose preview is invisible until the reader opens it: its frame keeps its box all along.
    const style = document.createElement("style");
    style.textContent = ".preview-closed iframe { visibility: hidden; }";
    document.head.append(style);
    document.body.classList.add("preview-closed");
    const own = write(document, OWN)[0]!;
    const frame = frameIn(document, ARTICLE, REPLY);
    try {
      // The reader opens the preview: a class goes, the frame's size stays (no ResizeObserver would tell).
      await translatedOnceShown(own, frame, () => document.body.classList.remove("preview-closed"));
    } finally {
      style.remove();
      document.body.classList.remove("preview-closed");
    }
  });
});

describe("the page and its frames share the server", () => {
  it("only the tab's first request goes alone: after its reply, the frames' first requests share the slots", async () => {
    // A forum page whose posts are each in a frame of the same site, on a server slow to answer: were each frame's
    // first request to hold every other one back until it is answered, the frames would go one after another with
    // slots to spare.
    write(document, OWN);
    const frames = [ARTICLE, REPLY, "Heute fiel schon wieder der erste Zug aus."].map((text) =>
      frameIn(document, text),
    );
    for (const frame of frames) {
      // A first reply slower than the engine waits for before it starts other slots anyway: that wait never ends.
      const win = frame.contentWindow as unknown as { setTimeout: (fn: () => void, ms?: number) => number };
      const own = win.setTimeout.bind(win);
      win.setTimeout = (fn, ms = 0) => (ms >= 1000 ? 0 : own(fn, ms));
    }
    const fake = createFakeTranslator({ hold: true });
    const progress: Progress[] = [];
    let onProgress = (): void => undefined;
    const page = createFramedPageTranslator(document, {
      translator: fake.translate,
      targetLang: "en",
      maxConcurrent: 2,
      maxBatchChars: 80,
      firstAlone: true,
      onProgress: (p) => {
        progress.push(p);
        onProgress();
      },
    });
    const progressWhere = (predicate: (p: Progress) => boolean): Promise<void> =>
      new Promise((resolve) => {
        onProgress = () => predicate(progress.at(-1)!) && resolve();
        onProgress();
      });
    try {
      const run = page.translate();
      expect((await fake.nextBatch()).map((s) => s.html)).toEqual([OWN]);
      // Every frame collected and waiting behind the page's first request.
      await progressWhere((p) => p.total === 1 + 2 * frames.length);
      fake.release();
      // Two frames' first requests out at once: were a frame's first to go alone, the second would wait for it.
      const [second, third] = [await fake.nextBatch(), await fake.nextBatch()];
      expect(fake.inFlight).toBe(2);
      expect(second.concat(third).map((s) => s.html)).not.toContain(OWN);
      fake.unhold();
      await run;
      for (const frame of frames) {
        expect(frame.contentDocument!.querySelector("p")!.textContent).toMatch(/^[^a-zß]+$/);
      }
    } finally {
      page.restore();
    }
  });

  it("a frame's text in view goes before the page's text out of view", async () => {
    const below = write(document, OWN, "Der Winter kam früh.", "Dann kam der Schnee.", "Und die Züge standen still.");
    const frame = frameIn(document, ARTICLE);
    const inView = frame.contentDocument!.querySelector("p")!;
    const stub = installIntersectionStub((el) => (el === inView ? "visible" : "far"));
    (frame.contentWindow as unknown as { IntersectionObserver: unknown }).IntersectionObserver = (
      window as unknown as { IntersectionObserver: unknown }
    ).IntersectionObserver;
    const fake = createFakeTranslator({ hold: true });
    const page = createFramedPageTranslator(document, {
      translator: fake.translate,
      targetLang: "en",
      maxConcurrent: 1,
      maxBatchChars: 80,
    });
    try {
      const run = page.translate();
      // One slot: the page's first request may leave before the frame is collected; the next slot is the frame's.
      const first = await fake.nextBatch();
      const framedFirst = first.some((s) => /Zug zur Arbeit/.test(s.html));
      fake.unhold();
      await run;
      const framed = fake.batches.findIndex((b) => b.some((s) => s.html === ARTICLE));
      expect(framed).toBe(framedFirst ? 0 : 1);
      expect(below.every((p) => p.textContent === p.textContent!.toUpperCase())).toBe(true);
    } finally {
      page.restore();
      stub.uninstall();
    }
  });
});
