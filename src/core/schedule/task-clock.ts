// Tasks and pauses of the page pipeline that keep their pace in a hidden tab. A hidden tab's timers fire about once a
// second at best (Firefox clamps them to 1 s, Chrome aligns them to 1 s wake-ups), and collection, writes and the
// sends after a write each wait for a task: a page translated in a background tab went at a request or three a second
// while the server idled. A message on a private channel is not throttled, so a task goes through one; a timer set
// beside it still runs the task should the channel fail (the userscript shares the page's prototypes). Pauses are for
// a reader who sees the page, so a hidden page skips them.

export type Cancel = () => void;

interface Task {
  run: () => void;
  timer: number | null;
  done: boolean;
  /** Whose timer it is. */
  win: Window;
}

interface ChannelLike {
  port1: { onmessage: ((event: unknown) => void) | null };
  port2: { postMessage(message: unknown): void };
}

/**
 * A window's channel and the tasks posted to it, one message each, in order. One per window, shared by its clocks: a
 * channel listened on is never closed, and the browser keeps it for the page's life (Chromium), so a clock each (an
 * engine made for each page a site swaps in) would leave one behind for every one made.
 */
interface Lane {
  channel: ChannelLike | null;
  posted: Task[];
  posting: boolean;
}

const lanes = new WeakMap<Window, Lane>();

export class TaskClock {
  readonly #win: Window;

  constructor(win: Window) {
    this.#win = win;
  }

  /** Milliseconds on a clock that never jumps (the wall clock can be set back or forward by an hour). */
  now(): number {
    return this.#win.performance.now();
  }

  /** The page is not shown (a background tab, a minimised window). */
  get hidden(): boolean {
    return this.#win.document.visibilityState === "hidden";
  }

  /** `fn` in a task of its own, after what is already queued. */
  soon(fn: () => void): Cancel {
    const task = this.#timed(fn, 0);
    const lane = this.#lane();
    if (lane.channel) {
      lane.posting = true;
      try {
        lane.posted.push(task);
        lane.channel.port2.postMessage(null);
      } catch {
        // The timer is there.
        lane.posted.pop();
      } finally {
        lane.posting = false;
      }
    }
    return () => cancel(task);
  }

  /** `fn` after `ms`, or in the next task when the page is hidden (nobody is there to need the pause). */
  after(ms: number, fn: () => void): Cancel {
    if (ms <= 0 || this.hidden) return this.soon(fn);
    const task = this.#timed(fn, ms);
    return () => cancel(task);
  }

  /** A task its timer runs after `ms`, unless something ran or cancelled it first. */
  #timed(fn: () => void, ms: number): Task {
    const win = this.#win;
    const task: Task = { run: fn, timer: null, done: false, win };
    task.timer = win.setTimeout(() => run(task), ms);
    return task;
  }

  /** A promise form of `soon`. */
  nextTask(): Promise<void> {
    return new Promise((resolve) => void this.soon(resolve));
  }

  /** The window's lane, with its channel if one can be made (tried again while there is none). */
  #lane(): Lane {
    let lane = lanes.get(this.#win);
    if (!lane) lanes.set(this.#win, (lane = { channel: null, posted: [], posting: false }));
    if (lane.channel) return lane;
    const Channel = (this.#win as unknown as { MessageChannel?: new () => ChannelLike }).MessageChannel;
    if (typeof Channel !== "function") return lane;
    const shared = lane;
    try {
      const channel = new Channel();
      channel.port1.onmessage = () => {
        // A channel the page replaced may answer inside postMessage: that is not a task of its own (the timer is).
        if (shared.posting) return;
        const task = shared.posted.shift();
        if (task) run(task);
      };
      lane.channel = channel;
    } catch {
      // No channel: timers alone.
    }
    return lane;
  }
}

function run(task: Task): void {
  if (task.done) return;
  cancel(task);
  task.run();
}

function cancel(task: Task): void {
  task.done = true;
  if (task.timer !== null) task.win.clearTimeout(task.timer);
  task.timer = null;
}
