// Frames, media and custom elements hold state that moving or copying them loses: a frame reloads (what the user
// typed in it is gone), a custom element runs the page's code again. Gloss never moves or copies them, nor anything
// that holds one (an excluded <code>, a hidden <span>): the sentence is translated in parts around them, and
// "Show original" puts back exactly what was there.

import { control, sent, setup } from "../helpers/core-page";

/** Every time the page's code runs for one of these elements (construction, connection, disconnection). */
const calls = { constructed: 0, connected: 0, disconnected: 0 };
let visits = 0;
/** A visit counter that renders its count each time it is connected, as many component libraries do. */
class Counter extends HTMLElement {
  constructor() {
    super();
    calls.constructed++;
  }
  connectedCallback(): void {
    calls.connected++;
    this.textContent = `Zähler ${++visits}`;
  }
  disconnectedCallback(): void {
    calls.disconnected++;
  }
}
customElements.define("x-counter", Counter);

const pageHtml = () => document.body.innerHTML;

/** Sets the page and returns it as the reader sees it, with the page's own rendering done and not counted. */
function load(html: string): string {
  visits = 0;
  document.body.innerHTML = html;
  calls.constructed = calls.connected = calls.disconnected = 0;
  return pageHtml();
}

/** Records every removal from the page; `removed(node)` says whether the node, or anything holding it, was taken out. */
function watchRemovals(): { removed(node: Node): boolean; stop(): void } {
  const out: Node[] = [];
  const observer = new MutationObserver((records) => {
    for (const r of records) out.push(...Array.from(r.removedNodes));
  });
  observer.observe(document.body, { childList: true, subtree: true });
  return {
    removed(node) {
      for (const r of observer.takeRecords()) out.push(...Array.from(r.removedNodes));
      return out.some((n) => n === node || n.contains(node));
    },
    stop: () => observer.disconnect(),
  };
}

/** A frame with a field the user typed into. jsdom lays an iframe out as a block; a browser lays it out inline. */
function frameWithInput(iframe: HTMLIFrameElement): { win: Window; input: HTMLInputElement } {
  const doc = iframe.contentDocument as Document;
  doc.body.innerHTML = `<input id="f">`;
  const input = doc.getElementById("f") as HTMLInputElement;
  input.value = "vom Leser getippt";
  return { win: iframe.contentWindow as Window, input };
}

const FRAME_PAGE =
  `<p>Das Video <iframe style="display:inline" src="about:blank"></iframe> zeigt die Innenstadt am Abend.</p>` +
  `<p>Im Clip <span class="clip"><video style="display:inline"></video></span> spricht die Bürgermeisterin.</p>`;

test("an inline frame in a sentence is never moved: it does not reload and keeps what the user typed", async () => {
  const before = load(FRAME_PAGE);
  const iframe = document.querySelector("iframe") as HTMLIFrameElement;
  const video = document.querySelector("video") as HTMLVideoElement;
  const { win, input } = frameWithInput(iframe);
  const watch = watchRemovals();
  const { page, fake } = setup(null);

  await page.translate();
  expect(sent(fake)).toEqual([
    "Das Video",
    "zeigt die Innenstadt am Abend.",
    "Im Clip",
    "spricht die Bürgermeisterin.",
  ]);
  expect(pageHtml()).toBe(
    `<p>DAS VIDEO <iframe style="display:inline" src="about:blank"></iframe> ZEIGT DIE INNENSTADT AM ABEND.</p>` +
      `<p>IM CLIP <span class="clip"><video style="display:inline"></video></span> SPRICHT DIE BÜRGERMEISTERIN.</p>`,
  );
  expect(iframe.contentWindow).toBe(win);
  expect(input.value).toBe("vom Leser getippt");

  page.restore();
  expect(pageHtml()).toBe(before);
  expect(document.querySelector("iframe")).toBe(iframe);
  expect(document.querySelector("video")).toBe(video);
  expect(iframe.contentWindow).toBe(win);
  expect(input.value).toBe("vom Leser getippt");
  expect(watch.removed(iframe)).toBe(false);
  expect(watch.removed(video)).toBe(false);
  watch.stop();
});

test("a custom element inside excluded code is never moved: its count does not change", async () => {
  const before = load(`<p>Heute <code><x-counter></x-counter></code> Besucher haben die Ausstellung gesehen.</p>`);
  expect(before).toContain("Zähler 1");
  const counter = document.querySelector("x-counter") as Element;
  const watch = watchRemovals();
  const { page, fake } = setup(null);

  await page.translate();
  expect(sent(fake)).toEqual(["Heute", "Besucher haben die Ausstellung gesehen."]);
  expect(pageHtml()).toBe(
    `<p>HEUTE <code><x-counter>Zähler 1</x-counter></code> BESUCHER HABEN DIE AUSSTELLUNG GESEHEN.</p>`,
  );
  page.restore();
  expect(pageHtml()).toBe(before);
  expect(document.querySelector("x-counter")).toBe(counter);
  expect(calls).toEqual({ constructed: 0, connected: 0, disconnected: 0 });
  expect(watch.removed(counter)).toBe(false);
  watch.stop();
});

test("a hidden part of a sentence holding a frame and a custom element stays where it is", async () => {
  const before = load(
    `<p>Guten Morgen, <span hidden><x-counter></x-counter><iframe src="about:blank"></iframe></span> und willkommen auf der Seite.</p>`,
  );
  const iframe = document.querySelector("iframe") as HTMLIFrameElement;
  const counter = document.querySelector("x-counter") as Element;
  const { win, input } = frameWithInput(iframe);
  const watch = watchRemovals();
  const { page } = setup(null);

  await page.translate();
  expect(pageHtml()).toBe(
    `<p>GUTEN MORGEN, <span hidden=""><x-counter>Zähler 1</x-counter><iframe src="about:blank"></iframe></span> UND WILLKOMMEN AUF DER SEITE.</p>`,
  );
  page.restore();
  expect(pageHtml()).toBe(before);
  expect(iframe.contentWindow).toBe(win);
  expect(input.value).toBe("vom Leser getippt");
  expect(calls).toEqual({ constructed: 0, connected: 0, disconnected: 0 });
  expect(watch.removed(iframe)).toBe(false);
  expect(watch.removed(counter)).toBe(false);
  watch.stop();
});

test("the bilingual view adds no second frame and no copy of a custom element", async () => {
  const before = load(
    FRAME_PAGE + `<p>Heute <code><x-counter></x-counter></code> Besucher haben die Ausstellung gesehen.</p>`,
  );
  const iframe = document.querySelector("iframe") as HTMLIFrameElement;
  const { win, input } = frameWithInput(iframe);
  const watch = watchRemovals();
  const { page } = setup(null, { displayMode: "bilingual" });

  await page.translate();
  expect(document.body.textContent).toContain("ZEIGT DIE INNENSTADT AM ABEND.");
  expect(document.body.textContent).toContain("BESUCHER HABEN DIE AUSSTELLUNG GESEHEN.");
  expect(document.querySelectorAll("iframe")).toHaveLength(1);
  expect(window.frames.length).toBe(1);
  expect(document.querySelectorAll("video")).toHaveLength(1);
  expect(document.querySelectorAll("x-counter")).toHaveLength(1);
  expect(calls).toEqual({ constructed: 0, connected: 0, disconnected: 0 });

  page.restore();
  expect(pageHtml()).toBe(before);
  expect(iframe.contentWindow).toBe(win);
  expect(input.value).toBe("vom Leser getippt");
  expect(watch.removed(iframe)).toBe(false);
  watch.stop();
});

test("a custom element the page defines inside code while the translation is on its way is not moved", async () => {
  const before = load(
    `<p>Heute <code><x-late-count></x-late-count></code> Besucher haben die Ausstellung gesehen.</p>`,
  );
  const { page, fake } = setup(null, {}, { hold: true });
  const done = page.translate();
  await fake.nextBatch(); // read with <code> as one opaque part of the sentence
  let connected = 0;
  customElements.define(
    "x-late-count",
    class extends HTMLElement {
      connectedCallback() {
        connected++;
      }
    },
  );
  connected = 0; // the upgrade itself is the page's doing
  fake.unhold();
  await done;
  await page.whenSettled();
  // Not written as read; read again, it is translated around the element.
  expect(pageHtml()).toBe(
    `<p>HEUTE <code><x-late-count></x-late-count></code> BESUCHER HABEN DIE AUSSTELLUNG GESEHEN.</p>`,
  );
  expect(connected).toBe(0);
  page.restore();
  expect(pageHtml()).toBe(before);
  expect(connected).toBe(0);
});

test("switching to the bilingual view copies no custom element the page defined after the translation", async () => {
  const before = load(
    `<p>Heute <code><x-later-count></x-later-count></code> Besucher haben die Ausstellung gesehen.</p>`,
  );
  const { page } = setup(null);
  await page.translate();
  let constructed = 0;
  customElements.define(
    "x-later-count",
    class extends HTMLElement {
      constructor() {
        super();
        constructed++;
      }
    },
  );
  constructed = 0; // the upgrade itself is the page's doing
  page.setDisplayMode("bilingual");
  expect(document.body.textContent).toContain("BESUCHER HABEN DIE AUSSTELLUNG GESEHEN.");
  expect(document.querySelectorAll("x-later-count")).toHaveLength(1);
  expect(constructed).toBe(0);
  page.restore();
  expect(pageHtml()).toBe(before);
});

test("a formula travels with its sentence: MathML's hyphenated tags are no custom elements", async () => {
  const before = load(
    `<p>Die Formel <math><semantics><mi>x</mi><annotation-xml encoding="MathML-Content"><ci>x</ci></annotation-xml></semantics></math> ist einfach.</p>`,
  );
  const { page, fake } = setup(null);
  await page.translate();
  expect(sent(fake)).toEqual(["Die Formel <x1></x1> ist einfach."]);
  page.restore();
  expect(pageHtml()).toBe(before);
});

// The page may put a frame or a custom element into text Gloss already translated, or define a custom element Gloss
// moved as ordinary markup. Undoing the write (when the page changes the unit, and for "Show original") moves only
// the nodes that must move: such an element stays where it is.

/** A translation that puts the bold word first: the words around it change places. */
const boldFirst = (upper: string): string => {
  const m = /<b1>[\s\S]*?<\/b1>/.exec(upper);
  return m ? `${m[0]} ${upper.replace(m[0], "").replace(/\s+/g, " ").trim()}` : upper;
};

const SENTENCE = `<p id="p">Ich habe <b>gestern</b> Kuchen gegessen.</p>`;

/** Puts `el` into the paragraph before the words "Ich habe", wherever a translation put them. */
function beforeIchHabe(root: Element, el: Element): void {
  const p = root.querySelector("#p") as Element;
  const words = Array.from(p.childNodes).find((n) => /^\s*ich habe/i.test(n.textContent ?? ""));
  p.insertBefore(el, words ?? null);
}

function inlineFrame(): HTMLIFrameElement {
  const iframe = document.createElement("iframe");
  iframe.src = "about:blank";
  iframe.style.display = "inline";
  return iframe;
}

test("a frame the page puts into a translated sentence is not moved when the page's change is undone, nor by Show original", async () => {
  load(SENTENCE);
  const { page } = setup(null, {}, { reply: boldFirst });
  await page.translate();
  expect(pageHtml()).toBe(`<p id="p" lang="en"><b>GESTERN</b> ICH HABE KUCHEN GEGESSEN.</p>`);
  const watch = watchRemovals();
  const addFrame = (root: Element): void => beforeIchHabe(root, inlineFrame());
  addFrame(document.body); // between the bold word and the words the translation put after it
  const iframe = document.querySelector("iframe") as HTMLIFrameElement;
  const { win, input } = frameWithInput(iframe);
  await page.whenSettled();
  // Undone keeping the frame where the page put it, then translated again around it (in runs: the paragraph, all
  // translation again, says so).
  expect(watch.removed(iframe)).toBe(false);
  expect(pageHtml()).toBe(
    `<p id="p" lang="en"><iframe src="about:blank" style="display: inline;"></iframe><b>GESTERN</b> ICH HABE KUCHEN GEGESSEN.</p>`,
  );
  page.restore();
  expect(watch.removed(iframe)).toBe(false);
  expect(pageHtml()).toBe(control(SENTENCE, addFrame));
  expect(document.querySelector("iframe")).toBe(iframe);
  expect(iframe.contentWindow).toBe(win);
  expect(input.value).toBe("vom Leser getippt");
  watch.stop();
});

test("Show original leaves a frame the page put between two translated words where it is", async () => {
  const html = `<p id="p">Ich habe <b>gestern</b> <i>sehr</i> viel Kuchen gegessen.</p>`;
  // Between the bold and the italic word: the original keeps it there, before the space that followed the bold word.
  const addFrame = (root: Element): void => void root.querySelector("#p b")?.after(inlineFrame());
  load(html);
  const { page } = setup(null);
  await page.translate();
  expect(pageHtml()).toBe(`<p id="p" lang="en">ICH HABE <b>GESTERN</b> <i>SEHR</i> VIEL KUCHEN GEGESSEN.</p>`);
  page.stop(); // nobody watching: Show original is the first to see the frame
  addFrame(document.body);
  const iframe = document.querySelector("iframe") as HTMLIFrameElement;
  const { win } = frameWithInput(iframe);
  const watch = watchRemovals();
  page.restore();
  expect(watch.removed(iframe)).toBe(false);
  expect(pageHtml()).toBe(control(html, addFrame));
  expect(iframe.contentWindow).toBe(win);
  watch.stop();
});

test("a custom element the page adds to a translated sentence is neither disconnected nor connected again", async () => {
  const addCounter = (root: Element): void => beforeIchHabe(root, document.createElement("x-counter"));
  load(SENTENCE);
  const { page } = setup(null, {}, { reply: boldFirst });
  await page.translate();
  page.stop();
  addCounter(document.body);
  const counter = document.querySelector("x-counter") as Element;
  calls.constructed = calls.connected = calls.disconnected = 0;
  page.restore();
  expect(calls).toEqual({ constructed: 0, connected: 0, disconnected: 0 });
  expect(document.querySelector("x-counter")).toBe(counter);
  // Its own rendering aside, the page is what the same change makes of the untranslated page.
  counter.textContent = "";
  expect(pageHtml()).toBe(control(SENTENCE, addCounter));
});

/** Translates a sentence with a custom element the page has not defined yet, then defines it, counting its callbacks. */
async function translatedThenDefined(name: string) {
  const before = load(`<p>Heute haben <${name}>sehr viele</${name}> Besucher die Ausstellung gesehen.</p>`);
  const { page, fake } = setup(null);
  await page.translate();
  // Undefined when read: an ordinary inline element of the sentence.
  expect(sent(fake)).toEqual([`Heute haben <s1>sehr viele</s1> Besucher die Ausstellung gesehen.`]);
  const counts = { connected: 0, disconnected: 0 };
  customElements.define(
    name,
    class extends HTMLElement {
      connectedCallback() {
        counts.connected++;
      }
      disconnectedCallback() {
        counts.disconnected++;
      }
    },
  );
  counts.connected = 0; // the upgrade itself is the page's doing
  const el = document.querySelector(name) as Element;
  return { before, page, counts, el, watch: watchRemovals() };
}

test("a custom element defined after the write stays in place on Show original", async () => {
  const { before, page, counts, el, watch } = await translatedThenDefined("x-after");
  page.restore();
  expect(watch.removed(el)).toBe(false);
  expect(counts).toEqual({ connected: 0, disconnected: 0 });
  expect(pageHtml()).toBe(before);
  expect(document.querySelector("x-after")).toBe(el);
  watch.stop();
});

test("a custom element defined after the write stays in place when the view changes", async () => {
  const { before, page, counts, el, watch } = await translatedThenDefined("x-after-view");
  page.setDisplayMode("bilingual"); // puts the replaced unit back first (and copies no custom element)
  expect(watch.removed(el)).toBe(false);
  expect(counts).toEqual({ connected: 0, disconnected: 0 });
  page.restore();
  expect(pageHtml()).toBe(before);
  expect(document.querySelector("x-after-view")).toBe(el);
  watch.stop();
});
