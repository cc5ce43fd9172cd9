// The watcher's look for shadow roots attached after a walk (watch/mutations.ts) runs only while a custom element
// walked without one is left: a page whose components have all drawn costs nothing more each second.

import { MutationWatcher } from "../../src/core/watch/mutations";

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

test("the look for late shadow roots stops once every host has its root, and a new rootless host starts it again", () => {
  const batches: Node[][] = [];
  const watcher = new MutationWatcher(
    window,
    (_records, roots) => void batches.push([...roots]),
    (el) => el.shadowRoot,
  );
  document.body.replaceChildren(document.createElement("x-card"), document.createElement("x-card"));
  const [a, b] = [...document.body.children] as HTMLElement[];
  watcher.start(document.body);
  watcher.expectRoot(a!);
  watcher.expectRoot(b!);

  const rootA = a!.attachShadow({ mode: "open" });
  jest.advanceTimersByTime(1000);
  expect(batches).toEqual([[rootA]]);
  expect(jest.getTimerCount()).toBe(1); // still looking for b's

  const rootB = b!.attachShadow({ mode: "open" });
  jest.advanceTimersByTime(1000);
  expect(batches).toEqual([[rootA], [rootB]]);
  expect(jest.getTimerCount()).toBe(0);

  const c = document.body.appendChild(document.createElement("x-card"));
  watcher.expectRoot(c);
  expect(jest.getTimerCount()).toBe(1);
  watcher.stop();
  expect(jest.getTimerCount()).toBe(0);
});
