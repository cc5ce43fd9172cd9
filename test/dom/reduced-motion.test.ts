// "Reduce motion" in the system settings stills Gloss's animations: every rule that animates (a transition or an
// animation) in the popup and in the in-page UI has a (prefers-reduced-motion: reduce) rule that turns it off. And in
// a page, Gloss animates only what the compositor moves alone: the page is not laid out and painted again at every
// animation frame while a translation reports its progress.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createProgressCue } from "../../src/session/progress-cue";
import { lookupCard, statusCard, writingCard } from "../helpers/in-page-ui";

/** The selectors whose rules move something, and those a reduced-motion rule stills. */
function motion(css: string): { moving: string[]; stilled: string[] } {
  const style = document.createElement("style");
  style.textContent = css;
  document.head.append(style);
  const moving: string[] = [];
  const stilled: string[] = [];
  const moves = (rule: CSSStyleRule) =>
    [rule.style.transition, rule.style.animation].some((value) => value && value !== "none");
  for (const rule of Array.from(style.sheet!.cssRules)) {
    if (rule instanceof CSSStyleRule && moves(rule)) moving.push(rule.selectorText);
    if (rule instanceof CSSMediaRule && /prefers-reduced-motion:\s*reduce/.test(rule.media.mediaText)) {
      for (const inner of Array.from(rule.cssRules)) {
        if (inner instanceof CSSStyleRule && !moves(inner)) stilled.push(inner.selectorText);
      }
    }
  }
  style.remove();
  return { moving, stilled };
}

/** The styles Gloss put into a closed shadow root (a <style> where jsdom has no constructed sheets). */
const cssOf = (root: ShadowRoot): string =>
  [
    ...(root.adoptedStyleSheets ?? []).flatMap((sheet) => Array.from(sheet.cssRules).map((rule) => rule.cssText)),
    ...Array.from(root.querySelectorAll("style")).map((style) => style.textContent ?? ""),
  ].join("\n");

const translating = { status: "translating" as const, progress: { done: 1, total: 4, failed: 0 } };

const UIS: Array<[string, () => string]> = [
  ["the popup", () => readFileSync(join(__dirname, "../../src/popup/popup.css"), "utf8")],
  [
    "the status card",
    () => {
      const { panel, root } = statusCard({ verbosity: "all" });
      panel.show(translating);
      return cssOf(root());
    },
  ],
  [
    "the progress line",
    () => {
      let root: ShadowRoot | undefined;
      createProgressCue(document, { verify: (_host, shadow) => Boolean((root = shadow)) }).show(translating);
      return cssOf(root!);
    },
  ],
  [
    "the reply-box card",
    () => {
      const { card, root } = writingCard();
      card.show(undefined, { kind: "working", message: "Translating into German…" });
      return cssOf(root());
    },
  ],
  [
    "the look-up card",
    () => {
      const { card, root } = lookupCard();
      const range = document.createRange();
      card.show({ range, rect: { top: 0, bottom: 10, left: 0, right: 40 } }, { kind: "working", source: "Bahn" });
      const css = cssOf(root());
      card.hide();
      return css;
    },
  ],
];

test.each(UIS)("%s stills its animations when the system asks for reduced motion", (_, css) => {
  const { moving, stilled } = motion(css());
  for (const selector of moving) expect(stilled).toContain(selector);
});

/** What a rule's transitions and animations move: the properties named by its transitions, or its keyframes'. */
function movedProperties(css: string): string[] {
  const style = document.createElement("style");
  style.textContent = css;
  document.head.append(style);
  const moved: string[] = [];
  for (const rule of Array.from(style.sheet!.cssRules)) {
    if (rule instanceof CSSStyleRule) {
      const transition = rule.style.transition;
      if (transition && transition !== "none")
        moved.push(...transition.split(",").map((part) => part.trim().split(/\s+/)[0]!));
    }
    // jsdom parses @keyframes but names no CSSKeyframesRule: told by its type (KEYFRAMES_RULE).
    if (rule.type === 7)
      for (const frame of Array.from((rule as CSSKeyframesRule).cssRules) as CSSKeyframeRule[])
        moved.push(...Array.from(frame.style, (property) => property));
  }
  style.remove();
  return moved;
}

test.each(UIS.filter(([name]) => name !== "the popup"))(
  "%s animates only what the compositor moves (transform, opacity), never the page's layout",
  (_, css) => {
    for (const property of movedProperties(css())) expect(["transform", "opacity", "filter"]).toContain(property);
  },
);
