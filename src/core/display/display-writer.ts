// How a checked translation is shown: replacing the original (the default) or beside it (bilingual view). Each unit
// keeps its translation, so switching modes on a translated page redraws it without a request.

import { restoreAttribute, type AttributeSnapshot, type ContentSnapshot } from "../restore/snapshot";
import { undoWrite } from "../restore/undo-write";
import type { FindResult } from "../unit-registry";
import type { AttributeUnit, ContentUnit, Unit } from "../units";
import { applyAttribute, applyContent, restoreSelects, sourceKept, type SelectValues } from "../write/apply";
import type { MergeHooks } from "../write/merge";
import { isolateFragment, isolateTexts } from "../write/isolate-run";
import { markLang } from "../write/own-lang";
import { WholeMarks } from "../write/whole-marks";
import { AttributeLang } from "../write/attribute-lang";
import { dirAgainst } from "../write/text-direction";
import { hasLetter, attrOf } from "../dom";
import { addCopy, isCopySnapshot, removeCopy, restyleCopy } from "./bilingual";
import { noteShown } from "../watch/changed-away";

import type { BilingualStyle } from "../../shared/bilingual-styles";
import type { DisplayMode } from "../../shared/display-modes";

export { DISPLAY_MODES, type DisplayMode } from "../../shared/display-modes";

export interface DisplayDeps {
  targetLang: string;
  /** The hooks for writing this unit's translation (own-output.ts). */
  hooks(unit: ContentUnit): MergeHooks;
  /** A node the copy put beside a run belongs to the run (a change to it is a change to the run). */
  claim(node: Node, unit: ContentUnit): void;
  /** The text is Gloss's own output (a page that copied it back did not change anything). */
  isOwnText(text: string): boolean;
  /** The unit a page node belongs to (an element unit's root, a run's nodes). */
  claimOf(node: Node): ContentUnit | undefined;
  /** The unit a page node belongs to, walking up (UnitRegistry.find). */
  find(node: Node): FindResult;
}

export class DisplayWriter {
  readonly #deps: DisplayDeps;
  mode: DisplayMode;
  /** How bilingual copies look. */
  style: BilingualStyle;

  readonly #wholes: WholeMarks;
  readonly #attributeLang: AttributeLang;

  constructor(deps: DisplayDeps, mode: DisplayMode = "replace", style: BilingualStyle = "quiet") {
    this.#deps = deps;
    this.#wholes = new WholeMarks((node) => deps.claimOf(node));
    this.#attributeLang = new AttributeLang((node) => deps.find(node), deps.targetLang);
    this.mode = mode;
    this.style = style;
  }

  /** Write a content unit's translation (whole, or text by text) in the current mode. */
  content(unit: ContentUnit, translation: DocumentFragment | Map<Text, string>, selects: SelectValues): void {
    const { targetLang } = this.#deps;
    const hooks = this.#deps.hooks(unit);
    if (this.mode === "bilingual") {
      unit.snapshot = addCopy(unit, translation, { targetLang, hooks, style: this.style });
    } else {
      const root = unit.spec.root;
      unit.snapshot = applyContent(unit, root ? translation : isolated(unit, translation, targetLang), selects, hooks);
      // An element now all in the target language says so (a bilingual copy does too). Not a run of a block's nodes:
      // its element holds more than the unit, until the rest of it is translated too (whole-marks.ts).
      const complete = translatesAll(unit, translation);
      if (root && complete) unit.snapshot.lang = markLang(root, targetLang, unit.spec);
      this.#wholes.written(unit, complete, targetLang);
    }
    if (!unit.spec.root) for (const n of unit.snapshot.inserted) this.#deps.claim(n, unit);
    noteShown(unit);
  }

  /** Attribute translations (a tooltip, an alt text) replace the original only in replace mode. */
  attribute(unit: AttributeUnit, text: string): void {
    unit.written = text;
    if (this.mode === "bilingual") {
      unit.snapshot = unwritten(unit);
      return;
    }
    unit.snapshot = applyAttribute(unit, text);
    this.#attributeLang.written(unit, unit.snapshot);
  }

  /** An attribute done without a new value (a label the bilingual view leaves as the page wrote it): undo keeps
   * whatever the page sets later. */
  keepAttribute(unit: AttributeUnit): void {
    unit.written = undefined;
    unit.snapshot = unwritten(unit);
  }

  /**
   * A unit was skipped as already in a language the reader reads: an element around it whose attribute was
   * translated may say the target language now (the target language itself), or no longer (only one read besides).
   */
  skipped(unit: Unit): void {
    if (unit.kind !== "content") return;
    if (unit.targetItself) this.#attributeLang.textSkipped(placeOf(unit));
    else this.#attributeLang.textChanged(placeOf(unit));
  }

  /** The page changed a text that was skipped as in the target language (its unit is retired): see textChanged. */
  skippedTextChanged(unit: ContentUnit): void {
    this.#attributeLang.textChanged(placeOf(unit));
  }

  /** The translation a written unit shows, as merge takes it; undefined when none is kept. */
  #translationOf(unit: ContentUnit): DocumentFragment | Map<Text, string> | undefined {
    if (unit.simplified && unit.simplifiedTranslation) return unit.simplifiedTranslation;
    if (unit.translation) return unit.translation;
    if (!unit.fallback) return undefined;
    const texts = new Map<Text, string>();
    for (const [t, v] of unit.fallback) if (v !== null) texts.set(t, v);
    return texts;
  }

  /**
   * Show the written units in `mode`: each is put back to its original (newest first, as restore does, keeping what
   * the page changed since), then written again from the translation it keeps. Returns the units no longer written:
   * those the page changed (seen only now when nobody was watching, after stop()) and those whose new write the page
   * made fail (merge put them back); they are the page's, to be collected again.
   * A page whose DOM functions throw (Gloss in its world) may refuse one unit's undo: that unit keeps what it shows
   * and its snapshot, for Show original to try again, and every other unit is still redrawn.
   */
  redraw(written: Unit[], mode: DisplayMode): Unit[] {
    if (mode === this.mode) return [];
    this.mode = mode;
    const ours = (text: string): boolean => this.#deps.isOwnText(text);
    const undone: Unit[] = [];
    for (let i = written.length - 1; i >= 0; i--) {
      const u = written[i] as Unit;
      try {
        // A copy goes as on Show original: one holding the keyboard focus hands it to the page first.
        if (u.kind === "content" && u.snapshot && isCopySnapshot(u.snapshot)) removeCopy(u.snapshot);
        else if (u.kind === "content" && u.snapshot) undoWrite(u.snapshot as ContentSnapshot, ours);
        else if (u.kind === "attribute" && u.snapshot) restoreAttribute(u.snapshot as AttributeSnapshot);
        undone.push(u);
      } catch (error) {
        console.warn("Gloss: could not put back the original of a translation", error);
      }
    }
    undone.reverse();
    const selects: SelectValues = new Map();
    const changed: Unit[] = [];
    for (const u of undone) {
      if (u.kind === "attribute" ? attrOf(u.el, u.name) !== u.value : !sourceKept(u)) {
        changed.push(u);
        continue;
      }
      try {
        if (u.kind === "attribute") {
          if (u.written !== undefined) this.attribute(u, u.written);
          continue;
        }
        const translation = this.#translationOf(u);
        if (translation) this.content(u, translation, selects);
      } catch (error) {
        console.warn("Gloss: could not write a translation", error);
        changed.push(u);
      }
    }
    restoreSelects(selects);
    return changed;
  }

  /** Give the copies of the written units (and later ones) the look `style`, in place: no copy is built again. */
  restyle(written: Unit[], style: BilingualStyle): void {
    if (style === this.style) return;
    this.style = style;
    for (const u of written) if (u.kind === "content" && u.snapshot) restyleCopy(u.snapshot as ContentSnapshot, style);
  }
}

/**
 * A run of a block's nodes has no element to take `dir`: where the translation runs the other way from the block, its
 * lines are isolated to run the translation's way (write/isolate-run.ts).
 */
function isolated<T extends DocumentFragment | Map<Text, string>>(unit: ContentUnit, translation: T, lang: string): T {
  const dir = unit.spec.part ? null : dirAgainst(unit.spec.anchor, lang, unit.spec.direction);
  if (!dir) return translation;
  return (
    translation instanceof Map
      ? isolateTexts(translation, unit.encoded, dir)
      : isolateFragment(translation as DocumentFragment, unit.encoded, dir)
  ) as T;
}

/** An attribute left as it is: the value there is the one to put back; a value the page sets later stays. */
function unwritten(unit: AttributeUnit): AttributeSnapshot {
  return { el: unit.el, name: unit.name, value: unit.value, written: unit.value };
}

/** Where a unit's text lies: its element, or the parent of its run of nodes. */
function placeOf(unit: ContentUnit): Node {
  return unit.spec.root ?? unit.encoded.parent;
}

/** The translation covers every text of the unit: a plain-text fallback may have left some in the original. */
function translatesAll(unit: ContentUnit, translation: DocumentFragment | Map<Text, string>): boolean {
  return !(translation instanceof Map) || unit.encoded.texts.every((t) => translation.has(t) || !hasLetter(t.data));
}
