// What probes learned about each server configuration (model, context size, slots), kept in the platform's storage
// (the extension's storage.local, the userscript manager's values) so a later run knows them without asking the
// server again.
import type { ServerFacts, ServerFactsStore } from "./translation-service";

const MAX_CONFIGS = 20;

type Stored = Record<string, ServerFacts & { at: number }>;

/** Where the facts live: one stored value holding all configurations. */
export interface FactsStorage {
  read(): Promise<unknown>;
  write(value: Stored): Promise<void>;
}

export function createServerFactsStore(storage: FactsStorage, now: () => number = Date.now): ServerFactsStore {
  async function readAll(): Promise<Stored> {
    const stored = await storage.read();
    return stored && typeof stored === "object" ? (stored as Stored) : {};
  }
  return {
    async get(configId) {
      const entry = (await readAll())[configId];
      if (!entry || typeof entry.model !== "string") return undefined;
      const { at: _at, ...facts } = entry;
      return facts;
    },
    async set(configId, facts) {
      const all = await readAll();
      all[configId] = { ...facts, at: now() };
      // Keep the most recently probed configurations only.
      const kept = Object.entries(all)
        .sort(([, a], [, b]) => b.at - a.at)
        .slice(0, MAX_CONFIGS);
      await storage.write(Object.fromEntries(kept));
    },
  };
}
