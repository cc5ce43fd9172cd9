// Where the userscript keeps what probes learned about each server (server-facts.ts): the manager's storage, so a
// later page needs no probe. Not in the page's world (see page-world.ts): the stored value names every server
// configured, by address and model, and keeping it means rewriting it through Object.entries, sort and
// Object.fromEntries, which the page may have replaced. It would see all of them, and could store in their place
// figures every other site then reads. There the facts are kept for the page's lifetime only.
import type { FactsStorage } from "../connection/server-facts";
import type { GmApi } from "./gm-api";

/** The stored value's name in the manager's storage. */
export const FACTS_KEY = "serverFacts";

export function userscriptFactsStorage(gm: Pick<GmApi, "getValue" | "setValue">, pageWorld: boolean): FactsStorage {
  if (!pageWorld)
    return { read: () => gm.getValue<unknown>(FACTS_KEY, undefined), write: (v) => gm.setValue(FACTS_KEY, v) };
  let forThisPage: unknown;
  return { read: async () => forThisPage, write: async (value) => void (forThisPage = value) };
}
