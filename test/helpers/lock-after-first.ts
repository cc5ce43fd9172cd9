// A server that answers the first translation request, then wants an API key: a translation stopped part-way.
import type { DoubleHandle } from "../double/server";
import type { RequestRecord } from "../double/state";

/** Locks `double` after its first answered translation request; call the result to stop waiting for it. */
export function lockAfterFirstAnswer(double: DoubleHandle): () => void {
  const lockAfterFirst = (record: RequestRecord) => {
    if (!/chat\/completions$/.test(record.path) || record.status !== 200) return;
    double.setFault("unauthorized");
    double.events.off("done", lockAfterFirst);
  };
  double.events.on("done", lockAfterFirst);
  return () => double.events.off("done", lockAfterFirst);
}
