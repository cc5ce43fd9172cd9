// What happens to a translator's reply. A good one is decoded, cached and queued for writing (and shared with
// identical units); one the translator used although it misses glossary terms is written too, not cached, and
// counted with its terms. An unusable one (the translator's bad reply, or one that fails decoding here) is retried once:
// the unit goes with the next batch, so the retry costs no request of its own. If that fails too, a content unit is
// translated with simplified formatting (its text runs as plain text, links and other kept elements in place, see
// markup/simplify.ts), so the reader gets a translation rather than the original; only a unit with nothing to
// simplify, or whose runs fail as well, stays original. A unit too long for one request goes as plain text in parts
// (schedule/text-parts.ts) and is written once every part is back. A fatal error stops the session.

import {
  badReplyError,
  type BadReplyReason,
  isFatalError,
  isSegmentError,
  type SegmentResult,
  type TranslateError,
} from "../../shared/translator";
import type { SelectValues } from "./apply";
import type { DisplayWriter } from "../display/display-writer";
import type { TranslationCache } from "../bounded-map";
import { decodeSimplified, decodeText, decodeUnit } from "../markup/decode";
import { keepTranslation } from "../markup/kept-translation";
import { planSimplified, simplifiedHtml } from "../markup/simplify";
import { putAttributePart, putPart } from "../schedule/text-parts";
import type { OwnOutput } from "./own-output";
import type { RequestDispatcher } from "../schedule/request-dispatch";
import type { Priority } from "../schedule/scheduler";
import type { TaskClock } from "../schedule/task-clock";
import { warmUpWrite } from "./warm-up";
import type { Session } from "../session";
import type { PageTranslatorOptions } from "../types";
import type { UnitRegistry } from "../unit-registry";
import { type AttributeUnit, type ContentUnit, isCurrent, isPartJob, type Job, makeJob, type Unit } from "../units";

export interface ReplyDeps {
  win: Window;
  clock: TaskClock;
  /** The host's options object, read at each use (not copied). */
  opts: Pick<PageTranslatorOptions, "onUnitRejected">;
  cache: TranslationCache;
  units: Pick<UnitRegistry, "setState" | "claim">;
  requests: Pick<RequestDispatcher, "addFirst" | "drop" | "fail" | "park" | "queueJobs" | "share">;
  output: Pick<OwnOutput, "noteValue">;
  display: Pick<DisplayWriter, "content" | "attribute">;
  priorityOf(unit: Unit): Priority;
  write(unit: Unit, apply: (selects: SelectValues) => void): void;
  fatal(session: Session, error: TranslateError): void;
}

export class ReplyHandler {
  readonly #deps: ReplyDeps;
  #ready = false;

  constructor(deps: ReplyDeps) {
    this.#deps = deps;
  }

  /** A request is out: warm the write path up in a task of its own, before the first reply comes to be written. */
  getReady(): void {
    if (this.#ready) return;
    this.#ready = true;
    const { win, clock } = this.#deps;
    clock.soon(() => warmUpWrite(win));
  }

  onResult(session: Session, job: Job, result: SegmentResult): void {
    if (!isCurrent(job)) return; // stale: the unit changed or was re-requested
    const unit = job.unit;
    if (isSegmentError(result)) {
      const error = result.error;
      if (isFatalError(error)) {
        this.#deps.fatal(session, error);
        return;
      }
      if (error.kind === "aborted" && session.stopped) {
        this.#deps.requests.park(unit);
        return;
      }
      if (error.kind === "bad-reply" && !isPartJob(job)) {
        this.#unusable(job, error);
        return;
      }
      this.#deps.requests.fail(unit, error);
      return;
    }
    this.accept(job, result.html, result.unmet);
  }

  /**
   * A reply for a job: check it and queue the write, or handle the rejection. `unmet`: glossary terms the reply
   * does not follow; it is used all the same, but not kept for identical text later (the next ask may do better).
   */
  accept(job: Job, html: string, unmet?: readonly string[]): void {
    const { win, requests, output } = this.#deps;
    const unit = job.unit;
    if (job.textPart && unit.kind === "content") {
      this.#acceptTextPart(unit, job, html, unmet);
      return;
    }
    if (job.part && unit.kind === "content") {
      this.#acceptRun(unit, job, html, unmet);
      return;
    }
    if (job.piece !== undefined && unit.kind === "attribute") {
      this.#acceptAttributePart(unit, job, html, unmet);
      return;
    }
    if (unit.kind === "content") {
      const d = decodeUnit(win, html, unit.encoded);
      if (!d.ok) {
        this.#rejected(job, d.reason, d.detail);
        return;
      }
      this.#keep(job, html, unmet);
      requests.share(job, html, unmet);
      const fragment = d.fragment;
      this.#deps.write(unit, (selects) => {
        unit.translation = keepTranslation(win.document, fragment);
        this.#deps.display.content(unit, fragment, selects);
      });
      return;
    }
    const d = decodeText(win, html, job);
    if (!d.ok) {
      this.#rejected(job, d.reason, d.detail);
      return;
    }
    this.#keep(job, html, unmet);
    requests.share(job, html, unmet);
    this.#deps.write(unit, () => {
      this.#deps.display.attribute(unit, d.text);
      output.noteValue(d.text, unit.value);
    });
  }

  /** A checked reply goes into the session's cache, unless it missed glossary terms (then the unit records them). */
  #keep(job: Job, html: string, unmet: readonly string[] | undefined): void {
    const unit = job.unit;
    if (!unmet?.length) {
      this.#deps.cache.set(job.html, html);
      // A whole reply decides alone; a part's adds to what the unit's other parts missed.
      if (!isPartJob(job)) unit.unmet = undefined;
      return;
    }
    unit.unmet = isPartJob(job) ? [...new Set([...(unit.unmet ?? []), ...unmet])] : unmet;
  }

  /** The engine itself found the reply unusable: the translator's cache may hold it, so it is reported too. */
  #rejected(job: Job, reason: BadReplyReason, detail: string): void {
    this.#deps.opts.onUnitRejected?.({ id: job.id, html: job.html }, reason);
    this.#unusable(job, badReplyError(reason, detail));
  }

  /** First time: once more, with the next batch. Then: a simplified translation, or the original. */
  #unusable(job: Job, error: TranslateError): void {
    const unit = job.unit;
    unit.attempts++;
    if (unit.attempts === 1) {
      this.#deps.requests.drop(unit);
      unit.request++;
      this.#deps.units.setState(unit, "queued");
      const retry = makeJob(unit, this.#deps.priorityOf(unit));
      unit.jobs.add(retry);
      this.#deps.requests.addFirst(retry);
      return;
    }
    if (unit.kind === "content" && !unit.simplified) this.#simplify(unit, error);
    else this.#deps.requests.fail(unit, error);
  }

  /** Translate the unit's text runs as plain text, without their formatting; kept elements stay in place. */
  #simplify(unit: ContentUnit, reason: TranslateError): void {
    const { requests } = this.#deps;
    const plan = planSimplified(unit.encoded);
    // A unit without markup would only be asked the same thing again.
    if (!plan) {
      requests.fail(unit, reason);
      return;
    }
    requests.drop(unit);
    unit.request++;
    // Its runs are asked afresh: only what their replies miss counts.
    unit.unmet = undefined;
    const texts = new Map(plan.runs.filter((r) => r.translate).map((r) => [r, null as string | null]));
    unit.simplified = { plan, texts, reason };
    const priority = this.#deps.priorityOf(unit);
    const parts: Job[] = [...texts.keys()].map((run, i) => ({
      id: `${unit.id}#${unit.request}.${i}`,
      unit,
      request: unit.request,
      html: run.html,
      lead: run.lead,
      trail: run.trail,
      part: run,
      priority,
      main: unit.main === true,
    }));
    requests.queueJobs(unit, parts);
    // Nothing to translate (only markup and names): written as it is.
    if (!parts.length) this.#writeSimplified(unit);
  }

  /** One part of a unit too long for one request; the unit is written, structure untouched, once all are back. */
  #acceptTextPart(unit: ContentUnit, job: Job, html: string, unmet?: readonly string[]): void {
    const text = this.#decodePart(unit, job, html, unmet);
    if (text === undefined) return;
    putPart(unit, job, text);
    if (unit.jobs.size > 0 || !unit.fallback) return;
    const texts = new Map<Text, string>();
    for (const [t, v] of unit.fallback) if (v !== null) texts.set(t, v);
    this.#deps.write(unit, (selects) => this.#deps.display.content(unit, texts, selects));
  }

  /** One part of an attribute value too long for one request; the value is written once every part is back. */
  #acceptAttributePart(unit: AttributeUnit, job: Job, html: string, unmet?: readonly string[]): void {
    const text = this.#decodePart(unit, job, html, unmet);
    if (text === undefined) return;
    const value = putAttributePart(unit, job, text);
    if (value === undefined || unit.jobs.size > 0) return;
    this.#deps.write(unit, () => {
      this.#deps.display.attribute(unit, value);
      this.#deps.output.noteValue(value, unit.value);
    });
  }

  /** One run's translation; the unit is written once every run has one. */
  #acceptRun(unit: ContentUnit, job: Job, html: string, unmet?: readonly string[]): void {
    const simplified = unit.simplified;
    const run = job.part;
    if (!simplified || !run) return;
    const text = this.#decodePart(unit, job, html, unmet);
    if (text === undefined) return;
    simplified.texts.set(run, text);
    if (unit.jobs.size === 0) this.#writeSimplified(unit);
  }

  /** A plain-text part's reply, decoded and kept (its job done); undefined when unusable (the unit failed). */
  #decodePart(unit: Unit, job: Job, html: string, unmet?: readonly string[]): string | undefined {
    const d = decodeText(this.#deps.win, html, job);
    if (!d.ok) {
      this.#deps.opts.onUnitRejected?.({ id: job.id, html: job.html }, d.reason);
      this.#deps.requests.fail(unit, badReplyError(d.reason, d.detail));
      return undefined;
    }
    this.#keep(job, html, unmet);
    unit.jobs.delete(job);
    return d.text;
  }

  #writeSimplified(unit: ContentUnit): void {
    const simplified = unit.simplified;
    if (!simplified) return;
    const translations = new Map<(typeof simplified.plan.runs)[number], string>();
    for (const [run, text] of simplified.texts) if (text !== null) translations.set(run, text);
    const html = simplifiedHtml(simplified.plan, translations);
    const d = decodeSimplified(this.#deps.win, html, unit.encoded, simplified.plan.flattened);
    if (!d.ok) {
      this.#deps.requests.fail(unit, badReplyError(d.reason, d.detail));
      return;
    }
    const fragment = d.fragment;
    const { display, win } = this.#deps;
    this.#deps.write(unit, (selects) => {
      unit.simplifiedTranslation = keepTranslation(win.document, fragment);
      display.content(unit, fragment, selects);
      unit.shownSimplified = true;
    });
  }
}
