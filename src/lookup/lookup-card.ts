// The small card next to a selected word or phrase with its translation: the selection (shortened), the translation
// (with the glossary terms it did not follow) or "Translating…", a problem with its fix and Try again, and Translate
// the paragraph, Copy and ×. It lives in a verified closed shadow root under a built-in host (see session/ui-host.ts):
// the page can neither read the translation in it nor restyle it. It never takes the focus; the announcer reads the
// translation politely.
import { CARD_END_CSS, CARD_START_CSS, closeOnEscape, fromReader, sayInto } from "../session/element";
import { onVisibleAreaChange } from "../session/visible-area";
import { isUiHost, lazyCardHost, type LazyUiHost, type UiBlockedReason, type UiHostOptions } from "../session/ui-host";
import { isComposing } from "../shared/composing";
import { pageDocuments } from "../core/frames/page-documents";
import { placeCard, rectOf } from "./lookup-card-place";
import { cardView, showState, type CardView, type LookupState } from "./lookup-card-view";

export type { LookupState } from "./lookup-card-view";

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
  /** No paragraph to translate in place: the selection is in a text box (the range holds the box), or in a part the
   * reader left untranslated (lookup-job.ts). */
  noParagraph?: boolean;
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

// The translation's text starts at its own direction's start (text-align: start), a right-to-left one at the right.
const CSS = `
${CARD_START_CSS}
.card { width: max-content; min-width: 180px; max-width: min(360px, calc(100vw - 16px)); padding: 8px 10px 10px;
  text-align: left; gap: 4px 8px; animation: appear .12s ease-out; }
@keyframes appear { from { opacity: 0; } to { opacity: 1; } }
@media (prefers-reduced-motion: reduce) { .card { animation: none; } }
.card.problem { background: #7f1d1d; }
.source { min-width: 0; color: #d1d5db; font-size: 12px; overflow-wrap: anywhere; text-align: start; }
.said, .actions { grid-column: 1 / -1; min-width: 0; }
.translation { margin: 0; font-size: 15px; font-weight: 600; white-space: pre-wrap; overflow-wrap: anywhere;
  max-height: 10em; overflow: auto; user-select: text; text-align: start; }
.working, .fix { margin: 0; color: #e5e7eb; }
.fix { margin-top: 4px; }
.actions { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 4px; align-items: center; }
.copied { color: #d1d5db; }
button { padding: 2px 8px; }
${CARD_END_CSS}
`;

/** One card's parts, and what it shows: shared by the functions below. */
interface CardParts {
  doc: Document;
  view: CardView;
  options: LookupCardOptions;
  host: LazyUiHost;
  /** What the card is next to, while it shows. */
  anchor?: LookupAnchor;
  state?: LookupState;
  /** Whether the card may be used: false once the page replaced what it calls (see createLookupCard). */
  intact(): boolean;
}

/** ×, Escape, Try again, Translate the paragraph and Copy, each done on the reader's own click or key only. */
function wireActions(parts: CardParts, hide: () => void): void {
  const { view, options } = parts;
  const onClick = (target: HTMLElement, act: () => void) =>
    target.addEventListener(
      "click",
      fromReader(options.isTrusted, () => parts.intact() && act()),
    );
  onClick(view.close, hide);
  closeOnEscape(view.card, fromReader(options.isTrusted, hide));
  onClick(view.retry, () => options.onTryAgain());
  onClick(view.paragraph, () => {
    hide();
    options.onTranslateParagraph();
  });
  onClick(view.copy, () => copyTranslation(view, parts.state?.kind === "done" ? parts.state.translation : ""));
}

/** Copies the translation, and says beside Copy (and through the announcer) whether it could. */
function copyTranslation(view: CardView, text: string): void {
  const say = (words: string) => {
    view.copied.textContent = words;
    sayInto(view.announcer, words);
  };
  const failed = () => say("Gloss could not copy it: select the translation and copy it by hand.");
  try {
    void navigator.clipboard.writeText(text).then(() => say("Copied."), failed);
  } catch {
    failed();
  }
}

/**
 * The window's events while the card shows: it follows its text as the page scrolls, and goes on the reader's press
 * or Escape elsewhere. Returns what adds (true) or removes (false) them.
 */
function pageWatch(parts: CardParts, hide: () => void): (on: boolean) => void {
  const { doc, host, options } = parts;
  /** The page scrolled: the card follows its text, and goes once the text is a screen or more out of view. */
  const onScroll = () => {
    const win = doc.defaultView;
    const anchor = parts.anchor;
    if (!anchor || !win || !parts.intact()) return;
    const rect = rectOf(anchor.range);
    if (!rect.width && !rect.height) return; // the page took the text away: the card stays where it is
    if (rect.bottom < -win.innerHeight || rect.top > 2 * win.innerHeight) return hide();
    anchor.rect = rect;
    placeCard(doc, parts.view.card, rect);
  };
  /** A click or tap anywhere but on the card closes it (events from inside the card come from its host), in the
   * page's frames and the page around a frame too. */
  // The reader's own press elsewhere closes the card; a page's made-up one does not.
  const onPointer = fromReader(options.isTrusted, (event: Event) => {
    if (event.target !== host.current?.host) hide();
  });
  // Escape in the page closes the card too, but not an input method's, which only drops the word being composed; and
  // only the card, like Escape in it: the page's own (closing its dialog, a reply box's draft) waits for the next one.
  // Escape in a card of Gloss's (this one's own, the status card) is that card's only.
  const onKey = fromReader(options.isTrusted, (event: KeyboardEvent) => {
    if (event.key !== "Escape" || isUiHost(event.target) || isComposing(event)) return;
    event.preventDefault();
    event.stopPropagation();
    hide();
  });
  /** The windows of the page's other documents (its frames, the page around a frame) a press or Escape closes it in. */
  let others: Window[] = [];
  return (on) => {
    const win = doc.defaultView;
    if (!win) return;
    const method = on ? "addEventListener" : "removeEventListener";
    win[method]("scroll", onScroll, { capture: true });
    win[method]("resize", onScroll);
    onVisibleAreaChange(win, onScroll, on);
    if (on) others = pageDocuments(doc).flatMap((at) => (at !== doc && at.defaultView ? [at.defaultView] : []));
    for (const at of [win, ...others]) {
      try {
        at[method]("pointerdown", onPointer, { capture: true });
        at[method]("keydown", onKey as EventListener, { capture: true });
      } catch {
        // A frame's window is the page's, which may throw: a press there leaves the card be.
      }
    }
    if (!on) others = [];
  };
}

/** Shows `next` in the card, read out once the card is in the page. */
function render(parts: CardParts, next: LookupState): void {
  parts.state = next;
  showState(parts.view, next, parts.anchor?.range, parts.anchor?.noParagraph);
  if (!parts.view.card.hidden) parts.view.announce(next.kind === "problem");
}

export function createLookupCard(doc: Document, options: LookupCardOptions): LookupCard {
  const view = cardView(doc);
  const { card } = view;
  const host = lazyCardHost(doc, card, CSS, options);
  /** The page replaced a DOM function the card calls (in the page's world: `precheck`). */
  let tampered = false;
  const parts: CardParts = { doc, view, options, host, intact };
  wireActions(parts, hide);
  const track = pageWatch(parts, hide);

  /**
   * In the page's world the page may replace a DOM function at any time, not only before the host is made (when
   * ui-host.ts checks): one replaced after the first look-up would be handed the card's elements, and read the next
   * translation from them. So the card looks again before each use; once replaced, its host leaves the page without
   * another call on the card, and the card counts as blocked (a look-up then goes in place).
   */
  function intact(): boolean {
    if (tampered || !options.precheck || options.precheck()) return !tampered;
    tampered = true;
    track(false);
    host.current?.detach();
    options.onBlocked("unverified");
    options.onClose();
    return false;
  }

  function hide(): void {
    if (!intact() || card.hidden) return;
    view.focus.handBack();
    card.hidden = true;
    parts.anchor = undefined;
    view.silence();
    track(false);
    host.current?.detach();
    options.onClose();
  }

  return {
    show(at, next) {
      if (!intact()) return;
      const wasHidden = card.hidden;
      parts.anchor = at;
      render(parts, next); // said once the card is in the page, below
      card.hidden = false;
      if (!host.get()?.attach()) {
        card.hidden = true;
        return;
      }
      if (wasHidden) track(true);
      view.announce(next.kind === "problem");
      placeCard(doc, card, at.rect);
    },
    update(next) {
      if (!intact() || card.hidden) return;
      render(parts, next);
      if (parts.anchor) placeCard(doc, card, parts.anchor.rect);
    },
    hide,
    focus() {
      if (!intact() || card.hidden) return false;
      ((view.actions.querySelector("button:not([hidden])") as HTMLButtonElement | null) ?? view.close).focus();
      return true;
    },
    get visible() {
      return intact() && !card.hidden;
    },
    get blocked() {
      return tampered || host.blocked !== undefined;
    },
  };
}
