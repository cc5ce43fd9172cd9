// The small card next to a selected word or phrase with its translation: the selection (shortened), the translation
// (with the glossary terms it did not follow) or "Translating…", a problem with its fix and Try again, and Translate
// the paragraph, Copy and ×. It lives in a verified closed shadow root under a built-in host (see session/ui-host.ts):
// the page can neither read the translation in it nor restyle it. It never takes the focus; the announcer reads the
// translation politely.
import {
  ANNOUNCER_CSS,
  button,
  CARD_EDGE_CSS,
  TOUCH_TARGET_CSS,
  cardFocus,
  closeOnEscape,
  fromReader,
  el,
  liveCard,
  namedRegion,
  sayInto,
} from "../session/element";
import { placeFixed } from "../session/place-fixed";
import { fitWidth, onVisibleAreaChange, visibleArea } from "../session/visible-area";
import { lazyUiHost, type UiBlockedReason, type UiHostOptions } from "../session/ui-host";
import { isComposing } from "../shared/composing";
import { langDirection } from "../shared/lang-direction";
import { unmetTermNote } from "../shared/outcome-text";
import { SERVER_WAIT } from "../shared/server-wait";

export type LookupState =
  /** `server`: why the server keeps it waiting (a model still loading, a busy server). */
  | { kind: "working"; source: string; server?: "loading" | "busy"; waiting?: boolean }
  /** `unmet`: glossary terms the translation does not follow (the model's reply, used all the same). */
  | { kind: "done"; source: string; translation: string; lang: string; unmet?: readonly string[] }
  | { kind: "problem"; source: string; message: string; fix?: string }
  /** Nothing to ask the model: `message`, with `text` (in `lang`) below it when there is one. */
  | { kind: "note"; source: string; message: string; text?: string; lang?: string };

export interface LookupCardOptions {
  precheck?: UiHostOptions["precheck"];
  verify?: UiHostOptions["verify"];
  onBlocked(reason: UiBlockedReason): void;
  onTranslateParagraph(): void;
  onTryAgain(): void;
  /** The card went (×, Escape, a click elsewhere, its text scrolled far away): work in progress can stop. */
  onClose(): void;
  /** Whether a click or key on the card is the reader's own (tests stand in for the browser's; see fromReader). */
  isTrusted?(event: Event): boolean;
}

/** What the card is next to: the selection, and where it was on screen when the reader asked. */
export interface LookupAnchor {
  range: Range;
  rect: { top: number; bottom: number; left: number; right: number };
}

export interface LookupCard {
  show(anchor: LookupAnchor, state: LookupState): void;
  /** A new state for the card showing now (nothing when it was closed meanwhile). */
  update(state: LookupState): void;
  hide(): void;
  /** Moves the keyboard focus to the card's first button (the reader asked a second time); false when hidden. */
  focus(): boolean;
  readonly visible: boolean;
  /** The page prevented or removed the card: it cannot show. */
  readonly blocked: boolean;
}

const CSS = `
[hidden] { display: none !important; }
.card { position: fixed; z-index: 2147483647; box-sizing: border-box; width: max-content; min-width: 180px;
  max-width: min(360px, calc(100vw - 16px)); padding: 8px 10px 10px; border-radius: 10px; background: #111827;
  color: #f9fafb; font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; text-align: left;
  box-shadow: 0 6px 24px rgba(0,0,0,.35); display: grid; grid-template-columns: 1fr auto; gap: 4px 8px;
  align-items: start; animation: appear .12s ease-out; }
@keyframes appear { from { opacity: 0; } to { opacity: 1; } }
@media (prefers-reduced-motion: reduce) { .card { animation: none; } }
.card.problem { background: #7f1d1d; }
.source { min-width: 0; color: #d1d5db; font-size: 12px; overflow-wrap: anywhere; text-align: start; }
.said, .actions { grid-column: 1 / -1; }
.said { min-width: 0; }
.translation { margin: 0; font-size: 15px; font-weight: 600; white-space: pre-wrap; overflow-wrap: anywhere;
  max-height: 10em; overflow: auto; user-select: text; text-align: start; } /* its own direction's start */
.working { margin: 0; color: #e5e7eb; }
.fix { margin: 4px 0 0; color: #e5e7eb; }
.actions { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 4px; align-items: center; }
.copied { color: #d1d5db; }
button { font: inherit; color: inherit; background: rgba(255,255,255,.12); border: 1px solid rgba(255,255,255,.3);
  border-radius: 6px; padding: 2px 8px; cursor: pointer; }
button:focus-visible { outline: 2px solid #93c5fd; outline-offset: 1px; }
.close { background: none; border: none; padding: 0 4px; font-size: 16px; line-height: 1; }
${ANNOUNCER_CSS}
${CARD_EDGE_CSS}
${TOUCH_TARGET_CSS}
`;

const MARGIN = 8;
const GAP = 6;
/** Longer selections are shown by their start and end. */
const SOURCE_SHOWN = 80;

function shorten(text: string): string {
  if (text.length <= SOURCE_SHOWN) return text;
  const half = Math.floor((SOURCE_SHOWN - 1) / 2);
  return `${text.slice(0, half).trimEnd()}…${text.slice(-half).trimStart()}`;
}

/** The language the page says `node` is in ("": not said). */
function langAt(node: Node): string {
  const el = node.nodeType === node.ELEMENT_NODE ? (node as Element) : node.parentElement;
  return el?.closest("[lang]")?.getAttribute("lang") ?? "";
}

export function createLookupCard(doc: Document, options: LookupCardOptions): LookupCard {
  let anchor: LookupAnchor | undefined;
  let state: LookupState | undefined;

  const { card, said, close, announcer, announce, silence } = liveCard(
    doc,
    "card lookup",
    "Close",
    "Close Gloss's translation",
  );
  namedRegion(card, "Gloss translation");
  const source = el(doc, "div", "source");
  // The words looked up run their own way (a Hebrew phrase on an English card), their punctuation at their end.
  source.dir = "auto";
  const translation = el(doc, "p", "translation");
  const working = el(doc, "p", "working");
  const fix = el(doc, "p", "fix");
  said.append(working, translation, fix);
  const actions = el(doc, "div", "actions");
  const retry = button(doc, "Try again");
  const paragraph = button(doc, "Translate the paragraph");
  const copy = button(doc, "Copy");
  // What Copy did, shown beside it (and read out by the announcer).
  const copied = el(doc, "span", "copied");
  actions.append(retry, paragraph, copy, copied);
  card.append(source, close, said, actions, announcer);
  const focus = cardFocus(card);

  const reader = <E extends Event>(act: (event: E) => void) => fromReader(options.isTrusted, act);
  close.addEventListener(
    "click",
    reader(() => hide()),
  );
  closeOnEscape(
    card,
    reader(() => hide()),
  );
  retry.addEventListener(
    "click",
    reader(() => options.onTryAgain()),
  );
  paragraph.addEventListener(
    "click",
    reader(() => {
      hide();
      options.onTranslateParagraph();
    }),
  );
  copy.addEventListener(
    "click",
    reader(() => {
      const text = state?.kind === "done" ? state.translation : "";
      const say = (words: string) => {
        copied.textContent = words;
        sayInto(announcer, words);
      };
      const failed = () => say("Gloss could not copy it: select the translation and copy it by hand.");
      try {
        void navigator.clipboard.writeText(text).then(() => say("Copied."), failed);
      } catch {
        failed();
      }
    }),
  );

  const host = lazyUiHost(doc, card, {
    css: CSS,
    tag: "div",
    onBlocked: options.onBlocked,
    ...(options.precheck ? { precheck: options.precheck } : {}),
    ...(options.verify ? { verify: options.verify } : {}),
  });

  /**
   * The part of the window the card can be seen in: the window's size includes the page's scroll bars, which a
   * fixed card at the edge would go under (with its ×). The scrolling element's client size is without them.
   */
  function viewport(win: Window): { width: number; height: number } {
    const scroller = doc.scrollingElement ?? doc.documentElement;
    const within = (client: number | undefined, outer: number) => (client && client < outer ? client : outer);
    return {
      width: within(scroller?.clientWidth, win.innerWidth),
      height: within(scroller?.clientHeight, win.innerHeight),
    };
  }

  /** Below the selection, or above it when there is no room below; always inside the viewport. */
  function place(rect: LookupAnchor["rect"]): void {
    const win = doc.defaultView;
    if (!win || card.hidden) return;
    // What the reader sees: inside a pinch zoom, above the on-screen keyboard.
    const size = viewport(win);
    const view = visibleArea(win, size);
    fitWidth(card, view, size.width, MARGIN);
    const box = card.getBoundingClientRect();
    const below = rect.bottom + GAP;
    const above = rect.top - GAP - box.height;
    const fitsBelow = below + box.height <= view.bottom - MARGIN;
    const top = fitsBelow || above < view.top + MARGIN ? Math.min(below, view.bottom - box.height - MARGIN) : above;
    const left = Math.min(rect.left, view.right - box.width - MARGIN);
    placeFixed(card, Math.round(Math.max(view.top + MARGIN, top)), Math.round(Math.max(view.left + MARGIN, left)));
  }

  /** The page scrolled: the card follows its text, and goes once the text is a screen or more out of view. */
  const onScroll = () => {
    const win = doc.defaultView;
    if (!anchor || !win) return;
    const rect = anchor.range.getBoundingClientRect();
    if (!rect.width && !rect.height) return; // the page took the text away: the card stays where it is
    if (rect.bottom < -win.innerHeight || rect.top > 2 * win.innerHeight) return hide();
    anchor.rect = rect;
    place(rect);
  };
  /** A click or tap anywhere but on the card closes it (events from inside the card come from its host). */
  // The reader's own press elsewhere closes the card; a page's made-up one does not.
  const onPointer = reader((event: Event) => {
    if (event.target !== host.current?.host) hide();
  });
  // Escape in the page closes the card too, but not an input method's, which only drops the word being composed.
  const onKey = reader((event: KeyboardEvent) => {
    if (event.key === "Escape" && event.target !== host.current?.host && !isComposing(event)) hide();
  });
  function track(on: boolean): void {
    const win = doc.defaultView;
    if (!win) return;
    const method = on ? "addEventListener" : "removeEventListener";
    win[method]("scroll", onScroll, { capture: true });
    win[method]("resize", onScroll);
    win[method]("pointerdown", onPointer, { capture: true });
    win[method]("keydown", onKey as EventListener, { capture: true });
    onVisibleAreaChange(win, onScroll, on);
  }

  function render(next: LookupState): void {
    state = next;
    const focused = focus.focused();
    card.classList.toggle("problem", next.kind === "problem");
    source.textContent = shorten(next.source);
    // The page's words, in the page's language where it says one (not the card's English).
    source.lang = anchor ? langAt(anchor.range.commonAncestorContainer) : "";
    working.hidden = next.kind === "done";
    translation.hidden = next.kind !== "done" && !(next.kind === "note" && next.text);
    paragraph.hidden = next.kind === "note";
    fix.hidden = !(next.kind === "problem" ? next.fix : next.kind === "done" && next.unmet?.length);
    retry.hidden = next.kind !== "problem";
    copy.hidden = next.kind !== "done";
    copied.textContent = "";
    if (next.kind === "done") {
      translation.textContent = next.translation;
      translation.lang = next.lang;
      translation.dir = langDirection(next.lang);
      fix.textContent = (next.unmet ?? []).map(unmetTermNote).join(" ");
    } else if (next.kind === "note") {
      working.textContent = next.message;
      translation.textContent = next.text ?? "";
      translation.lang = next.lang ?? "";
      translation.dir = next.lang ? langDirection(next.lang) : "auto";
    } else if (next.kind === "problem") {
      working.textContent = next.message;
      fix.textContent = next.fix ?? "";
    } else {
      working.textContent = next.server
        ? `Translating… ${SERVER_WAIT[next.server]}`
        : next.waiting
          ? SERVER_WAIT["waiting-for-slot"]!
          : "Translating…";
    }
    // The button the keyboard was on is gone (Try again, once the translation came): the focus stays in the card.
    if (focused?.hidden) (paragraph.hidden ? close : paragraph).focus();
    if (!card.hidden) announce(next.kind === "problem");
  }

  function hide(): void {
    if (card.hidden) return;
    focus.handBack();
    card.hidden = true;
    anchor = undefined;
    silence();
    track(false);
    host.current?.detach();
    options.onClose();
  }

  return {
    show(at, next) {
      const wasHidden = card.hidden;
      anchor = at;
      render(next); // said once the card is in the page, below
      card.hidden = false;
      if (!host.get()?.attach()) {
        card.hidden = true;
        return;
      }
      if (wasHidden) track(true);
      announce(next.kind === "problem");
      place(at.rect);
    },
    update(next) {
      if (card.hidden) return;
      render(next);
      if (anchor) place(anchor.rect);
    },
    hide,
    focus() {
      if (card.hidden) return false;
      ((actions.querySelector("button:not([hidden])") as HTMLButtonElement | null) ?? close).focus();
      return true;
    },
    get visible() {
      return !card.hidden;
    },
    get blocked() {
      return host.blocked !== undefined;
    },
  };
}
