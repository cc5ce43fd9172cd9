// Typed client for the background's message handlers. A background that is gone or throws still yields a Reply,
// so callers handle one shape.
import type { Envelope, MessageName, Reply, RequestOf, ResponseOf } from "../shared/messages";
import { ext } from "./api";
import { CUT_OFF, extensionGone } from "./cut-off";

export async function send<N extends MessageName>(name: N, request: RequestOf<N>): Promise<Reply<ResponseOf<N>>> {
  const envelope: Envelope<N> = { name, request };
  try {
    const reply = (await ext.runtime.sendMessage(envelope)) as Reply<ResponseOf<N>> | undefined;
    if (!reply || typeof reply !== "object" || !("ok" in reply)) {
      return {
        ok: false,
        error: { message: "Gloss's background did not answer. Reload the extension and try again." },
      };
    }
    return reply;
  } catch (error) {
    // A content script whose extension went away: reloading the extension cannot help, reloading the page does.
    if (extensionGone(() => ext.runtime)) return { ok: false, error: { ...CUT_OFF, kind: String(error) } };
    return {
      ok: false,
      error: {
        message: "Gloss's background is not reachable. Reload the extension and try again.",
        kind: String(error),
      },
    };
  }
}

/** Unwraps a reply, throwing its user-facing error; for UI code that shows errors in one place. */
export class ReplyError extends Error {
  constructor(
    message: string,
    readonly fix?: string,
  ) {
    super(message);
  }
}

export async function call<N extends MessageName>(name: N, request: RequestOf<N>): Promise<ResponseOf<N>> {
  const reply = await send(name, request);
  if (!reply.ok) throw new ReplyError(reply.error.message, reply.error.fix);
  return reply.value;
}
