// What probes learned about each server, as the userscript keeps it: in the manager's storage apart from the page;
// in the page's world, where the page may have replaced Object's functions, not there (server-facts-storage.ts).
import { createServerFactsStore } from "../../src/connection/server-facts";
import { FACTS_KEY, userscriptFactsStorage } from "../../src/userscript/server-facts-storage";

const OTHER_SERVER = "https://llm.home.internal:8443";

/** A manager's storage that already knows another server the user configured. */
function managerStorage() {
  const values: Record<string, unknown> = {
    [FACTS_KEY]: { [JSON.stringify({ baseUrl: OTHER_SERVER })]: { model: "qwen3-14b", at: 1 } },
  };
  return {
    values,
    getValue: async <T>(key: string, fallback: T) => (key in values ? (values[key] as T) : fallback),
    setValue: async (key: string, value: unknown) => void (values[key] = value),
  };
}

/** Runs `use` while Object.entries and Object.fromEntries are the page's: they note what they see and store a lie. */
async function withPageReplacements(use: () => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  const { entries, fromEntries } = Object;
  Object.entries = ((value: object) => {
    seen.push(JSON.stringify(value));
    return entries(value);
  }) as typeof Object.entries;
  Object.fromEntries = (() => ({ "the page's": { model: "the page's", slots: 4096, at: Date.now() } })) as never;
  try {
    await use();
  } finally {
    Object.assign(Object, { entries, fromEntries });
  }
  return seen;
}

describe("server facts in the userscript", () => {
  it("in the page's world: shows the page no other server, stores nothing, and knows the probe's facts for the page", async () => {
    const gm = managerStorage();
    const before = structuredClone(gm.values);
    const facts = createServerFactsStore(userscriptFactsStorage(gm, true));
    const seen = await withPageReplacements(() => facts.set("this server", { model: "gemma-2-2b-it", slots: 2 }));
    expect(seen.filter((text) => text.includes(OTHER_SERVER))).toEqual([]);
    expect(gm.values).toEqual(before);
    // Without the page's replacements: what the probe learned serves the rest of the page's lifetime.
    const honest = createServerFactsStore(userscriptFactsStorage(gm, true));
    await honest.set("this server", { model: "gemma-2-2b-it", slots: 2 });
    expect(await honest.get("this server")).toEqual({ model: "gemma-2-2b-it", slots: 2 });
    expect(gm.values).toEqual(before);
  });

  it("apart from the page: keeps them in the manager's storage, beside the other servers'", async () => {
    const gm = managerStorage();
    const facts = createServerFactsStore(userscriptFactsStorage(gm, false));
    await facts.set("this server", { model: "gemma-2-2b-it", slots: 2 });
    const later = createServerFactsStore(userscriptFactsStorage(gm, false));
    expect(await later.get("this server")).toEqual({ model: "gemma-2-2b-it", slots: 2 });
    expect(await later.get(JSON.stringify({ baseUrl: OTHER_SERVER }))).toEqual({ model: "qwen3-14b" });
  });
});
