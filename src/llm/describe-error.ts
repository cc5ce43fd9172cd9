// A thrown error in one line for an error's details: its name, its message and the network's code when it has one.
export function describe(err: unknown): string {
  if (err instanceof Error) {
    const cause = (err as { cause?: unknown }).cause;
    const code = cause && typeof cause === "object" ? (cause as { code?: unknown }).code : undefined;
    return `${err.name}: ${err.message}${typeof code === "string" ? ` (${code})` : ""}`;
  }
  return String(err);
}
