// Calls to the extension (or a userscript manager) that a page kept in the back/forward cache would wait on for
// ever. Firefox drops every answer that comes while a kept page's content script is inactive (the call's promise
// never settles: a language detection or a settings ask open as the reader left stalled the page's translation for
// good after the return), and Chromium closes a kept page's message channels (the call fails with an error that says
// nothing about the background). So a call still open when the page comes back is made again, and only an answer to
// a call made since counts.

export interface KeptPage {
  /** What `call()` answers; made again if the page is kept and comes back before the answer. */
  ask<T>(call: () => Promise<T>): Promise<T>;
  /**
   * A write: done once. Kept and back before its answer, the page takes it as done (the write went out before the
   * page did; made again, an old value could undo one another tab wrote meanwhile).
   */
  write(call: () => Promise<void>): Promise<void>;
}

export function createKeptPage(
  win: Window,
  /** Whether the browser made an event (tests stand in for it): a page's own `pagehide` must not move Gloss. */
  isTrusted: (event: Event) => boolean = (event) => event.isTrusted,
): KeptPage {
  /** Counted as the page goes and as it comes back: an answer to a call made before then may be lost or false. */
  let stay = 0;
  let away = false;
  /** What each open call does when the page comes back: its next attempt, or for a write, taking it as done. */
  const open = new Set<() => void>();

  win.addEventListener("pagehide", (event) => {
    if (!event.persisted || !isTrusted(event)) return;
    away = true;
    stay++;
  });
  win.addEventListener("pageshow", (event) => {
    if (!event.persisted || !isTrusted(event)) return;
    away = false;
    stay++;
    for (const onReturn of [...open]) onReturn();
  });

  function track<T>(call: () => Promise<T>, again: boolean): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      // Awaited, never `.then`: run in the page's world (a userscript), the page may have replaced Promise's `then`
      // and would see what goes through it (the stored settings hold the API key).
      const attempt = async (): Promise<void> => {
        const madeIn = stay;
        // Taken only if the page did not go (nor come back) between the call and its answer.
        const current = () => madeIn === stay && !away && open.delete(onReturn);
        try {
          const value = await call();
          if (current()) resolve(value);
        } catch (error) {
          if (current()) reject(error);
        }
      };
      const onReturn = (): void => {
        if (again) return void attempt();
        open.delete(onReturn);
        resolve(undefined as T); // a write answers nothing
      };
      open.add(onReturn);
      void attempt();
    });
  }

  return { ask: (call) => track(call, true), write: (call) => track(call, false) };
}
