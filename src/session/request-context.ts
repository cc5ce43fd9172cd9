// The session's translator: what the page is about goes with every batch, for the model to understand short texts;
// and a run can wait for its first request to be out before asking the server's limits (see SessionConfig).
import type { Translator } from "../shared/translator";

export interface SessionTranslator {
  translator: Translator;
  /** Calls `then` once, as the next batch is sent (undefined: nothing to call). */
  afterFirstRequest(then: (() => void) | undefined): void;
}

/** `context`: what the page is about (see PageSessionDeps.context). */
export function sessionTranslator(deps: { translator: Translator; context?(): string | undefined }): SessionTranslator {
  let afterFirst: (() => void) | undefined;
  const translator: Translator = (batch, opts) => {
    const context = deps.context?.();
    const replies = deps.translator(batch, context ? { ...opts, context } : opts);
    const then = afterFirst;
    afterFirst = undefined;
    then?.();
    return replies;
  };
  return {
    translator,
    afterFirstRequest: (then) => (afterFirst = then),
  };
}
