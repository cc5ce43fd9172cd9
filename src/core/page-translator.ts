// The page engine's controller: collect → queue → translator → decode → write, and back with restore().
// Everything the page sees goes through apply/merge; everything the translator sees is compact HTML.

import type { TranslateError } from "../shared/translator";
import {
  collectAttributes,
  type CollectHooks,
  type CollectResult,
  collectUnits,
  translatableAttributeNames,
} from "./collect";
import { isInlineDisplay, StyleCache } from "./display";
import {
  type Container,
  composedContains,
  composedParent,
  hasLetter,
  isDocument,
  isElement,
  isShadowRoot,
  isText,
  windowOf,
} from "./dom";
import { ChurnGuard } from "./churn-guard";
import { MutationWatcher } from "./mutations";
import { OwnOutput } from "./own-output";
import { PageLanguage } from "./page-language";
import { PageWrites } from "./page-writes";
import { ReplyHandler } from "./reply-handling";
import { RequestDispatcher } from "./request-dispatch";
import { ProgressReporter, Settling, summaryOf } from "./progress";
import { contextAt, Rules } from "./rules";
import { type Priority, PRIORITY_VISIBLE } from "./scheduler";
import { type Session, startSession } from "./session";
import { restoreContent } from "./snapshot";
import type { PageState, PageTranslator, PageTranslatorOptions, Summary } from "./types";
import { Counters, type Unit } from "./units";
import { UnitRegistry } from "./unit-registry";
import { Visibility } from "./visibility";

/** How long the first dispatch waits for the IntersectionObservers' first report. */
const VISIBILITY_WAIT_MS = 100;

export function createPageTranslator(root: Document | Element, options: PageTranslatorOptions): PageTranslator {
  return new Engine(root, options);
}

class Engine implements PageTranslator {
  readonly #opts: PageTranslatorOptions;
  readonly #root: Element;
  readonly #win: Window & typeof globalThis;
  readonly #rules: Rules;
  readonly #getShadowRoot: (el: Element) => ShadowRoot | null;
  /** Translations of this page load, by source HTML: showing the translation again costs no request. */
  readonly #cache = new Map<string, string>();
  readonly #output = new OwnOutput();
  readonly #churn = new ChurnGuard();
  readonly #requests: RequestDispatcher;
  readonly #replies: ReplyHandler;
  readonly #language: PageLanguage;
  readonly #reporter: ProgressReporter;
  readonly #settling: Settling;

  #state: PageState = "idle";
  #session: Session | null = null;
  #watcher: MutationWatcher;
  #visibility: Visibility | null = null;
  readonly #units: UnitRegistry;
  readonly #counters = new Counters();
  readonly #writes: PageWrites;
  #regions = new Set<Container>();
  #attrRegions = new Set<Element>();

  constructor(root: Document | Element, options: PageTranslatorOptions) {
    this.#opts = options;
    const doc = isDocument(root) ? root : (root.ownerDocument as Document);
    this.#root = isDocument(root) ? (root.body ?? root.documentElement) : root;
    this.#win = windowOf(doc);
    this.#rules = new Rules(doc, options.targetLang, options.site);
    this.#getShadowRoot = options.getShadowRoot ?? ((el) => el.shadowRoot);
    this.#watcher = new MutationWatcher(this.#win, (records) => this.#onRecords(records));
    this.#units = new UnitRegistry(this.#root, this.#counters, (anchor) => this.#visibility?.unobserve(anchor));
    const priorityOf = (unit: Unit): Priority => this.#visibility?.priorityOf(unit.anchor) ?? PRIORITY_VISIBLE;
    this.#requests = new RequestDispatcher({
      opts: options,
      cache: this.#cache,
      units: this.#units,
      session: () => this.#session,
      priorityOf,
      withoutTargetLanguage: (batch, s, skip) => this.#language.withoutTargetLanguage(batch, s, skip),
      accept: (job, html) => this.#replies.accept(job, html),
      onResult: (s, job, result) => this.#replies.onResult(s, job, result),
      progress: () => this.#progress(),
      checkIdle: () => this.#checkIdle(),
    });
    this.#replies = new ReplyHandler({
      win: this.#win,
      opts: options,
      cache: this.#cache,
      units: this.#units,
      requests: this.#requests,
      output: this.#output,
      priorityOf,
      write: (unit, apply) => this.#writes.queue(unit, apply),
      fatal: (s, error) => this.#fatal(s, error),
    });
    this.#writes = new PageWrites({
      watcher: this.#watcher,
      units: this.#units,
      sourceChanged: (unit) => this.#sourceChanged(unit, null),
      fail: (unit) => this.#requests.fail(unit),
      afterWrites: () => {
        this.#processRegions();
        this.#progress();
        this.#checkIdle();
      },
    });
    this.#language = new PageLanguage(options, () => this.#session);
    this.#reporter = new ProgressReporter(this.#counters, options);
    this.#settling = new Settling(
      () => this.#busy(),
      () => {
        if (this.#state === "translating") this.#state = "translated";
        return this.summary;
      },
    );
  }

  get state(): PageState {
    return this.#state;
  }

  get summary(): Summary {
    return summaryOf(this.#counters, this.#language.pageLang, this.#session?.error);
  }

  // ── public controls ────────────────────────────────────────────────────────────────────────────────────────────

  translate(): Promise<Summary> {
    const settled = this.whenSettled();
    if (this.#session && !this.#session.stopped) {
      // Already running: retry what failed.
      for (const u of this.#units.all()) if (u.state === "failed") this.#requests.enqueue(u, true);
      this.#state = "translating";
      void this.#requests.pump();
      this.#checkIdle();
      return settled;
    }
    const session = startSession();
    this.#session = session;
    this.#state = "translating";
    this.#visibility = new Visibility(this.#win, this.#opts.lazy ?? true, (el, p) =>
      this.#requests.reprioritise(el, p),
    );
    if (this.#opts.observeMutations ?? true) this.#watcher.start(this.#root);

    // Units left from a stopped session go back in the queue; everything else is collected afresh.
    for (const u of this.#units.all()) {
      if (u.state !== "waiting" && u.state !== "failed") continue;
      this.#visibility.observe(u.anchor);
      this.#requests.enqueue(u, true);
    }
    this.#register(collectUnits(this.#root, this.#collectHooks(new StyleCache(this.#win))));
    this.#language.detectPage(session, this.#units.all(), () => this.#checkIdle());
    void this.#visibility.ready(VISIBILITY_WAIT_MS).then(() => {
      session.starting = false;
      void this.#requests.pump();
      this.#checkIdle();
    });
    this.#progress();
    return settled;
  }

  stop(): void {
    const session = this.#session;
    if (!session || session.stopped) return;
    this.#halt(session);
    this.#state = "stopped";
    this.#progress();
    this.#checkIdle();
  }

  restore(): void {
    const session = this.#session;
    // Take in the page's last changes first, so restoring does not undo them.
    if (session && !session.stopped) this.#watcher.flush();
    if (session && !session.stopped) {
      session.stopped = true;
      session.controller.abort();
    }
    this.#watcher.stop();
    this.#visibility?.disconnect();
    this.#visibility = null;
    this.#writes.discard();
    this.#requests.clear();
    this.#regions.clear();
    this.#attrRegions.clear();
    this.#writes.undoAll();

    const summary = this.summary;
    this.#requests.reset();
    this.#units.clear();
    this.#output.forgetNodes();
    this.#churn.clear();
    this.#counters.reset();
    this.#session = null;
    this.#state = "restored";
    this.#reporter.reset();
    this.#settling.resolve(summary);
  }

  whenSettled(): Promise<Summary> {
    return this.#settling.whenSettled();
  }

  // ── collection and registration ────────────────────────────────────────────────────────────────────────────────

  #collectHooks(styles: StyleCache): CollectHooks {
    return {
      rules: this.#rules,
      styles,
      getShadowRoot: (el) => {
        try {
          return this.#getShadowRoot(el);
        } catch {
          return null;
        }
      },
      claimed: (node) => this.#units.isClaimed(node),
      attributeClaimed: (el, name) => this.#units.hasAttributeUnit(el, name),
      ignored: (node) => this.#churn.isIgnored(node),
      onShadowRoot: (shadow) => this.#watcher.observe(shadow),
    };
  }

  #register(result: CollectResult): void {
    const session = this.#session;
    if (!session || session.stopped) return;
    this.#counters.skippedByLang += result.skippedTargetLang;
    for (const el of result.hidden) this.#units.markHidden(el);
    for (const spec of result.content) this.#addUnit(this.#units.addContent(spec));
    for (const spec of result.attributes) this.#addUnit(this.#units.addAttribute(spec));
    // New content on a translated page: busy again until it is done.
    if (this.#state === "translated" && (result.content.length || result.attributes.length)) {
      this.#state = "translating";
    }
    this.#progress();
  }

  #addUnit(unit: Unit): void {
    this.#visibility?.observe(unit.anchor);
    if (this.#output.covers(unit)) {
      // The page copied our translation into new nodes (a re-render): already translated, nothing to send.
      this.#units.setState(unit, "applied");
      return;
    }
    this.#requests.enqueue(unit, false);
  }

  #fatal(session: Session, error: TranslateError): void {
    if (session.error) return;
    session.error = error;
    this.#opts.onError?.(error);
    this.#halt(session);
    this.#state = "stopped";
  }

  /** Stop sending: abort requests, unqueue everything, write what already arrived, stop observing. */
  #halt(session: Session): void {
    session.stopped = true;
    session.controller.abort();
    this.#requests.clear();
    this.#writes.flush();
    // Whatever is still queued or in flight stays original and waits for the next translate().
    for (const unit of this.#units.all()) {
      if (unit.state === "queued" || unit.state === "sending") this.#requests.park(unit);
    }
    this.#watcher.stop();
    this.#visibility?.disconnect();
  }

  // ── page changes ──────────────────────────────────────────────────────────────────────────────────────────────────

  #onRecords(records: MutationRecord[]): void {
    const session = this.#session;
    if (!session || session.stopped) return;
    // One decision per unit: a structural change wins over text changes (never undo the page's own structure).
    const changed = new Map<Unit, { structural: boolean; texts: Set<Text> }>();
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
        const found = this.#units.find(target);
        if (found === "passive") continue;
        if (!found) {
          if (hasLetter(target.data)) this.#addRegion(target);
          continue;
        }
        if (this.#output.holdsWritten(target) || this.#output.isProduced(target.data)) continue;
        touch(found, target);
      } else if (rec.type === "attributes") {
        if (!isElement(target) || !rec.attributeName) continue;
        const name = rec.attributeName;
        if (attributeNames.has(name)) {
          const unit = this.#units.attributeUnit(target, name);
          const value = target.getAttribute(name);
          if (unit && unit.state !== "retired") {
            if (value !== null && (value === unit.written || this.#output.isProduced(value))) continue;
            if (value === unit.value && unit.state !== "applied") continue;
            touch(unit, null);
          } else if (value && hasLetter(value)) {
            this.#attrRegions.add(target);
          }
        } else if (this.#units.isHidden(target)) {
          // Content that was hidden may have been revealed.
          const style = new StyleCache(this.#win).get(target);
          if (style.display !== "none" && !target.hasAttribute("hidden")) {
            this.#units.unhide(target);
            const parent = composedParent(target);
            const found = parent ? this.#units.find(parent) : null;
            if (found && found !== "passive") touch(found, null);
            else this.#addRegion(target);
          }
        }
      } else {
        const found = this.#units.find(target);
        if (found && found !== "passive") {
          touch(found, null);
          continue;
        }
        if (found === "passive") continue;
        for (const n of Array.from(rec.removedNodes)) {
          const unit = this.#units.claimOf(n);
          // A run lost one of its nodes; a removed unit root simply leaves with its translation.
          if (unit && unit.state !== "retired" && unit.spec.root !== n) touch(unit, null);
        }
        for (const n of Array.from(rec.addedNodes)) {
          if (this.#units.isClaimed(n)) continue; // the page re-inserted a translated node
          const prev = n.previousSibling ? this.#units.claimOf(n.previousSibling) : undefined;
          const next = n.nextSibling ? this.#units.claimOf(n.nextSibling) : undefined;
          if (prev && prev === next && prev.state !== "retired" && !prev.spec.root) {
            touch(prev, null);
            continue;
          }
          if (isText(n) && !hasLetter(n.data)) continue;
          this.#addRegion(n);
        }
      }
    }
    for (const [unit, change] of changed) this.#sourceChanged(unit, change.structural ? null : change.texts);
    this.#processRegions();
    this.#progress();
    this.#checkIdle();
  }

  /** The page changed a unit's source: undo our part of it, forget the unit, collect its place again. */
  #sourceChanged(unit: Unit, texts: Set<Text> | null): void {
    if (unit.state === "retired") return;
    const key: Node = unit.kind === "content" ? (unit.spec.root ?? unit.encoded.parent) : unit.el;
    const tooOften = (unit.state === "applied" || unit.state === "sending") && this.#churn.tooOften(key);
    if (unit.state === "applied") {
      this.#watcher.ownWrites(() => {
        if (unit.kind === "attribute") return; // the page's new value is the new original
        const s = unit.snapshot;
        if (!s) return;
        if (texts) {
          // The page rewrote some texts: those values become the original, and the unit goes back to its structure.
          for (const t of s.texts) if (texts.has(t.node)) t.data = t.node.data;
          restoreContent(s);
        } else {
          // The page changed the structure: keep it, but give our texts back their original words.
          for (const t of s.texts) if (this.#output.holdsWritten(t.node)) t.node.data = t.data;
        }
      });
    }
    this.#retire(unit);
    if (tooOften) {
      this.#churn.ignore(key);
      return;
    }
    if (unit.kind === "attribute") this.#attrRegions.add(unit.el);
    else this.#addRegion(unit.spec.root ?? unit.encoded.parent);
  }

  #retire(unit: Unit): void {
    this.#requests.drop(unit);
    unit.request++;
    this.#units.setState(unit, "retired");
    this.#units.forget(unit);
  }

  /** Where to collect again for a changed node: the nearest block-level container (inline content joins it). */
  #addRegion(node: Node): void {
    const styles = new StyleCache(this.#win);
    // Changes inside excluded or given-up parts (live counters, timestamps, editors) cost no walk at all.
    for (let a = composedParent(node); a; a = composedParent(a)) {
      if (this.#churn.isIgnored(a)) return;
      if (a === this.#root) break;
    }
    if (!contextAt(this.#rules, node, (el) => styles.get(el), composedParent)) return;
    let n: Node | null = node;
    while (n) {
      if (isShadowRoot(n)) break;
      if (isElement(n)) {
        if (n === this.#root || !isInlineDisplay(styles.get(n).display) || this.#getShadowRoot(n)) break;
      }
      n = n.parentNode;
    }
    if (n && (isElement(n) || isShadowRoot(n)) && !this.#churn.isIgnored(n)) this.#regions.add(n);
  }

  #processRegions(): void {
    const session = this.#session;
    if (!session || session.stopped || (!this.#regions.size && !this.#attrRegions.size)) return;
    const regions = [...this.#regions];
    this.#regions.clear();
    const attrEls = [...this.#attrRegions];
    this.#attrRegions.clear();
    const set = new Set<Node>(regions);
    const styles = new StyleCache(this.#win);
    const hooks = this.#collectHooks(styles);
    for (const region of regions) {
      if (!region.isConnected || !composedContains(this.#root, region)) continue;
      // Nodes inside another queued region are walked with it.
      let inside = false;
      for (let p = composedParent(region); p && !inside; p = composedParent(p)) inside = set.has(p);
      if (inside) continue;
      this.#register(collectUnits(region, hooks));
    }
    for (const el of attrEls) {
      if (!el.isConnected || !composedContains(this.#root, el)) continue;
      const specs = collectAttributes(el, hooks);
      for (const spec of specs) this.#addUnit(this.#units.addAttribute(spec));
    }
    void this.#requests.pump();
  }

  // ── progress, idleness ──────────────────────────────────────────────────────────────────────────────────

  #progress(): void {
    this.#reporter.report(this.#session?.inFlight ?? 0);
  }

  #busy(): boolean {
    const s = this.#session;
    if (!s) return false;
    if (this.#writes.pending) return true;
    if (s.stopped) return false;
    return (
      s.detecting > 0 ||
      s.starting ||
      this.#requests.busy ||
      s.inFlight > 0 ||
      this.#watcher.pending ||
      this.#regions.size > 0 ||
      this.#attrRegions.size > 0
    );
  }

  #checkIdle(): void {
    this.#settling.check();
  }
}
