import { resolveGmApi, type GmGlobals, type GmValueChangeListener } from "../../src/userscript/gm-api";
import { followSavedLook } from "../../src/userscript/saved-look";
import { createSettingsStore } from "../../src/shared/settings-store";

const xmlHttpRequest = () => undefined;

/** A manager with storage and, unless `listeners` is false, GM.addValueChangeListener. */
function fakeManager(initial: Record<string, unknown>, listeners = true) {
  const values = { ...initial };
  const registered: Array<{ name: string; listener: GmValueChangeListener }> = [];
  const scope: GmGlobals = {
    GM: {
      xmlHttpRequest,
      getValue: async <T>(key: string, fallback: T) => (key in values ? (values[key] as T) : fallback),
      setValue: async (key: string, value: unknown) => void (values[key] = value),
      ...(listeners
        ? {
            addValueChangeListener: (name: string, listener: GmValueChangeListener) =>
              registered.push({ name, listener }),
          }
        : {}),
    },
  };
  return {
    scope,
    registered,
    /** Another tab stores `value` (the manager passes `passed` as the new value, by default the same). */
    changeFromAnotherTab(key: string, value: unknown, passed: unknown = value, remote = true) {
      const old = values[key];
      values[key] = value;
      for (const r of registered) if (r.name === key) r.listener(key, old, passed, remote);
    },
  };
}

const settingsJson = (fields: Record<string, unknown>) =>
  JSON.stringify({ schemaVersion: 1, baseUrl: "http://127.0.0.1:8080", targetLang: "en", ...fields });

/** The userscript's wiring (index.ts): the store over GM storage, the session's look. */
function tab(manager: ReturnType<typeof fakeManager>) {
  const gm = resolveGmApi(manager.scope);
  const store = createSettingsStore({
    read: async () => {
      const raw = await gm.getValue<string | undefined>("settings", undefined);
      return raw === undefined ? undefined : (JSON.parse(raw) as unknown);
    },
    write: (settings) => gm.setValue("settings", JSON.stringify(settings)),
  });
  const session = { setBilingualStyle: jest.fn(), translate: jest.fn(), restore: jest.fn() };
  const fresh = async () => {
    store.invalidate();
    return store.load();
  };
  const following = followSavedLook({
    gm,
    key: "settings",
    known: () => store.load(),
    fresh,
    setBilingualStyle: session.setBilingualStyle,
  });
  return { gm, store, session, following };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("GM value-change listeners", () => {
  it("are found as GM.addValueChangeListener or GM_addValueChangeListener, and missing in Greasemonkey 4", () => {
    const listen = jest.fn();
    expect(resolveGmApi({ GM: { xmlHttpRequest, addValueChangeListener: listen } }).onValueChange).toBeInstanceOf(
      Function,
    );
    const legacy = resolveGmApi({ GM_xmlhttpRequest: xmlHttpRequest, GM_addValueChangeListener: listen });
    const heard = jest.fn();
    legacy.onValueChange!("settings", heard);
    expect(listen).toHaveBeenCalledWith("settings", expect.any(Function));
    // The manager's values are not handed on: only whether another tab made the change.
    (listen.mock.calls[0][1] as GmValueChangeListener)("settings", "old", "new", true);
    expect(heard).toHaveBeenCalledWith(true);
    expect(resolveGmApi({ GM: { xmlHttpRequest, getValue: async (_k, f) => f } }).onValueChange).toBeUndefined();
  });
});

describe("a look saved in another tab", () => {
  it("restyles this tab's copies after a fresh read of the stored settings", async () => {
    const manager = fakeManager({ settings: settingsJson({ bilingualStyle: "quiet" }) });
    const { store, session, following } = tab(manager);
    expect(following).toBe(true);
    await store.load();

    // The manager's new value says blur; storage (read afresh) says highlight: storage wins.
    manager.changeFromAnotherTab(
      "settings",
      settingsJson({ bilingualStyle: "highlight" }),
      settingsJson({ bilingualStyle: "blur" }),
    );
    await settle();
    expect(session.setBilingualStyle.mock.calls).toEqual([["highlight"]]);
  });

  it("an invalid stored look is read as any read reads it (the default), not applied as stored", async () => {
    const manager = fakeManager({ settings: settingsJson({ bilingualStyle: "highlight" }) });
    const { store, session } = tab(manager);
    await store.load();
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    manager.changeFromAnotherTab("settings", settingsJson({ bilingualStyle: "<b>loud</b>" }));
    await settle();
    warn.mockRestore();
    expect(session.setBilingualStyle.mock.calls).toEqual([["quiet"]]);
  });

  it("a new target language or server from another tab restyles nothing and translates nothing", async () => {
    const manager = fakeManager({ settings: settingsJson({ bilingualStyle: "underline" }) });
    const { store, session } = tab(manager);
    await store.load();
    manager.changeFromAnotherTab(
      "settings",
      settingsJson({ bilingualStyle: "underline", targetLang: "fr", baseUrl: "http://127.0.0.1:9090" }),
    );
    await settle();
    expect(session.setBilingualStyle).not.toHaveBeenCalled();
    expect(session.translate).not.toHaveBeenCalled();
    expect(session.restore).not.toHaveBeenCalled();
    // It is read afresh, for the next translation.
    expect((await store.load()).targetLang).toBe("fr");
  });

  it("this tab's own change is left to the save that made it", async () => {
    const manager = fakeManager({ settings: settingsJson({ bilingualStyle: "quiet" }) });
    const { store, session } = tab(manager);
    await store.load();
    manager.changeFromAnotherTab("settings", settingsJson({ bilingualStyle: "blur" }), undefined, false);
    await settle();
    expect(session.setBilingualStyle).not.toHaveBeenCalled();
  });

  it("without a listener API (Greasemonkey 4) nothing is listened to and nothing breaks", async () => {
    const manager = fakeManager({ settings: settingsJson({ bilingualStyle: "quiet" }) }, false);
    const { store, session, following, gm } = tab(manager);
    expect(following).toBe(false);
    expect(gm.onValueChange).toBeUndefined();
    await store.load();
    manager.changeFromAnotherTab("settings", settingsJson({ bilingualStyle: "blur" }));
    await settle();
    expect(session.setBilingualStyle).not.toHaveBeenCalled();
    // As before: this tab keeps the copy it read until its next translation reads again.
    expect((await store.load()).bilingualStyle).toBe("quiet");
  });
});
