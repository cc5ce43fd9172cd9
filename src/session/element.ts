// A tiny builder for Gloss's in-page UI: an element of the page's document with a class, built with DOM calls only.
import { composedContains, focusedIn } from "../core/dom";
import { isComposing } from "../shared/composing";
import { attrOf, newElement } from "../core/dom";

export function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  className?: string,
): HTMLElementTagNameMap[K] {
  const node = newElement(doc, tag);
  if (className) node.className = className;
  return node;
}

/** A button that submits nothing, with its label. */
export function button(doc: Document, text: string, className?: string): HTMLButtonElement {
  const node = el(doc, "button", className);
  node.type = "button";
  node.textContent = text;
  return node;
}

/**
 * How long a live region stays empty before its text goes in: after it came into the page (with its card), after
 * its role changed, or before it says the text it has again. Screen readers read out a change to a region they know
 * already: text that comes with the region, or with its new role, is often not read at all (NVDA and JAWS with
 * Chrome and Firefox, VoiceOver), and a region emptied and filled again within a frame has not changed for them.
 * About 100 ms is what established announcers wait (Angular CDK's LiveAnnouncer, React Aria's); short enough that
 * what is said does not lag behind what is shown.
 */
export const SETTLE_MS = 120;

/**
 * How long a card's announcer keeps what it said. Screen readers take the text when it goes in, so emptying the
 * announcer later takes nothing from what is read out; emptied, it no longer says the card's message a second time
 * to someone reading the card line by line (the message itself stays readable: it is the card's own content).
 * React Aria's announcer waits as long.
 */
export const SPOKEN_MS = 7000;

/**
 * The visually hidden announcer of each card (a standard "sr-only" element): in each card's shadow CSS. Not
 * `display: none` or `hidden`, which would take it out of the accessibility tree too.
 */
export const ANNOUNCER_CSS = `.announcer { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; border: 0;
  overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }`;

/**
 * Forced colours (Windows high contrast) paint every background in the reader's page colour and drop shadows: a
 * card would have no edge left against the page it covers. A border in the reader's text colour gives it one.
 */
export const CARD_EDGE_CSS = `@media (forced-colors: active) { .card { border: 1px solid CanvasText; } }`;

/**
 * On a touch screen a finger needs a target of about 44 px (WCAG 2.5.5; Apple's and Android's guidance): the small
 * buttons, choosers and × of Gloss's cards and dialog grow there, while a mouse keeps them compact.
 */
export const TOUCH_TARGET_CSS = `@media (pointer: coarse) {
  button, select, input:not([type="checkbox"]) { min-height: 44px; } .close { min-width: 44px; } }`;

/**
 * How each card's shadow CSS starts: `hidden` that stays hidden whatever a rule below shows, and the box and buttons
 * all of Gloss's cards share (each card's CSS then adds its place, size and spacing).
 */
export const CARD_START_CSS = `[hidden] { display: none !important; }
.card { position: fixed; z-index: 2147483647; box-sizing: border-box; border-radius: 10px; background: #111827;
  color: #f9fafb; font: 13px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  box-shadow: 0 6px 24px rgba(0,0,0,.35); display: grid; grid-template-columns: 1fr auto; align-items: start; }
button { font: inherit; color: inherit; background: rgba(255,255,255,.12); border: 1px solid rgba(255,255,255,.3);
  border-radius: 6px; cursor: pointer; }`;

/** How each card's shadow CSS ends: its focus ring and × button, then the announcer, edge and touch targets above. */
export const CARD_END_CSS = `button:focus-visible, select:focus-visible, input:focus-visible { outline: 2px solid #93c5fd;
  outline-offset: 1px; }
.close { background: none; border: none; padding: 0 4px; font-size: 16px; line-height: 1; }
${ANNOUNCER_CSS}
${CARD_EDGE_CSS}
${TOUCH_TARGET_CSS}`;

/**
 * A progress bar's fill under forced colours: painted the reader's page colour like the track, the progress would
 * not show at all; it keeps the system's highlight colour instead, and a track on a card gets a border.
 */
export function forcedBarCss(fill: string, track?: string): string {
  const edge = track ? `${track} { border: 1px solid CanvasText; }` : "";
  return `@media (forced-colors: active) { ${edge} ${fill} { forced-color-adjust: none; background: Highlight; } }`;
}

/** What a screen reader reads in `node`: its text, without what is hidden from it (`hidden`, aria-hidden). */
export function spokenText(node: Node): string {
  const parts: string[] = [];
  for (const child of node.childNodes) {
    if (child.nodeType === child.TEXT_NODE) parts.push((child as Text).data);
    else if (child.nodeType === child.ELEMENT_NODE) {
      const element = child as HTMLElement;
      if (!element.hidden && attrOf(element, "aria-hidden") !== "true") parts.push(spokenText(element));
    }
  }
  return parts.join(" ").replace(/\s+/g, " ").trim();
}

/**
 * Sets the text of a live region that is in the page already, so that it is read out even when it is the text the
 * region has (a second "Saved."): then the region is emptied and gets it back after SETTLE_MS.
 */
export function sayInto(region: HTMLElement, text: string): void {
  if (region.textContent !== text) {
    region.textContent = text;
    return;
  }
  region.textContent = "";
  setTimeout(() => (region.textContent = text), SETTLE_MS);
}

export interface LiveCard {
  /** Hidden until there is something to say. */
  card: HTMLDivElement;
  /** The card's message as shown: plain content, not live (the announcer reads it out). */
  said: HTMLDivElement;
  /** × (`closeTitle` as tooltip, `closeLabel` for screen readers). */
  close: HTMLButtonElement;
  /** The card's live region, visually hidden: the card appends it after everything else. */
  announcer: HTMLDivElement;
  /**
   * After the card shows a message and is in the page: has the announcer read out what `said` says (never the
   * card's buttons or options). An error is urgent. The same words again are not read out again (each tick of
   * progress): a card counts on its progress bar.
   */
  announce(urgent: boolean): void;
  /** When the card goes: nothing more is read out, and the announcer is emptied for the next time it shows. */
  silence(): void;
}

/**
 * How each in-page card starts. The host and the card come into the page together, with their message: a live
 * region in them would be read out by some screen readers and missed by others. So the message is plain content,
 * and a visually hidden announcer, in the card and empty when it comes, is what speaks: SETTLE_MS after the card
 * appears (or its urgency changes), at once when the message of a showing card changes. Only the message is said:
 * a live region is read out whole each time it changes, and the card's buttons would be read out with it.
 */
export function liveCard(doc: Document, className: string, closeTitle: string, closeLabel: string): LiveCard {
  const card = el(doc, "div", className);
  card.hidden = true;
  speaksEnglish(card);
  const said = el(doc, "div", "said");
  const announcer = el(doc, "div", "announcer");
  setUrgency(announcer, false);
  const close = button(doc, "×", "close");
  close.title = closeTitle;
  close.setAttribute("aria-label", closeLabel);
  keepKeysIn(card);

  /** What the announcer said since the card showed; undefined while it is not showing. */
  let spoken: string | undefined;
  let fillTimer: ReturnType<typeof setTimeout> | undefined;
  let emptyTimer: ReturnType<typeof setTimeout> | undefined;
  const stop = () => {
    clearTimeout(fillTimer);
    clearTimeout(emptyTimer);
  };
  const say = (text: string) => {
    announcer.textContent = text;
    emptyTimer = setTimeout(() => (announcer.textContent = ""), SPOKEN_MS);
  };

  return {
    card,
    said,
    close,
    announcer,
    announce(urgent) {
      const text = spokenText(said);
      const role = urgent ? "alert" : "status";
      const sameRole = attrOf(announcer, "role") === role;
      if (text === spoken && sameRole) return;
      const settle = spoken === undefined || !sameRole;
      stop();
      spoken = text;
      setUrgency(announcer, urgent);
      if (!settle) return say(text);
      announcer.textContent = "";
      fillTimer = setTimeout(() => say(text), SETTLE_MS);
    },
    silence() {
      stop();
      spoken = undefined;
      announcer.textContent = "";
    },
  };
}

/**
 * Gloss's own words are English. Its UI hangs under the page's <html>, so without its own `lang` it would take the
 * page's, and a screen reader would read "Translating…" or "Dismiss" with a Japanese or German voice.
 */
export function speaksEnglish(node: HTMLElement): void {
  node.setAttribute("lang", "en");
}

/**
 * Makes a card a landmark named `name`. Gloss's cards hang under <html> after the page's <body>, so a screen reader
 * reading on meets one only after the whole page; a landmark is one key away (NVDA's D, JAWS's R, VoiceOver's rotor).
 */
export function namedRegion(node: HTMLElement, name: string): void {
  node.setAttribute("role", "region");
  node.setAttribute("aria-label", name);
}

/**
 * An error is an alert, read out at once; anything else waits until the screen reader is idle. aria-live goes with
 * the role: an alert left with aria-live="polite" would wait too.
 */
function setUrgency(region: HTMLElement, urgent: boolean): void {
  region.setAttribute("role", urgent ? "alert" : "status");
  region.setAttribute("aria-live", urgent ? "assertive" : "polite");
}

/**
 * Escape in the card closes it, and only it: the key goes no further into the page, whose own Escape would close
 * the page's dialog or lightbox the reader is in (and a reply box's draft with it). The Escape of an input method
 * drops the word being composed in the card's field, and nothing more.
 */
export function closeOnEscape(card: HTMLElement, close: (event: KeyboardEvent) => void): void {
  card.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    event.stopPropagation();
    if (isComposing(event)) return;
    event.preventDefault();
    close(event);
  });
}

/**
 * Keeps the keys pressed in `card` from the page's own (bubbling) key handlers: the page sees them come from the card's
 * host, not from a field, so a site's one-letter shortcuts (j/k, f for full screen) would take the letters typed into
 * the card's language chooser. Capture listeners on the page still see every key.
 */
function keepKeysIn(card: HTMLElement): void {
  for (const type of ["keydown", "keypress", "keyup"]) card.addEventListener(type, (event) => event.stopPropagation());
}

/**
 * A card's listener that acts only on the reader's own clicks and keys: events the browser made (`isTrusted`; tests
 * stand in for it). In Firefox a page can reach a card's closed root (window.find hands it what it found there) and
 * click its buttons itself.
 */
export function fromReader<E extends Event>(
  isTrusted: ((event: Event) => boolean) | undefined,
  act: (event: E) => void,
): (event: E) => void {
  const trusted = isTrusted ?? ((event: Event) => event.isTrusted);
  return (event) => {
    if (trusted(event)) act(event);
  };
}

export interface CardFocus {
  /** The card's control that has the keyboard focus, if one has. */
  focused(): HTMLElement | undefined;
  /**
   * Call before the card goes: when the focus is in it, it moves to `to` (if in the page) or back where it came
   * from, instead of dropping to the page's <body> with the control that had it. `to` may be a function, asked only
   * then, that moves the focus itself (and says where), or says nowhere.
   */
  handBack(to?: Element | (() => Element | undefined)): void;
  /** The card is gone for good: the window's listener goes with it (a card made for each use leaves none behind). */
  stop(): void;
}

/** Follows the keyboard focus into and out of `card` (an in-page card in a shadow root). */
export function cardFocus(card: HTMLElement): CardFocus {
  let cameFrom: Element | undefined;
  /** The element itself when it lies in the page's open shadow root (cameFrom is then only that root's host). */
  let cameFromInside: Element | undefined;
  card.addEventListener("focusin", (event) => {
    const from = (event as FocusEvent).relatedTarget as Element | null;
    if (from && !card.contains(from)) cameFrom = from;
  });
  // The focus leaving for the card: seen from the window, the event's path starts at the element in an open root.
  const win = card.ownerDocument.defaultView;
  const leaving = (event: Event) => {
    const to = (event as FocusEvent).relatedTarget;
    if (to && to === (card.getRootNode() as Partial<ShadowRoot>).host) {
      cameFromInside = event.composedPath()[0] as Element | undefined;
    }
  };
  win?.addEventListener("focusout", leaving, true);
  const focused = (): HTMLElement | undefined => {
    const active = focusedIn(card);
    return active && card.contains(active) ? (active as HTMLElement) : undefined;
  };
  return {
    focused,
    handBack(to) {
      if (!focused()) return;
      // Only for the same move into the card (a page listener can keep the window from seeing one).
      const inside =
        cameFrom && cameFromInside && composedContains(cameFrom, cameFromInside) ? cameFromInside : undefined;
      const first = typeof to === "function" ? to() : to;
      const target = [first, inside, cameFrom].find((candidate) => candidate?.isConnected) as HTMLElement | undefined;
      try {
        // Not scrolled to: the reader may have scrolled on while in the card (the look-up card follows its text), and
        // the page would jump back to where the focus came from.
        target?.focus?.({ preventScroll: true });
      } catch {
        // The page's element, whose focus() the page may have made throw: the card goes all the same.
      }
    },
    stop: () => win?.removeEventListener("focusout", leaving, true),
  };
}
