// A request the carrier between Gloss and the server would not send: a userscript manager's list of hosts a script
// may reach (Tampermonkey's @connect and its XHR security settings). No server was asked, so "start the server" would
// be the wrong fix, and asking again is blocked again.

export class RequestRefusedError extends Error {
  override name = "RequestRefusedError";
}

/** By name, not `instanceof`: the error may come from another bundle's copy of the class. */
export const isRefused = (err: unknown): boolean => err instanceof Error && err.name === "RequestRefusedError";
