// A translation open as the page goes into the back/forward cache is stopped (its request dropped at the server,
// which is then free for the pages being read) and asked again, for what is still unanswered, when the page comes
// back. For a translator whose requests run where a kept page may never hear from them: a userscript manager's
// (Firefox drops the answers to a kept page; Chromium closes its channels), which would leave the page waiting until
// its requests time out. The extension's port translator does the same with its ports (it knows each answer as its
// port delivers it).
import { AsyncQueue } from "../shared/async-queue";
import type { Segment, SegmentResult, Translator } from "../shared/translator";

export function keptPageTranslator(
  inner: Translator,
  win: Window,
  /** Whether the browser made an event (tests stand in for it): a page's own `pagehide` must not drop requests. */
  isTrusted: (event: Event) => boolean = (event) => event.isTrusted,
): Translator {
  return (batch, opts) => {
    const answered = new Set<string>();
    /** The current request; none while the page is away. */
    let run: AbortController | undefined;
    let finished = false;

    const finish = (): void => {
      if (finished) return;
      finished = true;
      win.removeEventListener("pagehide", onPageHide);
      win.removeEventListener("pageshow", onPageShow);
      opts.signal.removeEventListener("abort", finish);
      run?.abort();
      run = undefined;
      results.end();
    };
    const results = new AsyncQueue<SegmentResult>(finish);

    /** Passes on what `segments`' request answers, until it ends: one answer per segment, whichever request gave it. */
    const ask = (segments: Segment[]): void => {
      const controller = new AbortController();
      run = controller;
      void (async () => {
        try {
          for await (const result of inner(segments, { ...opts, signal: controller.signal })) {
            if (answered.has(result.id)) continue;
            // A dropped request's translations came before it was dropped; its failures are the dropping.
            if (run !== controller && "error" in result) continue;
            answered.add(result.id);
            results.push(result);
          }
        } catch (error) {
          // The seam reports errors as values; a throw is a bug in the translator. The caller fails the rest.
          console.warn("Gloss: the translator threw", error);
        }
        if (run === controller) finish();
      })();
    };

    function onPageHide(event: PageTransitionEvent): void {
      if (!event.persisted || !isTrusted(event) || !run) return;
      const dropped = run;
      run = undefined;
      dropped.abort();
    }
    function onPageShow(event: PageTransitionEvent): void {
      if (!event.persisted || !isTrusted(event) || finished) return;
      // A request still open (the page went without a pagehide this heard) goes again too: its answers may not come.
      const stale = run;
      run = undefined;
      stale?.abort();
      const rest = batch.filter((segment) => !answered.has(segment.id));
      if (rest.length) ask(rest);
      else finish();
    }

    if (opts.signal.aborted) finish();
    else {
      opts.signal.addEventListener("abort", finish, { once: true });
      win.addEventListener("pagehide", onPageHide);
      win.addEventListener("pageshow", onPageShow);
      ask(batch);
    }
    return results;
  };
}
