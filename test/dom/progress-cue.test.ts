// Issue 13, item 3: the in-page progress line shows while a page is translated, outside <body> (whose HTML stays
// untouched), under a built-in host with no attributes for the page to find, and goes when the work is done, when
// the reader shows the original, or when the setting turns it off.
import type { ContentReport } from "../../src/shared/messages";
import { createProgressCue } from "../../src/session/progress-cue";
import { isUiHost } from "../../src/session/ui-host";

const report = (status: ContentReport["status"], done = 0, total = 0): ContentReport => ({
  status,
  progress: { total, done, failed: 0 },
});

/** Gloss's hosts under <html>: everything there besides <head> and <body>. */
const hosts = () =>
  Array.from(document.documentElement.children).filter((el) => el !== document.head && el !== document.body);

beforeEach(() => {
  document.body.innerHTML = "<p>Ein Absatz</p>";
  for (const host of hosts()) host.remove();
});

test("appears while translating and goes when done, leaving the page as it was", () => {
  const body = document.body.innerHTML;
  const cue = createProgressCue(document);
  expect(hosts()).toHaveLength(0);
  cue.show(report("translating"));
  cue.show(report("translating", 3, 10));
  const [host] = hosts();
  expect(host?.localName).toBe("div");
  expect(host?.attributes).toHaveLength(0);
  expect(isUiHost(host)).toBe(true);
  expect(host?.shadowRoot).toBeNull(); // closed
  expect(document.body.innerHTML).toBe(body);
  cue.show(report("translated", 10, 10));
  expect(hosts()).toHaveLength(0);
  cue.show(report("translating", 10, 12));
  expect(hosts()).toHaveLength(1);
  cue.show(report("original", 10, 12));
  expect(hosts()).toHaveLength(0);
  cue.show(report("error", 2, 12));
  expect(hosts()).toHaveLength(0);
});

test("turned off in the options: never shown", () => {
  const cue = createProgressCue(document);
  cue.show(report("translating", 1, 4));
  expect(hosts()).toHaveLength(1);
  cue.enabled = false;
  expect(hosts()).toHaveLength(0);
  cue.show(report("translating", 2, 4));
  expect(hosts()).toHaveLength(0);
});

test("a page that removes it does not get it back", async () => {
  const cue = createProgressCue(document);
  cue.show(report("translating", 1, 4));
  hosts()[0]?.remove();
  await Promise.resolve(); // the host's MutationObserver reports first
  cue.show(report("translating", 2, 4));
  expect(hosts()).toHaveLength(0);
});

test("tells screen readers how far it is, and before the passages are counted, no value at all", () => {
  let root: ShadowRoot | undefined;
  const cue = createProgressCue(document, { verify: (_host, shadow) => Boolean((root = shadow)) });
  cue.show(report("translating"));
  const bar = root?.querySelector("[role=progressbar]");
  expect(bar?.getAttribute("aria-label")).toBe("Gloss: translating this page");
  // Indeterminate, not "0 of 0".
  expect(bar?.hasAttribute("aria-valuenow")).toBe(false);
  expect(bar?.getAttribute("aria-valuetext")).toBe("Starting");
  cue.show(report("translating", 3, 10));
  expect([bar?.getAttribute("aria-valuenow"), bar?.getAttribute("aria-valuemax")]).toEqual(["3", "10"]);
  expect(bar?.getAttribute("aria-valuetext")).toBe("3 of 10 passages");
});

test("fills as far as the passages done, from a sliver before the first is done", () => {
  let root: ShadowRoot | undefined;
  const cue = createProgressCue(document, { verify: (_host, shadow) => Boolean((root = shadow)) });
  cue.show(report("translating"));
  const fill = () => (root?.querySelector("[role=progressbar] > div") as HTMLElement).style.transform;
  expect(fill()).toBe("scaleX(0.040)");
  cue.show(report("translating", 3, 10));
  expect(fill()).toBe("scaleX(0.300)");
  cue.show(report("translating", 10, 10));
  expect(fill()).toBe("scaleX(1.000)");
});

test("measures where it sits once when it appears, not at every report while the page is written", () => {
  const cue = createProgressCue(document);
  const measure = jest.spyOn(Element.prototype, "getBoundingClientRect");
  try {
    for (let done = 0; done <= 20; done++) cue.show(report("translating", done, 20));
    // Each measure lays out the whole page, which is being written to at the same time.
    expect(measure).toHaveBeenCalledTimes(1);
    cue.show(report("translated", 20, 20));
    cue.show(report("translating", 20, 24));
    expect(measure).toHaveBeenCalledTimes(2); // shown again: measured again
  } finally {
    measure.mockRestore();
  }
});
