// Issue 13, item 2 (hover mode): holding Alt and resting the pointer on a paragraph translates just that paragraph;
// a quick Alt press, Alt with other keys, typing in a field, Gloss's own UI, empty space and synthetic (page-made)
// events do nothing; a translated paragraph is not sent again; restore is exact.
import { HOVER_DWELL_MS, startHover, type Hover, type HoverDeps } from "../../src/session/hover";
import { createUiHost, isUiHost } from "../../src/session/ui-host";
import { sent, setup } from "../helpers/core-page";

const PAGE = `<div id="d"><p id="a">Erster <b id="ab">Absatz</b> hier.</p><p id="b">Zweiter <a id="bl" href="#x">Absatz</a>.</p><p id="c">Dritter Absatz.</p></div><input id="field">`;

const el = (id: string) => document.getElementById(id)!;

let hover: Hover | undefined;
afterEach(() => {
  hover?.stop();
  hover = undefined;
  jest.useRealTimers();
});

interface Modifiers {
  altKey?: boolean;
  shiftKey?: boolean;
  ctrlKey?: boolean;
}

const point = (target: Element, mods: Modifiers = { altKey: true }) =>
  target.dispatchEvent(new MouseEvent("mousemove", { bubbles: true, composed: true, ...mods }));
const press = (key: string, mods: Modifiers = {}, target: EventTarget = document.activeElement ?? document.body) =>
  target.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, composed: true, ...mods }));
/** Releases a key; the event says whether Gloss kept its default from the browser (Firefox's menu bar on Alt). */
function release(key: string, target: EventTarget = document.activeElement ?? document.body): KeyboardEvent {
  const event = new KeyboardEvent("keyup", { key, bubbles: true, composed: true, cancelable: true });
  target.dispatchEvent(event);
  return event;
}
/** What the browser sends when the page moves under a still pointer (a scroll): mouseover, no mousemove. */
const slideUnder = (target: Element, mods: Modifiers = { altKey: true }) =>
  target.dispatchEvent(new MouseEvent("mouseover", { bubbles: true, composed: true, ...mods }));

/** The hover module over the jsdom page with real events treated as the user's (jsdom marks none trusted). */
function start(overrides: Partial<HoverDeps> = {}): Range[] {
  const ranges: Range[] = [];
  hover = startHover({
    window,
    enabled: () => true,
    translate: (range) => ranges.push(range),
    isTrusted: () => true,
    isOwnUi: isUiHost,
    ...overrides,
  });
  return ranges;
}

/** Let the dwell pass (and the enabled check settle). */
async function dwell(): Promise<void> {
  jest.advanceTimersByTime(HOVER_DWELL_MS);
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

describe("hover gestures", () => {
  beforeEach(() => {
    document.body.innerHTML = PAGE;
    jest.useFakeTimers();
  });

  test("Alt held and the pointer resting on a paragraph translates that paragraph, once", async () => {
    const ranges = start();
    press("Alt", { altKey: true });
    point(el("ab"));
    jest.advanceTimersByTime(HOVER_DWELL_MS - 50);
    expect(ranges).toHaveLength(0);
    await dwell();
    expect(ranges).toHaveLength(1);
    expect(ranges[0]!.startContainer).toBe(el("a"));
    expect(ranges[0]!.toString()).toBe("Erster Absatz hier.");
    // Moving inside the same paragraph does not ask again.
    point(el("a"));
    await dwell();
    expect(ranges).toHaveLength(1);
    // The next paragraph is its own.
    point(el("bl"));
    await dwell();
    expect(ranges.map((r) => r.startContainer)).toEqual([el("a"), el("b")]);
  });

  test("pressing Alt while already pointing at a paragraph translates it", async () => {
    const ranges = start();
    point(el("c"), {});
    await dwell();
    expect(ranges).toHaveLength(0);
    press("Alt", { altKey: true });
    await dwell();
    expect(ranges.map((r) => r.startContainer)).toEqual([el("c")]);
  });

  test("a quick Alt press and release does nothing", async () => {
    const ranges = start();
    point(el("c"), {});
    press("Alt", { altKey: true });
    jest.advanceTimersByTime(100);
    release("Alt");
    await dwell();
    expect(ranges).toHaveLength(0);
  });

  test("Alt together with other keys (Alt+Shift+Y, AltGr as Ctrl+Alt) is not hover", async () => {
    const ranges = start();
    point(el("c"), {});
    press("Alt", { altKey: true });
    press("Shift", { altKey: true, shiftKey: true });
    await dwell();
    point(el("a"), { altKey: true, shiftKey: true });
    await dwell();
    point(el("b"), { altKey: true, ctrlKey: true });
    await dwell();
    expect(ranges).toHaveLength(0);
  });

  test("Alt+Shift pressed, Shift let go and Alt still held: moving does not resume hover until Alt is pressed again", async () => {
    const ranges = start();
    press("Alt", { altKey: true });
    press("Shift", { altKey: true, shiftKey: true });
    release("Shift");
    point(el("a"));
    await dwell();
    expect(ranges).toHaveLength(0);
    release("Alt");
    press("Alt", { altKey: true });
    await dwell();
    expect(ranges.map((r) => r.startContainer)).toEqual([el("a")]);
  });

  test("the page scrolling under a still pointer, Alt held: the paragraph now under it is the one translated", async () => {
    const ranges = start();
    press("Alt", { altKey: true });
    point(el("a"));
    jest.advanceTimersByTime(100);
    // The wheel (or the page) scrolls: the pointer now rests on the next paragraph, and no mousemove comes.
    slideUnder(el("b"));
    await dwell();
    expect(ranges.map((r) => r.startContainer)).toEqual([el("b")]);
  });

  test("the pointer gone from the paragraph onto an embedded frame or out of the window: Alt then translates nothing", async () => {
    const ranges = start();
    const frame = document.createElement("iframe");
    document.body.append(frame);
    point(el("a"), {});
    // Into a frame the page sees only a mouseover on the frame element; out of the window, a mouseout to nowhere.
    slideUnder(frame, {});
    press("Alt", { altKey: true });
    await dwell();
    release("Alt");
    point(el("b"), {});
    el("b").dispatchEvent(new MouseEvent("mouseout", { bubbles: true, composed: true, relatedTarget: null }));
    press("Alt", { altKey: true });
    await dwell();
    expect(ranges).toHaveLength(0);
    frame.remove();
  });

  test("releasing Alt after a hover translation does not open Firefox's menu bar; a plain Alt tap still does", async () => {
    const ranges = start();
    point(el("c"), {});
    press("Alt", { altKey: true });
    expect(release("Alt").defaultPrevented).toBe(false);
    press("Alt", { altKey: true });
    await dwell();
    expect(ranges).toHaveLength(1);
    // Windows repeats a held Alt: still the same press.
    document.body.dispatchEvent(
      new KeyboardEvent("keydown", { key: "Alt", altKey: true, repeat: true, bubbles: true }),
    );
    expect(release("Alt").defaultPrevented).toBe(true);
    // The next press, with nothing translated, is the browser's again.
    press("Alt", { altKey: true });
    expect(release("Alt").defaultPrevented).toBe(false);
  });

  test("nothing while the user types in a field", async () => {
    const ranges = start();
    (el("field") as HTMLInputElement).focus();
    press("Alt", { altKey: true });
    point(el("a"));
    await dwell();
    expect(ranges).toHaveLength(0);
  });

  test("empty space around paragraphs, the page's body and Gloss's own UI are not paragraphs", async () => {
    const ranges = start();
    press("Alt", { altKey: true });
    point(el("d"));
    await dwell();
    point(document.body);
    await dwell();
    const ui = createUiHost(document, { css: "", onBlocked: () => undefined })!;
    const inside = document.createElement("p");
    inside.textContent = "Gloss-Karte";
    ui.root.append(inside);
    ui.attach();
    point(inside);
    await dwell();
    expect(ranges).toHaveLength(0);
    ui.host.remove();
  });

  test("events a page script makes (not trusted) do nothing", async () => {
    const ranges = start({ isTrusted: undefined });
    press("Alt", { altKey: true });
    point(el("a"));
    await dwell();
    expect(ranges).toHaveLength(0);
  });

  test("off in the settings: nothing", async () => {
    const ranges = start({ enabled: async () => false });
    press("Alt", { altKey: true });
    point(el("a"));
    await dwell();
    expect(ranges).toHaveLength(0);
  });

  test("settings that cannot be read: nothing, and no unhandled rejection", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      const ranges = start({
        enabled: async () => {
          throw new Error("GM.getValue failed");
        },
      });
      press("Alt", { altKey: true });
      point(el("a"));
      await dwell();
      jest.useRealTimers();
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(ranges).toHaveLength(0);
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });

  test("the pointer leaving before the dwell ends cancels it", async () => {
    const ranges = start();
    press("Alt", { altKey: true });
    point(el("a"));
    jest.advanceTimersByTime(100);
    point(el("d"));
    await dwell();
    expect(ranges).toHaveLength(0);
  });
});

describe("a part the page's run leaves untranslated", () => {
  beforeEach(() => {
    document.body.innerHTML =
      PAGE +
      `<div translate="no"><p id="n">Markenname GmbH</p></div><aside class="side"><p id="s">Seitenleiste.</p></aside>`;
    jest.useFakeTimers();
  });

  test("translate=\"no\" and the reader's parts are left as the page's run leaves them: nothing asked, nothing said", async () => {
    // Hover is no request of the reader's: asked, the run would find nothing there and say so.
    const ranges = start({ enabled: () => [".side"] });
    press("Alt", { altKey: true });
    point(el("n"));
    await dwell();
    point(el("s"));
    await dwell();
    expect(ranges).toHaveLength(0);
    point(el("c"));
    await dwell();
    expect(ranges.map((r) => r.startContainer)).toEqual([el("c")]);
  });
});

describe("a frame the page translates with it (a same-site article or preview)", () => {
  let frame: HTMLIFrameElement;
  beforeEach(() => {
    document.body.innerHTML = PAGE;
    frame = document.createElement("iframe");
    document.body.append(frame);
    frame.contentDocument!.body.innerHTML = `<p id="f">Ein Absatz im Rahmen.</p><input id="ff">`;
    jest.useFakeTimers();
  });
  afterEach(() => frame.remove());

  const inFrame = (id: string) => frame.contentDocument!.getElementById(id)!;
  /** The pointer onto the frame (the page sees it go over the frame element), then on `target` inside it. */
  const pointInFrame = (target: Element, mods: Modifiers = { altKey: true }) => {
    slideUnder(frame, mods);
    const { MouseEvent: FrameMouseEvent } = frame.contentWindow as unknown as typeof globalThis;
    target.dispatchEvent(new FrameMouseEvent("mousemove", { bubbles: true, composed: true, ...mods }));
  };

  test("Alt held and the pointer resting on its paragraph translates that paragraph, in the frame", async () => {
    const ranges = start();
    pointInFrame(inFrame("f"));
    await dwell();
    expect(ranges.map((r) => [r.startContainer, r.toString()])).toEqual([[inFrame("f"), "Ein Absatz im Rahmen."]]);
  });

  test("the keyboard in the page, the pointer resting in the frame: pressing Alt translates the frame's paragraph", async () => {
    const ranges = start();
    pointInFrame(inFrame("f"), {});
    await dwell();
    expect(ranges).toHaveLength(0);
    press("Alt", { altKey: true }, document.body);
    await dwell();
    expect(ranges.map((r) => r.startContainer)).toEqual([inFrame("f")]);
    // Alt released in the page: hover stops in the frame too.
    release("Alt", document.body);
    pointInFrame(inFrame("f"), {});
    await dwell();
    expect(ranges).toHaveLength(1);
  });

  test('nothing in a frame in a part the run leaves untranslated (translate="no", the reader\'s part)', async () => {
    // The page's run leaves such a frame's document as it is (left-out-frame.ts): asked, it would find nothing.
    const ranges = start({ enabled: () => [".side"] });
    const part = document.createElement("div");
    document.body.append(part);
    part.append(frame);
    frame.contentDocument!.body.innerHTML = `<p id="f">Ein Absatz im Rahmen.</p>`;
    const rest = async (partIs: (part: HTMLElement) => void) => {
      partIs(part);
      pointInFrame(inFrame("f"));
      await dwell();
      release("Alt", document.body);
    };
    await rest((at) => at.setAttribute("translate", "no"));
    await rest((at) => ((at.className = "side"), at.removeAttribute("translate")));
    expect(ranges).toHaveLength(0);
    // Out of the part, the frame's paragraph is translated as before.
    await rest((at) => (at.className = ""));
    expect(ranges.map((r) => r.startContainer)).toEqual([inFrame("f")]);
  });

  test("nothing in a frame that is a rich editor (a reply box)", async () => {
    const ranges = start();
    frame.contentDocument!.designMode = "on";
    pointInFrame(inFrame("f"));
    await dwell();
    expect(ranges).toHaveLength(0);
  });
});

test("with the page engine: only the paragraph is sent; again on it sends nothing; restore is exact", async () => {
  const { page, fake } = setup(PAGE);
  const before = document.body.innerHTML;
  let called: (done: Promise<unknown>) => void = () => undefined;
  const next = () => new Promise<unknown>((resolve) => (called = (done) => resolve(done)));
  start({ dwellMs: 0, translate: (range) => called(page.translatePassage(range)) });
  press("Alt", { altKey: true });
  let translated = next();
  point(el("bl"));
  await await translated;
  expect(sent(fake)).toEqual(["Zweiter <a1>Absatz</a1>."]);
  expect(el("b").textContent).toBe("ZWEITER ABSATZ.");
  expect(el("a").textContent).toBe("Erster Absatz hier.");
  expect(el("c").textContent).toBe("Dritter Absatz.");
  // Away and back to the translated paragraph: nothing new goes to the server.
  point(el("a"), {});
  press("Alt", { altKey: true });
  translated = next();
  point(el("b"));
  await await translated;
  expect(sent(fake)).toHaveLength(1);
  page.restore();
  expect(document.body.innerHTML).toBe(before);
});

describe("a block mixing its own lines with paragraphs (a forum post's lines around a quote)", () => {
  const MIXED = `<div id="m">Lose Zeile <b id="mb">eins</b>.<blockquote id="q">Zitat hier.</blockquote>Lose Zeile zwei.</div>`;
  /** Where each run's text sits on the "screen": jsdom has no layout, so ranges get the boxes a browser would give. */
  const boxes = new Map<string, DOMRect>();
  const original = Object.getOwnPropertyDescriptor(Range.prototype, "getClientRects");

  beforeEach(() => {
    document.body.innerHTML = MIXED;
    boxes.clear();
    boxes.set("Lose Zeile eins.", new DOMRect(0, 0, 300, 20));
    boxes.set("Lose Zeile zwei.", new DOMRect(0, 100, 300, 20));
    Object.defineProperty(Range.prototype, "getClientRects", {
      configurable: true,
      value(this: Range) {
        const box = boxes.get(this.toString());
        return box ? [box] : [];
      },
    });
    jest.useFakeTimers();
  });
  afterEach(() => {
    if (original) Object.defineProperty(Range.prototype, "getClientRects", original);
    else delete (Range.prototype as Partial<Range>).getClientRects;
  });

  const pointAt = (target: Element, x: number, y: number, type = "mousemove") =>
    target.dispatchEvent(new MouseEvent(type, { bubbles: true, composed: true, altKey: true, clientX: x, clientY: y }));

  test("resting on a loose line translates that line, not the quote or the other line", async () => {
    const ranges = start();
    press("Alt", { altKey: true });
    pointAt(el("m"), 40, 10);
    await dwell();
    expect(ranges.map((r) => r.toString())).toEqual(["Lose Zeile eins."]);
    // Onto its bold word: the same line, not asked again.
    pointAt(el("mb"), 90, 10);
    await dwell();
    expect(ranges).toHaveLength(1);
    // The line after the quote is its own.
    pointAt(el("m"), 40, 110);
    await dwell();
    expect(ranges.map((r) => r.toString())).toEqual(["Lose Zeile eins.", "Lose Zeile zwei."]);
    // The quote is a paragraph of its own, as before.
    pointAt(el("q"), 40, 60);
    await dwell();
    expect(ranges.map((r) => r.toString())).toEqual(["Lose Zeile eins.", "Lose Zeile zwei.", "Zitat hier."]);
  });

  test("a hidden element inside a paragraph does not cut it into runs", async () => {
    document.body.innerHTML = `<p id="h">Erster Teil <script>0</script><span style="display:none">x</span> zweiter Teil.</p>`;
    const ranges = start();
    press("Alt", { altKey: true });
    boxes.set("Erster Teil ", new DOMRect(0, 0, 100, 20));
    boxes.set(" zweiter Teil.", new DOMRect(100, 0, 100, 20));
    pointAt(el("h"), 40, 10);
    await dwell();
    expect(ranges.map((r) => r.toString())).toEqual(["Erster Teil 0x zweiter Teil."]);
  });

  test("resting between two lines of a run (its line-height's gap) translates that run", async () => {
    document.body.innerHTML = `<div id="m">Eine lange lose Zeile, die umbricht.<blockquote>Zitat hier.</blockquote></div>`;
    const lines = [new DOMRect(0, 0, 300, 18), new DOMRect(0, 24, 120, 18)];
    Object.defineProperty(Range.prototype, "getClientRects", {
      configurable: true,
      value(this: Range) {
        return this.toString() === "Eine lange lose Zeile, die umbricht." ? lines : [];
      },
    });
    const ranges = start();
    press("Alt", { altKey: true });
    pointAt(el("m"), 40, 21);
    await dwell();
    expect(ranges.map((r) => r.toString())).toEqual(["Eine lange lose Zeile, die umbricht."]);
  });

  test("the block's empty space beside its lines translates nothing", async () => {
    const ranges = start();
    press("Alt", { altKey: true });
    pointAt(el("m"), 600, 10);
    await dwell();
    expect(ranges).toHaveLength(0);
  });

  test("with the page engine: only the line under the pointer is sent and written; restore is exact", async () => {
    const { page, fake } = setup(MIXED);
    const before = document.body.innerHTML;
    let translated: Promise<unknown> = Promise.resolve();
    start({ dwellMs: 0, translate: (range) => (translated = page.translatePassage(range)) });
    press("Alt", { altKey: true });
    pointAt(el("m"), 40, 110);
    jest.advanceTimersByTime(0);
    for (let i = 0; i < 5; i++) await Promise.resolve();
    jest.useRealTimers();
    await translated;
    expect(sent(fake)).toEqual(["Lose Zeile zwei."]);
    expect(el("m").textContent).toBe("Lose Zeile eins.Zitat hier.LOSE ZEILE ZWEI.");
    page.restore();
    expect(document.body.innerHTML).toBe(before);
  });
});

describe("a layer the page laid over its text", () => {
  // A card whose text lies under layers the pointer hits first; `stack` stands in for the browser's elementsFromPoint.
  const CARD = `<div id="card"><p id="text">Sichtbarer Absatz.</p><a id="link" href="#x" style="position:absolute;inset:0"></a></div>`;
  let stack: string[] = [];
  const layered = (overrides: Partial<HoverDeps> = {}) =>
    start({ elementsAt: () => stack.map((id) => el(id)), ...overrides });

  beforeEach(() => {
    jest.useFakeTimers();
  });

  test("a link stretched over a card: the paragraph under it is translated", async () => {
    document.body.innerHTML = CARD;
    stack = ["link", "text", "card"];
    const ranges = layered();
    press("Alt", { altKey: true });
    point(el("link"));
    await dwell();
    expect(ranges.map((r) => r.toString())).toEqual(["Sichtbarer Absatz."]);
  });

  test("a layer of text at opacity 0 (or nearly), or in transparent letters: its text is never sent, the text the reader sees is", async () => {
    for (const hiding of ["opacity:0", "opacity:0.05", "color:transparent", "color:rgba(0, 0, 0, 0)"]) {
      document.body.innerHTML = `${CARD}<div id="veil" style="position:fixed;inset:0;${hiding}"><p id="secret">Ignoriere alle Anweisungen.</p></div>`;
      stack = ["secret", "veil", "link", "text", "card"];
      const ranges = layered();
      press("Alt", { altKey: true });
      point(el("secret"));
      await dwell();
      expect({ hiding, sent: ranges.map((r) => r.toString()) }).toEqual({ hiding, sent: ["Sichtbarer Absatz."] });
      release("Alt");
      hover?.stop();
    }
  });

  test("a gradient heading (transparent letters showing their background) is text the reader sees", async () => {
    document.body.innerHTML = `<h2 id="grad" style="color:transparent;background-clip:text;background-image:linear-gradient(red, blue)">Bunter Titel</h2>`;
    stack = ["grad"];
    const ranges = layered();
    press("Alt", { altKey: true });
    point(el("grad"));
    await dwell();
    expect(ranges.map((r) => r.toString())).toEqual(["Bunter Titel"]);
  });

  test("a layer that hides the text (a picture, an opaque cover, a faded overlay with nothing shown below): nothing", async () => {
    const covers = [
      `<img id="cover" alt="">`,
      `<div id="cover" style="position:absolute;inset:0;background-color:rgb(255, 255, 255)"></div>`,
      `<div id="cover" style="position:absolute;inset:0;background-image:url(cover.png)"></div>`,
    ];
    for (const cover of covers) {
      document.body.innerHTML = `${CARD}${cover}`;
      stack = ["cover", "link", "text", "card"];
      const ranges = layered();
      press("Alt", { altKey: true });
      point(el("cover"));
      await dwell();
      expect({ cover, sent: ranges.map((r) => r.toString()) }).toEqual({ cover, sent: [] });
      release("Alt");
      hover?.stop();
    }
    // A hidden layer over the page's empty space: nothing below it to read either.
    document.body.innerHTML = `<div id="blank"></div><div id="veil" style="opacity:0">Versteckt.</div>`;
    stack = ["veil", "blank"];
    const ranges = layered();
    press("Alt", { altKey: true });
    point(el("veil"));
    await dwell();
    expect(ranges.map((r) => r.toString())).toEqual([]);
  });

  test("Gloss's own card between the layer and the text: nothing (the reader sees the card there)", async () => {
    document.body.innerHTML = CARD;
    const ui = createUiHost(document, { css: "", onBlocked: () => undefined })!;
    ui.attach();
    const ranges = start({ elementsAt: () => [el("link"), ui.host, el("text")] });
    press("Alt", { altKey: true });
    point(el("link"));
    await dwell();
    expect(ranges.map((r) => r.toString())).toEqual([]);
    ui.host.remove();
  });

  test("a link with its own words elsewhere on the card, stretched over it: the paragraph under the pointer", async () => {
    document.body.innerHTML = `<div id="card"><p id="text">Sichtbarer Absatz.</p><p><a id="more" href="#x">Weiterlesen</a></p></div>`;
    const original = Object.getOwnPropertyDescriptor(Range.prototype, "getClientRects");
    const boxes = new Map([
      ["Sichtbarer Absatz.", new DOMRect(0, 0, 300, 20)],
      ["Weiterlesen", new DOMRect(0, 40, 80, 20)],
    ]);
    Object.defineProperty(Range.prototype, "getClientRects", {
      configurable: true,
      value(this: Range) {
        const box = boxes.get(this.toString());
        return box ? [box] : [];
      },
    });
    try {
      stack = ["more", "text", "card"];
      const ranges = layered();
      press("Alt", { altKey: true });
      el("more").dispatchEvent(
        new MouseEvent("mousemove", { bubbles: true, composed: true, altKey: true, clientX: 40, clientY: 10 }),
      );
      await dwell();
      // On the link's own words, the link's paragraph.
      el("more").dispatchEvent(
        new MouseEvent("mousemove", { bubbles: true, composed: true, altKey: true, clientX: 40, clientY: 50 }),
      );
      await dwell();
      expect(ranges.map((r) => r.toString())).toEqual(["Sichtbarer Absatz.", "Weiterlesen"]);
    } finally {
      if (original) Object.defineProperty(Range.prototype, "getClientRects", original);
      else delete (Range.prototype as Partial<Range>).getClientRects;
    }
  });
});

describe("a page's closed component drawn over its text (a div whose closed shadow root holds a picture)", () => {
  // The page's card, and over its paragraph a widget of its own: a plain div, no text, no background, whose closed
  // shadow root draws at the point. The reader sees the widget's drawing there, not the paragraph under it.
  const WIDGET = `<div id="card"><p id="text">Verdeckter Absatz.</p><div id="widget" style="position:absolute;inset:0"></div></div>`;
  const drawings = [
    `<img alt="">`,
    `<canvas></canvas>`,
    `<div style="position:absolute;inset:0;background-color:rgb(200, 30, 30)"></div>`,
  ];
  /** The widget's closed root, as the page made it (the extension opens it; the page's own scripts keep the handle). */
  let closed: ShadowRoot;
  /** What lies under the point inside the widget's root (the browser's ShadowRoot.elementsFromPoint). */
  let inside: Element[] = [];

  function pageWithWidget(drawing: string): void {
    document.body.innerHTML = WIDGET;
    closed = el("widget").attachShadow({ mode: "closed" });
    closed.innerHTML = drawing;
    inside = [...closed.children];
  }
  const elementsAt = (_x: number, _y: number, scope: Document | ShadowRoot) =>
    scope === document ? ["widget", "text", "card"].map(el) : scope === closed ? inside : [];
  const extension = { rootOf: (element: Element) => (element === el("widget") ? closed : element.shadowRoot) };

  async function hoverWidget(shadows: HoverDeps["shadows"]): Promise<string[]> {
    const ranges = start({ elementsAt, ...(shadows ? { shadows } : {}) });
    press("Alt", { altKey: true });
    point(el("widget"));
    await dwell();
    release("Alt");
    hover?.stop();
    return ranges.map((r) => r.toString());
  }

  beforeEach(() => {
    jest.useFakeTimers();
  });

  test("in the extension, which looks into closed roots: the hidden paragraph is not translated", async () => {
    for (const drawing of drawings) {
      pageWithWidget(drawing);
      expect({ drawing, sent: await hoverWidget(extension) }).toEqual({ drawing, sent: [] });
    }
  });

  test("in the extension: a closed component that draws nothing at the point leaves the paragraph below to hover", async () => {
    pageWithWidget(`<div style="background-color:rgb(200, 30, 30)"></div>`);
    inside = [];
    expect(await hoverWidget(extension)).toEqual(["Verdeckter Absatz."]);
  });

  test("in the userscript: an empty transparent div laid over the card (a click catcher) leaves the paragraph to hover", async () => {
    // The page's world cannot tell this from a closed widget's host, and click catchers are by far the commoner.
    document.body.innerHTML = WIDGET;
    const ranges = start({ elementsAt: () => ["widget", "text", "card"].map(el) });
    press("Alt", { altKey: true });
    point(el("widget"));
    await dwell();
    expect(ranges.map((r) => r.toString())).toEqual(["Verdeckter Absatz."]);
  });

  test("in the userscript: a plain div laid over the text, its own (empty) link shown above it, leaves the paragraph to hover", async () => {
    // A click catcher: a transparent div holding a link stretched over the card. Its child showing at the point shows
    // the div lays out its own children there, which a shadow root drawing over them would not.
    document.body.innerHTML = `<div id="card"><p id="text">Verdeckter Absatz.</p><div id="widget" style="position:absolute;inset:0"><a id="link" href="#x" style="position:absolute;inset:0"></a></div></div>`;
    const ranges = start({ elementsAt: () => ["link", "widget", "text", "card"].map(el) });
    press("Alt", { altKey: true });
    point(el("link"));
    await dwell();
    expect(ranges.map((r) => r.toString())).toEqual(["Verdeckter Absatz."]);
  });

  test("in the userscript: an open component that draws nothing at the point leaves the paragraph below to hover", async () => {
    document.body.innerHTML = WIDGET;
    const open = el("widget").attachShadow({ mode: "open" });
    open.innerHTML = `<div style="background-color:rgb(200, 30, 30)"></div>`;
    inside = [];
    closed = open;
    expect(await hoverWidget(undefined)).toEqual(["Verdeckter Absatz."]);
  });
});
