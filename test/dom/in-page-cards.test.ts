// Gloss's in-page cards (the status card, the reply-box card) for screen-reader and keyboard users: what is
// announced and how urgently, and where the keyboard focus goes when a card goes away. The cards live in closed
// shadow roots; the check Gloss makes of each root hands the test the root.
import type { ContentReport } from "../../src/shared/messages";
import { createStatusPanel, type StatusPanelOptions } from "../../src/session/status-panel";
import { createWritingCard, type WritingCardOptions } from "../../src/writing/writing-card";

const report = (status: ContentReport["status"], extra: Partial<ContentReport> = {}): ContentReport => ({
  status,
  progress: { total: 0, done: 0, failed: 0 },
  ...extra,
});

const unreachable = { message: "Gloss cannot reach your server.", fix: "Start llama-server." };

function statusCard(options: Partial<StatusPanelOptions> = {}) {
  let root: ShadowRoot | undefined;
  const panel = createStatusPanel(document, {
    onShowOriginal: () => undefined,
    onTryAgain: () => undefined,
    verify: (_host, shadow) => Boolean((root = shadow)),
    ...options,
  });
  return { panel, root: () => root as ShadowRoot };
}

function writingCard(options: Partial<WritingCardOptions> = {}) {
  let root: ShadowRoot | undefined;
  const card = createWritingCard(document, {
    onBlocked: () => undefined,
    onTranslate: () => undefined,
    onRestore: () => undefined,
    onClose: () => undefined,
    verify: (_host, shadow) => Boolean((root = shadow)),
    ...options,
  });
  return { card, root: () => root as ShadowRoot };
}

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
