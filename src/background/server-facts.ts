// What probes learned about each server configuration, and the last model check run against it, in storage.local,
// so a restarted service worker knows them without asking the server again.
import { createConfigRecords, createServerFactsStore, type FactsStorage } from "../connection/server-facts";
import { ext } from "../extension/api";
import type { ModelCheck } from "../shared/messages";

const localValue = (key: string): FactsStorage => ({
  read: async () => (await ext.storage.local.get(key))[key],
  write: (value) => ext.storage.local.set({ [key]: value }),
});

export const serverFactsStore = createServerFactsStore(localValue("serverFacts"));

export const modelCheckStore = createConfigRecords<ModelCheck>(
  localValue("modelChecks"),
  (check) => typeof check.verdict === "string",
);
