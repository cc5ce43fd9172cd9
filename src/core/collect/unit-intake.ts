// Turns what a collect walk found into live units: registered, watched for visibility, and queued, or counted as
// translated straight away when the page merely copied our output. Also the hooks that keep every walk (the first
// one and those after page changes) away from what the session already owns or has given up on.

import type { AttributeUnitSpec, CollectHooks, CollectResult, ContentUnitSpec } from "./collect";
import type { StyleCache } from "./display";
import type { OwnOutput } from "../write/own-output";
import type { Rules } from "./rules";
import type { Session } from "../session";
import type { UnitRegistry } from "../unit-registry";
import type { Counters, Unit } from "../units";
import { tagOf } from "../dom";

/** Attributes a sighted reader sees in the page: a field's hint, a button's words, a drop-down's entries. */
const SHOWN_ATTRIBUTES: ReadonlySet<string> = new Set(["placeholder", "value", "label"]);

/**
 * Whether the unit's words are on the page as it looks. A label only a screen reader says or a tooltip shows (a
 * Mastodon status's summary repeats its whole text) goes after the main content seen in the same place, not with it:
 * still translated in the same pass, but not ahead of what the reader came to read.
 */
function seenOnPage(unit: Unit): boolean {
  return unit.kind === "content" || SHOWN_ATTRIBUTES.has(unit.name);
}

export interface IntakeDeps {
  rules: Rules;
  getShadowRoot(el: Element): ShadowRoot | null;
  counters: Counters;
  units: Pick<UnitRegistry, "addContent" | "addAttribute" | "isClaimed" | "hasAttributeUnit" | "markHidden">;
  output: Pick<OwnOutput, "covers" | "notePageWords">;
  /** The page copied our translation into the unit's nodes: it counts as translated, and Show original undoes it. */
  copied(unit: Unit): void;
  isIgnored(node: Node): boolean;
  /** An attribute left alone (it changed too often). */
  isAttributeIgnored(el: Element, name: string): boolean;
  /** Of new content, the units the page keeps re-rendering over each translation: to be left alone. */
  leaveAlone(specs: Array<ContentUnitSpec | AttributeUnitSpec>): ReadonlySet<ContentUnitSpec | AttributeUnitSpec>;
  observeShadowRoot(root: ShadowRoot): void;
  /** A custom element walked without a shadow root: it may attach one later (watch/mutations.ts). */
  expectShadowRoot(host: Element): void;
  /** Compact-HTML characters one request may carry (a longer unit is split at its nodes). */
  maxUnitChars(): number;
  session(): Session | null;
  /** Watch the unit's anchor for visibility. */
  observe(unit: Unit): void;
  /** A check whether an anchor lies in the page's main content, for the units found together (main-content.ts). */
  mainCheck(): (anchor: Element) => boolean;
  enqueue(unit: Unit, fresh: boolean): void;
  /** Units were found: a translated page is busy again until they are done. */
  foundMore(): void;
  progress(): void;
}

export class UnitIntake {
  readonly #deps: IntakeDeps;

  constructor(deps: IntakeDeps) {
    this.#deps = deps;
  }

  hooks(styles: StyleCache): CollectHooks {
    const { units } = this.#deps;
    return {
      rules: this.#deps.rules,
      styles,
      getShadowRoot: (el) => {
        try {
          const root = this.#deps.getShadowRoot(el);
          if (!root && tagOf(el).includes("-")) this.#deps.expectShadowRoot(el);
          return root;
        } catch {
          return null;
        }
      },
      claimed: (node) => units.isClaimed(node),
      attributeClaimed: (el, name) => units.hasAttributeUnit(el, name) || this.#deps.isAttributeIgnored(el, name),
      ignored: (node) => this.#deps.isIgnored(node),
      onShadowRoot: (shadow) => this.#deps.observeShadowRoot(shadow),
      maxUnitChars: this.#deps.maxUnitChars(),
    };
  }

  register(result: CollectResult): void {
    const session = this.#deps.session();
    if (!session || session.stopped) return;
    const { units } = this.#deps;
    this.#deps.counters.skippedByLang += result.skippedTargetLang;
    for (const el of result.hidden) units.markHidden(el);
    const leftAlone = this.#deps.leaveAlone([...result.content, ...result.attributes]);
    const isMain = this.#deps.mainCheck();
    for (const spec of result.content) if (!leftAlone.has(spec)) this.#admit(units.addContent(spec), isMain);
    for (const spec of result.attributes) if (!leftAlone.has(spec)) this.#admit(units.addAttribute(spec), isMain);
    if (result.content.length || result.attributes.length) this.#deps.foundMore();
    this.#deps.progress();
  }

  /** Attributes collected again on one element (no session check, no progress report: the caller does both). */
  addAttributes(specs: AttributeUnitSpec[]): void {
    const isMain = this.#deps.mainCheck();
    for (const spec of specs) this.#admit(this.#deps.units.addAttribute(spec), isMain);
  }

  #admit(unit: Unit, isMain: (anchor: Element) => boolean): void {
    this.#deps.observe(unit);
    unit.main = seenOnPage(unit) && isMain(unit.anchor);
    if (this.#deps.output.covers(unit)) {
      // The page copied our translation into new nodes (a re-render): already translated, nothing to send.
      this.#deps.copied(unit);
      return;
    }
    this.#deps.output.notePageWords(unit);
    this.#deps.enqueue(unit, false);
  }
}
