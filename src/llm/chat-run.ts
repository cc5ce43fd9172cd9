// One chat request's life: its abort controller, why it stopped, and its total, stall and waiting timers.
import type { ChatCall, ChatEnd } from "./client";
import { errors } from "./errors";

const WAITING_AFTER_MS = 1500;

type StopReason = "caller" | "stall" | "timeout" | "runaway";

export interface ChatRun {
  readonly call: ChatCall;
  readonly started: number;
  readonly controller: AbortController;
  stopped?: StopReason;
  readonly onCallerAbort: () => void;
  readonly total: ReturnType<typeof setTimeout>;
  readonly waiting: ReturnType<typeof setTimeout>;
  stall?: ReturnType<typeof setTimeout>;
  /** The server's answer, once its headers came (a request still queued behind others has none yet). */
  res?: Response;
}

/** Starts the timers and follows the caller's signal (which must not have fired yet). */
export function startRun(call: ChatCall): ChatRun {
  const run: ChatRun = {
    call,
    started: Date.now(),
    controller: new AbortController(),
    onCallerAbort: () => stop(run, "caller"),
    total: setTimeout(() => stop(run, "timeout"), call.timeoutMs),
    waiting: setTimeout(() => call.onWaiting?.(), WAITING_AFTER_MS),
  };
  call.signal.addEventListener("abort", run.onCallerAbort, { once: true });
  return run;
}

/** Aborts the request, for the first reason given. */
export function stop(run: ChatRun, why: StopReason): void {
  if (run.stopped) return;
  run.stopped = why;
  run.controller.abort();
}

/** The server has this long to send more, from now. */
export function armStall(run: ChatRun): void {
  clearTimeout(run.stall);
  run.stall = setTimeout(() => stop(run, "stall"), run.call.stallTimeoutMs);
}

/** The outcome of a request that was stopped. */
export function stoppedEnd(run: ChatRun): ChatEnd {
  if (run.stopped === "stall") return { type: "error", error: errors.stalled(run.call.stallTimeoutMs) };
  if (run.stopped === "timeout") return { type: "error", error: errors.timeout(run.call.timeoutMs, !!run.res) };
  if (run.stopped === "runaway") return { type: "runaway" };
  return { type: "aborted" };
}

/** Clears the timers and lets go of the caller's signal. */
export function endRun(run: ChatRun): void {
  clearTimeout(run.total);
  clearTimeout(run.stall);
  clearTimeout(run.waiting);
  run.call.signal.removeEventListener("abort", run.onCallerAbort);
}
