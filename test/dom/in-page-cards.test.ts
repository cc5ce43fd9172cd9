// Gloss's in-page cards (the status card, the reply-box card) for screen-reader and keyboard users: what is
// announced and how urgently, and where the keyboard focus goes when a card goes away.
import type { ContentReport } from "../../src/shared/messages";
import { statusCard, writingCard } from "../helpers/in-page-ui";

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

beforeEach(() => {
  document.body.innerHTML = "<p>Ein Absatz</p>";
  for (const el of [...document.documentElement.children]) {
    if (el !== document.head && el !== document.body) el.remove();
  }
});

describe("the status card", () => {
  it("reads out an error at once (an alert), its message and fix only, not the card's buttons", () => {
    const { panel, root } = statusCard();
    panel.show(report("error", { error: unreachable }));
    expect(liveRegions(root())).toEqual([
      { role: "alert", live: "assertive", text: "Gloss cannot reach your server. Start llama-server.", buttons: 0 },
    ]);
  });

  it("says a notice politely, and goes back to polite after an error", () => {
    const { panel, root } = statusCard();
    panel.show(report("error", { error: unreachable }));
    panel.show(report("original", { notice: "This page is in your language already." }));
    expect(liveRegions(root())).toEqual([
      { role: "status", live: "polite", text: "This page is in your language already.", buttons: 0 },
    ]);
  });

  it("does not read out each tick of progress: the live text stays, the count is on the progress bar", () => {
    const { panel, root } = statusCard({ verbosity: "all" });
    const said: string[] = [];
    const progress = (done: number, total: number) => {
      panel.show(report("translating", { progress: { done, total, failed: 0 } }));
      said.push(...liveRegions(root()).map((region) => region.text));
    };
    progress(0, 0);
    const bar = root().querySelector("[role=progressbar]");
    expect(bar?.getAttribute("aria-label")).toBe("Translation progress");
    expect(bar?.hasAttribute("aria-valuenow")).toBe(false); // not counted yet
    progress(3, 10);
    progress(4, 10);
    expect(said).toEqual(["Translating…", "Translating…", "Translating…"]);
    expect(bar?.getAttribute("aria-valuenow")).toBe("4");
    expect(bar?.getAttribute("aria-valuetext")).toBe("4 of 10 passages");
    // Still shown to the eye.
    expect(root().querySelector(".title")?.textContent).toBe("Translating… 4 of 10");
  });
});

describe("the reply-box card", () => {
  it("reads out a problem at once (an alert: no aria-live=polite left on it), the rest politely", () => {
    const { card, root } = writingCard();
    card.show(undefined, { kind: "problem", message: "Write something first.", notes: ["A note."] });
    expect(liveRegions(root())).toEqual([
      { role: "alert", live: "assertive", text: "Write something first. A note.", buttons: 0 },
    ]);
    card.show(undefined, { kind: "done", message: "Translated into German.", lang: "de", canRestore: true });
    expect(liveRegions(root())).toEqual([
      { role: "status", live: "polite", text: "Translated into German.", buttons: 0 },
    ]);
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

  it('keeps "Translated." (and its Show original) while the keyboard is on it, and lets it go after', () => {
    jest.useFakeTimers();
    const { panel, root } = statusCard({ verbosity: "all" });
    const before = pageButton();
    panel.show(report("translated", { progress: { done: 5, total: 5, failed: 0 } }));
    buttonNamed(root(), "Show original").focus();
    jest.advanceTimersByTime(60_000);
    expect(root().querySelector(".card")?.hasAttribute("hidden")).toBe(false);
    before.focus();
    expect(root().querySelector(".card")?.hasAttribute("hidden")).toBe(true);
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
