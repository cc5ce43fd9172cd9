import { createSettingsStore } from "../../src/shared/settings-store";
import { llmConfigFrom } from "../../src/connection/llm-config";
import { DEFAULTS, SETTINGS_VERSION, type Settings } from "../../src/shared/settings";

function memoryStorage(initial?: unknown) {
  let value = initial;
  const writes: Settings[] = [];
  return {
    writes,
    read: async () => value,
    write: async (settings: Settings) => {
      writes.push(settings);
      value = settings;
    },
  };
}

describe("settings store", () => {
  it("saves a valid change merged over the current settings", async () => {
    const storage = memoryStorage({ schemaVersion: 1, model: "gemma2:2b" });
    const store = createSettingsStore(storage);
    const result = await store.save({ preset: "ollama", baseUrl: "http://127.0.0.1:11434/v1" });
    expect(result.saved).toBe(true);
    expect(await store.load()).toEqual({
      ...DEFAULTS,
      model: "gemma2:2b",
      preset: "ollama",
      baseUrl: "http://127.0.0.1:11434/v1",
    });
  });

  it("saves nothing when any field is invalid", async () => {
    const storage = memoryStorage();
    const store = createSettingsStore(storage);
    const result = await store.save({ model: "fine", baseUrl: "javascript:alert(1)" });
    expect(result).toEqual({ saved: false, errors: { baseUrl: expect.stringMatching(/http/) } });
    expect(storage.writes).toHaveLength(0);
    expect((await store.load()).model).toBe("");
  });

  it("a read that failed is tried again on the next load, and a save after it keeps the stored settings", async () => {
    const storage = memoryStorage({ ...DEFAULTS, model: "gemma2:2b", autoTranslate: ["example.com"] });
    let fails = 1;
    const store = createSettingsStore({
      ...storage,
      read: () => (fails-- > 0 ? Promise.reject(new Error("storage is busy")) : storage.read()),
    });
    await expect(store.load()).rejects.toThrow("storage is busy");
    expect((await store.load()).model).toBe("gemma2:2b");
    expect(await store.save({ targetLang: "de" })).toMatchObject({
      saved: true,
      settings: { model: "gemma2:2b", autoTranslate: ["example.com"], targetLang: "de" },
    });
  });

  it("reads storage again after invalidate()", async () => {
    const storage = memoryStorage({ model: "a" });
    const store = createSettingsStore(storage);
    expect((await store.load()).model).toBe("a");
    await storage.write({ ...DEFAULTS, model: "b" });
    expect((await store.load()).model).toBe("a");
    store.invalidate();
    expect((await store.load()).model).toBe("b");
  });
});

describe("the API key is bound to the server address it was entered for", () => {
  const OLD = "http://192.168.1.20:8080";
  const EVIL = "https://collector.example";

  it("binds a key to the address saved with it, and a new address alone drops the key", async () => {
    const store = createSettingsStore(memoryStorage());
    await store.save({ baseUrl: OLD, apiKey: "sk-1" });
    expect(await store.load()).toMatchObject({ baseUrl: OLD, apiKey: "sk-1", apiKeyFor: OLD });
    expect(llmConfigFrom(await store.load()).apiKey).toBe("sk-1");

    await store.save({ model: "m" }); // other fields leave the key alone
    expect(await store.load()).toMatchObject({ apiKey: "sk-1", apiKeyFor: OLD });

    await store.save({ baseUrl: EVIL });
    expect(await store.load()).toMatchObject({ baseUrl: EVIL, apiKey: "", apiKeyFor: "" });
    expect(llmConfigFrom(await store.load()).apiKey).toBeUndefined();

    await store.save({ baseUrl: OLD }); // going back does not bring it back: it must be entered again
    expect((await store.load()).apiKey).toBe("");
    await store.save({ baseUrl: EVIL, apiKey: "sk-2" }); // entered together with the address: bound to it
    expect(await store.load()).toMatchObject({ baseUrl: EVIL, apiKey: "sk-2", apiKeyFor: EVIL });
  });

  it("ignores an address for the key in a patch: it is derived, never chosen", async () => {
    const store = createSettingsStore(
      memoryStorage({ schemaVersion: 2, baseUrl: OLD, apiKey: "sk-1", apiKeyFor: OLD }),
    );
    const result = await store.save({ apiKeyFor: EVIL, baseUrl: EVIL });
    expect(result.saved).toBe(true);
    expect(await store.load()).toMatchObject({ baseUrl: EVIL, apiKey: "", apiKeyFor: "" });
  });

  it("drops a key whose address was changed in storage behind its back", async () => {
    const storage = memoryStorage({ schemaVersion: 2, baseUrl: EVIL, apiKey: "sk-1", apiKeyFor: OLD });
    const settings = await createSettingsStore(storage).load();
    expect(settings).toMatchObject({ baseUrl: EVIL, apiKey: "", apiKeyFor: "" });
    expect(llmConfigFrom(settings).apiKey).toBeUndefined();
    // Even settings assembled by hand never send a key to an address it was not entered for.
    expect(llmConfigFrom({ ...DEFAULTS, baseUrl: EVIL, apiKey: "sk-1", apiKeyFor: OLD }).apiKey).toBeUndefined();
  });

  it("binds a key set in a storage editor (no address yet) to the address stored with it", async () => {
    const store = createSettingsStore(memoryStorage({ schemaVersion: 2, baseUrl: OLD, apiKey: "sk-typed" }));
    expect(await store.load()).toMatchObject({ apiKey: "sk-typed", apiKeyFor: OLD });
  });

  it("writes the binding back, so a later change of the address in storage drops the key", async () => {
    const storage = memoryStorage({ schemaVersion: 2, baseUrl: OLD, apiKey: "sk-typed" });
    await createSettingsStore(storage).load();
    expect(storage.writes.at(-1)).toMatchObject({ apiKey: "sk-typed", apiKeyFor: OLD });
    await storage.write({ ...storage.writes.at(-1)!, baseUrl: EVIL }); // edited in the storage editor
    expect(await createSettingsStore(storage).load()).toMatchObject({ baseUrl: EVIL, apiKey: "" });
  });

  it("migrates a key saved before keys were bound to the address saved with it", async () => {
    const store = createSettingsStore(memoryStorage({ schemaVersion: 1, baseUrl: `${OLD}/`, apiKey: "sk-old" }));
    expect(await store.load()).toMatchObject({ baseUrl: OLD, apiKey: "sk-old", apiKeyFor: OLD });
  });
});

describe("saves that overlap (popup, options page and context menu at once)", () => {
  it("keeps every change: a save does not write its change over settings read before another save", async () => {
    const storage = memoryStorage({ schemaVersion: 5 });
    const store = createSettingsStore(storage);
    await Promise.all([
      store.save({ siteDisplayModes: { "lemonde.fr": "bilingual" } }),
      store.save({ targetLang: "de" }),
      store.save({ glossary: [{ term: "Gloss", translation: "Gloss" }] }),
    ]);
    store.invalidate();
    expect(await store.load()).toMatchObject({
      siteDisplayModes: { "lemonde.fr": "bilingual" },
      targetLang: "de",
      glossary: [expect.objectContaining({ term: "Gloss" })],
    });
  });

  it("update() works its change out from the settings as they are when its turn comes", async () => {
    const store = createSettingsStore(memoryStorage());
    const addRule = (rule: string) =>
      store.update(({ autoTranslate }) => ({ autoTranslate: [...autoTranslate, rule] }));
    await Promise.all([addRule("spiegel.de"), addRule("lemonde.fr"), addRule("elpais.com")]);
    store.invalidate();
    expect((await store.load()).autoTranslate).toEqual(["spiegel.de", "lemonde.fr", "elpais.com"]);
  });

  it("a save that fails its checks does not stop the saves after it", async () => {
    const store = createSettingsStore(memoryStorage());
    const [bad, good] = await Promise.all([store.save({ baseUrl: "ftp://x" }), store.save({ model: "m" })]);
    expect(bad.saved).toBe(false);
    expect(good.saved).toBe(true);
    expect((await store.load()).model).toBe("m");
  });
});

describe("stored settings that could not be read", () => {
  it("are named (for the options page) until a save stores what was kept of them", async () => {
    const storage = memoryStorage({ ...DEFAULTS, maxConcurrent: 99, autoTranslate: ["spiegel.de", "github.io"] });
    const store = createSettingsStore(storage);
    expect(await store.load()).toMatchObject({ maxConcurrent: 0, autoTranslate: ["spiegel.de"] });
    expect(store.unread()).toEqual({
      maxConcurrent: expect.stringMatching(/Requests at once/),
      autoTranslate: expect.stringMatching(/github\.io/),
    });
    await store.save({ model: "m" });
    expect(store.unread()).toEqual({});
    store.invalidate();
    await store.load();
    expect(store.unread()).toEqual({});
  });
});

describe("settings a newer Gloss stored (the reader went back a version, or uses two Gloss versions on one profile)", () => {
  const NEWER = SETTINGS_VERSION + 1;

  it("keeps on save the fields this Gloss does not know, and the newer schema's version", async () => {
    const storage = memoryStorage({
      ...DEFAULTS,
      schemaVersion: NEWER,
      model: "gemma2:2b",
      translationMemory: { size: 5000 },
    });
    const store = createSettingsStore(storage);
    expect(await store.save({ targetLang: "de" })).toMatchObject({ saved: true });
    expect(storage.writes.at(-1)).toMatchObject({
      schemaVersion: NEWER,
      model: "gemma2:2b",
      targetLang: "de",
      translationMemory: { size: 5000 },
    });
  });

  it("keeps a field added without a schema step that this Gloss does not know (same schema version)", async () => {
    const storage = memoryStorage({ ...DEFAULTS, pageTheme: "sepia" });
    const store = createSettingsStore(storage);
    await store.save({ model: "m" });
    expect(storage.writes.at(-1)).toMatchObject({ schemaVersion: SETTINGS_VERSION, model: "m", pageTheme: "sepia" });
  });

  it("keeps a newer schema's value this Gloss refuses until the reader sets that setting here", async () => {
    // A newer Gloss may allow more (a display mode this one does not have): this one shows its default meanwhile.
    const storage = memoryStorage({ ...DEFAULTS, schemaVersion: NEWER, displayMode: "side-by-side" });
    const store = createSettingsStore(storage);
    expect((await store.load()).displayMode).toBe("replace");
    await store.save({ model: "m" });
    expect(storage.writes.at(-1)).toMatchObject({ displayMode: "side-by-side", model: "m" });
    await store.save({ displayMode: "bilingual" });
    expect(storage.writes.at(-1)).toMatchObject({ displayMode: "bilingual" });
  });

  it("still resets on save a value this Gloss's own schema refuses", async () => {
    const storage = memoryStorage({ ...DEFAULTS, displayMode: "side-by-side" });
    const store = createSettingsStore(storage);
    await store.save({ model: "m" });
    expect(storage.writes.at(-1)).toMatchObject({ displayMode: "replace" });
  });

  it("a site added or removed (popup, menus) keeps the entries of the newer Gloss's site list this one cannot read", async () => {
    const storage = memoryStorage({ ...DEFAULTS, schemaVersion: NEWER, autoTranslate: ["spiegel.de", "github.io"] });
    const store = createSettingsStore(storage);
    expect((await store.load()).autoTranslate).toEqual(["spiegel.de"]);
    await store.update(({ autoTranslate }) => ({ autoTranslate: [...autoTranslate, "lemonde.fr"] }));
    expect(storage.writes.at(-1)?.autoTranslate).toEqual(["spiegel.de", "github.io", "lemonde.fr"]);
    await store.update(({ autoTranslate }) => ({ autoTranslate: autoTranslate.filter((r) => r !== "spiegel.de") }));
    expect(storage.writes.at(-1)?.autoTranslate).toEqual(["github.io", "lemonde.fr"]);
    expect((await store.load()).autoTranslate).toEqual(["lemonde.fr"]);
    expect(store.unread()).toEqual({ autoTranslate: expect.stringMatching(/github\.io/) });
  });

  it("an entry edited here (options page) stays where it was among the newer Gloss's entries, and an order made here stays", async () => {
    const storage = memoryStorage({
      ...DEFAULTS,
      schemaVersion: NEWER,
      autoTranslate: ["spiegel.de", "github.io", "lemonde.fr", "zeit.de"],
    });
    const store = createSettingsStore(storage);
    expect((await store.load()).autoTranslate).toEqual(["spiegel.de", "lemonde.fr", "zeit.de"]);
    await store.save({ autoTranslate: ["spiegel.de", "elpais.com", "zeit.de"] });
    expect(storage.writes.at(-1)?.autoTranslate).toEqual(["spiegel.de", "github.io", "elpais.com", "zeit.de"]);
    await store.save({ autoTranslate: ["zeit.de", "spiegel.de", "elpais.com"] });
    expect(storage.writes.at(-1)?.autoTranslate).toEqual(["zeit.de", "spiegel.de", "github.io", "elpais.com"]);
    expect((await store.load()).autoTranslate).toEqual(["zeit.de", "spiegel.de", "elpais.com"]);
  });

  it("a site's display mode set here keeps the newer Gloss's modes for other sites that this one refuses", async () => {
    const storage = memoryStorage({
      ...DEFAULTS,
      schemaVersion: NEWER,
      siteDisplayModes: { "a.com": "bilingual", "b.com": "side-by-side" },
    });
    const store = createSettingsStore(storage);
    await store.update(({ siteDisplayModes }) => ({ siteDisplayModes: { ...siteDisplayModes, "c.com": "bilingual" } }));
    expect(storage.writes.at(-1)?.siteDisplayModes).toEqual({
      "a.com": "bilingual",
      "b.com": "side-by-side",
      "c.com": "bilingual",
    });
    await store.update(({ siteDisplayModes }) => ({ siteDisplayModes: { ...siteDisplayModes, "a.com": "replace" } }));
    expect(storage.writes.at(-1)?.siteDisplayModes).toEqual({
      "a.com": "replace",
      "b.com": "side-by-side",
      "c.com": "bilingual",
    });
  });

  it("says which newer Gloss stored them, through saves here too (for the options page's note)", async () => {
    const store = createSettingsStore(
      memoryStorage({ ...DEFAULTS, schemaVersion: NEWER, displayMode: "side-by-side" }),
    );
    await store.load();
    expect(store.newerVersion()).toBe(NEWER);
    await store.save({ model: "m" });
    expect(store.newerVersion()).toBe(NEWER);
    expect(createSettingsStore(memoryStorage({ ...DEFAULTS })).newerVersion()).toBeUndefined();
  });
});

describe("list entries carrying a field this Gloss does not know (a newer Gloss's)", () => {
  const bahn = { term: "Bahn", translation: "DB", lang: "", site: "", matchCase: true };
  const side = { site: "reddit.com", selector: ".side", note: "old Reddit" };

  it("keeps the field on every save, whether or not the save touches the list", async () => {
    const storage = memoryStorage({ ...DEFAULTS, glossary: [bahn], skipParts: [side] });
    const store = createSettingsStore(storage);
    await store.save({ model: "m" });
    expect(storage.writes.at(-1)).toMatchObject({ glossary: [bahn], skipParts: [side] });
    const zug = { term: "Zug", translation: "", lang: "de", site: "" };
    await store.update(({ glossary }) => ({ glossary: [...glossary, zug] }));
    expect(storage.writes.at(-1)?.glossary).toEqual([bahn, zug]);
    expect((await store.load()).glossary).toEqual([{ term: "Bahn", translation: "DB", lang: "", site: "" }, zug]);
  });

  it("keeps it on an entry edited here, and from a newer schema too", async () => {
    const storage = memoryStorage({ ...DEFAULTS, schemaVersion: SETTINGS_VERSION + 1, glossary: [bahn] });
    const store = createSettingsStore(storage);
    await store.save({ glossary: [{ term: "Bahn", translation: "Deutsche Bahn", lang: "", site: "" }] });
    expect(storage.writes.at(-1)?.glossary).toEqual([{ ...bahn, translation: "Deutsche Bahn" }]);
  });

  it("still leaves out on save an entry this Gloss's own schema refuses", async () => {
    const storage = memoryStorage({ ...DEFAULTS, glossary: [bahn, { term: "", translation: "x" }] });
    const store = createSettingsStore(storage);
    await store.save({ model: "m" });
    expect(storage.writes.at(-1)?.glossary).toEqual([bahn]);
    expect(store.unread()).toEqual({});
  });
});
