// The picker's panel, a dialog over the page: it offers the part chosen (its selector, editable, with how many parts of
// the page that names) and the site, saves them as the reader left them, and shows and says what became of the save.
import { button, cardFocus, el, fromReader, liveCard } from "../session/element";
import { readerFields, type ReaderFields } from "../session/reader-fields";
import { tabInCard } from "../session/tab-trap";
import { isComposing } from "../shared/composing";

/** What the panel saves: a site rule and a selector (see shared/skip-parts.ts). */
export interface PickedPart {
  site: string;
  selector: string;
}

/** What became of a save, in words for the panel. */
export type SaveOutcome = { ok: boolean; message: string };

export interface PanelOptions {
  save(part: PickedPart): Promise<SaveOutcome>;
  /** Whether a click or key is the reader's own (see fromReader). */
  isTrusted?(event: Event): boolean;
  /** How many parts of the page `selector` names. */
  count(selector: string): number;
  /** Whether the picker still shows: what a save answers after it went is not shown. */
  active(): boolean;
  /** The reader ends the picker from the panel: Cancel (or Close), × or Esc. */
  end(): void;
  /** The reader goes back to picking (Pick another part): the keys move the outline again, without the mouse. */
  again(): void;
}

export interface PickerPanel {
  /** The dialog, hidden while the reader picks. */
  readonly card: HTMLDivElement;
  /** Whether the reader is still picking: the panel has not shown yet. */
  picking(): boolean;
  /** Shows the panel on `selector`, with the focus in it; `site` fills the site field (kept when not given). */
  offer(selector: string, site?: string): void;
  /**
   * A key pressed in the panel, handed over by the picker's listener on the window: a page's capture listener could
   * stop it on its way to the panel. Tab and Shift+Tab go round the panel, Enter in a field saves, Esc ends.
   */
  key(event: KeyboardEvent): void;
  /**
   * A click on `control`, handed over by the picker's listener on the window (a page's capture listener set there
   * first could stop it on its way to the button); whether it was one of the panel's buttons, now pressed.
   */
  click(event: MouseEvent, control: Element | null | undefined): boolean;
  /** The reader picks again: the panel hides, the focus, if in it, goes to `back()`, and nothing more is said. */
  hide(back: () => Element | undefined): void;
  /** Before the picker goes: as hide. */
  close(back: () => Element | undefined): void;
}

/** Said when the page rewrote the panel's fields (see reader-fields.ts): nothing was saved. */
const PAGE_CHANGED =
  "This page changed the part or the site as you saved, so nothing was saved. The panel shows again what you chose: check it and save.";

/** Builds one labelled text field of the panel, with the note that describes it. */
function field(doc: Document, name: string, text: string, note: string) {
  const label = el(doc, "label");
  label.textContent = text;
  const input = el(doc, "input");
  input.type = "text";
  input.id = name;
  input.spellcheck = false;
  input.autocomplete = "off";
  label.htmlFor = name;
  const described = el(doc, "p", "note");
  described.id = `${name}-note`;
  described.textContent = note;
  input.setAttribute("aria-describedby", described.id);
  return { input, nodes: [label, input, described], note: described };
}

/** How many parts of the page `selector` names, in words. */
function countText(count: (selector: string) => number, selector: string): string {
  if (!selector.trim()) return "Name the part with a CSS selector, e.g. .side.";
  const found = count(selector);
  if (found === 0) return "Names nothing on this page (or is not a selector the browser can read).";
  return found === 1 ? "Names 1 part of this page." : `Names ${found} parts of this page.`;
}

/** A field of the panel: its input, the nodes it shows and its note. */
type PanelField = ReturnType<typeof field>;

/** What the panel's steps share: its card and parts, what it says, and whether a save is under way. */
interface PanelState {
  options: PanelOptions;
  card: HTMLDivElement;
  /** × (the card's own). */
  close: HTMLButtonElement;
  said: HTMLDivElement;
  message: HTMLParagraphElement;
  announce(urgent: boolean): void;
  silence(): void;
  selectorField: PanelField;
  siteField: PanelField;
  chosen: ReaderFields;
  save: HTMLButtonElement;
  /** Pick another part: back to the outline, which the keys move (a click on the shield picks another part too). */
  again: HTMLButtonElement;
  cancelButton: HTMLButtonElement;
  saving: boolean;
  /** Counts the parts offered: a save that ends after another part was chosen leaves that one's panel as it is. */
  offers: number;
}

/** Builds the dialog: its heading, the part's and the site's fields, what it says, and its buttons. */
function buildPickerPanel(doc: Document, options: PanelOptions): PanelState {
  const { card, said, close, announcer, announce, silence } = liveCard(doc, "card", "Cancel", "Cancel: leave it");
  const heading = el(doc, "h2");
  heading.textContent = "Leave this part untranslated";
  heading.id = "gloss-picked-title";
  // A dialog over the page: the shield keeps the pointer from the page, and Tab stays in it.
  card.setAttribute("role", "dialog");
  card.setAttribute("aria-modal", "true");
  card.setAttribute("aria-labelledby", heading.id);
  const selectorField = field(doc, "gloss-part", "Part (CSS selector)", "");
  const siteField = field(
    doc,
    "gloss-site",
    "On the site",
    "The page's site, or a part of it such as reddit.com/r/de.",
  );
  const fields = el(doc, "div", "fields");
  fields.append(...selectorField.nodes, ...siteField.nodes);
  const chosen = readerFields([selectorField.input, siteField.input], options.isTrusted);
  const message = el(doc, "p");
  said.append(message);
  const actions = el(doc, "div", "actions");
  const save = button(doc, "Save", "primary");
  const again = button(doc, "Pick another part");
  const cancelButton = button(doc, "Cancel");
  actions.append(save, again, cancelButton);
  card.append(heading, close, fields, said, actions, announcer);
  return {
    options,
    card,
    close,
    said,
    message,
    announce,
    silence,
    selectorField,
    siteField,
    chosen,
    save,
    again,
    cancelButton,
    saving: false,
    offers: 0,
  };
}

function showPartCount(p: PanelState): void {
  p.selectorField.note.textContent = countText(p.options.count, p.selectorField.input.value);
}

function sayInPanel(p: PanelState, text: string, problem: boolean): void {
  p.message.textContent = text;
  p.said.classList.toggle("problem", problem);
  if (text) p.announce(problem);
}

/** Saves the part and the site as the reader left them, and shows what became of it. */
async function submitPart(p: PanelState): Promise<void> {
  const { options, save, cancelButton } = p;
  if (p.saving || save.hidden) return;
  if (!p.chosen.asTheReaderLeftThem()) {
    showPartCount(p);
    sayInPanel(p, PAGE_CHANGED, true);
    return;
  }
  p.saving = true;
  // Nor can the reader go back to picking: the save's outcome would be said in a hidden panel.
  save.disabled = p.again.disabled = true;
  const offer = p.offers;
  sayInPanel(p, "Saving…", false);
  let outcome: SaveOutcome;
  try {
    outcome = await options.save({ site: p.siteField.input.value, selector: p.selectorField.input.value });
  } catch (error) {
    outcome = { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  p.saving = false;
  if (!options.active()) return;
  // The outcome names the part it saved; when the reader chose another meanwhile, that one stays offered, to save.
  sayInPanel(p, outcome.message, !outcome.ok);
  save.disabled = p.again.disabled = false;
  if (!outcome.ok || p.offers !== offer) return;
  save.hidden = true;
  nameEnd(p, "Close");
  cancelButton.focus();
}

/** Names Cancel and ×: once the part is saved, they close the panel and leave it saved. */
function nameEnd(p: PanelState, word: string): void {
  p.cancelButton.textContent = p.close.title = word;
  p.close.setAttribute("aria-label", word === "Cancel" ? "Cancel: leave it" : word);
}

/** Presses the panel's button `control` is in (Save saves, Cancel and × end); whether it was one. */
function pressButton(p: PanelState, control: Element | null | undefined): boolean {
  const pressed = control?.closest("button");
  if (pressed === p.save) void submitPart(p);
  else if (pressed === p.cancelButton || pressed === p.close) p.options.end();
  else if (pressed === p.again) p.options.again();
  else return false;
  return true;
}

/** The panel's buttons and fields: the count follows the selector typed, and the buttons do what they say. */
function listenToPanel(p: PanelState): void {
  p.selectorField.input.addEventListener("input", () => showPartCount(p));
  for (const pressed of [p.save, p.again, p.cancelButton, p.close]) {
    pressed.addEventListener(
      "click",
      fromReader(p.options.isTrusted, () => pressButton(p, pressed)),
    );
  }
}

/** A key pressed in the panel (see PickerPanel.key). */
function panelKey(p: PanelState, event: KeyboardEvent): void {
  if (event.key === "Tab") return tabInCard(p.card, event);
  // Composing with an input method: its Enter takes a word into the field and its Esc drops the word, not the panel
  // and all it holds.
  if (isComposing(event)) return;
  if (event.key === "Escape") {
    event.preventDefault();
    return p.options.end();
  }
  // Nor is the repeat of the Enter that opened the panel, still held down, Save.
  const focused = (p.card.getRootNode() as ShadowRoot).activeElement;
  const inField = focused === p.selectorField.input || focused === p.siteField.input;
  if (event.key !== "Enter" || event.repeat || !inField) return;
  event.preventDefault();
  void submitPart(p);
}

/** Shows the panel on `selector`, the site filled in when given, with the focus in the selector's field. */
function offerPart(p: PanelState, selector: string, site: string | undefined): void {
  const { chosen, selectorField, save } = p;
  p.offers++;
  chosen.set(selectorField.input, selector);
  if (site !== undefined) chosen.set(p.siteField.input, site);
  showPartCount(p);
  // A save under way goes on, said as such: its outcome is said when it ends, and Save waits for it.
  if (!p.saving) sayInPanel(p, "", false);
  save.hidden = false;
  save.disabled = p.again.disabled = p.saving;
  nameEnd(p, "Cancel");
  p.card.hidden = false;
  selectorField.input.focus();
  selectorField.input.select();
}

export function createPickerPanel(doc: Document, options: PanelOptions): PickerPanel {
  const p = buildPickerPanel(doc, options);
  const focus = cardFocus(p.card);
  listenToPanel(p);
  return {
    card: p.card,
    picking: () => Boolean(p.card.hidden),
    offer: (selector, site) => offerPart(p, selector, site),
    key: (event) => panelKey(p, event),
    click(event, control) {
      let pressed = false;
      fromReader(p.options.isTrusted, () => (pressed = pressButton(p, control)))(event);
      return pressed;
    },
    hide(back) {
      focus.handBack(back);
      p.silence();
      p.card.hidden = true;
    },
    close(back) {
      this.hide(back);
      focus.stop();
    },
  };
}
