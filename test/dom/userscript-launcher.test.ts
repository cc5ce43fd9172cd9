// The userscript's corner button, for a reader whose manager has no menu and whose device has no keyboard (Safari's
// Userscripts on an iPhone): the only way to start Gloss there.
import type { ContentReport } from "../../src/shared/messages";
import { createLauncher, needsLauncher, type LauncherOptions } from "../../src/userscript/launcher";
import { statusCard } from "../helpers/in-page-ui";

const report = (status: ContentReport["status"], done = 0): ContentReport => ({
  status,
  progress: { total: 4, done, failed: 0 },
});

/** A window whose pointers are as given (`matchMedia` answers for them). */
function pointers(coarse: boolean, fine: boolean): Window {
  const matches = (query: string) =>
    query.includes("any-pointer: fine") ? fine : query.includes("pointer: coarse") ? coarse : false;
  return { matchMedia: (query: string) => ({ matches: matches(query) }) } as unknown as Window;
}

function launcher(options: Partial<LauncherOptions> = {}) {
  let root: ShadowRoot | undefined;
  const pressed: string[] = [];
  const made = createLauncher(document, {
    onPress: () => pressed.push("press"),
    onBlocked: () => undefined,
    verify: (_host, shadow) => Boolean((root = shadow)),
    // A test's clicks stand for the reader's (jsdom's are all made by script).
    isTrusted: () => true,
    ...options,
  });
  const button = () => root!.querySelector("button")!;
  /** Whether the button is in the page (its host under <html>). */
  const inPage = () => !!root?.host.isConnected;
  return { made, pressed, button, inPage };
}

beforeEach(() => {
  document.body.innerHTML = "<p>Ein Absatz</p>";
  for (const el of [...document.documentElement.children]) {
    if (el !== document.head && el !== document.body) el.remove();
  }
});

test("is offered only where there is neither a menu nor a keyboard's pointer", () => {
  expect(needsLauncher(false, pointers(true, false))).toBe(true); // a phone
  expect(needsLauncher(true, pointers(true, false))).toBe(false); // a manager with a menu
  expect(needsLauncher(false, pointers(false, true))).toBe(false); // Safari on a Mac: Alt+Shift+G
  expect(needsLauncher(false, pointers(true, true))).toBe(false); // an iPad with a trackpad and keyboard
  expect(needsLauncher(false, {} as Window)).toBe(false); // no matchMedia: nothing known, nothing shown
});

test("a tap translates; the button then offers the original, and says so to screen readers", () => {
  const { made, pressed, button, inPage } = launcher();
  expect(inPage()).toBe(true);
  expect(button().textContent).toBe("Translate");
  expect(button().getAttribute("aria-label")).toBe("Gloss: translate this page");
  expect(button().lang).toBe("en");
  button().click();
  expect(pressed).toEqual(["press"]);
  made.update(report("translated", 4));
  expect(button().textContent).toBe("Original");
  expect(button().getAttribute("aria-label")).toBe("Gloss: show the original");
  // Failed part-way with passages shown: a tap shows the original, as the session's toggle does.
  made.update(report("error", 2));
  expect(button().textContent).toBe("Original");
  made.update(report("original"));
  expect(button().textContent).toBe("Translate");
});

test("a click the page made does nothing", () => {
  const { pressed, button } = launcher({ isTrusted: (event) => event.isTrusted });
  button().click();
  expect(pressed).toEqual([]);
});

test("gives the status card its corner while the card shows, and comes back when it goes", () => {
  jest.useFakeTimers();
  try {
    const { made, inPage } = launcher();
    const { panel } = statusCard({ verbosity: "all", onShown: (shown) => made.cardShown(shown) });
    panel.show(report("translating", 1));
    expect(inPage()).toBe(false);
    panel.show(report("translated", 4));
    expect(inPage()).toBe(false);
    // "Translated." goes after a while: the button is back, offering the original.
    jest.advanceTimersByTime(10_000);
    expect(inPage()).toBe(true);
  } finally {
    jest.useRealTimers();
  }
});

test("comes back when the page takes the status card out from under it", async () => {
  const { made, inPage } = launcher();
  const { panel, root } = statusCard({ verbosity: "all", onShown: (shown) => made.cardShown(shown) });
  // An error stays until the reader closes it: nothing else would bring the button back.
  panel.show({ ...report("error"), error: { message: "The server did not answer." } });
  expect(inPage()).toBe(false);
  root().host.remove();
  // The page's removal is seen by Gloss's watch on <html> (a mutation record, after this task's microtasks).
  await Promise.resolve();
  expect(panel.blocked).toBe("removed");
  expect(inPage()).toBe(true);
});

test("the keyboard on the button goes to the status card that takes its corner, and back when the card goes", () => {
  jest.useFakeTimers();
  try {
    // The card and the button each reach the other, as in the userscript's entry.
    const button: { made?: ReturnType<typeof launcher>["made"] } = {};
    const card = statusCard({
      verbosity: "all",
      onShown: (shown) => button.made?.cardShown(shown),
      focusBack: () => button.made?.takeFocusBack(),
    });
    const started = launcher({ focusCard: () => card.panel.focus() });
    button.made = started.made;
    started.button().focus();
    card.panel.show(report("translating", 1));
    expect(started.inPage()).toBe(false);
    // On the card's ×, not dropped to <body> with the button.
    expect(document.activeElement).toBe(card.root().host);
    expect(card.root().activeElement?.getAttribute("aria-label")).toBe("Dismiss Gloss status");
    card.panel.show(report("translated", 4));
    // "Translated." waits for the keyboard to leave; the reader dismisses it with Escape.
    jest.advanceTimersByTime(10_000);
    card.root().activeElement!.dispatchEvent(new KeyboardEvent("keydown", { key: "Escape", bubbles: true }));
    expect(card.root().host.isConnected).toBe(false);
    expect(started.inPage()).toBe(true);
    const buttonRoot = started.button().getRootNode() as ShadowRoot;
    expect(document.activeElement).toBe(buttonRoot.host);
    expect(buttonRoot.activeElement).toBe(started.button());
  } finally {
    jest.useRealTimers();
  }
});
