// Translation units as the engine tracks them, and the counters progress is reported from.

import type { ContentUnitSpec } from "./collect/collect";
import type { EncodedUnit } from "./markup/encode";
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
  /** Part of the page's main content (sent before chrome of the same visibility). */
  main?: boolean;
  /** Jobs of the current request (one, or one per text in the plain-text fallback). */
  jobs: Set<Job>;
}

export interface ContentUnit extends UnitBase {
  kind: "content";
  spec: ContentUnitSpec;
  encoded: EncodedUnit;
  /** The texts as they were when encoded: a write is refused if the page changed them meanwhile. */
  sourceTexts: string[];
  snapshot?: ContentSnapshot;
  /** The checked reply written (compact HTML): the display mode can change without a request. */
  reply?: string;
  /** Plain-text fallback results, per Text node. */
  fallback?: Map<Text, string | null>;
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
}

export type Unit = ContentUnit | AttributeUnit;

export interface Job extends QueuedJob {
  id: string;
  unit: Unit;
  request: number;
  /** Plain-text fallback: the Text node this job translates. */
  part?: Text;
  lead: string;
  trail: string;
}

export function unitText(unit: Unit): string {
  return unit.kind === "content" ? unit.encoded.text : unit.value.trim();
}

export function unitHtml(unit: Unit): string {
  return unit.kind === "content" ? unit.encoded.html : unit.html;
}

export function makeJob(unit: Unit, priority: Priority, extra: Partial<Job> = {}): Job {
  return {
    id: `${unit.id}#${unit.request}`,
    unit,
    request: unit.request,
    html: unitHtml(unit),
    priority,
    main: unit.main === true,
    lead: unit.kind === "content" ? unit.encoded.lead : unit.lead,
    trail: unit.kind === "content" ? unit.encoded.trail : unit.trail,
    ...extra,
  };
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

  change(from: UnitState | null, to: UnitState): void {
    if (from) this.#byState.set(from, (this.#byState.get(from) ?? 0) - 1);
    this.#byState.set(to, (this.#byState.get(to) ?? 0) + 1);
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
  }
}
