// What happens to a translator's reply. A good one is decoded, cached and queued for writing (and shared with
// identical units); a bad one is retried once alone, then a content unit falls back to translating its texts one
// by one as plain text (its structure stays untouched), and only then fails. A fatal error stops the session.

import { isFatalError, isSegmentError, type SegmentResult, type TranslateError } from "../../shared/translator";
import type { SelectValues } from "./apply";
import type { DisplayWriter } from "../display/display-writer";
import { decodeText, decodeUnit } from "../markup/decode";
import { hasLetter } from "../dom";
import { encodePlain } from "../markup/encode";
import type { OwnOutput } from "./own-output";
import type { RequestDispatcher } from "../schedule/request-dispatch";
import type { Priority } from "../schedule/scheduler";
import type { Session } from "../session";
import type { PageTranslatorOptions } from "../types";
import type { UnitRegistry } from "../unit-registry";
import { type ContentUnit, isCurrent, type Job, makeJob, type Unit } from "../units";

export interface ReplyDeps {
  win: Window;
  /** The host's options object, read at each use (not copied). */
  opts: Pick<PageTranslatorOptions, "onUnitRejected">;
  cache: Map<string, string>;
  units: Pick<UnitRegistry, "setState" | "claim">;
  requests: Pick<RequestDispatcher, "add" | "addFirst" | "drop" | "fail" | "park" | "share">;
  output: Pick<OwnOutput, "noteValue">;
  display: Pick<DisplayWriter, "content" | "attribute">;
  priorityOf(unit: Unit): Priority;
  write(unit: Unit, apply: (selects: SelectValues) => void): void;
  fatal(session: Session, error: TranslateError): void;
}

export class ReplyHandler {
  readonly #deps: ReplyDeps;

  constructor(deps: ReplyDeps) {
    this.#deps = deps;
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
      if (error.kind === "bad-reply" && error.reason === "lost-placeholder" && unit.kind === "content" && !job.part) {
        // The translator already retried; go straight to the plain-text fallback.
        this.#startFallback(unit);
        return;
      }
      this.#deps.requests.fail(unit);
      return;
    }
    this.accept(job, result.html);
  }

  /** A reply for a job: check it and queue the write, or handle the rejection. */
  accept(job: Job, html: string): void {
    const { win, cache, requests, output } = this.#deps;
    const unit = job.unit;
    if (job.part && unit.kind === "content") {
      const d = decodeText(win, html, job.lead, job.trail);
      if (!d.ok) {
        this.#deps.opts.onUnitRejected?.({ id: job.id, html: job.html }, d.reason);
        requests.fail(unit);
        return;
      }
      cache.set(job.html, html);
      unit.jobs.delete(job);
      unit.fallback?.set(job.part, d.text);
      if (unit.jobs.size === 0 && unit.fallback) {
        const texts = new Map<Text, string>();
        for (const [t, v] of unit.fallback) if (v !== null) texts.set(t, v);
        this.#deps.write(unit, (selects) => this.#deps.display.content(unit, texts, selects));
      }
      return;
    }
    if (unit.kind === "content") {
      const d = decodeUnit(win, html, unit.encoded);
      if (!d.ok) {
        this.#reject(job, d.reason);
        return;
      }
      cache.set(job.html, html);
      requests.share(job, html);
      const fragment = d.fragment;
      this.#deps.write(unit, (selects) => {
        unit.reply = html;
        this.#deps.display.content(unit, fragment, selects);
      });
      return;
    }
    const d = decodeText(win, html, unit.lead, unit.trail);
    if (!d.ok) {
      this.#reject(job, d.reason);
      return;
    }
    cache.set(job.html, html);
    requests.share(job, html);
    this.#deps.write(unit, () => {
      this.#deps.display.attribute(unit, d.text);
      output.noteValue(d.text);
    });
  }

  #reject(job: Job, reason: string): void {
    const unit = job.unit;
    this.#deps.opts.onUnitRejected?.({ id: job.id, html: job.html }, reason);
    unit.attempts++;
    if (unit.attempts === 1) {
      // Retry once, alone (a batch-mate cannot confuse it), at the front of the queue.
      this.#deps.requests.drop(unit);
      unit.request++;
      this.#deps.units.setState(unit, "queued");
      const retry = makeJob(unit, this.#deps.priorityOf(unit), { solo: true });
      unit.jobs.add(retry);
      this.#deps.requests.addFirst(retry);
      return;
    }
    if (unit.kind === "content" && !unit.fallback) this.#startFallback(unit);
    else this.#deps.requests.fail(unit);
  }

  /** Translate the unit's texts one by one as plain text; its structure stays untouched. */
  #startFallback(unit: ContentUnit): void {
    const { cache, requests } = this.#deps;
    requests.drop(unit);
    unit.request++;
    unit.fallback = new Map();
    const priority = this.#deps.priorityOf(unit);
    const parts: Job[] = [];
    unit.encoded.texts.forEach((text, i) => {
      if (!hasLetter(text.data)) return;
      const plain = encodePlain(text.data, unit.encoded.collapse);
      unit.fallback?.set(text, null);
      parts.push({
        id: `${unit.id}#${unit.request}.${i}`,
        unit,
        request: unit.request,
        html: plain.html,
        lead: plain.lead,
        trail: plain.trail,
        part: text,
        priority,
      });
    });
    if (!parts.length) {
      requests.fail(unit);
      return;
    }
    this.#deps.units.setState(unit, "queued");
    for (const p of parts) unit.jobs.add(p);
    for (const p of parts) {
      const cached = cache.get(p.html);
      if (cached !== undefined) this.accept(p, cached);
      else if (unit.jobs.has(p)) requests.add(p);
    }
  }
}
