// The look of a bilingual copy (see shared/bilingual-styles.ts): inline style properties marked important, which no
// page stylesheet outranks, and for the blurred look listeners on the copy itself rather than a stylesheet with
// :hover and :focus-within, which Gloss would have to put where the page can edit it.

import type { BilingualStyle } from "../../shared/bilingual-styles";
import { focusedIn, holds, parentElementOf, parentOf, slotOf, documentOf, isMatch, viewOf } from "../dom";
import { WeakList } from "../weak-list";
import { styleOf } from "../write/inline-style";

/**
 * The highlight's marker: yellow at a fifth, so it reads as a highlighter on light pages and as a dim band on dark
 * ones. Over the sampled page colours, text that met 7:1 against its page still meets 4.5:1 on the marker (see the
 * unit test); a tint of the text's own colour would stay grey, which reads as a box rather than a marker.
 */
export const MARKER = { rgb: [255, 204, 0] as const, alpha: 0.2 };

/** How far a hidden copy is blurred: in em, so the words stay unreadable at every font size. */
const BLUR = "blur(0.3em)";

/** An inline style no page stylesheet outranks: a page's rule for the tag (`span { display: none }`, `br { display:
 * none }`, `[lang] { display: flex }`) would hide a copy or run it into the original's line. */
export const force = (el: HTMLElement, property: string, value: string): void =>
  styleOf(el)?.setProperty(property, value, "important");

/**
 * What a page's rule can hide words with, by property: a value the copy takes that its original does not (a rule for
 * the copy's language or marks: `:lang(en) { opacity: 0 }`) is set as the original's. What it cannot catch: a rule
 * that moves the copy out of sight (a transform, an offset, a text-indent) or covers it (a pseudo-element).
 */
const HIDES: Record<string, RegExp> = {
  display: /^none$/,
  visibility: /^(hidden|collapse)$/,
  opacity: /^0$/,
  "font-size": /^0px$/,
  color: /^transparent$|[,/] ?0\)$/,
  "clip-path": /^(?!none$)./,
};
const unchecked: [HTMLElement, ReadonlyMap<Element, Element>][] = [];
/** What checkShown set on a copy's wrapper, set again under another look (which clears opacity). */
const shownAs = new WeakMap<Element, [HTMLElement, string, string][]>();

/**
 * A page rule for the copy's language or marks (`:lang(en) { display: none }`, `[lang] span { visibility: hidden }`)
 * must not hide words its original shows. Only the wrapper and the elements so hidden are set (as their original, the
 * wrapper of a run as the element it lies in): forcing every copied element would swell the page and override its
 * later rules (a menu it opens).
 */
export function showAsOriginal(wrapper: HTMLElement, originalOf: ReadonlyMap<Element, Element>): void {
  force(wrapper, "visibility", "inherit");
  // Checked once for all the copies written in this task: a style read after each copy's insertion would make the
  // browser recompute styles once per copy (a long page shown bilingual writes hundreds).
  if (!unchecked.length) queueMicrotask(checkShown);
  unchecked.push([wrapper, originalOf]);
}

function checkShown(): void {
  const style = (el?: Element | null) => el && viewOf(documentOf(el))?.getComputedStyle(el);
  const fixes: [HTMLElement, string, string][] = [];
  // All reads first, then all writes: a write between two reads would have the styles computed again.
  for (const [wrapper, originalOf] of unchecked.splice(0)) {
    if (!wrapper.isConnected) continue;
    for (const [copy, original] of [[wrapper, parentElementOf(wrapper)], ...originalOf]) {
      for (const [property, hides] of Object.entries(HIDES)) {
        if (!hides.test(style(copy as Element)?.getPropertyValue(property) ?? "")) continue;
        const was = style(original)?.getPropertyValue(property);
        if (was && !hides.test(was)) fixes.push([copy as HTMLElement, property, was]);
      }
    }
  }
  for (const fix of fixes) {
    force(...fix);
    shownAs.set(fix[0], [...(shownAs.get(fix[0]) ?? []), fix]);
  }
}

/** Every property a look sets, cleared before another look is given: a copy shows one look at a time. */
const LOOK_PROPERTIES = [
  "opacity",
  "border-inline-start",
  "padding-inline-start",
  "text-decoration-line",
  "text-decoration-style",
  "text-decoration-color",
  "text-underline-offset",
  "background-color",
  "box-decoration-break",
  "-webkit-box-decoration-break",
  "padding",
  "border-radius",
  "outline",
  "filter",
  "transition",
];

/** What the copy can be focused by besides itself: its own Tab stops reveal a blurred copy. (A disclosure's summary
 * is one, with no tabindex: a copy in it is shown by its focus.) */
export const FOCUSABLE =
  "a[href], button, input, select, textarea, details>summary, [tabindex]:not([tabindex='-1']), [contenteditable]";

/** A blurred copy's listeners, taken off when it gets another look, and what redraws its blur. */
const revealers = new WeakMap<HTMLElement, { controller: AbortController; show: () => void }>();
/** A copy that kept the reader's focus past the blurred look: its tabindex goes when the focus does. */
const lingering = new WeakMap<HTMLElement, AbortController>();
/** A highlighted copy's focus listeners, taken off when it gets another look. */
const outlined = new WeakMap<HTMLElement, AbortController>();

/**
 * The window's answer to a media query, or null: the page (in the userscript's shared world) may have replaced
 * matchMedia with something that throws or returns no list, and a look must still be given.
 */
function mediaQuery(win: Window | null, query: string): MediaQueryList | null {
  try {
    const list = win?.matchMedia?.(query);
    return list && typeof list.matches === "boolean" ? list : null;
  } catch {
    return null;
  }
}

interface ForcedColors {
  /** The matchMedia the list came from: asked again if the window's is another one since. */
  asked: unknown;
  list: MediaQueryList | null;
  /** The blurred copies of this window, redrawn when the system turns forced colours on or off. */
  copies: WeakList<HTMLElement>;
}

/** Per window: one forced-colours query and one listener for all its copies, not one per copy. */
const forcedColorsOf = new WeakMap<Window, ForcedColors>();

/**
 * Forced colours (Windows high contrast) replace the page's colours with the reader's, but not a filter: a blurred
 * copy would stay a smudge in the reader's colours. There the text is shown clear instead, like the plain look.
 * Watched for the whole window, as the reader can switch high contrast on while the copies are shown.
 */
function forcedColors(win: Window | null): ForcedColors | null {
  if (!win) return null;
  let forced = forcedColorsOf.get(win);
  if (forced?.asked !== win.matchMedia) {
    const list = mediaQuery(win, "(forced-colors: active)");
    const copies = new WeakList<HTMLElement>((copy) => !revealers.has(copy));
    forced = { asked: win.matchMedia, list, copies };
    forcedColorsOf.set(win, forced);
    const redraw = (): void => {
      for (const copy of copies.values()) revealers.get(copy)?.show();
    };
    try {
      list?.addEventListener("change", redraw);
    } catch {
      // A list without events (a replaced matchMedia): the state read when a copy is drawn is all there is.
    }
  }
  return forced;
}

/** Give `copy` the look `style`, in place of the one it had. `block`: the copy is a block under a paragraph. */
export function lookCopy(copy: HTMLElement, block: boolean, style: BilingualStyle): void {
  const s = copy.style;
  for (const property of LOOK_PROPERTIES) s.removeProperty(property);
  for (const fix of shownAs.get(copy) ?? []) force(...fix);
  outlined.get(copy)?.abort();
  outlined.delete(copy);
  const revealer = revealers.get(copy);
  if (revealer) {
    revealer.controller.abort();
    revealers.delete(copy);
    dropTabStop(copy);
  }
  const set = (property: string, value: string): void => force(copy, property, value);
  switch (style) {
    case "quiet":
      // Quiet, in the page's own fonts (inherited from where the copy sits); a paragraph's has a line at its side.
      set("opacity", "0.82");
      if (block) {
        // Logical sides: the line stays at the edge where lines start, the right one in right-to-left text.
        set("padding", "0");
        set("padding-inline-start", "0.6em");
        set("border-inline-start", "2px solid color-mix(in srgb, currentColor 35%, transparent)");
      }
      break;
    case "plain":
      break;
    case "underline":
      // Dashed and muted: told apart from the page's links, which keep their own solid underline inside it.
      set("text-decoration-line", "underline");
      set("text-decoration-style", "dashed");
      set("text-decoration-color", "color-mix(in srgb, currentColor 55%, transparent)");
      set("text-underline-offset", "0.25em");
      break;
    case "highlight": {
      const [r, g, b] = MARKER.rgb;
      set("background-color", `rgb(${r} ${g} ${b} / ${MARKER.alpha})`);
      set("border-radius", "0.2em");
      // A line of a paragraph's copy wraps; each line of an inline one keeps its marker's ends.
      set("box-decoration-break", "clone");
      set("-webkit-box-decoration-break", "clone");
      if (block) set("padding", "0.1em 0.3em");
      outlineUnlessFocused(copy);
      break;
    }
    case "blur":
      blurUntilAsked(copy);
      break;
  }
}

/**
 * Take off the listeners a look gave `copy`, which is leaving the page. A blurred copy inside the page's control
 * listens on that control, which stays: left there, they and the copy they hold would pile up on it with each Show
 * original or redraw for as long as the page is open.
 */
export function dropLook(copy: HTMLElement): void {
  revealers.get(copy)?.controller.abort();
  outlined.get(copy)?.abort();
  lingering.get(copy)?.abort();
  revealers.delete(copy);
  outlined.delete(copy);
  lingering.delete(copy);
}

/**
 * The highlight's outline for forced colours (Windows high contrast): they paint every background as the page's, so
 * the marker vanishes, and paint a transparent outline in the text's colour, which then tells the translation from
 * the original. An important inline outline outranks the browser's focus ring, so while the copy itself holds the
 * focus (kept from the blurred look, or given by the page's script) it has none, and the reader sees where the focus
 * is. Only the copy's own focus: outline is not inherited, so links in it keep their rings.
 */
function outlineUnlessFocused(copy: HTMLElement): void {
  const controller = new AbortController();
  outlined.set(copy, controller);
  const draw = (focused: boolean): void => {
    if (focused) copy.style.removeProperty("outline");
    else force(copy, "outline", "1px solid transparent");
  };
  copy.addEventListener("focus", () => draw(true), { signal: controller.signal });
  copy.addEventListener("blur", () => draw(false), { signal: controller.signal });
  draw(focusedIn(copy) === copy);
}

/**
 * Take away the Tab stop the blurred look gave `copy` (Gloss's own element: the only tabindex it has). When the
 * reader's focus is on the copy itself, it stays focusable, out of the Tab order, until the focus leaves: a new look
 * is not the reader's move, and an element that stops being focusable drops the focus to the page's <body>, where a
 * screen reader loses its place and says the page's title. Moving the focus elsewhere would lose it as surely.
 */
function dropTabStop(copy: HTMLElement): void {
  if (focusedIn(copy) !== copy) {
    copy.removeAttribute("tabindex");
    return;
  }
  copy.setAttribute("tabindex", "-1");
  const controller = new AbortController();
  lingering.set(copy, controller);
  const leave = (): void => {
    controller.abort();
    lingering.delete(copy);
    copy.removeAttribute("tabindex");
  };
  copy.addEventListener("blur", leave, { signal: controller.signal });
}

/**
 * The page's control the copy is shown in, as the reader sees the page: through a slot to the component's link that
 * shows it, and out of a component's shadow root to the link around the component (a title in a link card).
 */
function controlAround(copy: Element): HTMLElement | null {
  for (let el: Element | null = copy; el;) {
    // The DOM's own members, as below: the page's control may be a form that names its fields so.
    const up: Element | null = slotOf(el) ?? parentElementOf(el);
    el = up ?? (parentOf(el) as ShadowRoot | null)?.host ?? null;
    if (el && isMatch(el, FOCUSABLE)) return el as HTMLElement;
  }
  return null;
}

/**
 * Blurred until the reader asks: the mouse on it, the keyboard focus in it, or a tap on it (the tap is taken by the
 * copy: a link under a finger the reader could not read is not followed; a second tap follows it). It stays shown
 * while the focus is in it, so a tapped copy stays readable until the reader taps elsewhere. The copy is a Tab stop
 * of its own unless it holds one (a link), in reading order right after its original, and the reveal itself shows
 * where the focus is. A copy inside one of the page's controls (a link round a title, a button, a card the page made
 * focusable) is shown by the focus in that control instead: a Tab stop nested in a control would be a second stop
 * for one thing, which screen readers announce badly (axe: nested-interactive). The blur is a filter, which only
 * changes pixels: screen readers read the copy as always, and no label, role or hidden state is added for them (a
 * label would be read instead of the words; the roles a Tab stop is expected to have are a control's, which would
 * promise an action, or a landmark's, one per paragraph). Under forced colours the copy is not blurred at all.
 */
function blurUntilAsked(copy: HTMLElement): void {
  const win = copy.ownerDocument.defaultView;
  const controller = new AbortController();
  const on = { signal: controller.signal };
  const early = { signal: controller.signal, capture: true };
  // What the focus is in while the copy is shown: the page's control around it, else the copy, focusable by a tap
  // and by script in any case and in the Tab order only when nothing in it is.
  const control = controlAround(copy);
  const holder = control ?? copy;
  lingering.get(copy)?.abort();
  lingering.delete(copy);
  if (!control) copy.setAttribute("tabindex", copy.querySelector(FOCUSABLE) ? "-1" : "0");

  const forced = forcedColors(win);
  let pointing = false;
  // The look can come while the reader's focus is already in the copy (switched live): it is shown, as on a focusin.
  const active = focusedIn(holder);
  let focused = !!active && holds(holder, active);
  let hiddenAtPress = false;
  const hidden = (): boolean => !(pointing || focused || forced?.list?.matches === true);
  const show = (): void => force(copy, "filter", hidden() ? BLUR : "none");
  revealers.set(copy, { controller, show });
  forced?.copies.add(copy);

  const still = mediaQuery(win, "(prefers-reduced-motion: reduce)")?.matches ?? true;
  if (!still) force(copy, "transition", "filter 0.15s ease-out");
  show();

  // Only a mouse hovers: a finger's or pen's pointerenter comes with its press, and the tap below decides.
  const mouse = (e: Event): boolean => (e as PointerEvent).pointerType === "mouse";
  copy.addEventListener("pointerenter", (e) => mouse(e) && ((pointing = true), show()), on);
  copy.addEventListener("pointerleave", (e) => mouse(e) && ((pointing = false), show()), on);
  /** False once the copy left the page's control (Show original, a redraw): its listeners there go then. */
  const held = (): boolean => holder === copy || controlAround(copy) === holder || (controller.abort(), false);
  holder.addEventListener(
    "focusin",
    () => {
      if (!held()) return;
      focused = true;
      show();
    },
    on,
  );
  holder.addEventListener(
    "focusout",
    (e) => {
      if (!held()) return;
      focused = holds(holder, (e as FocusEvent).relatedTarget as Node);
      show();
    },
    on,
  );
  copy.addEventListener("pointerdown", () => void (hiddenAtPress = hidden()), early);
  copy.addEventListener(
    "click",
    (e) => {
      // A click from the keyboard (detail 0) comes with the focus already in the copy.
      const reveal = hiddenAtPress && e.detail > 0;
      hiddenAtPress = false;
      if (!reveal) return;
      e.preventDefault();
      e.stopPropagation();
      holder.focus({ preventScroll: true });
    },
    early,
  );
}
