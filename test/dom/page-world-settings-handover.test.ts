// In the page's world the manager hands Gloss the stored settings as one value, API key and every site's rules
// included, through a promise. A page that, after Gloss started, replaced the global Promise, Promise's `then`, and
// put a getter for `constructor` on Promise.prototype (which turns an `await` into a call of `then`) would be handed
// that value by each promise it went through in Gloss. Only this page's share, without the key, may go on.
import { deserialize, serialize } from "node:v8";
import { createKeptPage } from "../../src/session/kept-page";
import type * as KeptPageModule from "../../src/session/kept-page";
import type { GmApi } from "../../src/userscript/gm-api";
import type * as StoreModule from "../../src/userscript/userscript-settings-store";
import { pageWorldStoreGm, userscriptSettingsStore } from "../../src/userscript/userscript-settings-store";

// jsdom has no structuredClone, which reading settings uses for a default.
globalThis.structuredClone ??= <T>(value: T): T => deserialize(serialize(value)) as T;

const SECRET = "sk-handed-over";
const stored = JSON.stringify({
  baseUrl: "http://127.0.0.1:8080/v1",
  apiKey: SECRET,
  autoTranslate: ["mybank.example"],
});

it("a page replacing Promise after Gloss started sees no key as the store reads the settings", async () => {
  const manager = { getValue: async () => stored } as unknown as GmApi;
  const gm = pageWorldStoreGm(manager, createKeptPage(window), () => ({ host: "example.org", site: "example.org" }));
  const store = userscriptSettingsStore(gm, true, () => "example.org");

  const seen: unknown[] = [];
  const NativePromise = globalThis.Promise;
  const then = NativePromise.prototype.then;
  class PagePromise<T> extends NativePromise<T> {
    constructor(executor: (resolve: (value: T) => void, reject: (error: unknown) => void) => void) {
      super((resolve, reject) => executor((value) => (seen.push(value), resolve(value)), reject));
    }
  }
  globalThis.Promise = PagePromise as PromiseConstructor;
  Object.defineProperty(NativePromise.prototype, "constructor", { configurable: true, get: () => undefined });
  NativePromise.prototype.then = function (this: Promise<unknown>, ok?: (value: unknown) => unknown, fail?: never) {
    return then.call(this, (value: unknown) => (seen.push(value), ok ? ok(value) : value), fail);
  } as typeof then;
  let settings;
  try {
    settings = await store.load();
  } finally {
    globalThis.Promise = NativePromise;
    NativePromise.prototype.then = then;
    Object.defineProperty(NativePromise.prototype, "constructor", {
      configurable: true,
      writable: true,
      value: NativePromise,
    });
  }
  expect(settings.baseUrl).toBe("http://127.0.0.1:8080/v1");
  expect(seen.length).toBeGreaterThan(0); // the page's replacements were in the way
  expect(JSON.stringify(seen)).not.toContain(SECRET);
  expect(JSON.stringify(seen)).not.toContain("mybank");
});

it("a page that replaced Promise's `then` before Gloss started sees no key either", async () => {
  const seen: unknown[] = [];
  const then = Promise.prototype.then;
  // Pages run first: this one's `then` is in place when Gloss keeps the built-ins it relies on.
  Promise.prototype.then = function (this: Promise<unknown>, ok?: (value: unknown) => unknown, fail?: never) {
    return then.call(this, (value: unknown) => (seen.push(value), ok ? ok(value) : value), fail);
  } as typeof then;
  let settings;
  try {
    let kept!: typeof KeptPageModule;
    let store!: typeof StoreModule;
    jest.isolateModules(() => {
      kept = jest.requireActual<typeof KeptPageModule>("../../src/session/kept-page");
      store = jest.requireActual<typeof StoreModule>("../../src/userscript/userscript-settings-store");
    });
    const manager = { getValue: async () => stored } as unknown as GmApi;
    const place = () => ({ host: "example.org", site: "example.org" });
    const gm = store.pageWorldStoreGm(manager, kept.createKeptPage(window), place);
    settings = await store.userscriptSettingsStore(gm, true, () => "example.org").load();
  } finally {
    Promise.prototype.then = then;
  }
  expect(settings.baseUrl).toBe("http://127.0.0.1:8080/v1");
  expect(JSON.stringify(seen)).not.toContain(SECRET);
  expect(JSON.stringify(seen)).not.toContain("mybank");
});
