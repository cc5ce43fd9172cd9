// Text kept for screen readers alone, as the common "visually hidden" rules leave it (computed values, as browsers
// give them): translated after what is seen, never taken for text in view.

import { clippedAway } from "../../src/core/collect/screen-reader-only";

const style = (values: Partial<Record<string, string>>): CSSStyleDeclaration =>
  ({
    position: "static",
    clip: "auto",
    clipPath: "none",
    overflow: "visible",
    overflowX: "",
    width: "auto",
    height: "auto",
    ...values,
  }) as unknown as CSSStyleDeclaration;

test.each([
  [
    "Tailwind's and Bootstrap's .sr-only",
    { position: "absolute", width: "1px", height: "1px", overflow: "hidden", clip: "rect(0px, 0px, 0px, 0px)" },
  ],
  [
    "GitHub's skip link (an older clip)",
    { position: "absolute", width: "1px", height: "1px", overflow: "hidden", clip: "rect(1px, 1px, 1px, 1px)" },
  ],
  [
    "WordPress's .screen-reader-text",
    { position: "absolute", clipPath: "inset(50%)", width: "1px", height: "1px", overflowX: "hidden" },
  ],
  ["a clip alone", { position: "fixed", clip: "rect(0px, 0px, 0px, 0px)", width: "300px", height: "20px" }],
])("%s is hidden from sight", (_name, values) => {
  expect(clippedAway(style(values))).toBe(true);
});

test.each([
  ["a 1px spacer in the flow", { position: "static", width: "1px", height: "1px", overflow: "hidden" }],
  ["a positioned tooltip", { position: "absolute", width: "200px", height: "40px", overflow: "hidden" }],
  ["a clip that leaves a box", { position: "absolute", clip: "rect(0px, 200px, 40px, 0px)" }],
  ["a clip with auto sides", { position: "absolute", clip: "rect(auto, auto, auto, auto)" }],
  ["a partial inset", { position: "absolute", clipPath: "inset(10%)" }],
  // A page's visible text dressed as .sr-only: the 1px content box, but padding (where overflow still shows) makes a
  // box anyone sees.
  [
    "a 1px box widened by padding",
    { position: "absolute", width: "1px", height: "1px", overflow: "hidden", paddingRight: "400px" },
  ],
  [
    "a 1px box made tall by padding",
    { position: "absolute", width: "1px", height: "1px", overflow: "hidden", paddingBottom: "40px" },
  ],
])("%s is seen", (_name, values) => {
  expect(clippedAway(style(values))).toBe(false);
});
