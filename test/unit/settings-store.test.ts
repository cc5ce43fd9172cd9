import { createSettingsStore } from "../../src/shared/settings-store";
import { DEFAULTS, type Settings } from "../../src/shared/settings";

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
