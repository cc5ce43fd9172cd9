// Getting units to the translator: queue each unit's request (or answer it from the cache, or let it follow an
// identical one), pump batches from the priority queue up to the concurrency limit, and hand every result of a
// request to the reply handler. Requests are asynchronous, so at every step a job whose unit moved on, or whose
// session stopped or was restored, is dropped instead of acted on. Each session starts small (SlowStart): the first
// request per slot carries little, later ones more, up to the batch limit.

import type { SegmentResult, TranslateError } from "../../shared/translator";
import type { TranslationCache } from "../bounded-map";
import type { PoolMember } from "./request-pool";
import { SharedRequests } from "./shared-requests";
import { type BatchLimits, JobQueue, type Place, type Priority, PRIORITY_VISIBLE } from "./scheduler";
import { SlowStart } from "./slow-start";
import type { Session } from "../session";
import type { PageTranslatorOptions } from "../types";
import { DETECTION_WAIT_MS } from "../collect/page-language";
import type { UnitRegistry } from "../unit-registry";
import { isCurrent, type Job, makeJob, type Unit } from "../units";
import { oversized } from "../collect/oversize";
import { attributePartJobs, partJobs, recutPart } from "./text-parts";
import { weightedLength } from "./weighted-length";

const DEFAULT_MAX_BATCH_CHARS = 1500;
const DEFAULT_MAX_BATCH_SEGMENTS = 16;
const DEFAULT_MAX_CONCURRENT = 2;
/** The longest the first request goes alone (firstAlone) before the other slots start anyway. */
export const FIRST_ALONE_MAX_MS = 1500;

type DispatchOptions = Pick<
  PageTranslatorOptions,
  | "translator"
  | "targetLang"
  | "sourceLang"
  | "detectLang"
  | "maxBatchChars"
  | "maxBatchSegments"
  | "maxConcurrent"
  | "requestsAhead"
  | "firstAlone"
  | "requestPool"
>;

/** A part of a text or attribute value too long for one request (not a simplified translation's run). */
const isPlainPart = (job: Job): boolean =>
  job.textPart !== undefined || (job.unit.kind === "attribute" && job.piece !== undefined);

/** A request that ended without a word about this unit. */
const NO_ANSWER: TranslateError = {
  kind: "server-error",
  message: "The server's reply ended before these passages were translated.",
  fix: "Try again; if it keeps happening, check the server's log.",
};

export interface DispatchDeps {
  /** The host's options object: limits are read once, the rest at each use (not copied). */
  opts: DispatchOptions;
  /** Translations of this page load, by source HTML. */
  cache: Pick<TranslationCache, "get">;
  units: Pick<UnitRegistry, "setState" | "unitsAt" | "all">;
  session(): Session | null;
  priorityOf(unit: Unit): Priority;
  /** The language detection of units about to be sent (see PageLanguage): at most a short wait, never a block. */
  language: {
    readonly enabled: boolean;
    check(session: Session, unit: Unit, skip: (unit: Unit) => void): Promise<void> | undefined;
    pending(unit: Unit): Promise<void> | undefined;
  };
  /** Wait this long (the engine's window timer): a time limit. */
  delay(ms: number): Promise<void>;
  /** Wait for the next task (TaskClock: not slowed in a hidden tab). */
  nextTask(): Promise<void>;
  now(): number;
  accept(job: Job, html: string, unmet?: readonly string[]): void;
  /** The unit's nodes are still where and what they were when it was encoded. */
  intact(unit: Unit): boolean;
  /** The page changed or dropped the unit before it was sent. */
  changed(unit: Unit): void;
  onResult(session: Session, job: Job, result: SegmentResult): void;
  /** A request left: what its reply needs can get ready meanwhile. */
  sent(): void;
  /** A write after a quiet frame is queued and not made yet. */
  writeImminent(): boolean;
  progress(): void;
  checkIdle(): void;
  /** The unit was skipped as already in the target language (after its state changed). */
  skipped(unit: Unit): void;
}

export class RequestDispatcher {
  readonly #deps: DispatchDeps;
  #limits: BatchLimits;
  #maxConcurrent: number;
  readonly #ahead: number;
  readonly #shared = new SharedRequests();
  readonly #slowStart = new SlowStart();
  #queue = new JobQueue<Job>();
  /** Jobs in a request, not answered yet. */
  #out = new Set<Job>();
  #pumping = false;
  #pumpAgain = false;
  /** This session's first request goes alone until its first reply (firstAlone, and the tab's first). */
  #firstAlone = false;
  /** This dispatcher in the tab's request pool (request-pool.ts), if other documents share it. */
  readonly #member: PoolMember = { next: () => this.#nextPlace(), pump: () => void this.pump() };

  constructor(deps: DispatchDeps) {
    this.#deps = deps;
    this.#limits = {
      maxChars: deps.opts.maxBatchChars ?? DEFAULT_MAX_BATCH_CHARS,
      maxSegments: deps.opts.maxBatchSegments ?? DEFAULT_MAX_BATCH_SEGMENTS,
    };
    this.#maxConcurrent = Math.max(1, deps.opts.maxConcurrent ?? DEFAULT_MAX_CONCURRENT);
    this.#ahead = Math.max(0, deps.opts.requestsAhead ?? 0);
  }

  /** New limits (the server said what it can do): the next batches follow them. */
  setLimits(limits: { maxBatchChars?: number; maxConcurrent?: number }): void {
    const shrunk = !!limits.maxBatchChars && limits.maxBatchChars < this.#limits.maxChars;
    if (limits.maxBatchChars) this.#limits = { ...this.#limits, maxChars: limits.maxBatchChars };
    if (limits.maxConcurrent) this.#maxConcurrent = Math.max(1, limits.maxConcurrent);
    if (shrunk) this.#recut();
    void this.pump();
  }

  /**
   * Units queued whole that no longer fit one request are collected again, so cut at their nodes to the new limit
   * (which comes after the first screen was collected for the default's): as they are, they would fail as too long.
   * A tooltip too long is queued again, so cut into parts.
   */
  #recut(): void {
    const session = this.#deps.session();
    if (!session || session.stopped) return;
    const over = [...this.#deps.units.all()].filter(
      (u) => u.state === "queued" && this.#tooLong(u) && (u.kind === "attribute" || ![...u.jobs].some((j) => j.part)),
    );
    // A follower let go by its leader's recut is queued again in parts meanwhile: it is collected again all the same.
    for (const unit of over) {
      if (unit.state !== "queued") continue;
      if (unit.kind === "content") this.#deps.changed(unit);
      else this.enqueue(unit, false);
    }
    for (const unit of this.#deps.units.all()) if (unit.state === "sending") this.#recutParts(unit);
  }

  /**
   * A unit sent in parts with some out already: its queued parts too long for the new limit are cut again in their
   * place (schedule/text-parts.ts), what is out or answered kept. Sent as they were, they would fail as too long.
   */
  #recutParts(unit: Unit): void {
    const max = this.#limits.maxChars;
    for (const job of [...unit.jobs]) {
      const waiting = this.#queue.has(job) || this.#shared.leaderOf(job);
      if (!isPlainPart(job) || !waiting || weightedLength(job.html) <= max) continue;
      const parts = recutPart(unit, job, max);
      if (parts.length === 1 && parts[0] === job) continue;
      // Its repeats' parts are cut again as theirs: they follow the new ones.
      this.#shared.release(job);
      this.#queue.remove(job);
      unit.jobs.delete(job);
      this.#addParts(unit, parts);
    }
  }

  /** Compact-HTML characters one request may carry, weighed by script (weighted-length.ts): a unit longer than this
   * is split (see collect/oversize.ts). */
  get maxChars(): number {
    return this.#limits.maxChars;
  }

  /** A new session: its first requests are small again. */
  restart(): void {
    // The last session's requests, aborted, answer nobody: repeats must not wait for them.
    this.#out = new Set();
    this.#slowStart.reset();
    this.#firstAlone = false;
    this.#deps.opts.requestPool?.join(this.#member);
  }

  /** Where this dispatcher's next job stands, when it could send it now (see RequestPool.mayTake). */
  #nextPlace(): number | undefined {
    const session = this.#deps.session();
    if (!session || session.stopped || session.starting || session.inFlight >= this.#window()) return undefined;
    return this.#queue.nextPlace;
  }

  /** Room for a request in the tab, where other documents' engines share it. */
  #poolAllows(): boolean {
    const pool = this.#deps.opts.requestPool;
    return !pool || pool.mayTake(this.#member, this.#maxConcurrent + this.#ahead);
  }

  /** The unit is already in the target language: it is not sent, or its reply is not used. */
  skip(unit: Unit): void {
    this.drop(unit);
    this.#deps.units.setState(unit, "skipped");
    this.#deps.skipped(unit);
    this.#deps.progress();
    this.#deps.checkIdle();
  }

  /** Queued work, or a pump waiting for language detection. */
  get busy(): boolean {
    return this.#pumping || this.#queue.size > 0;
  }

  /** Queue a unit's request (or write its cached translation straight away). `fresh` forgets earlier rejections. */
  enqueue(unit: Unit, fresh: boolean): void {
    this.drop(unit);
    if (fresh) {
      unit.attempts = 0;
      if (unit.kind === "content") unit.simplified = undefined;
    }
    unit.request++;
    this.#deps.units.setState(unit, "queued");
    // Counted as simplified until it left "applied" (just now); whatever it shows next is decided afresh.
    if (unit.kind === "content") unit.shownSimplified = false;
    unit.unmet = undefined;
    if (this.#tooLong(unit)) {
      // Still too long (or too deep) for one request once split at its nodes: its texts go as plain text in parts.
      this.queueParts(unit);
      return;
    }
    const job = makeJob(unit, this.#deps.priorityOf(unit));
    const cached = this.#deps.cache.get(job.html);
    if (cached !== undefined && unit.attempts === 0) {
      this.#deps.units.setState(unit, "sending");
      unit.jobs.add(job);
      this.#deps.accept(job, cached);
      return;
    }
    unit.jobs.add(job);
    this.#queueShared(job);
  }

  /** Queue the job, or let it follow the request for the same HTML. */
  #queueShared(job: Job): void {
    const leader = this.#shared.join(job, this.#out);
    if (leader) this.#place(leader, leader);
    else this.#queue.add(job);
  }

  /**
   * A shared request goes at the best place of `own` (its leader's; #resettle: where its unit is) and its followers':
   * they get nothing before its reply (a label in view under a comment waited for the same label far away).
   */
  #place(leader: Job, own: Place): void {
    const best = this.#shared.best(leader, own);
    this.#queue.setPriority(leader, best.priority, best.main, best.asked);
  }

  #tooLong(unit: Unit): boolean {
    if (unit.kind === "attribute") return weightedLength(unit.html) > this.#limits.maxChars;
    return oversized(unit.encoded, this.#limits.maxChars);
  }

  /**
   * Translate the unit's texts one by one as plain text, each in parts that fit a request (schedule/text-parts.ts),
   * for its current request: parts already in the cache are answered at once. A unit with no text to send fails.
   */
  queueParts(unit: Unit): void {
    const max = this.#limits.maxChars;
    const priority = this.#deps.priorityOf(unit);
    const parts = unit.kind === "content" ? partJobs(unit, max, priority) : attributePartJobs(unit, max, priority);
    if (!parts.length) {
      this.fail(unit);
      return;
    }
    this.queueJobs(unit, parts);
  }

  /** The unit's requests are now these parts: those already in the cache are answered at once, the rest queued. */
  queueJobs(unit: Unit, parts: Job[]): void {
    this.#deps.units.setState(unit, "queued");
    this.#addParts(unit, parts);
  }

  #addParts(unit: Unit, parts: Job[]): void {
    for (const p of parts) unit.jobs.add(p);
    for (const p of parts) {
      const cached = this.#deps.cache.get(p.html);
      if (cached !== undefined) this.#deps.accept(p, cached);
      // An answer from the cache may have settled the unit (and dropped its other parts) already. Identical long
      // tooltips are cut alike: each part is asked once for all.
      else if (unit.jobs.has(p)) this.#queueShared(p);
    }
  }

  /**
   * Queue a retry ahead of everything else of its priority. Repeats of its text that followed the first ask were let
   * go (drop) and queued on their own: the retry follows the first of them, which takes its place; the text is asked
   * again once.
   */
  addFirst(job: Job): void {
    const leader = this.#shared.join(job, this.#out);
    if (leader) {
      if (this.#queue.has(leader)) {
        this.#place(leader, leader);
        this.#queue.addFirst(leader);
      }
      return;
    }
    this.#queue.addFirst(job);
  }

  /** Send a queued unit before everything else (a passage the reader asked for). */
  first(unit: Unit): void {
    const sending = unit.state === "sending";
    if (!sending && unit.state !== "queued") return;
    this.#ask(unit);
    // Its own jobs, when all are queued: a unit sent in parts (too long for one request, or simplified) keeps them,
    // and one with a part out already has the rest go next, not after the page. A repeat of text found before waits
    // for that one's request: that goes first (or is out already), the text is asked once.
    const jobs = [...unit.jobs].map((j) => this.#shared.leaderOf(j) ?? j);
    const queued = jobs.filter((j) => this.#queue.has(j));
    if (sending || (jobs.length && jobs.every((j) => queued.includes(j) || this.#out.has(j)))) {
      this.#promote(queued);
      return;
    }
    this.drop(unit);
    const job = makeJob(unit, PRIORITY_VISIBLE);
    unit.jobs.add(job);
    // Through the shared requests: a request for its text whose reply came and waits to be written (its language
    // still being told) is followed, not asked again.
    this.addFirst(job);
  }

  /**
   * Withdraw the unit's current jobs; units that were following one of them get on without it, unless it is out:
   * its reply is for their text still, and comes sooner than a request of their own (see #send).
   */
  drop(unit: Unit): void {
    const jobs = [...unit.jobs];
    unit.jobs.clear();
    for (const j of jobs) {
      this.#queue.remove(j);
      if (!this.#out.has(j)) this.#releaseFollowers(j, null);
      // A repeat gone: the request it waited for takes the place of those still waiting for it.
      const leader = this.#shared.leaderOf(j);
      if (leader) this.#resettle(leader);
    }
  }

  #resettle(leader: Job, priority = this.#deps.priorityOf(leader.unit)): void {
    this.#place(leader, { priority, main: leader.unit.main, asked: leader.unit.asked });
  }

  /** The unit stays in the original; `error` says why (reported to the host). */
  fail(unit: Unit, error: TranslateError = NO_ANSWER): void {
    this.drop(unit);
    unit.failure = error;
    this.#deps.units.setState(unit, "failed");
  }

  /** The session stopped: the unit stays original and is sent again by the next translate(). */
  park(unit: Unit): void {
    this.drop(unit);
    this.#deps.units.setState(unit, "waiting");
  }

  /** The leader's reply is good: its followers get it too. */
  share(leader: Job, html: string, unmet?: readonly string[]): void {
    this.#releaseFollowers(leader, html, unmet);
  }

  /** Units waiting for the same HTML get the leader's reply, or are queued on their own if it has none. */
  #releaseFollowers(leader: Job, html: string | null, unmet?: readonly string[]): void {
    for (const f of this.#shared.release(leader)) {
      if (!isCurrent(f)) continue;
      const session = this.#deps.session();
      if (html !== null) this.#deps.accept(f, html, unmet);
      else if (session && !session.stopped) this.enqueue(f.unit, false);
      else {
        f.unit.jobs.delete(f);
        this.#deps.units.setState(f.unit, "waiting");
      }
    }
  }

  /** The reader asked for it: its requests (and those it waits for) go first wherever it moves meanwhile. */
  #ask(unit: Unit): void {
    unit.asked = true;
    for (const j of unit.jobs) this.#queue.setPriority(j, j.priority, j.main, true);
  }

  /** The reader opened what hid these anchors (a closed `<details>`): their queued jobs go first, in reading order. */
  opened(anchors: Element[]): void {
    const units = anchors.flatMap((el) => [...(this.#deps.units.unitsAt(el) ?? [])]);
    for (const unit of units) this.#ask(unit);
    const jobs = units.flatMap((unit) => [...unit.jobs]);
    // A repeat of text found before waits for that one's request: it goes first in its stead.
    const wanted = jobs.map((j) => this.#shared.leaderOf(j) ?? j);
    this.#promote([...new Set(wanted)].filter((j) => this.#queue.has(j)));
    void this.pump();
  }

  /** These queued jobs go before everything else, in their order (the rest of a long unit no longer waits). */
  #promote(jobs: Job[]): void {
    for (const job of [...jobs].reverse()) {
      this.#queue.remove(job);
      job.asked = true;
      this.#queue.addFirst(job);
    }
  }

  reprioritise(el: Element, priority: Priority): void {
    for (const unit of this.#deps.units.unitsAt(el) ?? [])
      for (const job of unit.jobs) {
        // A leader scrolled out of view keeps the place of a repeat of it in view, which waits for its reply; a repeat
        // that moves takes that request to the best place of those still waiting for it.
        const leader = this.#shared.leaderOf(job);
        if (leader) this.#queue.setPriority(job, priority);
        this.#resettle(leader ?? job, leader ? undefined : priority);
      }
    if (priority === PRIORITY_VISIBLE) void this.pump();
  }

  /** Unqueue everything; requests in flight are not affected. */
  clear(): void {
    this.#queue.clear();
  }

  /** Forget the queue and every shared request (restore()). */
  reset(): void {
    this.#queue = new JobQueue();
    this.#out = new Set();
    this.#shared.clear();
    this.#deps.opts.requestPool?.leave(this.#member);
  }

  /** A pump waits for an imminent write (see pump). */
  #deferred = false;

  /** Send batches while there are slots and work. Re-entrant calls make the running pump go round once more. */
  async pump(): Promise<void> {
    if (this.#pumping) {
      this.#pumpAgain = true;
      return;
    }
    // The first words after a quiet moment are about to be written: the sends (encoding, posting, a request's
    // set-up in the page) wait one task for them, the write's timer being already set.
    if (this.#deps.writeImminent()) {
      // One deferred pump however often it is asked for meanwhile (every stage and reply asks).
      if (!this.#deferred) {
        this.#deferred = true;
        void this.#deps.nextTask().then(() => {
          this.#deferred = false;
          void this.pump();
        });
      }
      return;
    }
    this.#pumping = true;
    try {
      do {
        this.#pumpAgain = false;
        const session = this.#deps.session();
        while (
          session &&
          session === this.#deps.session() &&
          !session.stopped &&
          !session.starting &&
          session.inFlight < this.#window() &&
          this.#queue.size > 0 &&
          this.#poolAllows()
        ) {
          this.#slowStart.resume(this.#deps.now());
          const slots = this.#maxConcurrent;
          const maxChars = Math.min(this.#limits.maxChars, this.#slowStart.budget(slots));
          const maxSegments = this.#slowStart.segments(slots, this.#limits.maxSegments);
          let batch = this.#queue.takeBatch({ maxChars, maxSegments }, { slots });
          if (this.#deps.language.enabled) await this.#detected(session, batch);
          if (session !== this.#deps.session() || session.stopped) break;
          // A unit may have changed, or turned out to be in the target language, while it was being detected; one
          // the page changed or dropped meanwhile is not worth a request (a ticker drops content before it is sent).
          batch = batch.filter(isCurrent);
          // Each unit once: a unit sent as plain text has a job per text, and looks at all its nodes each time.
          for (const unit of new Set(batch.map((j) => j.unit))) if (!this.#deps.intact(unit)) this.#deps.changed(unit);
          batch = batch.filter(isCurrent);
          if (batch.length) void this.#send(session, batch);
        }
      } while (this.#pumpAgain);
    } finally {
      this.#pumping = false;
      this.#deps.opts.requestPool?.pumped(this.#member);
      this.#deps.progress();
      this.#deps.checkIdle();
    }
  }

  /** Requests that may be out at once: one until the first reply, when the first goes alone (firstAlone). */
  #window(): number {
    if (this.#firstAlone && this.#slowStart.awaitingFirstReply) return 1;
    return this.#maxConcurrent + this.#ahead;
  }

  /** The session's first reply came (or its request ended without one): the other slots may start. A session that
   * ended meanwhile says nothing about the next one's first request. */
  #firstReply(session: Session): void {
    if (session !== this.#deps.session() || !this.#slowStart.awaitingFirstReply) return;
    this.#slowStart.replied();
    this.#deps.opts.requestPool?.unhold(this.#member);
    void this.pump();
  }

  /** Start the batch's detections and give them a moment: most answer at once, none holds the request back long. */
  async #detected(session: Session, batch: Job[]): Promise<void> {
    const skip = (unit: Unit): void => this.skip(unit);
    // Once per unit: the parts of a long attribute value are judged as the whole value is (not a content unit's
    // parts, whose unit is not sent whole).
    const units = new Set(batch.filter((j) => !j.part && !j.textPart).map((j) => j.unit));
    const waits = [...units].map((unit) => this.#deps.language.check(session, unit, skip));
    const pending = waits.filter((w): w is Promise<void> => w !== undefined);
    if (pending.length) await Promise.race([Promise.all(pending), this.#deps.delay(DETECTION_WAIT_MS)]);
  }

  async #send(session: Session, batch: Job[]): Promise<void> {
    const opts = this.#deps.opts;
    this.#slowStart.sent();
    // A first request that is slow to answer (a model still loading, a busy server) holds the others back only so long.
    if (opts.firstAlone && this.#slowStart.awaitingFirstReply) {
      // Alone only where it is the tab's first (request-pool.ts): a frame's, after the page's words, is not.
      this.#firstAlone = opts.requestPool?.hold(this.#member) ?? true;
    }
    if (this.#firstAlone && this.#slowStart.awaitingFirstReply) {
      void this.#deps.delay(FIRST_ALONE_MAX_MS).then(() => this.#firstReply(session));
    }
    session.inFlight++;
    opts.requestPool?.taken(this.#member);
    const open = new Map(batch.map((j) => [j.id, j]));
    for (const j of batch) this.#out.add(j);
    for (const j of batch) this.#deps.units.setState(j.unit, "sending");
    this.#deps.progress();
    try {
      const segments = batch.map((j) => ({ id: j.id, html: j.html }));
      const replies = opts.translator(segments, {
        targetLang: opts.targetLang,
        ...(opts.sourceLang ? { sourceLang: opts.sourceLang } : {}),
        signal: session.controller.signal,
        // An unusable reply comes back as it is: its unit goes again with the next batch (reply-handling.ts).
        retryBadReplies: false,
      });
      this.#deps.sent();
      for await (const result of replies) {
        if (session !== this.#deps.session() || session.stopped) break;
        const job = open.get(result.id);
        if (!job) continue;
        open.delete(result.id);
        this.#out.delete(job);
        if (!isCurrent(job) && this.#shared.leads(job)) {
          // Its unit moved on (the page changed it); units of the same text waited for this reply.
          this.#releaseFollowers(
            job,
            "html" in result ? result.html : null,
            "html" in result ? result.unmet : undefined,
          );
          this.#firstReply(session);
          continue;
        }
        // Sent before its language was known: decide that first (a unit in the target language is not written).
        const detecting = this.#deps.language.pending(job.unit);
        if (detecting) {
          this.#firstReply(session);
          await detecting;
        }
        if (session !== this.#deps.session() || session.stopped) break;
        this.#deps.onResult(session, job, result);
        // A part kept (the reply handler shares whole replies only): the same part of its repeats gets it too.
        if (!isCurrent(job) && "html" in result) this.#releaseFollowers(job, result.html, result.unmet);
        // Only now the other slots may start: the reply's write is queued, and goes ahead of their sends (pump).
        this.#firstReply(session);
      }
    } catch (error) {
      // The seam reports errors as values; a throw is a bug in the translator. Its segments fail below.
      console.warn("Gloss: the translator threw", error);
    } finally {
      session.inFlight--;
      if (!session.inFlight && !this.#queue.size) this.#slowStart.quiet(this.#deps.now());
      // A request of a session restored meanwhile left the pool with it (RequestPool.leave).
      if (session === this.#deps.session()) opts.requestPool?.released(this.#member);
      this.#firstReply(session);
      // After restore() the units belong to a finished session: leave them (and the new counters) alone.
      if (session === this.#deps.session()) this.#settleBatch(session, open);
    }
  }

  /** Segments a request never answered fail (or wait, when the session was stopped). */
  #settleBatch(session: Session, open: Map<string, Job>): void {
    for (const job of open.values()) {
      this.#out.delete(job);
      if (!isCurrent(job)) {
        this.#releaseFollowers(job, null);
        continue;
      }
      if (!session.stopped) this.fail(job.unit);
      else this.park(job.unit);
    }
    void this.pump();
    this.#deps.progress();
    this.#deps.checkIdle();
  }
}
