// The popup's and the options page's colours meet WCAG AA in both colour schemes: 4.5:1 for text, 3:1 for the focus
// ring and the progress bar's fill against what is around them. Read from each page's CSS, whose custom properties
// hold every colour it uses. And the bilingual view's highlight keeps a page's well-contrasted text readable.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { MARKER } from "../../src/core/display/copy-styles";

/** The custom properties set in `block` (hex colours only). */
function colours(block: string): Record<string, string> {
  return Object.fromEntries([...block.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})\b/gi)].map((m) => [m[1], m[2]]));
}

/** The light and the dark scheme's colours of a stylesheet. */
function schemes(file: string): Array<[string, Record<string, string>]> {
  const css = readFileSync(join(__dirname, "../../src", file), "utf8");
  const light = colours(css.slice(0, css.indexOf("@media")));
  const darkBlock = /@media \(prefers-color-scheme: dark\) \{([\s\S]*?)\n\}/.exec(css)?.[1] ?? "";
  return [
    ["light", light],
    ["dark", { ...light, ...colours(darkBlock) }],
  ];
}

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

function contrast(a: string, b: string): number {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (high + 0.05) / (low + 0.05);
}

/** [what, foreground property, background property, the ratio it needs]. */
type Pair = [string, string, string, number];

const POPUP: Pair[] = [
  ["text", "fg", "bg", 4.5],
  ["muted text (Into, details, the count, the footer)", "muted", "bg", 4.5],
  ["the main button's label (Translate page)", "accent-fg", "accent", 4.5],
  ["links (Settings, Set one)", "accent", "bg", 4.5],
  ["an error", "error", "error-bg", 4.5],
  ["an error's fix", "muted", "error-bg", 4.5],
  ["the note under Always translate", "error", "bg", 4.5],
  ["the focus ring", "accent", "bg", 3],
  ["the progress bar's fill on its track", "accent", "line", 3],
];

// The options page's sections are cards (--card) on the page (--bg).
const OPTIONS: Pair[] = [
  ["text on a section", "fg", "card", 4.5],
  ["hints on a section", "muted", "card", 4.5],
  ["text on the page", "fg", "bg", 4.5],
  ["the primary button's label (Save)", "accent-fg", "accent", 4.5],
  ["links on a section", "accent", "card", 4.5],
  ["a result that worked (Connected.)", "ok", "card", 4.5],
  ["a result that failed, a field's error", "error", "card", 4.5],
  ["a warning (a weak model)", "warn", "card", 4.5],
  ["the focus ring", "accent", "card", 3],
];

describe.each([
  ["popup/popup.css", POPUP],
  ["options/options.css", OPTIONS],
])("%s", (file, pairs) => {
  describe.each(schemes(file))("%s colours", (_, scheme) => {
    it.each(pairs)("%s: enough contrast", (_what, fg, bg, needed) => {
      expect(scheme[fg]).toBeDefined();
      expect(scheme[bg]).toBeDefined();
      expect(contrast(scheme[fg] as string, scheme[bg] as string)).toBeGreaterThanOrEqual(needed);
    });
  });
});

/** `top` at `alpha` over `bottom`, as the browser paints a translucent background. */
function over(top: readonly number[], alpha: number, bottom: string): string {
  const hex = (i: number) => parseInt(bottom.slice(1 + 2 * i, 3 + 2 * i), 16);
  const mixed = top.map((c, i) => Math.round(c * alpha + hex(i) * (1 - alpha)));
  return `#${mixed.map((c) => c.toString(16).padStart(2, "0")).join("")}`;
}

describe("the bilingual view's highlight on pages light and dark", () => {
  // [page, its text, its background]: each meets 7:1 without the marker.
  it.each([
    ["black on white", "#000000", "#ffffff"],
    ["grey on white (7:1)", "#595959", "#ffffff"],
    ["white on black", "#ffffff", "#000000"],
    ["a dark reader theme", "#e8e6e3", "#181a1b"],
    ["GitHub dark", "#c9d1d9", "#0d1117"],
    ["Reddit dark", "#d7dadc", "#1a1a1b"],
    ["grey on near-black (7:1)", "#a0a0a0", "#121212"],
    ["white on dark blue", "#ffffff", "#0000aa"],
  ])("%s: text that met 7:1 still meets 4.5:1 on the marker", (_page, fg, bg) => {
    expect(contrast(fg, bg)).toBeGreaterThanOrEqual(7);
    expect(contrast(fg, over(MARKER.rgb, MARKER.alpha, bg))).toBeGreaterThanOrEqual(4.5);
  });
});
