// The translator's request bodies (llm/request-body.ts) for a llama-server, as the size tests ask for them.
import { PRESETS } from "../../src/llm/presets";
import { RequestBodies } from "../../src/llm/request-body";
import type { PropsInfo } from "../../src/llm/server-info";

/** Bodies for a llama-server whose /props said `props` (none: a server not yet asked). */
export function llamaBodies(props?: PropsInfo): RequestBodies {
  const bodies = new RequestBodies(
    { preset: "llama-server", baseUrl: "http://127.0.0.1:8080" },
    PRESETS["llama-server"],
  );
  if (props) bodies.learnProps(props);
  return bodies;
}

/** Bodies for a server whose slots hold `context` tokens. */
export const bodiesFor = (context: number): RequestBodies => llamaBodies({ contextSize: context, slots: 4 });
