// Translation units as the engine tracks them, and the counters progress is reported from.

import type { TranslateError } from "../shared/translator";
import type { ContentUnitSpec } from "./collect/collect";
import type { EncodedUnit } from "./markup/encode";
import type { SimplifiedPlan, TextRun } from "./markup/simplify";
import type { Priority, QueuedJob } from "./schedule/scheduler";
import type { AttributeSnapshot, ContentSnapshot } from "./restore/snapshot";

export type UnitState =
  | "queued" // waiting for a request (or for its cached translation to be written)
  | "sending" // in a request, or its reply is waiting to be written
  | "applied"
  | "failed"
  | "skipped" // already in the target language
  | "waiting" // the session stopped before it was sent
  | "retired"; // its source changed; a new unit replaces it

interface UnitBase {
  id: string;
  state: UnitState;
  anchor: Element;
  /** Generation of the current request; a reply for an older one is stale. */
  request: number;
  /** Replies rejected so far. */
  attempts: number;
  detected: boolean;
  /** Skipped as written in the target language itself, not merely in one the reader reads (collect/page-language.ts). */
  targetItself?: boolean;
  /** Part of the page's main content (sent before chrome of the same visibility). */
  main?: boolean;
  /** The reader asked for it (a passage, a hover, an opened `<details>`): its requests go first. */
  asked?: boolean;
  /** Jobs of the current request (one, or one per text run of a simplified translation). */
  jobs: Set<Job>;
  /** Glossary terms the translation being written does not follow (counted in the progress while applied). */
  unmet?: readonly string[];
  /** Why it stays in the original (while failed): the progress names the most frequent reason the page holds. */
  failure?: TranslateError;
  /** When the translation was written (performance.now()): a page that replaces it at once may be answering the
   * write, an attribute's as much as a text's. */
  appliedAt?: number;
}

/** A unit translated with simplified formatting (its reply lost structure after a retry), see simplify.ts. */
export interface Simplification {
  plan: SimplifiedPlan;
  /** Each run's translation as it arrives (null: not yet). */
  texts: Map<TextRun, string | null>;
  /** Why: the last unusable reply. */
  reason: TranslateError;
}

export interface ContentUnit extends UnitBase {
  kind: "content";
  spec: ContentUnitSpec;
  encoded: EncodedUnit;
  /** The texts as they were when encoded: a write is refused if the page changed them meanwhile. */
  sourceTexts: string[];
  snapshot?: ContentSnapshot;
  /** Being (or written as) a simplified translation. */
  simplified?: Simplification;
  /** The page shows its simplified translation (counted in Counters.simplified while applied). */
  shownSimplified?: boolean;
  /** What its place showed once written (watch/changed-away.ts): a change made out of the page shows against it. */
  shown?: string;
  /** The checked translation written, as decoded (markup/kept-translation.ts): the display mode can change without a
   * request or a second parse. */
  translation?: DocumentFragment;
  /** The same for a simplified translation (decoded against its simplified plan). */
  simplifiedTranslation?: DocumentFragment;
  /** Plain-text fallback results, per Text node. */
  fallback?: Map<Text, string | null>;
  /** A text too long for one request: its parts' translations, in order, until all arrived (schedule/text-parts.ts). */
  pieces?: Map<Text, Array<string | null>>;
  /** The parts of the source such a text was cut into: how their translations are joined (schedule/text-parts.ts). */
  cuts?: Map<Text, string[]>;
}

export interface AttributeUnit extends UnitBase {
  kind: "attribute";
  el: Element;
  name: string;
  value: string;
  lead: string;
  trail: string;
  html: string;
  snapshot?: AttributeSnapshot;
  /** The value we wrote. */
  written?: string;
  /** A label that repeats this element's content: derived from its translation instead of sent, until it cannot be
   * (then unset, and the label is translated as any attribute). */
  from?: Element;
  /** A value too long for one request: its parts' translations, in order, until all arrived (schedule/text-parts.ts). */
  pieces?: Array<string | null>;
  /** The parts of the value it was cut into: how their translations are joined. */
  cuts?: string[];
}

export type Unit = ContentUnit | AttributeUnit;

export interface Job extends QueuedJob {
  id: string;
  unit: Unit;
  request: number;
  /** A simplified translation: the text run this job translates. */
  part?: TextRun;
  /** A unit too long for one request (schedule/text-parts.ts): the Text node this job translates as plain text. */
  textPart?: Text;
  /** Which part of that Text node's text, when it was too long for one request; of an attribute unit's value, the
   * part this job translates (see AttributeUnit.pieces). */
  piece?: number;
  lead: string;
  trail: string;
}

export function unitText(unit: Unit): string {
  return unit.kind === "content" ? unit.encoded.text : unit.value.trim();
}

export function unitHtml(unit: Unit): string {
  return unit.kind === "content" ? unit.encoded.html : unit.html;
}

export function makeJob(unit: Unit, priority: Priority): Job {
  return {
    id: `${unit.id}#${unit.request}`,
    unit,
    request: unit.request,
    html: unitHtml(unit),
    priority,
    main: unit.main === true,
    asked: unit.asked,
    lead: unit.kind === "content" ? unit.encoded.lead : unit.lead,
    trail: unit.kind === "content" ? unit.encoded.trail : unit.trail,
  };
}

/** One of several jobs for a unit's parts (a simplified run, a text or a value too long for one request): its reply
 * is plain text, put together with the others' before anything is written. */
export function isPartJob(job: Job): boolean {
  return job.part !== undefined || job.textPart !== undefined || job.piece !== undefined;
}

/** The job still stands for its unit's current request: not superseded, dropped or already answered. */
export function isCurrent(job: Job): boolean {
  const u = job.unit;
  return u.request === job.request && u.jobs.has(job) && (u.state === "sending" || u.state === "queued");
}

export class Counters {
  readonly #byState = new Map<UnitState, number>();
  /** Elements excluded because their lang is the target language. */
  skippedByLang = 0;
  /** Applied units that show a simplified translation. */
  simplified = 0;

  change(from: UnitState | null, to: UnitState, unit?: Unit): void {
    if (from) this.#byState.set(from, (this.#byState.get(from) ?? 0) - 1);
    this.#byState.set(to, (this.#byState.get(to) ?? 0) + 1);
    if (unit?.kind === "content" && unit.shownSimplified) {
      if (from === "applied") this.simplified--;
      if (to === "applied") this.simplified++;
    }
  }

  count(state: UnitState): number {
    return this.#byState.get(state) ?? 0;
  }

  get found(): number {
    let n = this.skippedByLang;
    for (const [state, count] of this.#byState) if (state !== "retired") n += count;
    return n;
  }

  get skipped(): number {
    return this.count("skipped") + this.skippedByLang;
  }

  reset(): void {
    this.#byState.clear();
    this.skippedByLang = 0;
    this.simplified = 0;
  }
}
