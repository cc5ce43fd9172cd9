// Gloss's cards on a phone: the on-screen keyboard and a pinch zoom shrink what the reader sees (the visual viewport)
// but not the window, so a card kept inside the window can sit under the keyboard or off the zoomed view.
import { lookupCard, statusCard, writingCard } from "../helpers/in-page-ui";

const CARD = { width: 300, height: 120 };

/** The phone's visual viewport: `height` px above the keyboard, scrolled `offsetTop` px into the page's view. */
function visualViewport(view: { width: number; height: number; offsetTop?: number; offsetLeft?: number }) {
  const visual = Object.assign(new EventTarget(), { offsetTop: 0, offsetLeft: 0, ...view });
  Object.defineProperty(window, "visualViewport", { value: visual, configurable: true });
  return visual;
}

/** Where the reply-box card shows for a field at `field` (viewport coordinates). */
function placeWritingCard(field: { top: number; bottom: number; left: number; right: number }) {
  document.body.innerHTML = `<textarea id="reply"></textarea>`;
  const textarea = document.getElementById("reply")!;
  jest.spyOn(HTMLElement.prototype, "getBoundingClientRect").mockImplementation(function (this: HTMLElement) {
    if (this === textarea)
      return { ...field, width: field.right - field.left, height: field.bottom - field.top } as DOMRect;
    return (this.classList.contains("writing") ? CARD : { width: 0, height: 0 }) as DOMRect;
  });
  const { card, root } = writingCard();
  card.show(textarea, { kind: "working", message: "Translating into German…" });
  const shown = root().querySelector(".writing") as HTMLElement;
  return { card, shown, top: () => parseFloat(shown.style.top), left: () => parseFloat(shown.style.left) };
}

afterEach(() => {
  jest.restoreAllMocks();
  delete (window as { visualViewport?: unknown }).visualViewport;
});

describe("the reply-box card on a phone", () => {
  it("stays above the on-screen keyboard, which covers the window's lower part", () => {
    // A 360 × 740 phone; the keyboard leaves 400 px; the reply box fills the width, just above the keyboard.
    Object.assign(window, { innerWidth: 360, innerHeight: 740 });
    visualViewport({ width: 360, height: 400 });
    const { card, top } = placeWritingCard({ top: 300, bottom: 380, left: 8, right: 352 });
    expect(top() + CARD.height).toBeLessThanOrEqual(400);
    card.hide();
  });

  it("follows the keyboard as it opens: the card moves up when the visual viewport shrinks", () => {
    Object.assign(window, { innerWidth: 360, innerHeight: 740 });
    const visual = visualViewport({ width: 360, height: 740 });
    const { card, top } = placeWritingCard({ top: 300, bottom: 380, left: 8, right: 352 });
    expect(top()).toBeGreaterThan(380); // below the box while there is room
    visual.height = 400;
    visual.dispatchEvent(new Event("resize"));
    expect(top() + CARD.height).toBeLessThanOrEqual(400);
    card.hide();
  });

  it("shows inside a pinch-zoomed view, not at the window's edge off screen", () => {
    // Zoomed 2×: the reader sees 180 × 370 px of the page, from (150, 300).
    Object.assign(window, { innerWidth: 360, innerHeight: 740 });
    visualViewport({ width: 180, height: 370, offsetLeft: 150, offsetTop: 300 });
    const { card, shown, top, left } = placeWritingCard({ top: 400, bottom: 440, left: 160, right: 320 });
    expect(top()).toBeGreaterThanOrEqual(300);
    expect(left()).toBeGreaterThanOrEqual(150);
    expect(top()).toBeLessThan(300 + 370);
    expect(left()).toBeLessThan(150 + 180);
    expect(shown.style.maxWidth).toBe("164px"); // the view's width, less a margin on each side
    card.hide();
  });
});

describe("the look-up card on a phone", () => {
  it("shows next to the selected word inside a pinch-zoomed view, not at the window's edge off screen", () => {
    // Zoomed 2×: the reader sees 180 × 370 px of the page, from (150, 300); the word is at its right edge.
    Object.assign(window, { innerWidth: 360, innerHeight: 740 });
    visualViewport({ width: 180, height: 370, offsetLeft: 150, offsetTop: 300 });
    document.body.innerHTML = `<p id="p">Stellwerk</p>`;
    jest.spyOn(HTMLElement.prototype, "getBoundingClientRect").mockImplementation(function (this: HTMLElement) {
      return (this.classList.contains("lookup") ? { width: 160, height: 80 } : { width: 0, height: 0 }) as DOMRect;
    });
    const range = document.createRange();
    range.selectNodeContents(document.getElementById("p")!);
    const { card, root } = lookupCard();
    const rect = { top: 600, bottom: 620, left: 300, right: 328 };
    card.show({ range, rect }, { kind: "working", source: "Stellwerk" });
    const shown = root().querySelector(".lookup") as HTMLElement;
    const top = parseFloat(shown.style.top);
    const left = parseFloat(shown.style.left);
    // Above the word (no room below it in view), and its right edge inside the view.
    expect(top + 80).toBeLessThanOrEqual(600);
    expect(top).toBeGreaterThanOrEqual(300);
    expect(left + 160).toBeLessThanOrEqual(150 + 180);
    expect(shown.style.maxWidth).toBe("164px"); // no wider than the view
    card.hide();
  });
});

describe("the status card on a phone", () => {
  /** A 360 × 740 window whose fixed boxes' block is the viewport (the frame Gloss measures it by). */
  function phoneWindow() {
    const html = document.documentElement;
    Object.defineProperty(html, "clientWidth", { value: 360, configurable: true });
    Object.defineProperty(html, "clientHeight", { value: 740, configurable: true });
    jest.spyOn(HTMLElement.prototype, "getBoundingClientRect").mockImplementation(function (this: HTMLElement) {
      const frame = this.classList.contains("frame");
      return (frame ? { left: 0, top: 0, right: 360, bottom: 740, width: 360, height: 740 } : {}) as DOMRect;
    });
  }
  afterEach(() => {
    delete (document.documentElement as { clientWidth?: number }).clientWidth;
    delete (document.documentElement as { clientHeight?: number }).clientHeight;
  });

  it("sits in the corner the reader sees: inside a pinch zoom, above the keyboard, and back when both go", () => {
    phoneWindow();
    // Zoomed 2×: the reader sees 180 × 370 px of the page, from (150, 300).
    const visual = visualViewport({ width: 180, height: 370, offsetLeft: 150, offsetTop: 300 });
    const { panel, root } = statusCard();
    panel.show({
      status: "error",
      progress: { done: 0, total: 4, failed: 0 },
      error: { message: "The server did not answer." },
    });
    const card = root().querySelector(".card") as HTMLElement;
    // Its corner moved from the window's (360, 740) to the view's (330, 670), and it is no wider than the view.
    expect(card.style.translate).toBe("-30px -70px");
    expect(card.style.maxWidth).toBe("148px");
    // Zoomed out, the keyboard open: 400 px are left above it.
    Object.assign(visual, { width: 360, height: 400, offsetLeft: 0, offsetTop: 0 });
    visual.dispatchEvent(new Event("resize"));
    expect(card.style.translate).toBe("0px -340px");
    expect(card.style.maxWidth).toBe("");
    Object.assign(visual, { height: 740 });
    visual.dispatchEvent(new Event("resize"));
    expect(card.style.translate).toBe("");
    panel.hide();
  });
});
