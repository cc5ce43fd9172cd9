// A page that makes a great many changes in one task (a log viewer appending row by row) hands the observer a huge
// batch of records: every one must reach the page-change handling, none lost to a stack overflow.

import { MutationWatcher } from "../../src/core/watch/mutations";

test("a batch of 200,000 mutation records is handled whole", () => {
  let deliver: MutationCallback = () => {};
  class FakeObserver {
    constructor(callback: MutationCallback) {
      deliver = callback;
    }
    observe(): void {}
    disconnect(): void {}
    takeRecords(): MutationRecord[] {
      return [];
    }
  }
  const win = { MutationObserver: FakeObserver } as unknown as Window;
  let handled = 0;
  const watcher = new MutationWatcher(
    win,
    (records) => void (handled += records.length),
    () => null,
  );
  watcher.start({} as Node);
  const records = Array.from({ length: 200_000 }, () => ({ type: "childList" }) as MutationRecord);
  deliver(records, {} as MutationObserver);
  watcher.flush();
  watcher.stop();
  expect(handled).toBe(200_000);
});
