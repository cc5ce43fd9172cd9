// Following the page after translate(): each batch of mutation records becomes one decision per unit touched.
//
// Rules (after Firefox's translations-document: requests carry ids, changes are batched after the page settles,
// Gloss's own output is recognised):
// - A unit is its nodes, claimed in the registry, and the page's version of them wins. A unit the page changed
//   (text, children, translated attribute) gives its place back: a translation in flight is dropped (its reply
//   finds a newer request id and is ignored), a written one is undone keeping the page's change
//   (restore/undo-write.ts), so its place holds what the page would show had it never been translated: never
//   Gloss's words, never a translation's word order. The unit is retired and its place collected again, so the
//   page's new content is translated afresh, once (identical source HTML is answered from the session's cache).
// - Merge never takes a page node out of the page (write/merge.ts), so a change to any of a unit's nodes is seen.
// - A translated node the page removes keeps its translation and its unit: put back (a virtualised list, a moved
//   block), it is not translated again; "Show original" still undoes it.
// - Not changes: records of Gloss's own writes (see MutationWatcher.ownWrites), Gloss's own output written back
//   by the page, and changes inside parts of a unit that are never sent (code, a live timestamp).
// - A place that changes too often (a ticker, a clock) is given back and then left alone (ChurnGuard).

import { translatableAttributeNames } from "../collect/collect";
import type { ChurnGuard } from "./churn-guard";
import { StyleCache } from "../collect/display";
import { composedParent, hasLetter, isElement, isText } from "../dom";
import type { MutationWatcher } from "./mutations";
import type { OwnOutput } from "../write/own-output";
import type { PendingRegions } from "./pending-regions";
import type { Session } from "../session";
import { undoWrite } from "../restore/undo-write";
import { isCopySnapshot, removeCopy } from "../display/bilingual";
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

export class PageChanges {
  readonly #deps: ChangeDeps;

  constructor(deps: ChangeDeps) {
    this.#deps = deps;
  }

  onRecords(records: MutationRecord[]): void {
    const session = this.#deps.session();
    if (!session || session.stopped) return;
    const { units, output, regions } = this.#deps;
    const changed = new Set<Unit>();
    const touch = (unit: Unit): void => void changed.add(unit);
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
        touch(found);
      } else if (rec.type === "attributes") {
        if (!isElement(target) || !rec.attributeName) continue;
        const name = rec.attributeName;
        if (attributeNames.has(name)) {
          const unit = units.attributeUnit(target, name);
          const value = target.getAttribute(name);
          if (unit && unit.state !== "retired") {
            if (value !== null && (value === unit.written || output.isProduced(value))) continue;
            if (value === unit.value && unit.state !== "applied") continue;
            touch(unit);
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
            if (found && found !== "passive") touch(found);
            else regions.add(target);
          }
        }
      } else {
        const found = units.find(target);
        if (found && found !== "passive") {
          touch(found);
          continue;
        }
        if (found === "passive") continue;
        for (const n of Array.from(rec.removedNodes)) {
          const unit = units.claimOf(n);
          // A run lost one of its nodes; a removed unit root simply leaves with its translation.
          if (unit && unit.state !== "retired" && unit.spec.root !== n) touch(unit);
        }
        for (const n of Array.from(rec.addedNodes)) {
          if (units.isClaimed(n)) continue; // the page re-inserted a translated node
          const prev = n.previousSibling ? units.claimOf(n.previousSibling) : undefined;
          const next = n.nextSibling ? units.claimOf(n.nextSibling) : undefined;
          if (prev && prev === next && prev.state !== "retired" && !prev.spec.root) {
            touch(prev);
            continue;
          }
          if (isText(n) && !hasLetter(n.data)) continue;
          regions.add(n);
        }
      }
    }
    for (const unit of changed) this.sourceChanged(unit);
    this.#deps.afterChanges();
  }

  /** The page changed a unit's source: undo our part keeping the page's, forget the unit, collect its place again. */
  sourceChanged(unit: Unit): void {
    if (unit.state === "retired") return;
    const { churn, output } = this.#deps;
    const key: Node = unit.kind === "content" ? (unit.spec.root ?? unit.encoded.parent) : unit.el;
    const tooOften = (unit.state === "applied" || unit.state === "sending") && churn.tooOften(key);
    // An attribute needs nothing undone: the page's new value is the new original.
    if (unit.state === "applied" && unit.kind === "content" && unit.snapshot) {
      const snapshot = unit.snapshot;
      // A bilingual copy is Gloss's alone: take it out; the original beside it is the page's own.
      this.#deps.watcher.ownWrites(() =>
        isCopySnapshot(snapshot) ? removeCopy(snapshot) : undoWrite(snapshot, (text) => output.isProduced(text)),
      );
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
