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
}

interface ChannelLike {
  port1: { onmessage: ((event: unknown) => void) | null };
  port2: { postMessage(message: unknown): void };
}

export class TaskClock {
  readonly #win: Window;
  /** Tasks posted to the channel, one message each, in order. */
  readonly #posted: Task[] = [];
  #channel: ChannelLike | null | undefined;
  #posting = false;

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
    const channel = this.#channelOrNull();
    if (channel) {
      this.#posting = true;
      try {
        this.#posted.push(task);
        channel.port2.postMessage(null);
      } catch {
        // The timer is there.
        this.#posted.pop();
      } finally {
        this.#posting = false;
      }
    }
    return () => this.#cancel(task);
  }

  /** `fn` after `ms`, or in the next task when the page is hidden (nobody is there to need the pause). */
  after(ms: number, fn: () => void): Cancel {
    if (ms <= 0 || this.hidden) return this.soon(fn);
    const task = this.#timed(fn, ms);
    return () => this.#cancel(task);
  }

  /** A task its timer runs after `ms`, unless something ran or cancelled it first. */
  #timed(fn: () => void, ms: number): Task {
    const task: Task = { run: fn, timer: null, done: false };
    task.timer = this.#win.setTimeout(() => this.#run(task), ms);
    return task;
  }

  /** A promise form of `soon`. */
  nextTask(): Promise<void> {
    return new Promise((resolve) => void this.soon(resolve));
  }

  #run(task: Task): void {
    if (task.done) return;
    this.#cancel(task);
    task.run();
  }

  #cancel(task: Task): void {
    task.done = true;
    if (task.timer !== null) this.#win.clearTimeout(task.timer);
    task.timer = null;
  }

  #channelOrNull(): ChannelLike | null {
    if (this.#channel !== undefined) return this.#channel;
    this.#channel = null;
    const Channel = (this.#win as unknown as { MessageChannel?: new () => ChannelLike }).MessageChannel;
    if (typeof Channel !== "function") return null;
    try {
      const channel = new Channel();
      channel.port1.onmessage = () => {
        // A channel the page replaced may answer inside postMessage: that is not a task of its own (the timer is).
        if (this.#posting) return;
        const task = this.#posted.shift();
        if (task) this.#run(task);
      };
      this.#channel = channel;
    } catch {
      // No channel: timers alone.
    }
    return this.#channel;
  }
}
