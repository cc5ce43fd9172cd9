// What probes learned about each server configuration (model, context size, slots), and the last model check run
// against it, kept in storage.local so a restarted service worker knows them without asking the server again.
import { ext } from "../extension/api";
import type { ModelCheck } from "../shared/messages";
import type { ServerFacts, ServerFactsStore } from "./translation-service";

const KEY = "serverFacts";
const CHECKS_KEY = "modelChecks";
const MAX_CONFIGS = 20;

type Stored<T> = Record<string, T & { at: number }>;

async function readAll<T>(key: string): Promise<Stored<T>> {
  const stored = (await ext.storage.local.get(key))[key];
  return stored && typeof stored === "object" ? (stored as Stored<T>) : {};
}

/** Keeps the most recently written configurations only. */
async function writeEntry<T>(key: string, configId: string, entry: T & { at: number }): Promise<void> {
  const all = await readAll<T>(key);
  all[configId] = entry;
  const kept = Object.entries(all)
    .sort(([, a], [, b]) => b.at - a.at)
    .slice(0, MAX_CONFIGS);
  await ext.storage.local.set({ [key]: Object.fromEntries(kept) });
}

export const serverFactsStore: ServerFactsStore = {
  async get(configId) {
    const entry = (await readAll<ServerFacts>(KEY))[configId];
    if (!entry || typeof entry.model !== "string") return undefined;
    const { at: _at, ...facts } = entry;
    return facts;
  },
  async set(configId, facts) {
    await writeEntry(KEY, configId, { ...facts, at: Date.now() });
  },
};

export const modelCheckStore = {
  async get(configId: string): Promise<ModelCheck | undefined> {
    const entry = (await readAll<ModelCheck>(CHECKS_KEY))[configId];
    return entry && typeof entry.verdict === "string" ? entry : undefined;
  },
  async set(configId: string, check: ModelCheck): Promise<void> {
    await writeEntry(CHECKS_KEY, configId, check);
  },
};
