// The background's entry against a fake browser whose storage cannot be read (a damaged profile): the worker starts
// and takes a settings change without a rejection nobody handles (each one an entry in the extension's error list).
import { fakeChrome } from "../helpers/fake-extension";
import { openStorage } from "../helpers/fake-extension-entry";
import { watchUnhandled } from "../helpers/unhandled";
import "../../src/background/index";

it("a worker whose storage cannot be read starts, and hears of a settings change, without an unhandled rejection", async () => {
  const unhandled = watchUnhandled();
  const stored = fakeChrome.storage;
  let broken = true;
  fakeChrome.storage = new Proxy(stored, {
    get: (target, key) => {
      if (broken) throw new Error("IO error: .../Local Extension Settings/LOCK: Resource temporarily unavailable");
      return Reflect.get(target, key);
    },
  });
  openStorage(); // the worker's first read of the settings fails
  await new Promise((resolve) => setImmediate(resolve));
  // Another context changed the settings: the worker reads them again, and fails again.
  broken = false;
  const changed = chrome.storage.local.set({ settings: { schemaVersion: 5, autoTranslate: [] } });
  broken = true;
  await changed;
  expect(await unhandled()).toEqual([]);
});
