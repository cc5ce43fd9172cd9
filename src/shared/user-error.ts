import type { UserError } from "./messages";
import type { TranslateError } from "./translator";

/** The part of a TranslateError a person sees: what happened and what to do. */
export function toUserError(error: TranslateError): UserError {
  return {
    message: error.message,
    ...(error.fix ? { fix: error.fix } : {}),
    kind: error.kind,
    ...(error.detail ? { detail: error.detail } : {}),
  };
}
