// The settings as the manager's storage holds them: JSON text, as Gloss writes them. An object is taken too: a user who
// edits the value in the manager's storage editor may write it as JSON rather than as text holding JSON, and reading
// nothing then (the defaults) would let the next save overwrite it. readSettings validates either way.

export function parseStoredSettings(raw: unknown): unknown {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === "object") return raw;
  if (typeof raw !== "string") return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

/** Whether the manager holds a value for the settings that is not settings at all (JSON broken by hand): read as the
 * defaults, which a save would write over it. */
export function unreadableStoredSettings(raw: unknown): boolean {
  const parsed = parseStoredSettings(raw);
  return raw !== undefined && raw !== null && (!parsed || typeof parsed !== "object" || Array.isArray(parsed));
}
