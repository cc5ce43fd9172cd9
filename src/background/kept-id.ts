// A random id made once and kept in storage.local (never synced), read once per worker as callers keep asking for it.
import { ext } from "../extension/api";

/** The id kept under `key` (made when none that passes `valid` is there); storage failing is asked again next time. */
export function keptId(key: string, valid: (held: string) => boolean = () => true): () => Promise<string> {
  let held: Promise<string> | undefined;
  const read = async () => {
    const stored: unknown = (await ext.storage.local.get(key))[key];
    if (typeof stored === "string" && stored && valid(stored)) return stored;
    const id = crypto.randomUUID();
    await ext.storage.local.set({ [key]: id });
    return id;
  };
  return () =>
    (held ??= read().catch((error: unknown) => {
      held = undefined;
      throw error;
    }));
}
