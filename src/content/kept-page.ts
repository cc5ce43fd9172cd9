// Extension calls that a page kept in the back/forward cache would wait on for ever. Firefox drops every answer that
// comes while the page's content script is inactive (the call's promise never settles: a language detection or a
// settings ask open as the reader left stalled the page's translation for good after the return), and Chromium
// closes a kept page's message channels (the call fails with an error that says nothing about the background). So
// a call still open when the page comes back is made again, and only an answer to a call made since counts.

export interface KeptPage {
  /** What `call()` answers; made again if the page is kept and comes back before the answer. */
  ask<T>(call: () => Promise<T>): Promise<T>;
}

export function createKeptPage(
  win: Window,
  /** Whether the browser made an event (tests stand in for it): a page's own `pagehide` must not move Gloss. */
  isTrusted: (event: Event) => boolean = (event) => event.isTrusted,
): KeptPage {
  /** Counted as the page goes and as it comes back: an answer to a call made before then may be lost or false. */
  let stay = 0;
  let away = false;
  /** Each open call's next attempt. */
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
    for (const again of [...open]) again();
  });

  function ask<T>(call: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const attempt = (): void => {
        const madeIn = stay;
        // Taken only if the page did not go (nor come back) between the call and its answer.
        const current = () => madeIn === stay && !away && open.delete(attempt);
        let answer: Promise<T>;
        try {
          answer = call();
        } catch (error) {
          if (open.delete(attempt)) reject(error);
          return;
        }
        answer.then(
          (value) => current() && resolve(value),
          (error: unknown) => current() && reject(error),
        );
      };
      open.add(attempt);
      attempt();
    });
  }

  return { ask };
}
