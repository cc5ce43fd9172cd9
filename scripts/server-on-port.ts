// What `npm start` finds at Gloss's default server address before it decides whether to start the llama-server
// double there. Only a port nobody listens on is free for the double: llama-server still loading its model answers
// 503, and another program may hold the port, and the double's listen would fail on either.

export type ServerOnPort =
  /** Nothing listens: the double may start there. */
  | { state: "free" }
  /** An OpenAI-compatible server answered its model list. */
  | { state: "ready"; model: string }
  /** llama-server (or another) answered 503: it is loading its model, and Gloss waits for it when asked. */
  | { state: "loading" }
  /** A server that wants an API key for its model list (llama-server's own list needs none). */
  | { state: "needs-key"; status: number }
  /** Something that is not a model server answers there (a web server, another program). */
  | { state: "other"; status: number }
  /** Something accepted the connection and said nothing in time. */
  | { state: "silent" };

export async function serverOnPort(base: string, timeoutMs = 1500): Promise<ServerOnPort> {
  let res: Response;
  try {
    res = await fetch(`${base}/v1/models`, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    return error instanceof DOMException && error.name === "TimeoutError" ? { state: "silent" } : { state: "free" };
  }
  if (res.status === 503) return { state: "loading" };
  if (res.status === 401 || res.status === 403) return { state: "needs-key", status: res.status };
  const body = res.ok
    ? ((await res.json().catch(() => undefined)) as { data?: Array<{ id?: unknown }> } | undefined)
    : undefined;
  if (!body || !Array.isArray(body.data)) return { state: "other", status: res.status };
  const id = body.data[0]?.id;
  return { state: "ready", model: typeof id === "string" && id ? id : "unknown model" };
}

/** What `npm start` does about it (use that server, start the double, or stop) and the line it prints. */
export function planForServer(base: string, found: ServerOnPort): { next: "use" | "double" | "stop"; line: string } {
  switch (found.state) {
    case "free":
      return { next: "double", line: `No server on ${base}.` };
    case "ready":
      return { next: "use", line: `Using the server at ${base} (model: ${found.model}).` };
    case "loading":
      return {
        next: "use",
        line: `Using the server at ${base}: it is still loading its model, and Gloss waits for it (up to 2 minutes) when you translate.`,
      };
    case "needs-key":
      return {
        next: "use",
        line: `Using the server at ${base}: it wants an API key (HTTP ${found.status}); enter it on Gloss's options page.`,
      };
    case "other":
      return {
        next: "stop",
        line: `Another program answers on ${base} (HTTP ${found.status} for /v1/models, not a model server), so neither llama-server nor the demo translator can listen there. Stop that program and run npm start again.`,
      };
    case "silent":
      return {
        next: "stop",
        line: `Something holds ${base} and does not answer, so neither llama-server nor the demo translator can listen there. Stop that program and run npm start again.`,
      };
  }
}
