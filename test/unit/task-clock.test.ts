// The page pipeline's tasks (see task-clock.ts): through a private channel, so a hidden tab's throttled timers do
// not set the pace, with a timer beside it in case the page broke the channel; each task runs once.

import { TaskClock } from "../../src/core/schedule/task-clock";

type Channel = { port1: { onmessage: (() => void) | null }; port2: { postMessage(): void } };

/** A window with real timers, a visibility state and the given MessageChannel. */
function fakeWindow(channel: (() => Channel) | undefined, visibilityState = "visible"): Window {
  return {
    setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
    clearTimeout: (id: ReturnType<typeof setTimeout>) => clearTimeout(id),
    document: { visibilityState },
    ...(channel
      ? {
          MessageChannel: function MessageChannel() {
            return channel();
          },
        }
      : {}),
  } as unknown as Window;
}

/** A channel that delivers each message in a task of its own (like a browser's). */
function workingChannel(): Channel {
  const channel: Channel = {
    port1: { onmessage: null },
    port2: { postMessage: () => void setImmediate(() => channel.port1.onmessage?.()) },
  };
  return channel;
}

test("tasks run once each, in order, through the channel", async () => {
  const clock = new TaskClock(fakeWindow(workingChannel));
  const ran: number[] = [];
  for (let i = 0; i < 5; i++) clock.soon(() => ran.push(i));
  await clock.nextTask();
  expect(ran).toEqual([0, 1, 2, 3, 4]);
});

test("a page that broke the channel (it never delivers, or throws) still gets its tasks run by the timer", async () => {
  const silent = new TaskClock(fakeWindow(() => ({ port1: { onmessage: null }, port2: { postMessage: () => {} } })));
  const throwing = new TaskClock(
    fakeWindow(() => ({
      port1: { onmessage: null },
      port2: {
        postMessage: () => {
          throw new Error("patched by the page");
        },
      },
    })),
  );
  await silent.nextTask();
  await throwing.nextTask();
});

test("a channel the page replaced cannot run a task inside the code that asked for it", async () => {
  const reentrant = (): Channel => {
    const channel: Channel = {
      port1: { onmessage: null },
      port2: { postMessage: () => channel.port1.onmessage?.() },
    };
    return channel;
  };
  const clock = new TaskClock(fakeWindow(reentrant));
  let ran = false;
  const done = new Promise<void>((resolve) =>
    clock.soon(() => {
      ran = true;
      resolve();
    }),
  );
  expect(ran).toBe(false);
  await done;
});

test("a cancelled task does not run, and the tasks after it still do", async () => {
  const clock = new TaskClock(fakeWindow(workingChannel));
  const ran: string[] = [];
  const cancel = clock.soon(() => ran.push("cancelled"));
  clock.soon(() => ran.push("kept"));
  cancel();
  await clock.nextTask();
  expect(ran).toEqual(["kept"]);
});

test("a pause is kept while the page is shown and skipped while it is hidden", async () => {
  const shown = new TaskClock(fakeWindow(workingChannel));
  const hidden = new TaskClock(fakeWindow(workingChannel, "hidden"));
  let shownRan = false;
  const cancel = shown.after(60_000, () => (shownRan = true));
  // A minute's pause in a hidden page: the next task.
  await new Promise<void>((resolve) => void hidden.after(60_000, resolve));
  await shown.nextTask();
  expect(shownRan).toBe(false);
  cancel();
});

test("clocks made again and again for one window share its channel, and keep their tasks apart", async () => {
  // An engine, with its clock, for each page a site swaps in: a channel listened on is never closed.
  let made = 0;
  const win = fakeWindow(() => (made++, workingChannel()));
  const clocks = Array.from({ length: 50 }, () => new TaskClock(win));
  const ran: number[] = [];
  clocks.forEach((clock, i) => clock.soon(() => ran.push(i)));
  const cancel = clocks[0]!.soon(() => ran.push(-1));
  cancel();
  await clocks[49]!.nextTask();
  expect(made).toBe(1);
  expect(ran).toEqual(clocks.map((_, i) => i));
});
