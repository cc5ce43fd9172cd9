// Labels that repeat their element's content (SiteRules.derivedLabels): written from its translation, not sent.
// The model would read the same words twice. A label waits until every unit of its content is translated, then gets
// the content's original text replaced by the translation's; it is translated as any attribute where that cannot
// give a label all in one language: the label does not hold the text as it is (a content warning shown instead,
// other wording), or part of the content failed or was never translated.

import { isCopySnapshot, isOwnCopy } from "../display/bilingual";
import { parentOf, attrOf, walkIn } from "../dom";
import { lineText, replaceRepeated } from "../collect/repeated-text";
import type { Rules } from "../collect/rules";
import type { UnitRegistry } from "../unit-registry";
import type { AttributeUnit, ContentUnit, Unit } from "../units";
import { WeakList } from "../weak-list";

export interface DerivedLabelDeps {
  rules: Pick<Rules, "sourceAround">;
  units: Pick<UnitRegistry, "claimOf" | "setState">;
  /** The session runs and nothing is being collected: every unit of a label's content is known. */
  canResolve(): boolean;
  /** The translations are written in place (not the bilingual view). */
  inPlace(): boolean;
  /** Write the label's new value with the next batch of writes; null: the bilingual view, the page's value stays. */
  write(unit: AttributeUnit, value: string | null): void;
  /** Write the label's new value now. */
  show(unit: AttributeUnit, value: string): void;
  /** Translate the label as any attribute. */
  send(unit: AttributeUnit): void;
}

/** What a label's content says about the label: wait for it, translate the label itself, or derive it now. */
type Readiness = "wait" | "send" | "derive";

export class DerivedLabels {
  readonly #deps: DerivedLabelDeps;
  /** Labels waiting for their content's translation (a label the page dropped waits until it is back). */
  readonly #waiting = new WeakList<AttributeUnit>((unit) => !waits(unit));
  /** Each content's text as the page showed it before any of it was translated. */
  #originals = new WeakMap<Element, string>();

  constructor(deps: DerivedLabelDeps) {
    this.#deps = deps;
  }

  /** The label waits for its content (it counts as queued meanwhile). */
  wait(unit: AttributeUnit): void {
    this.#deps.units.setState(unit, "queued");
    if (unit.from) this.#remember(unit.from);
    this.#waiting.add(unit);
  }

  /** A content unit is about to be translated: keep the text of the content around it while it is the page's. */
  noteContent(unit: ContentUnit): void {
    const from = this.#deps.rules.sourceAround(unit.anchor);
    if (from) this.#remember(from);
  }

  /** Write or send every waiting label whose content is done. */
  settle(): void {
    if (!this.#deps.canResolve()) return;
    let resolved = false;
    for (const unit of this.#waiting.values()) {
      const from = unit.from;
      if (!from || !waits(unit) || !unit.el.isConnected) continue;
      const readiness = unit.el.contains(from) ? this.#readiness(from) : "send";
      if (readiness === "wait") continue;
      resolved = true;
      const value = readiness === "derive" ? this.#derived(unit, from) : null;
      if (value !== null) {
        this.#deps.write(unit, this.#deps.inPlace() ? value : null);
        continue;
      }
      unit.from = undefined;
      this.#deps.send(unit);
    }
    if (resolved) this.#waiting.sweep();
  }

  /**
   * The translations are shown in place now (the bilingual view was left): the labels written while they were not
   * say them too (one the page changed meanwhile stays as the page has it).
   */
  rederive(written: Iterable<Unit>): void {
    if (!this.#deps.inPlace()) return;
    for (const unit of written) {
      if (unit.kind !== "attribute" || !unit.from || unit.state !== "applied" || unit.written !== undefined) continue;
      const value = this.#derived(unit, unit.from);
      if (value !== null && attrOf(unit.el, unit.name) === unit.value) this.#deps.show(unit, value);
    }
  }

  /** Forget every label and text (restore()). */
  clear(): void {
    this.#waiting.clear();
    this.#originals = new WeakMap();
  }

  /**
   * The label with its content's original text replaced by the translation's; null where the label lacks that text.
   * In the bilingual view the translation is beside the text, not in its place: the label keeps the page's words
   * (as any attribute there) and is derived when the translation is shown in place (rederive).
   */
  #derived(unit: AttributeUnit, from: Element): string | null {
    const original = this.#originals.get(from);
    if (original === undefined) return null;
    const translation = this.#deps.inPlace() ? lineText(from, (t) => !isOwnCopy(t)) : "";
    return replaceRepeated(unit.value, original, translation);
  }

  #remember(from: Element): void {
    if (this.#untouched(from))
      this.#originals.set(
        from,
        lineText(from, (t) => !isOwnCopy(t)),
      );
  }

  /** Nothing of the content shows a translation in place (bilingual copies beside it leave it as it was). */
  #untouched(from: Element): boolean {
    return textsOf(from).every((t) => {
      const unit = this.#unitOf(t, from);
      return !(unit?.state === "applied" && unit.snapshot && !isCopySnapshot(unit.snapshot));
    });
  }

  /** Whether the content's units are all done: translated (or already in the reader's language), at least one. */
  #readiness(from: Element): Readiness {
    let translated = false;
    let failed = false;
    for (const t of textsOf(from)) {
      const unit = this.#unitOf(t, from);
      if (!unit || unit.state === "skipped") continue;
      if (unit.state === "applied") translated = true;
      else if (unit.state === "failed") failed = true;
      else return "wait";
    }
    return translated && !failed ? "derive" : "send";
  }

  /** The live content unit a text of the content belongs to, also where it is a part never sent (a mention). */
  #unitOf(text: Text, from: Element): ContentUnit | undefined {
    const stop = parentOf(from);
    for (let n: Node | null = text; n && n !== stop; n = parentOf(n)) {
      const unit = this.#deps.units.claimOf(n);
      if (unit && unit.state !== "retired") return unit;
    }
    return undefined;
  }
}

/** The Text nodes below `el`, in order. */
function textsOf(el: Element): Text[] {
  const texts: Text[] = [];
  const walker = walkIn(el, 4);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) texts.push(t as Text);
  return texts;
}

/** The label still waits for its content (not sent, written, left in the original or given back to the page). */
function waits(unit: AttributeUnit): boolean {
  return unit.state === "queued" && unit.from !== undefined;
}
