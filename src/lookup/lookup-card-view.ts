// The look-up card's elements, and what each state of a look-up shows in them (which parts and buttons, in which
// language and direction).
import { button, cardFocus, el, liveCard, namedRegion, type CardFocus, type LiveCard } from "../session/element";
import { langDirection } from "../shared/lang-direction";
import { unmetTermNote } from "../shared/outcome-text";
import { SERVER_WAIT } from "../shared/server-wait";
import { textEnd, textStart } from "../shared/text-ends";

export type LookupState =
  /** `server`: why the server keeps it waiting (a model still loading, a busy server). */
  | { kind: "working"; source: string; server?: "loading" | "busy"; waiting?: boolean }
  /** `unmet`: glossary terms the translation does not follow (the model's reply, used all the same). */
  | { kind: "done"; source: string; translation: string; lang: string; unmet?: readonly string[] }
  | { kind: "problem"; source: string; message: string; fix?: string }
  /** Nothing to ask the model: `message`, with `text` (in `lang`) below it when there is one. */
  | { kind: "note"; source: string; message: string; text?: string; lang?: string };

/** The card and its parts: the selection, the translation or what keeps it, and the buttons below. */
export interface CardView extends LiveCard {
  source: HTMLElement;
  translation: HTMLElement;
  working: HTMLElement;
  fix: HTMLElement;
  actions: HTMLElement;
  retry: HTMLButtonElement;
  paragraph: HTMLButtonElement;
  copy: HTMLButtonElement;
  /** What Copy did, shown beside it (and read out by the announcer). */
  copied: HTMLElement;
  focus: CardFocus;
}

/** Longer selections are shown by their start and end. */
const SOURCE_SHOWN = 80;

function shorten(text: string): string {
  if (text.length <= SOURCE_SHOWN) return text;
  const half = Math.floor((SOURCE_SHOWN - 1) / 2);
  return `${textStart(text, half).trimEnd()}…${textEnd(text, half).trimStart()}`;
}

/** The language the page says `node` is in ("": not said). */
function langAt(node: Node): string {
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return el?.closest("[lang]")?.getAttribute("lang") ?? "";
}

export function cardView(doc: Document): CardView {
  const live = liveCard(doc, "card lookup", "Close", "Close Gloss's translation");
  const { card, said, close, announcer } = live;
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
  const copied = el(doc, "span", "copied");
  actions.append(retry, paragraph, copy, copied);
  card.append(source, close, said, actions, announcer);
  const focus = cardFocus(card);
  return { ...live, source, translation, working, fix, actions, retry, paragraph, copy, copied, focus };
}

/**
 * Shows `next` in the card; `range` is the selection, for its language; `noParagraph` when it has no paragraph to
 * translate in place (a text box's, a part the reader left untranslated).
 */
export function showState(view: CardView, next: LookupState, range: Range | undefined, noParagraph = false): void {
  const { source, translation, working, fix, paragraph, close } = view;
  const focused = view.focus.focused();
  view.card.classList.toggle("problem", next.kind === "problem");
  source.textContent = shorten(next.source);
  // The page's words, in the page's language where it says one (not the card's English).
  source.lang = range ? langAt(range.commonAncestorContainer) : "";
  working.hidden = next.kind === "done";
  translation.hidden = next.kind !== "done" && !(next.kind === "note" && next.text);
  paragraph.hidden = next.kind === "note" || noParagraph;
  fix.hidden = !(next.kind === "problem" ? next.fix : next.kind === "done" && next.unmet?.length);
  view.retry.hidden = next.kind !== "problem";
  view.copy.hidden = next.kind !== "done";
  view.copied.textContent = "";
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
}
