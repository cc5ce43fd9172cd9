// Sends the translated passages a job has ready in the same task as one port message ({type:"results"}), and every
// other reply only after the passages gathered before it.
import type { PortReply } from "../shared/messages";
import type { SegmentResult } from "../shared/translator";
import { createWriteBatches } from "./write-batches";

export interface ResultBatch {
  /** A passage's result: it goes with the others ready in the same task, at the end of that task. */
  result(result: SegmentResult): void;
  /** Any other reply ("done", a status, waiting): the results gathered before it go first. */
  post(reply: Exclude<PortReply, { type: "results" }>): void;
}

/**
 * A burst (the cache's hits, a server reply read in one chunk) costs the worker, the browser process that routes
 * each message and the page that receives it one message instead of one per passage.
 */
export function resultBatch(send: (reply: PortReply) => void): ResultBatch {
  // Gathered for 0 ms, not a microtask: a burst's results come out of chained async generators (the service's, the
  // engine's), each a few microtasks after the one before, so a microtask would send the first one alone. The timer
  // runs once the task that produced them is over: a reader sees no delay.
  const batches = createWriteBatches<SegmentResult>(async (results) => send({ type: "results", results }), 0);
  return {
    // A send that fails (the port closed meanwhile) loses nothing: the page asks again for what it still wants.
    result: (result) => void batches.add(result).catch(() => undefined),
    post(reply) {
      // A flush sends what was gathered before it returns.
      void batches.flush().catch(() => undefined);
      send(reply);
    },
  };
}
