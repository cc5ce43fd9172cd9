// Gloss's in-page cards (the status card, the reply-box card) for screen-reader and keyboard users: what is
// announced and how urgently, and where the keyboard focus goes when a card goes away.
import { closeOnEscape, SETTLE_MS, SPOKEN_MS } from "../../src/session/element";
import type { ContentReport } from "../../src/shared/messages";
import { setup } from "../helpers/core-page";
import { lookupCard, statusCard, writingCard } from "../helpers/in-page-ui";
import { COMPOSING_MARKS, composingKey, ownKey } from "../helpers/input-method";
import { createProgressCue } from "../../src/session/progress-cue";

const report = (status: ContentReport["status"], extra: Partial<ContentReport> = {}): ContentReport => ({
  status,
  progress: { total: 0, done: 0, failed: 0 },
  ...extra,
});

const unreachable = { message: "Gloss cannot reach your server.", fix: "Start llama-server." };

const buttonNamed = (root: ShadowRoot, name: string): HTMLButtonElement =>
  [...root.querySelectorAll("button")].find((button) => button.textContent === name)!;

/** What a screen reader reads in `node`: its text, without what is hidden. */
function spoken(node: Node): string {
  const parts: string[] = [];
  for (const child of node.childNodes) {
    if (child.nodeType === Node.TEXT_NODE) parts.push((child as Text).data);
    else if (child instanceof HTMLElement && !child.hidden && child.getAttribute("aria-hidden") !== "true") {
      parts.push(spoken(child));
    }
  }
  return parts.join(" ").replace(/\s+/g, " ").trim();
}

/** The card's live regions: each with its role, politeness and what a screen reader would read out. */
const liveRegions = (root: ShadowRoot) =>
  [...root.querySelectorAll("[role=status], [role=alert], [aria-live]")].map((region) => ({
    role: region.getAttribute("role"),
    live: region.getAttribute("aria-live"),
    text: spoken(region),
    buttons: region.querySelectorAll("button, select").length,
  }));

/** The moment a live region that has just come into the page stays empty, so screen readers know it before it speaks. */
const settle = () => jest.advanceTimersByTime(SETTLE_MS);

beforeEach(() => {
  document.body.innerHTML = "<p>Ein Absatz</p>";
  for (const el of [...document.documentElement.children]) {
    if (el !== document.head && el !== document.body) el.remove();
  }
});

describe("the status card", () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it("reads out an error at once (an alert), its message and fix only, not the card's buttons", () => {
    const { panel, root } = statusCard();
    panel.show(report("error", { error: unreachable }));
    settle();
    expect(liveRegions(root())).toEqual([
      { role: "alert", live: "assertive", text: "Gloss cannot reach your server. Start llama-server.", buttons: 0 },
    ]);
  });

  it("a notice on a translated page (Translate selection with nothing selected) is the card's message, not a footnote", () => {
    const { panel, root } = statusCard();
    const nothing = "Select the text to translate first, then choose Translate selection.";
    panel.show(report("translated", { progress: { done: 5, total: 5, failed: 0 }, notice: nothing }));
    settle();
    expect(spoken(root().querySelector(".said")!)).toBe(nothing);
  });

  it("says a notice politely, and goes back to polite after an error", () => {
    const { panel, root } = statusCard();
    panel.show(report("error", { error: unreachable }));
    settle();
    panel.show(report("original", { notice: "This page is in your language already." }));
    settle();
    expect(liveRegions(root())).toEqual([
      { role: "status", live: "polite", text: "This page is in your language already.", buttons: 0 },
    ]);
  });

  it("does not read out each tick of progress: the live text stays, the count is on the progress bar", () => {
    const { panel, root } = statusCard({ verbosity: "all" });
    const said: string[] = [];
    const progress = (done: number, total: number) => {
      panel.show(report("translating", { progress: { done, total, failed: 0 } }));
      settle();
      said.push(...liveRegions(root()).map((region) => region.text));
    };
    progress(0, 0);
    const bar = root().querySelector("[role=progressbar]");
    expect(bar?.getAttribute("aria-label")).toBe("Translation progress");
    expect(bar?.hasAttribute("aria-valuenow")).toBe(false); // not counted yet
    // Not put in again either: the region keeps the very text it had, which no screen reader reads out again.
    const text = root().querySelector("[role=status]")?.firstChild;
    progress(3, 10);
    progress(4, 10);
    expect(said).toEqual(["Translating…", "Translating…", "Translating…"]);
    expect(root().querySelector("[role=status]")?.firstChild).toBe(text);
    expect(bar?.getAttribute("aria-valuenow")).toBe("4");
    expect(bar?.getAttribute("aria-valuetext")).toBe("4 of 10 passages");
    // Still shown to the eye.
    expect(root().querySelector(".title")?.textContent).toBe("Translating… 4 of 10");
  });

  it("says why the server keeps it waiting: a model still loading, or other requests (Ollama's full queue)", () => {
    const { panel, root } = statusCard({ verbosity: "all" });
    const says = (serverStatus: ContentReport["serverStatus"]) => {
      panel.show(report("translating", { progress: { done: 0, total: 4, failed: 0 }, serverStatus }));
      settle();
      return spoken(root());
    };
    expect(says("busy")).toContain("The server is busy with other requests; Gloss waits for it.");
    expect(says("loading")).toContain("The model is still loading on the server.");
    const working = says("generating");
    expect(working).not.toMatch(/busy|loading/);
  });

  it("a notice said while the server keeps the page waiting carries the wait, not an earlier error's fix", () => {
    // The extension's card: the failed run's error, then Try again while the model loads (progress is not shown),
    // then Translate selection in a frame Gloss may not enter.
    const { panel, root } = statusCard({ verbosity: "problems" });
    panel.show(report("error", { error: unreachable }));
    const waiting = { progress: { done: 0, total: 4, failed: 0 }, serverStatus: "loading" } as const;
    panel.show(report("translating", waiting));
    const outOfReach = "Gloss may not reach your selection: it is in a frame from disqus.com.";
    panel.show(report("translating", { ...waiting, notice: outOfReach }), true);
    settle();
    expect(spoken(root().querySelector(".said")!)).toBe(`${outOfReach} The model is still loading on the server.`);
  });
});

describe("the status card once dismissed", () => {
  const shown = (root: ShadowRoot) => !root.querySelector(".card")?.hasAttribute("hidden");

  it.each(["problems", "all"] as const)(
    "shows the same error again when a new try fails the same way (%s)",
    (verbosity) => {
      const { panel, root } = statusCard({ verbosity });
      panel.show(report("error", { error: unreachable }));
      root().querySelector<HTMLButtonElement>("button.close")!.click();
      expect(shown(root())).toBe(false);
      panel.show(report("error", { error: unreachable })); // the same report again: still dismissed
      expect(shown(root())).toBe(false);
      panel.show(report("translating", { progress: { done: 0, total: 4, failed: 0 } }));
      panel.show(report("error", { error: unreachable }));
      expect(shown(root())).toBe(true);
      expect(root().querySelector(".title")?.textContent).toBe(unreachable.message);
    },
  );

  it("shows a notice dismissed before when the reader asks again (Translate selection, nothing selected, twice)", () => {
    const { panel, root } = statusCard({ verbosity: "problems" });
    const nothingSelected = report("idle", { notice: "Select the text to translate first." });
    panel.show(nothingSelected);
    root().querySelector<HTMLButtonElement>("button.close")!.click();
    panel.show(nothingSelected, true);
    expect(shown(root())).toBe(true);
    expect(root().querySelector(".title")?.textContent).toBe("Select the text to translate first.");
  });

  it.each(["problems", "all"] as const)(
    "keeps a notice the reader asked for while the page goes on translating, until the run ends or it is closed (%s)",
    (verbosity) => {
      // Translate selection in a frame Gloss may not enter, while the page is still being translated.
      const { panel, root } = statusCard({ verbosity });
      const outOfReach = "Gloss may not reach your selection: it is in a frame from disqus.com.";
      const translating = (done: number) => report("translating", { progress: { done, total: 9, failed: 0 } });
      const saysIt = () => shown(root()) && root().querySelector(".title")?.textContent === outOfReach;
      panel.show(translating(1));
      panel.show(report("translating", { progress: { done: 1, total: 9, failed: 0 }, notice: outOfReach }), true);
      panel.show(translating(2));
      panel.show(translating(3));
      expect(saysIt()).toBe(true);
      root().querySelector<HTMLButtonElement>("button.close")!.click();
      panel.show(translating(4));
      expect(shown(root())).toBe(verbosity === "all");
      panel.show(report("translating", { progress: { done: 4, total: 9, failed: 0 }, notice: outOfReach }), true);
      expect(saysIt()).toBe(true);
      panel.show(report("translated", { progress: { done: 9, total: 9, failed: 0 } }));
      expect(saysIt()).toBe(false);
    },
  );

  it("shows the next run's progress after the last run's was dismissed", () => {
    const { panel, root } = statusCard({ verbosity: "all" });
    panel.show(report("translating", { progress: { done: 1, total: 4, failed: 0 } }));
    root().querySelector<HTMLButtonElement>("button.close")!.click();
    panel.show(report("translating", { progress: { done: 2, total: 4, failed: 0 } }));
    expect(shown(root())).toBe(false);
    panel.show(report("original"));
    panel.show(report("translating", { progress: { done: 0, total: 4, failed: 0 } }));
    expect(shown(root())).toBe(true);
  });
});

describe("the reply-box card", () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it("reads out a problem at once (an alert: no aria-live=polite left on it), the rest politely", () => {
    const { card, root } = writingCard();
    card.show(undefined, { kind: "problem", message: "Write something first.", notes: ["A note."] });
    settle();
    expect(liveRegions(root())).toEqual([
      { role: "alert", live: "assertive", text: "Write something first. A note.", buttons: 0 },
    ]);
    card.show(undefined, { kind: "done", message: "Translated into German.", lang: "de", canRestore: true });
    settle();
    expect(liveRegions(root())).toEqual([
      { role: "status", live: "polite", text: "Translated into German.", buttons: 0 },
    ]);
  });

  it("shows a translation it could not write in its language and direction, in a card that runs left to right", () => {
    const { card, root } = writingCard();
    const preview = () => root().querySelector(".preview") as HTMLElement;
    const text = "שלום לכולם.";
    card.show(undefined, { kind: "problem", message: "Your text changed.", preview: text, lang: "he" });
    // Read with a Hebrew voice, its full stop at the left end: the host's ltr would otherwise run it the wrong way.
    expect(preview().textContent).toBe(text);
    expect(preview().lang).toBe("he");
    expect(preview().dir).toBe("rtl");
    card.show(undefined, { kind: "problem", message: "Your text changed.", preview: "Hallo zusammen.", lang: "de" });
    expect(preview().lang).toBe("de");
    expect(preview().dir).toBe("ltr");
  });
});

describe("when a card's message is read out", () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const notice = report("original", { notice: "This page is in your language already." });
  const working = { kind: "working", message: "Translating…" } as const;

  /** Each card, shown with its first message; `say` shows the next one, `hide` takes it away. */
  const cards = [
    {
      name: "status card",
      message: "This page is in your language already.",
      open() {
        const { panel, root } = statusCard({ verbosity: "all" });
        panel.show(notice);
        return {
          root,
          next: "Translated.",
          say: () => panel.show(report("translated", { progress: { done: 5, total: 5, failed: 0 } })),
          again: () => panel.show(notice),
          hide: () => panel.hide(),
        };
      },
    },
    {
      name: "reply-box card",
      message: "Translating…",
      open() {
        const { card, root } = writingCard();
        card.show(undefined, working);
        return {
          root,
          next: "Translated into German.",
          say: () => card.show(undefined, { kind: "done", message: "Translated into German.", lang: "de" }),
          again: () => card.show(undefined, working),
          hide: () => card.hide(),
        };
      },
    },
  ];
  const LIVE_OR_HIDDEN =
    "[role=status], [role=alert], [role=log], [role=marquee], [role=timer], [aria-live], [aria-hidden]";
  const region = (root: ShadowRoot) => root.querySelector<HTMLElement>("[role=status], [role=alert]")!;

  it.each(cards)("$name: the live region comes with the card, empty, and gets the message a moment later", (c) => {
    const { root } = c.open();
    // Shown to the eye at once, as content a screen reader can read in the card; not live itself.
    const shown = root().querySelector(".said")!;
    expect(spoken(shown)).toBe(c.message);
    // (Inside the card's landmark, which is not live: no live role, aria-live or aria-hidden around it.)
    expect(shown.closest(LIVE_OR_HIDDEN)).toBeNull();
    expect(root().querySelector(".card")?.hasAttribute("hidden")).toBe(false);
    expect(liveRegions(root())).toEqual([{ role: "status", live: "polite", text: "", buttons: 0 }]);
    jest.advanceTimersByTime(SETTLE_MS - 1);
    expect(spoken(region(root()))).toBe("");
    jest.advanceTimersByTime(1);
    expect(liveRegions(root())).toEqual([{ role: "status", live: "polite", text: c.message, buttons: 0 }]);
  });

  it.each(cards)("$name: a new message on the showing card is read out at once", (c) => {
    const { root, say, next } = c.open();
    settle();
    say();
    expect(liveRegions(root())).toEqual([{ role: "status", live: "polite", text: next, buttons: 0 }]);
  });

  it.each(cards)("$name: the same message again is not put in again, not even after the region emptied", (c) => {
    const { root, again } = c.open();
    settle();
    const text = region(root()).firstChild;
    again();
    settle();
    expect(region(root()).firstChild).toBe(text);
    // Emptied a while after it spoke: reading the card meets the message once, in the card itself.
    jest.advanceTimersByTime(SPOKEN_MS);
    expect(spoken(region(root()))).toBe("");
    expect(spoken(root().querySelector(".said")!)).toBe(c.message);
    again();
    settle();
    expect(spoken(region(root()))).toBe("");
  });

  it.each(cards)("$name: hiding empties the region and cancels what it was about to say", (c) => {
    const { root, hide, again } = c.open();
    settle();
    hide();
    expect(spoken(region(root()))).toBe("");
    // Shown again, it says its message again, once it is back in the page.
    again();
    expect(spoken(region(root()))).toBe("");
    hide();
    jest.advanceTimersByTime(SPOKEN_MS);
    expect(spoken(region(root()))).toBe("");
    again();
    settle();
    expect(spoken(region(root()))).toBe(c.message);
  });

  it("an error on a showing card waits a moment too: its region has just become an alert", () => {
    const { panel, root } = statusCard({ verbosity: "all" });
    panel.show(report("translating"));
    settle();
    panel.show(report("error", { error: unreachable }));
    expect(liveRegions(root())).toEqual([{ role: "alert", live: "assertive", text: "", buttons: 0 }]);
    settle();
    expect(liveRegions(root())[0]?.text).toBe("Gloss cannot reach your server. Start llama-server.");
  });
});

describe("the keyboard focus when a card goes", () => {
  afterEach(() => jest.useRealTimers());

  /** A control on the page the user was on before tabbing into the card. */
  function pageButton(): HTMLButtonElement {
    const before = document.createElement("button");
    before.textContent = "Reply";
    document.body.append(before);
    before.focus();
    return before;
  }
  const press = (target: Element, key: string) =>
    target.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, composed: true }));

  it.each([
    ["Escape", (root: ShadowRoot) => press(root.querySelector("button.close")!, "Escape")],
    ["×", (root: ShadowRoot) => root.querySelector<HTMLButtonElement>("button.close")!.click()],
    ["Try again", (root: ShadowRoot) => buttonNamed(root, "Try again").click()],
    ["Show original", (root: ShadowRoot) => buttonNamed(root, "Show original").click()],
  ])("goes back where it came from when the status card goes with it (%s)", (_, act) => {
    const { panel, root } = statusCard();
    const before = pageButton();
    panel.show(report("error", { error: unreachable, progress: { done: 2, total: 5, failed: 0 } }));
    expect(document.activeElement).toBe(before); // the card never takes the focus itself
    root().querySelector<HTMLButtonElement>("button.close")!.focus();
    act(root());
    expect(root().querySelector(".card")?.hasAttribute("hidden")).toBe(true);
    expect(document.activeElement).toBe(before);
  });

  it("goes back to the control inside the page's own shadow root it came from (Escape)", () => {
    const { panel, root } = statusCard();
    const widget = document.createElement("div");
    document.body.append(widget);
    const shadow = widget.attachShadow({ mode: "open" });
    const reply = document.createElement("button");
    reply.textContent = "Reply";
    shadow.append(reply);
    reply.focus();
    panel.show(report("error", { error: unreachable }));
    root().querySelector<HTMLButtonElement>("button.close")!.focus();
    press(root().querySelector("button.close")!, "Escape");
    expect(document.activeElement).toBe(widget);
    expect(shadow.activeElement).toBe(reply);
  });

  /** "Translated." on the card, the keyboard on its Show original past the card's time. */
  function heldPastItsTime() {
    jest.useFakeTimers();
    const { panel, root } = statusCard({ verbosity: "all" });
    const before = pageButton();
    panel.show(report("translated", { progress: { done: 5, total: 5, failed: 0 } }));
    buttonNamed(root(), "Show original").focus();
    jest.advanceTimersByTime(60_000);
    return { panel, root, before };
  }

  it('keeps "Translated." (and its Show original) while the keyboard is on it, and lets it go after', () => {
    const { root, before } = heldPastItsTime();
    expect(root().querySelector(".card")?.hasAttribute("hidden")).toBe(false);
    before.focus();
    expect(root().querySelector(".card")?.hasAttribute("hidden")).toBe(true);
  });

  it.each([
    ["Try again", report("error", { error: unreachable, progress: { done: 2, total: 5, failed: 0 } })],
    ["Show original", report("translated", { progress: { done: 5, total: 5, failed: 0 } })],
  ])("stays in the status card when the %s it was on is no longer offered (more to translate)", (name, before) => {
    jest.useFakeTimers();
    const { panel, root } = statusCard({ verbosity: "all" });
    pageButton();
    panel.show(before);
    buttonNamed(root(), name).focus();
    panel.show(report("translating", { progress: { done: 5, total: 8, failed: 0 } }));
    expect(root().querySelector(".card")?.hasAttribute("hidden")).toBe(false);
    expect(root().activeElement).toBe(root().querySelector("button.close"));
  });

  it('keeps an error that came after the keyboard held "Translated." past its time, when the keyboard leaves', () => {
    const { panel, root, before } = heldPastItsTime();
    panel.show(report("error", { error: unreachable, progress: { done: 5, total: 8, failed: 0 } }));
    before.focus();
    expect(root().querySelector(".card")?.hasAttribute("hidden")).toBe(false);
    expect(root().querySelector(".title")?.textContent).toBe(unreachable.message);
  });

  /** A reply box translated, the card beside it, and the keyboard on the card's Restore my text. */
  function onRestoreButton() {
    const { card, root } = writingCard();
    const field = document.createElement("textarea");
    document.body.append(field);
    card.show(field, { kind: "done", message: "Translated into German.", lang: "de", canRestore: true });
    buttonNamed(root(), "Restore my text").focus();
    return { card, root, field };
  }

  it("goes back to the text field when the reply-box card is closed from the keyboard", () => {
    const { root, field } = onRestoreButton();
    press(root().activeElement!, "Escape");
    expect(root().querySelector(".card")?.hasAttribute("hidden")).toBe(true);
    expect(document.activeElement).toBe(field);
  });

  it("stays in the reply-box card when the control it was on is no longer offered", () => {
    const { card, root, field } = onRestoreButton();
    card.show(field, { kind: "problem", message: "The text changed since Gloss wrote it.", lang: "de" });
    expect(root().activeElement?.localName).toBe("select");
  });
});

describe("the status card's Show original, the keyboard having come from a bilingual copy", () => {
  it.each([
    ["a blurred copy", "blur", (copy: HTMLElement) => copy],
    ["a link of a copy", "quiet", (copy: HTMLElement) => copy.querySelector("a") as HTMLElement],
  ] as const)("goes to the page's own Tab stop, not <body>, when it came from %s", async (_, style, inCopy) => {
    const html = `<p id="p">Der Zug ist <a href="/z">heute</a> pünktlich.</p>`;
    const { page } = setup(html, { displayMode: "bilingual", bilingualStyle: style });
    await page.translate();
    const { panel, root } = statusCard({ verbosity: "all", onShowOriginal: () => page.restore() });
    panel.show(report("translated", { progress: { done: 1, total: 1, failed: 0 } }));
    inCopy(document.querySelector('span[translate="no"]') as HTMLElement).focus();
    // The copy is the page's last Tab stop: the next one is the card, at the end of the document.
    buttonNamed(root(), "Show original").focus();
    buttonNamed(root(), "Show original").click();
    expect(document.body.innerHTML).toBe(html);
    expect(document.activeElement?.getAttribute("href")).toBe("/z");
  });
});

/** Each in-page card, opened; returns its shadow root. */
const OPEN_CARDS: Array<[string, () => () => ShadowRoot]> = [
  [
    "the status card",
    () => {
      const { panel, root } = statusCard();
      panel.show(report("error", { error: unreachable }));
      return root;
    },
  ],
  [
    "the reply-box card",
    () => {
      const { card, root } = writingCard();
      const field = document.createElement("textarea");
      document.body.append(field);
      card.show(field, { kind: "done", message: "Translated into German.", lang: "de", canRestore: true });
      return root;
    },
  ],
  [
    "the look-up card",
    () => {
      const { card, root } = lookupCard();
      const rect = { top: 0, bottom: 10, left: 0, right: 40 };
      card.show({ range: document.createRange(), rect }, { kind: "working", source: "Bahn" });
      return root;
    },
  ],
];

describe("Escape in a card", () => {
  it.each(OPEN_CARDS)(
    "closes %s and goes no further: the page's own Escape (its dialog, a lightbox) stays shut",
    (_, open) => {
      let pageSaw = 0;
      const onPage = (event: KeyboardEvent) => void (event.key === "Escape" && pageSaw++);
      document.addEventListener("keydown", onPage);
      const root = open();
      const close = root().querySelector<HTMLButtonElement>("button.close")!;
      close.focus();
      close.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true, composed: true }));
      document.removeEventListener("keydown", onPage);
      expect(root().querySelector(".card")?.hasAttribute("hidden")).toBe(true);
      expect(pageSaw).toBe(0);
    },
  );
});

describe.each(COMPOSING_MARKS)("an input method's Escape (marked %s) in a card's field", (mark) => {
  it("drops the word composed, not the card, and the page still never hears it; the reader's own Escape closes it", () => {
    document.body.innerHTML = `<div class="card"><input></div>`;
    const card = document.querySelector<HTMLElement>(".card")!;
    const field = card.querySelector("input")!;
    const closes: string[] = [];
    closeOnEscape(card, (event) => closes.push(event.key));
    let pageSaw = 0;
    const onPage = (event: KeyboardEvent) => void (event.key === "Escape" && pageSaw++);
    document.addEventListener("keydown", onPage);
    field.focus();
    expect(composingKey(field, "Escape", mark).defaultPrevented).toBe(false);
    expect(closes).toEqual([]);
    ownKey(field, "Escape");
    document.removeEventListener("keydown", onPage);
    expect(closes).toEqual(["Escape"]);
    expect(pageSaw).toBe(0);
  });
});

describe("a card and a screen reader's landmark keys", () => {
  // The cards hang after the page's <body>: read on, they come after the whole page.
  it.each(OPEN_CARDS)("%s is a region named after Gloss, one key away from anywhere in the page", (_, open) => {
    const card = open()().querySelector(".card")!;
    expect([card.getAttribute("role"), card.getAttribute("aria-label")]).toEqual([
      "region",
      expect.stringMatching(/^Gloss/),
    ]);
  });
});

describe("keys pressed in a card", () => {
  it.each(OPEN_CARDS)(
    "stay in %s: the page's own shortcuts (Space to play, f for full screen) never hear them",
    (_, open) => {
      const heard: string[] = [];
      const onPage = (event: KeyboardEvent) => void heard.push(`${event.type} ${event.key}`);
      const types = ["keydown", "keypress", "keyup"] as const;
      for (const type of types) document.addEventListener(type, onPage);
      const root = open();
      const control = root().querySelector<HTMLButtonElement>("button")!;
      control.focus();
      for (const key of [" ", "f", "Enter"])
        for (const type of types)
          control.dispatchEvent(new KeyboardEvent(type, { key, bubbles: true, composed: true }));
      for (const type of types) document.removeEventListener(type, onPage);
      expect(heard).toEqual([]);
    },
  );
});

describe("the status card's buttons, when only the reader's own clicks and keys count (the extension)", () => {
  it("do nothing for a click or Escape the page made, and act on the reader's", () => {
    const readers = new WeakSet<Event>();
    const asked: string[] = [];
    const { panel, root } = statusCard({
      isTrusted: (event) => readers.has(event),
      onShowOriginal: () => asked.push("Show original"),
      onTryAgain: () => asked.push("Try again"),
      onSettings: () => asked.push("Settings"), // the userscript's, where the manager has no menu
    });
    panel.show(report("error", { progress: { total: 4, done: 2, failed: 0 }, error: unreachable }));
    const card = root().querySelector(".card")!;
    // The page, holding the card's buttons (as Firefox lets it), clicks each and presses Escape on them.
    for (const name of ["Try again", "Show original", "Settings", "×"]) {
      const button = buttonNamed(root(), name);
      button.click();
      button.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true, composed: true }));
    }
    expect(asked).toEqual([]);
    expect(card.hasAttribute("hidden")).toBe(false);

    const click = new MouseEvent("click", { bubbles: true, composed: true });
    readers.add(click);
    buttonNamed(root(), "Show original").dispatchEvent(click);
    expect(asked).toEqual(["Show original"]);
    expect(card.hasAttribute("hidden")).toBe(true);
  });
});

describe("the status card where the manager has no menu (Safari's Userscripts)", () => {
  it("offers Settings beside progress, the result and errors", () => {
    const asked: string[] = [];
    const { panel, root } = statusCard({ onSettings: () => asked.push("Settings"), verbosity: "all" });
    const shown = (name: string) => !buttonNamed(root(), name).closest("[hidden]");
    panel.show(report("translating", { progress: { total: 4, done: 1, failed: 0 } }));
    expect(shown("Settings")).toBe(true);
    panel.show(report("translated", { progress: { total: 4, done: 4, failed: 0 } }));
    expect(shown("Settings")).toBe(true);
    panel.show(report("error", { error: unreachable }));
    expect(shown("Settings")).toBe(true);
    buttonNamed(root(), "Settings").click();
    expect(asked).toEqual(["Settings"]);
  });

  it("offers none where the settings are reached otherwise (the manager's menu, the extension's options page)", () => {
    const { panel, root } = statusCard();
    panel.show(report("error", { error: unreachable }));
    expect(buttonNamed(root(), "Settings")).toBeUndefined();
  });
});

describe("the reply-box and look-up cards' buttons, when only the reader's own clicks and keys count", () => {
  /** The page, holding the card's buttons (as Firefox lets it), clicks each shown and presses Escape and Enter. */
  function pagePressesEverything(root: ShadowRoot): void {
    for (const control of root.querySelectorAll<HTMLElement>("button:not([hidden]), select")) {
      // (A click on the chooser, inside its label, loops in jsdom; its keys are what would act.)
      if (control.tagName === "BUTTON") control.click();
      for (const key of ["Escape", "Enter"])
        control.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true, composed: true }));
    }
  }

  it("the reply-box card: no translation, restore or close for the page; Enter in the chooser for the reader", () => {
    const readers = new WeakSet<Event>();
    const asked: string[] = [];
    const { card, root } = writingCard({
      isTrusted: (event) => readers.has(event),
      onTranslate: (lang) => asked.push(`translate ${lang}`),
      onRestore: () => asked.push("restore"),
      onClose: () => asked.push("close"),
    });
    const field = document.createElement("textarea");
    document.body.append(field);
    card.show(field, { kind: "done", message: "Translated into German.", lang: "de", canRestore: true });
    pagePressesEverything(root());
    card.show(field, { kind: "choose", message: "Translate into:", lang: "de" });
    pagePressesEverything(root());
    expect(asked).toEqual([]);
    expect(root().querySelector(".card")?.hasAttribute("hidden")).toBe(false);

    const enter = new KeyboardEvent("keydown", { key: "Enter", bubbles: true, composed: true, cancelable: true });
    readers.add(enter);
    root().querySelector("select")!.dispatchEvent(enter);
    expect(asked).toEqual(["translate de"]);
    const escape = new KeyboardEvent("keydown", { key: "Escape", bubbles: true, composed: true });
    readers.add(escape);
    root().querySelector("select")!.dispatchEvent(escape);
    expect(asked).toEqual(["translate de", "close"]);
  });

  it("the look-up card: no retry or paragraph for the page, the reader's click works", () => {
    const readers = new WeakSet<Event>();
    const asked: string[] = [];
    const { card, root } = lookupCard({
      isTrusted: (event) => readers.has(event),
      onTryAgain: () => asked.push("try again"),
      onTranslateParagraph: () => asked.push("paragraph"),
    });
    const anchor = { range: document.createRange(), rect: { top: 0, bottom: 10, left: 0, right: 40 } };
    card.show(anchor, { kind: "problem", source: "Bahn", message: "Gloss cannot reach your server." });
    pagePressesEverything(root());
    expect(asked).toEqual([]);
    expect(root().querySelector(".lookup")?.hasAttribute("hidden")).toBe(false);

    const click = new MouseEvent("click", { bubbles: true, composed: true });
    readers.add(click);
    buttonNamed(root(), "Try again").dispatchEvent(click);
    expect(asked).toEqual(["try again"]);
  });
});

/** The language a screen reader reads `node` in: its own lang or the nearest one above, across shadow roots. */
function langOf(node: Element): string | null {
  for (let n: Node | null = node; n; n = n.parentNode ?? (n as ShadowRoot).host ?? null) {
    if (n instanceof Element && n.hasAttribute("lang")) return n.getAttribute("lang");
  }
  return null;
}

describe("the language a screen reader reads a card in, on a Japanese page", () => {
  beforeEach(() => {
    jest.useFakeTimers();
    document.documentElement.lang = "ja";
  });
  afterEach(() => {
    document.documentElement.removeAttribute("lang");
    jest.useRealTimers();
  });

  it("is English for Gloss's own words (the card hangs under the page's <html lang>)", () => {
    const { panel, root } = statusCard();
    panel.show(report("error", { error: unreachable }));
    settle();
    const alert = root().querySelector("[role=alert]") as Element;
    expect(alert.textContent).toBe("Gloss cannot reach your server. Start llama-server.");
    expect(langOf(alert)).toBe("en");
    expect(langOf(buttonNamed(root(), "Try again"))).toBe("en");

    let cueRoot: ShadowRoot | undefined;
    const cue = createProgressCue(document, { verify: (_host, shadow) => Boolean((cueRoot = shadow)) });
    cue.show(report("translating", { progress: { total: 4, done: 1, failed: 0 } }));
    expect(langOf(cueRoot?.querySelector("[role=progressbar]") as Element)).toBe("en");
  });

  it("is the page's for the words looked up, the translation's for the translation", () => {
    document.body.innerHTML = `<p lang="fr">Je prends le <b>train</b> demain.</p>`;
    const range = document.createRange();
    range.selectNodeContents(document.querySelector("p") as Element);
    const { card, root } = lookupCard();
    const rect = { top: 0, bottom: 10, left: 0, right: 40 };
    card.show(
      { range, rect },
      { kind: "done", source: "Je prends le train", translation: "Ich nehme den Zug", lang: "de" },
    );
    expect(langOf(root().querySelector(".source") as Element)).toBe("fr");
    expect(langOf(root().querySelector(".translation") as Element)).toBe("de");
    expect(langOf(buttonNamed(root(), "Copy"))).toBe("en");
  });

  it("is not said for a reply-box preview of no known language (not the card's English)", () => {
    const { card, root } = writingCard();
    card.show(undefined, { kind: "problem", message: "Your text changed.", preview: "Hallo zusammen." });
    expect(langOf(root().querySelector(".preview") as Element)).toBe("");
    expect(langOf(root().querySelector(".message") as Element)).toBe("en");
  });
});
