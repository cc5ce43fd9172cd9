// What probes learned about each server configuration, in storage.local, so a restarted service worker knows them
// without asking the server again.
import { createServerFactsStore } from "../connection/server-facts";
import { ext } from "../extension/api";

const KEY = "serverFacts";

export const serverFactsStore = createServerFactsStore({
  read: async () => (await ext.storage.local.get(KEY))[KEY],
  write: (value) => ext.storage.local.set({ [KEY]: value }),
});
