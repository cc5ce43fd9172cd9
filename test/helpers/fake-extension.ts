// A minimal stand-in for the extension API, for unit tests of background modules in Node: only what those modules
// call, promise-based. It is installed as both `chrome` and `browser`, as in Firefox, so webextension-polyfill (which
// src/extension/api.ts loads) hands it over unwrapped. Modules read the API when they load, so a test imports this
// file before the modules under test, and resets it with `resetFakeChrome()` between tests.
export interface FakeChrome {
  storage: Record<string, unknown>;
  /** storage.session: kept while the browser runs, across the worker's restarts. */
  session: Record<string, unknown>;
  granted: Set<string>;
  registered: Map<string, { id: string; matches: string[] }>;
  platformInfoCalls: number;
  /** Delay every scripting call by a macrotask, so overlapping calls interleave as in a real browser. */
  slowScripting: boolean;
  /** What i18n.detectLanguage answers (the browser's CLD); by default "und", unreliable. */
  detectLanguage: (text: string) => DetectedLanguages;
  /** Every badge text set, in order, per tab. */
  badgeTexts: Map<number, string[]>;
  /** Calls to the action API (badge text and colors). */
  actionCalls: number;
  /** Every badge background color set, in order, per tab. */
  badgeColors: Map<number, string[]>;
}

export interface DetectedLanguages {
  isReliable: boolean;
  languages: Array<{ language: string; percentage: number }>;
}

const UNDETERMINED = (): DetectedLanguages => ({
  isReliable: false,
  languages: [{ language: "und", percentage: 100 }],
});

const state: FakeChrome = {
  storage: {},
  session: {},
  granted: new Set(),
  registered: new Map(),
  platformInfoCalls: 0,
  slowScripting: true,
  detectLanguage: UNDETERMINED,
  badgeTexts: new Map(),
  actionCalls: 0,
  badgeColors: new Map(),
};
const storageListeners = new Set<(changes: Record<string, unknown>, area: string) => void>();

export function resetFakeChrome(): FakeChrome {
  state.storage = {};
  state.session = {};
  state.granted = new Set();
  state.registered = new Map();
  state.platformInfoCalls = 0;
  state.slowScripting = true;
  state.detectLanguage = UNDETERMINED;
  state.badgeTexts = new Map();
  state.actionCalls = 0;
  state.badgeColors = new Map();
  return state;
}

function installFakeChrome(): FakeChrome {
  const tick = () => (state.slowScripting ? new Promise((resolve) => setTimeout(resolve, 1)) : Promise.resolve());
  const api = {
    runtime: {
      id: "gloss-test",
      getPlatformInfo: async () => {
        state.platformInfoCalls++;
        return { os: "linux" };
      },
      getURL: (path: string) => `chrome-extension://gloss-test/${path}`,
    },
    storage: {
      local: {
        get: async (key: string) => ({ [key]: state.storage[key] }),
        set: async (items: Record<string, unknown>) => {
          const changes = Object.fromEntries(
            Object.entries(items).map(([k, v]) => [k, { oldValue: state.storage[k], newValue: v }]),
          );
          Object.assign(state.storage, items);
          storageListeners.forEach((listener) => listener(changes, "local"));
        },
      },
      session: {
        get: async (key: string) => ({ [key]: state.session[key] }),
        set: async (items: Record<string, unknown>) => void Object.assign(state.session, items),
      },
      onChanged: {
        addListener: (listener: (changes: Record<string, unknown>, area: string) => void) =>
          void storageListeners.add(listener),
      },
    },
    action: {
      setBadgeText: async ({ tabId, text }: { tabId: number; text: string }) => {
        state.actionCalls++;
        state.badgeTexts.set(tabId, [...(state.badgeTexts.get(tabId) ?? []), text]);
      },
      setBadgeBackgroundColor: async ({ tabId, color }: { tabId: number; color: string }) => {
        state.actionCalls++;
        state.badgeColors.set(tabId, [...(state.badgeColors.get(tabId) ?? []), color]);
      },
      setBadgeTextColor: async () => void state.actionCalls++,
    },
    i18n: {
      detectLanguage: async (text: string) => state.detectLanguage(text),
      getUILanguage: () => "en",
    },
    permissions: {
      contains: async ({ origins }: { origins: string[] }) => origins.every((o) => state.granted.has(o)),
    },
    scripting: {
      getRegisteredContentScripts: async ({ ids }: { ids: string[] }) => {
        await tick();
        return ids.filter((id) => state.registered.has(id)).map((id) => state.registered.get(id)!);
      },
      registerContentScripts: async (scripts: Array<{ id: string; matches: string[] }>) => {
        await tick();
        for (const s of scripts) {
          if (state.registered.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
          state.registered.set(s.id, { id: s.id, matches: s.matches });
        }
      },
      updateContentScripts: async (scripts: Array<{ id: string; matches: string[] }>) => {
        await tick();
        for (const s of scripts) {
          if (!state.registered.has(s.id)) throw new Error(`No script with ID '${s.id}'`);
          state.registered.set(s.id, { id: s.id, matches: s.matches });
        }
      },
      unregisterContentScripts: async ({ ids }: { ids: string[] }) => {
        await tick();
        for (const id of ids) state.registered.delete(id);
      },
    },
  };
  Object.assign(globalThis, { chrome: api, browser: api });
  return state;
}

export const fakeChrome = installFakeChrome();
