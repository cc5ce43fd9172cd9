// Following the page after translate(): each batch of mutation records becomes one decision per unit touched. A
// unit whose source the page changed gives its place back (our words are undone where the page's change allows),
// is retired, and its place is collected again; new content anywhere becomes a region to collect. Our own output
// written back by the page, and changes inside parts that are never sent, are not changes.

import { translatableAttributeNames } from "../collect/collect";
import type { ChurnGuard } from "./churn-guard";
import { StyleCache } from "../collect/display";
import { composedParent, hasLetter, isElement, isText } from "../dom";
import type { MutationWatcher } from "./mutations";
import type { OwnOutput } from "../write/own-output";
import type { PendingRegions } from "./pending-regions";
import type { Session } from "../session";
import { restoreContent } from "../restore/snapshot";
import { removeCopy } from "../display/bilingual";
import type { UnitRegistry } from "../unit-registry";
import type { Unit } from "../units";

export interface ChangeDeps {
  win: Window & typeof globalThis;
  session(): Session | null;
  units: UnitRegistry;
  output: Pick<OwnOutput, "holdsWritten" | "isProduced">;
  churn: Pick<ChurnGuard, "tooOften" | "ignore">;
  regions: Pick<PendingRegions, "add" | "addAttributes">;
  watcher: Pick<MutationWatcher, "ownWrites">;
  drop(unit: Unit): void;
  /** The records were handled: collect the regions they left, report. */
  afterChanges(): void;
}

interface Change {
  /** A structural change wins over text changes (never undo the page's own structure). */
  structural: boolean;
  texts: Set<Text>;
}

export class PageChanges {
  readonly #deps: ChangeDeps;

  constructor(deps: ChangeDeps) {
    this.#deps = deps;
  }

  onRecords(records: MutationRecord[]): void {
    const session = this.#deps.session();
    if (!session || session.stopped) return;
    const { units, output, regions } = this.#deps;
    const changed = new Map<Unit, Change>();
    const touch = (unit: Unit, text: Text | null): void => {
      let entry = changed.get(unit);
      if (!entry) changed.set(unit, (entry = { structural: false, texts: new Set() }));
      if (text) entry.texts.add(text);
      else entry.structural = true;
    };
    const attributeNames = new Set(translatableAttributeNames());

    for (const rec of records) {
      const target = rec.target;
      if (rec.type === "characterData") {
        if (!isText(target)) continue;
        const found = units.find(target);
        if (found === "passive") continue;
        if (!found) {
          if (hasLetter(target.data)) regions.add(target);
          continue;
        }
        if (output.holdsWritten(target) || output.isProduced(target.data)) continue;
        touch(found, target);
      } else if (rec.type === "attributes") {
        if (!isElement(target) || !rec.attributeName) continue;
        const name = rec.attributeName;
        if (attributeNames.has(name)) {
          const unit = units.attributeUnit(target, name);
          const value = target.getAttribute(name);
          if (unit && unit.state !== "retired") {
            if (value !== null && (value === unit.written || output.isProduced(value))) continue;
            if (value === unit.value && unit.state !== "applied") continue;
            touch(unit, null);
          } else if (value && hasLetter(value)) {
            regions.addAttributes(target);
          }
        } else if (units.isHidden(target)) {
          // Content that was hidden may have been revealed.
          const style = new StyleCache(this.#deps.win).get(target);
          if (style.display !== "none" && !target.hasAttribute("hidden")) {
            units.unhide(target);
            const parent = composedParent(target);
            const found = parent ? units.find(parent) : null;
            if (found && found !== "passive") touch(found, null);
            else regions.add(target);
          }
        }
      } else {
        const found = units.find(target);
        if (found && found !== "passive") {
          touch(found, null);
          continue;
        }
        if (found === "passive") continue;
        for (const n of Array.from(rec.removedNodes)) {
          const unit = units.claimOf(n);
          // A run lost one of its nodes; a removed unit root simply leaves with its translation.
          if (unit && unit.state !== "retired" && unit.spec.root !== n) touch(unit, null);
        }
        for (const n of Array.from(rec.addedNodes)) {
          if (units.isClaimed(n)) continue; // the page re-inserted a translated node
          const prev = n.previousSibling ? units.claimOf(n.previousSibling) : undefined;
          const next = n.nextSibling ? units.claimOf(n.nextSibling) : undefined;
          if (prev && prev === next && prev.state !== "retired" && !prev.spec.root) {
            touch(prev, null);
            continue;
          }
          if (isText(n) && !hasLetter(n.data)) continue;
          regions.add(n);
        }
      }
    }
    for (const [unit, change] of changed) this.sourceChanged(unit, change.structural ? null : change.texts);
    this.#deps.afterChanges();
  }

  /** The page changed a unit's source (`texts`, or its structure when null): undo our part, forget it, collect again. */
  sourceChanged(unit: Unit, texts: Set<Text> | null): void {
    if (unit.state === "retired") return;
    const { churn, output } = this.#deps;
    const key: Node = unit.kind === "content" ? (unit.spec.root ?? unit.encoded.parent) : unit.el;
    const tooOften = (unit.state === "applied" || unit.state === "sending") && churn.tooOften(key);
    if (unit.state === "applied") {
      this.#deps.watcher.ownWrites(() => {
        if (unit.kind === "attribute") return; // the page's new value is the new original
        const s = unit.snapshot;
        if (!s) return;
        if (texts) {
          // The page rewrote some texts: those values become the original, and the unit goes back to its structure.
          for (const t of s.texts) if (texts.has(t.node)) t.data = t.node.data;
          restoreContent(s);
        } else {
          // The page changed the structure: keep it, but take our bilingual copy out and give our texts back their
          // original words.
          removeCopy(s);
          for (const t of s.texts) if (output.holdsWritten(t.node)) t.node.data = t.data;
        }
      });
    }
    this.#retire(unit);
    if (tooOften) {
      churn.ignore(key);
      return;
    }
    if (unit.kind === "attribute") this.#deps.regions.addAttributes(unit.el);
    else this.#deps.regions.add(unit.spec.root ?? unit.encoded.parent);
  }

  #retire(unit: Unit): void {
    this.#deps.drop(unit);
    unit.request++;
    this.#deps.units.setState(unit, "retired");
    this.#deps.units.forget(unit);
  }
}
