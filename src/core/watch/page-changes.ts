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
// - A place that changes too often (a ticker, a clock) is given back and then left alone (ChurnGuard), and so is
//   an element the page keeps replacing with a fresh copy of its original as soon as Gloss translates it, or with
//   a copy stamped anew each time (the render's time, a count) in its very place, in answer to the write. Only
//   edits count: other content put in a place (a virtual list's row refilled with the next post) is new content,
//   see replaced-text.ts.

import { type AttributeUnitSpec, type ContentUnitSpec, translatableAttributeNames } from "../collect/collect";
import type { ChurnGuard } from "./churn-guard";
import { StyleCache, undisplayed } from "../collect/display";
import { slotHostOf } from "../collect/unslotted";
import {
  composedContains,
  composedParent,
  composedParentElement,
  hasLetter,
  isConnected,
  isElement,
  isText,
  attrOf,
  nextOf,
  parentOf,
  walkIn,
} from "../dom";
import { inEditable, isEditable } from "../collect/rules";
import { restoreAttribute } from "../restore/snapshot";
import type { MutationWatcher } from "./mutations";
import type { OwnOutput } from "../write/own-output";
import type { PendingRegions } from "./pending-regions";
import type { Session } from "../session";
import { undoWrite } from "../restore/undo-write";
import { unmarkLang } from "../write/own-lang";
import { isCopySnapshot, removeCopy } from "../display/bilingual";
import { reliftClamp } from "../display/clamp-lift";
import type { UnitRegistry } from "../unit-registry";
import { type AttributeUnit, type ContentUnit, type Unit, unitText } from "../units";
import { isReplacement } from "./replaced-text";
import { placeText } from "./place-text";
import { changedAway } from "./changed-away";
import { timeAround } from "../collect/page-dates";

export interface ChangeDeps {
  root: Element;
  win: Window & typeof globalThis;
  session(): Session | null;
  units: UnitRegistry;
  output: Pick<OwnOutput, "holdsWritten" | "isProduced">;
  churn: Pick<
    ChurnGuard,
    "tooOften" | "ignore" | "ignoreAttribute" | "noteRemoved" | "anyRemoved" | "noteAdded" | "addedTo" | "reRendered"
  >;
  regions: Pick<PendingRegions, "add" | "addAttributes">;
  watcher: Pick<MutationWatcher, "ownWrites">;
  drop(unit: Unit): void;
  /** The page rewrote a `<time>` that was sent: a live date, kept out of what is collected from now on. */
  keepDate(time: Element): void;
  /** The page changed a text skipped as written in the target language: a mark made for it may go. */
  skippedTextChanged(unit: ContentUnit): void;
  /** The records were handled: collect the regions they left, report. */
  afterChanges(): void;
}

/** A translation replaced this soon after it was written may have been replaced because it was written. */
const REPLACED_AT_ONCE_MS = 1000;

// A change this soon after Gloss's write (in the same task, or a frame or two later) may answer it: a page's own
// clock (a ticker, a live headline) rarely lands there round after round.
const ANSWER_MS = 50;

/** Changes of translated runs in one parent before the whole parent is left alone (a ticker that replaces its
 * nodes each time is a new run each time). */
const RUNS_CHURN_LIMIT = 16;

/**
 * Updates in 30 s of a label written from its content's translation (write/derived-labels.ts) before it is left
 * alone: the page's own updates (a relative time, a count) cost no request, each is derived again, so only a page
 * that answers every write with a new value is churn. One that writes back the value it had is churn at CHURN_LIMIT.
 */
const DERIVED_LABEL_CHURN_LIMIT = 60;

/** What a piece of content is, for recognising a fresh copy of it: its units' sources (in any order). */
const sourcesOf = (found: Array<ContentUnitSpec | ContentUnit | AttributeUnitSpec | AttributeUnit>): string =>
  found
    // Its attributes' values too: a copy whose text is left alone must not be written to again through its `title`.
    .map((e) => (e.kind === "content" ? e.encoded.html : e.value))
    .sort()
    .join("\u0000");

export class PageChanges {
  readonly #deps: ChangeDeps;
  #answered: Array<[MutationRecord, string]> = [];
  /** This batch's content taken out while being translated, by the record that took it out. */
  #inFlight: Array<[MutationRecord, string]> = [];

  constructor(deps: ChangeDeps) {
    this.#deps = deps;
  }

  /** `reslotted`: hosts whose slots took other light children (a skipped one may show now), new roots: collected. */
  onRecords(records: MutationRecord[], reslotted: ReadonlySet<Node> = new Set(), since = performance.now()): void {
    const session = this.#deps.session();
    if (!session || session.stopped) return;
    const changed = new Set<Unit>();
    const attributeNames = new Set(translatableAttributeNames());
    /** Elements whose class, style or `hidden` changed. */
    const restyled = new Set<Element>();
    // What the page took out first, then what it put in: a renderer may put a fresh copy in before it takes the old
    // one out (its record comes first), and a copy is told by what left its place.
    // The parents this batch put content in: a re-render's copy goes in as the old one leaves.
    const refilled = new Set(records.filter((r) => r.addedNodes.length).map((r) => r.target));
    for (const rec of records) if (rec.type === "childList") this.#childrenChanged(rec, changed, since, refilled);
    // Content still being translated that left a parent with content taken out there in answer to a write was taken
    // out by that answer too: a card's stamped line, sent after its cached title was written.
    for (const e of this.#inFlight) if (this.#answered.some(([r]) => r.target === e[0].target)) this.#answered.push(e);
    this.#inFlight = [];
    for (const rec of records) {
      if (rec.type === "characterData") this.#textChanged(rec.target, changed);
      else if (rec.type === "attributes") this.#attributeChanged(rec, attributeNames, restyled, changed);
      else this.#childrenChanged(rec, changed, since);
    }
    // This batch's translated content taken out right after it was written (by the record that took it out): read
    // by its later records only, and not kept alive.
    this.#answered = [];
    if (restyled.size) this.#restyled(restyled, changed);
    for (const host of reslotted) this.#deps.regions.add(host);
    for (const unit of changed) this.sourceChanged(unit);
    this.#deps.afterChanges();
  }

  #textChanged(target: Node, changed: Set<Unit>): void {
    const { units, output, regions } = this.#deps;
    if (!isText(target)) return;
    const found = units.find(target);
    if (found === "passive") return;
    if (!found) {
      if (hasLetter(target.data)) regions.add(target);
      return;
    }
    if (output.holdsWritten(target) || output.isProduced(target.data)) return;
    this.#dateChanged(target, found);
    changed.add(found);
  }

  #attributeChanged(rec: MutationRecord, names: Set<string>, restyled: Set<Element>, changed: Set<Unit>): void {
    const { units, output, regions } = this.#deps;
    const target = rec.target;
    if (!isElement(target) || !rec.attributeName) return;
    const name = rec.attributeName;
    if (name === "contenteditable") {
      this.#editabilityChanged(target, changed);
      return;
    }
    if (!names.has(name)) {
      restyled.add(target);
      return;
    }
    const unit = units.attributeUnit(target, name);
    const value = attrOf(target, name);
    if (unit && unit.state !== "retired") {
      if (value !== null && (value === unit.written || output.isProduced(value))) return;
      if (value === unit.value && unit.state !== "applied") return;
      changed.add(unit);
    } else if (value && hasLetter(value)) {
      regions.addAttributes(target);
    }
  }

  /**
   * An element was made editable (the reader pressed Edit on a comment shown in place) or no longer is. The reader
   * edits and sends what it holds: its own words, so every unit inside gives its place back (a translated attribute
   * its original value too); once editing is over, it is collected again.
   */
  #editabilityChanged(el: Element, changed: Set<Unit>): void {
    const { units, regions, watcher } = this.#deps;
    const above = composedParentElement(el);
    // Inside content editable all along (an editor's own islands): nothing there was collected, nor is to be.
    if (above && inEditable(above)) return;
    if (!isEditable(el)) {
      regions.add(el);
      return;
    }
    for (const unit of units.all()) {
      // Inside the element, or holding it (a title's span made editable in its translated heading).
      const inside =
        unit.kind === "content"
          ? composedContains(el, unit.encoded.parent) || unit.encoded.nodes.some((n) => composedContains(n, el))
          : composedContains(el, unit.el);
      if (!inside) continue;
      const snapshot = unit.kind === "attribute" && unit.state === "applied" ? unit.snapshot : undefined;
      if (snapshot) watcher.ownWrites(() => restoreAttribute(snapshot));
      changed.add(unit);
    }
  }

  /** `removals`: handle what `rec` took out, else what it put in. */
  #childrenChanged(rec: MutationRecord, changed: Set<Unit>, since: number, removals?: Set<Node>): void {
    const { units, regions } = this.#deps;
    const target = rec.target;
    const found = units.find(target);
    if (found === "passive") return;
    if (found) {
      this.#dateChanged(target, found);
      changed.add(found);
      return;
    }
    if (removals) {
      for (const n of Array.from(rec.removedNodes)) {
        const unit = units.claimOf(n);
        // A run lost one of its nodes; a removed unit root simply leaves with its translation. Either was taken out
        // (a run too, as a component's fresh copy takes the old copy's run out).
        if (unit && unit.state !== "retired" && unit.spec.root !== n) changed.add(unit);
        if (unit || isElement(n)) this.#noteRemoved(rec, n, since, removals);
      }
      return;
    }
    const added = Array.from(rec.addedNodes);
    for (const n of added) {
      for (const unit of changedAway(n, units, (text) => this.#deps.output.isProduced(text))) changed.add(unit);
      if (units.isClaimed(n)) continue; // the page re-inserted a translated node
      const prev = n.previousSibling ? units.claimOf(n.previousSibling) : undefined;
      const next = n.nextSibling ? units.claimOf(n.nextSibling) : undefined;
      if (prev && prev === next && prev.state !== "retired" && !prev.spec.root) {
        changed.add(prev);
        continue;
      }
      if (isText(n) && !hasLetter(n.data)) continue;
      // In the very place of translated content taken out in answer to Gloss's write (by the same record, beside the
      // same neighbour, or beside what this record put in or a template's whitespace or marker that left too: a
      // framework removes, then inserts, or inserts, then removes): maybe a copy. A ticker's new item goes in
      // elsewhere (its top) than where its oldest left (its bottom), beside the next oldest, which may leave too.
      const replaced = this.#answered
        .filter(
          ([r]) =>
            r === rec ||
            (r.target === target &&
              (n.previousSibling === r.previousSibling ||
                n.nextSibling === r.nextSibling ||
                [r.previousSibling, r.nextSibling].some(
                  (m) => m && (added.includes(m) || (!isElement(m) && m.parentNode !== target)),
                ))),
        )
        .map(([, s]) => s);
      this.#deps.churn.noteAdded(n, target, replaced.join("\u0001"));
      regions.add(n);
    }
  }

  #restyled(restyled: Set<Element>, changed: Set<Unit>): void {
    const { units, regions } = this.#deps;
    // A re-render that wrote a clamped title's own style back: its copy would be cut off again.
    this.#deps.watcher.ownWrites(() => restyled.forEach(reliftClamp));
    // Content that was hidden, there or below, may have been revealed.
    const styles = new StyleCache(this.#deps.win);
    for (const el of units.hiddenAt(restyled)) {
      const style = styles.get(el);
      if (undisplayed(el, style)) continue;
      units.unhide(el);
      // A slot shown now shows its host's light children, skipped until now as never drawn.
      const host = slotHostOf(el);
      if (host) regions.add(host);
      const parent = composedParent(el);
      const found = parent ? units.find(parent) : null;
      if (found && found !== "passive") changed.add(found);
      else regions.add(el);
    }
  }

  /**
   * A change inside a `<time>` of `unit`: the page's script keeps that date current (a relative time ticks). The unit
   * is collected again once without it, and the date's later ticks touch nothing that was sent. Not a `<time>` around
   * the unit (wrapping a whole post, as no valid page does): the post's own edits are no ticks.
   */
  #dateChanged(target: Node, unit: Unit): void {
    const time = timeAround(target);
    if (time && this.#deps.units.find(time) === unit) this.#deps.keepDate(time);
  }

  /** Translated content the page took out (`removed`, or inside it; a run's node) right after it was written, or
   * while it was being translated. */
  #noteRemoved(rec: MutationRecord, removed: Node, since: number, refilled: Set<Node>): void {
    const { units, churn } = this.#deps;
    const now = performance.now();
    const found = new Set<Unit>();
    let fresh = false;
    let answer = false;
    let sending = false;
    const walker = walkIn(removed, 5);
    for (let n: Node | null = removed; n; n = walker.nextNode()) {
      // The units it holds, and those of its attributes (anchored at it).
      for (const unit of [units.claimOf(n), ...(units.unitsAt(n as Element) ?? [])]) {
        if (!unit || unit.state === "retired" || found.has(unit)) continue;
        found.add(unit);
        sending ||= unit.state === "sending" || unit.state === "queued";
        if (unit.state !== "applied") continue;
        const at = unit.appliedAt ?? 0;
        fresh ||= now - at < REPLACED_AT_ONCE_MS;
        answer ||= since - at < ANSWER_MS;
      }
    }
    const sources = sourcesOf([...found]);
    // A re-render takes its copy out with what replaces it, in answer to the write or a little later; content the page
    // takes out on its own clock and shows again later (a "typing…" line, a toast) is no copy coming back.
    if (fresh && (answer || refilled.has(rec.target))) churn.noteRemoved(rec.target, sources);
    // Gone, not moved (a recycled row is back in the page by now).
    if (isConnected(removed)) return;
    if (answer) this.#answered.push([rec, sources]);
    // Content not collected yet is on its way to translation too: a stamped line beside a footer answered from the
    // cache at once is taken out by that answer before it is collected, every time.
    else if (sending || !found.size) this.#inFlight.push([rec, found.size ? sources : (removed.textContent ?? "")]);
  }

  /** The units of new content the page keeps putting in place of translated copies of it: to be left alone. */
  leaveAlone(specs: Array<ContentUnitSpec | AttributeUnitSpec>): Set<ContentUnitSpec | AttributeUnitSpec> {
    const { churn, root } = this.#deps;
    const skip = new Set<ContentUnitSpec | AttributeUnitSpec>();
    if (!churn.anyRemoved) return skip;
    // The specs by the node the page added that holds them.
    const byAdded = new Map<Node, Array<ContentUnitSpec | AttributeUnitSpec>>();
    for (const spec of specs) {
      const at = spec.kind === "attribute" ? spec.el : (spec.root ?? spec.nodes[0] ?? null);
      for (let a: Node | null = at; a; a = composedParent(a)) {
        if (churn.addedTo(a)) {
          byAdded.set(a, [...(byAdded.get(a) ?? []), spec]);
          break;
        }
        if (a === root) break;
      }
    }
    for (const [added, inside] of byAdded) {
      const [parent, replaced] = churn.addedTo(added) ?? [];
      if (!parent || !churn.reRendered(parent, sourcesOf(inside), replaced)) continue;
      for (const spec of inside) {
        skip.add(spec);
        // Its changes cost no walk; new content beside it is still the page's to add.
        if (spec.kind === "attribute") churn.ignoreAttribute(spec.el, spec.name);
        else if (spec.root) churn.ignore(spec.root);
      }
    }
    return skip;
  }

  /**
   * The page changed a unit's source: undo our part keeping the page's (unless `undone` already), forget the unit,
   * collect its place again.
   */
  sourceChanged(unit: Unit, undone = false): void {
    if (unit.state === "retired") return;
    const { output } = this.#deps;
    const translated = unit.state === "applied" || unit.state === "sending";
    // Of an attribute, only the language mark goes: the page's new value is the new original, in the page's language.
    const mark = unit.kind === "attribute" ? unit.snapshot?.lang : undefined;
    if (!undone && unit.state === "applied" && mark) this.#deps.watcher.ownWrites(() => unmarkLang(mark));
    if (!undone && unit.state === "applied" && unit.kind === "content" && unit.snapshot) {
      const snapshot = unit.snapshot;
      // A bilingual copy is Gloss's alone: take it out; the original beside it is the page's own.
      this.#deps.watcher.ownWrites(() =>
        isCopySnapshot(snapshot) ? removeCopy(snapshot) : undoWrite(snapshot, (text) => output.isProduced(text)),
      );
    }
    // Read once the page's version is back in place: other content there (a recycled row's next post) is not churn.
    const leaveAlone = translated && !isReplacement(unitText(unit), placeText(unit)) ? this.#churning(unit) : null;
    const inTarget = unit.kind === "content" && unit.state === "skipped" && unit.targetItself === true;
    this.#retire(unit);
    if (inTarget) this.#deps.watcher.ownWrites(() => this.#deps.skippedTextChanged(unit));
    if (leaveAlone) {
      leaveAlone();
      return;
    }
    if (unit.kind === "attribute") this.#deps.regions.addAttributes(unit.el);
    else for (const n of unit.spec.root ? [unit.spec.root] : this.#runPlaces(unit)) this.#deps.regions.add(n);
  }

  /**
   * Count a change of the unit's translated content; when it changes too often, what leaves its place alone. Only
   * its own place: an element, one attribute of an element, a run's nodes. The parent a run shares with other
   * content (a feed of posts) is left alone only when changes there are many more.
   */
  #churning(unit: Unit): (() => void) | null {
    const { churn } = this.#deps;
    if (unit.kind === "attribute") {
      const { el, name } = unit;
      const updated = unit.from !== undefined && attrOf(el, name) !== unit.value;
      const often = updated
        ? churn.tooOften(el, `@${name}+`, DERIVED_LABEL_CHURN_LIMIT)
        : churn.tooOften(el, `@${name}`);
      return often ? () => churn.ignoreAttribute(el, name) : null;
    }
    const root = unit.spec.root;
    if (root) return churn.tooOften(root) ? () => churn.ignore(root) : null;
    const parent = unit.encoded.parent;
    if (churn.tooOften(parent, "runs", RUNS_CHURN_LIMIT)) return () => churn.ignore(parent);
    const nodes = unit.spec.nodes;
    const first = nodes[0];
    return first && churn.tooOften(first) ? () => nodes.forEach((n) => churn.ignore(n)) : null;
  }

  /**
   * Where a run (no root) is collected again: at each stretch of its nodes, so that only that inline content is walked
   * (pending-regions.ts), not a parent that may be the page's body; with none left there, the parent. A node the page
   * moved (elsewhere, past a block) was still claimed when put in, so was not collected where it went.
   */
  #runPlaces(unit: ContentUnit): Node[] {
    const { parent } = unit.encoded;
    const { nodes } = unit.spec;
    const places: Node[] = nodes.filter((n, i) => parentOf(n) && (!i || nextOf(nodes[i - 1]!) !== n));
    return places.some((n) => parentOf(n) === parent) ? places : [...places, parent];
  }

  #retire(unit: Unit): void {
    this.#deps.drop(unit);
    unit.request++;
    this.#deps.units.setState(unit, "retired");
    this.#deps.units.forget(unit);
  }
}
