// What probes learned about each server configuration (model, context size, slots), kept in storage.local so a
// restarted service worker knows them without asking the server again.
import { ext } from "../extension/api";
import type { ServerFacts, ServerFactsStore } from "./translation-service";

const KEY = "serverFacts";
const MAX_CONFIGS = 20;

type Stored = Record<string, ServerFacts & { at: number }>;

async function readAll(): Promise<Stored> {
  const stored = (await ext.storage.local.get(KEY))[KEY];
  return stored && typeof stored === "object" ? (stored as Stored) : {};
}

export const serverFactsStore: ServerFactsStore = {
  async get(configId) {
    const entry = (await readAll())[configId];
    if (!entry || typeof entry.model !== "string") return undefined;
    const { at: _at, ...facts } = entry;
    return facts;
  },
  async set(configId, facts) {
    const all = await readAll();
    all[configId] = { ...facts, at: Date.now() };
    // Keep the most recently probed configurations only.
    const kept = Object.entries(all)
      .sort(([, a], [, b]) => b.at - a.at)
      .slice(0, MAX_CONFIGS);
    await ext.storage.local.set({ [KEY]: Object.fromEntries(kept) });
  },
};
