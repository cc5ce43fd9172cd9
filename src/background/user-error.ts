import type { UserError } from "../shared/messages";

export function unexpected(error: unknown): UserError {
  return {
    message: "Something went wrong inside Gloss.",
    fix: "Try again; if it keeps happening, reload the extension.",
    kind: error instanceof Error ? error.message : String(error),
  };
}
