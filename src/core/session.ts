// One translate() run. Requests, detections and timers are asynchronous, so each of them holds on to the session it
// started in and, when it resumes, checks that this is still the current, unstopped session: a late reply after
// stop() or restore() then changes nothing.

import type { TranslateError } from "../shared/translator";

export interface Session {
  controller: AbortController;
  stopped: boolean;
  inFlight: number;
  /** Waiting for the first visibility report before the first request. */
  starting: boolean;
  /** Language detections in progress. */
  detecting: number;
  /** The page is still being collected (in stages, see schedule/staged-collect.ts). */
  collecting: boolean;
  error?: TranslateError;
}

export function startSession(): Session {
  return {
    controller: new AbortController(),
    stopped: false,
    inFlight: 0,
    starting: true,
    detecting: 0,
    collecting: false,
  };
}
