// What probes learned about each server configuration (model, context size, slots), kept in the platform's storage
// (the extension's storage.local, the userscript manager's values) so a later run knows them without asking the
// server again. The same bounded per-configuration record keeps the last model check.
import { oneAtATime } from "../shared/one-at-a-time";
import type { ServerFacts, ServerFactsStore } from "./translation-service";

const MAX_CONFIGS = 20;

type Stored<T> = Record<string, T & { at: number }>;

/** Where the records live: one stored value holding all configurations. */
export interface FactsStorage {
  read(): Promise<unknown>;
  write(value: Stored<unknown>): Promise<void>;
}

export interface ConfigRecords<T> {
  get(configId: string): Promise<T | undefined>;
  set(configId: string, value: T): Promise<void>;
}

/** One record per server configuration, the most recently written MAX_CONFIGS kept; `valid` screens what is read. */
export function createConfigRecords<T extends object>(
  storage: FactsStorage,
  valid: (value: Partial<T>) => boolean,
  now: () => number = Date.now,
): ConfigRecords<T> {
  async function readAll(): Promise<Stored<T>> {
    const stored = await storage.read();
    return stored && typeof stored === "object" ? (stored as Stored<T>) : {};
  }
  // One write at a time: the page's server and the writing model's are probed at once, and two read-modify-writes
  // of the one stored value would keep only the second record.
  const inTurn = oneAtATime();
  return {
    async get(configId) {
      const entry = (await readAll())[configId];
      if (!entry || typeof entry !== "object" || !valid(entry)) return undefined;
      const { at: _at, ...value } = entry;
      return value as unknown as T;
    },
    set(configId, value) {
      return inTurn(async () => {
        const all = await readAll();
        all[configId] = { ...value, at: now() };
        const kept = Object.entries(all)
          .sort(([, a], [, b]) => b.at - a.at)
          .slice(0, MAX_CONFIGS);
        await storage.write(Object.fromEntries(kept));
      });
    },
  };
}

export function createServerFactsStore(storage: FactsStorage, now: () => number = Date.now): ServerFactsStore {
  return createConfigRecords<ServerFacts>(storage, (facts) => typeof facts.model === "string", now);
}
