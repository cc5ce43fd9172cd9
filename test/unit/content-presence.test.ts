// Which tabs have Gloss's content script, as the background remembers it: a press on such a tab asks the script
// instead of injecting it again, also after the idle worker was stopped and started again.
import "../helpers/fake-extension"; // the module reads the extension API as it loads
import { createContentPresence, type PresenceStore } from "../../src/background/content-presence";

/** Session storage as the browser keeps it: one list shared by every life of the worker. */
function sessionStore(): PresenceStore & { saved: unknown } {
  const store = {
    saved: undefined as unknown,
    load: async () => store.saved,
    save: async (ids: number[]) => void (store.saved = ids),
  };
  return store;
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

it("a tab heard from may listen; one never heard from, or that moved on to another page, does not", async () => {
  const presence = createContentPresence(sessionStore());
  presence.heard(3);
  expect(await presence.mayListen(3)).toBe(true);
  expect(await presence.mayListen(4)).toBe(false);
  presence.forget(3);
  expect(await presence.mayListen(3)).toBe(false);
});

it("a worker started again still knows the tabs the last one heard from", async () => {
  const store = sessionStore();
  const before = createContentPresence(store);
  before.heard(3);
  before.heard(5);
  before.forget(5);
  await settled();
  const after = createContentPresence(store);
  expect(await after.mayListen(3)).toBe(true);
  expect(await after.mayListen(5)).toBe(false);
});

it("what the new worker hears before the kept list is read is not lost, nor undone by it", async () => {
  const store = sessionStore();
  store.saved = [3, 7];
  let release = () => {};
  const slow: PresenceStore = {
    load: () => new Promise((resolve) => (release = () => resolve(store.saved))),
    save: store.save,
  };
  const presence = createContentPresence(slow);
  presence.heard(9);
  presence.forget(7); // the tab navigated while the worker was reading the list
  const answer = presence.mayListen(9);
  release();
  expect(await answer).toBe(true);
  expect(await presence.mayListen(3)).toBe(true);
  expect(await presence.mayListen(7)).toBe(false);
  await settled();
  expect(store.saved).toEqual([3, 9]);
});

it("without session storage (a failed read), tabs are still remembered for this worker", async () => {
  const presence = createContentPresence({
    load: () => Promise.reject(new Error("no session storage")),
    save: () => Promise.reject(new Error("no session storage")),
  });
  presence.heard(2);
  expect(await presence.mayListen(2)).toBe(true);
});

it("lists every tab heard from, also those a worker before this one heard", async () => {
  const store = sessionStore();
  store.saved = [3];
  const presence = createContentPresence(store);
  presence.heard(5);
  presence.heard(8);
  presence.forget(8);
  expect((await presence.listening()).sort()).toEqual([3, 5]);
});
