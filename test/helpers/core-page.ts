// Helpers for engine tests: a page translator over the jsdom document with the fake translator, and a stub
// IntersectionObserver that reports what the test says is visible.

import { createPageTranslator, type PageTranslator, type PageTranslatorOptions, type Progress } from "../../src/core";
import { NEAR_MARGIN } from "../../src/core/schedule/visibility";
import { createFakeTranslator, type FakeTranslator, type FakeTranslatorOptions } from "./fake-translator";

export interface Setup {
  page: PageTranslator;
  fake: FakeTranslator;
  progress: Progress[];
  /** Resolves at the first progress report (past or future) for which `predicate` holds. */
  progressWhere(predicate: (p: Progress) => boolean): Promise<Progress>;
}

/**
 * The time limit of a test that takes a whole page of hundreds of units through the engine in jsdom: a few seconds of
 * CPU alone, and several times that while CI runs tsc, eslint and the other worker beside it (at a load average of 13,
 * 16 s for the old-Reddit fixture). Jest's 20 s (jest.config.cjs) is for the rest; nothing here asserts on time.
 */
export const WHOLE_PAGE_TIMEOUT_MS = 60_000;

const live: PageTranslator[] = [];

// A page translator keeps observing the document; stop every one after its test so none reacts to the next.
afterEach(() => {
  for (const page of live.splice(0)) page.restore();
});

export function setup(
  html: string | null,
  options: Partial<PageTranslatorOptions> = {},
  fakeOptions: FakeTranslatorOptions = {},
): Setup {
  if (html !== null) document.body.innerHTML = html;
  const fake = createFakeTranslator(fakeOptions);
  const progress: Progress[] = [];
  const waiters: Array<{ predicate: (p: Progress) => boolean; resolve: (p: Progress) => void }> = [];
  const page = createPageTranslator(document, {
    translator: fake.translate,
    targetLang: "en",
    onProgress: (p) => {
      progress.push(p);
      for (const w of [...waiters]) {
        if (w.predicate(p)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(p);
        }
      }
    },
    ...options,
  });
  live.push(page);
  const progressWhere = (predicate: (p: Progress) => boolean): Promise<Progress> => {
    const past = progress.find(predicate);
    if (past) return Promise.resolve(past);
    return new Promise((resolve) => waiters.push({ predicate, resolve }));
  };
  return { page, fake, progress, progressWhere };
}

/** Runs the same page script on a control copy (never translated) and returns its HTML afterwards. */
export function control(html: string, change: (root: Element) => void): string {
  const box = document.createElement("div");
  box.innerHTML = html;
  change(box);
  return box.innerHTML;
}

/** Every node taken out of the page (or of `root`: a shadow root is watched on its own) while `run` runs (a move
 * within a parent takes the node out too). */
export async function removedDuring(run: () => unknown, root: Node = document.body): Promise<Node[]> {
  const removed: Node[] = [];
  const collect = (records: MutationRecord[]): void => {
    for (const r of records) removed.push(...Array.from(r.removedNodes));
  };
  const observer = new MutationObserver(collect);
  observer.observe(root, { childList: true, subtree: true });
  try {
    await run();
    collect(observer.takeRecords());
  } finally {
    observer.disconnect();
  }
  return removed;
}

/** Every segment html the translator received, in order. */
export function sent(fake: FakeTranslator): string[] {
  return fake.batches.flat().map((s) => s.html);
}

export type Place = "visible" | "near" | "far";

export interface IntersectionStub {
  observed(): Element[];
  /** Move an element (e.g. the user scrolled) and report it to the observers. */
  move(el: Element, place: Place): void;
  uninstall(): void;
}

/** Replace window.IntersectionObserver; `where` says where each element is. */
export function installIntersectionStub(where: (el: Element) => Place): IntersectionStub {
  const win = window as unknown as { IntersectionObserver?: unknown };
  const original = win.IntersectionObserver;
  const places = new Map<Element, Place>();
  const instances = new Set<StubObserver>();
  const placeOf = (el: Element): Place => places.get(el) ?? where(el);

  class StubObserver {
    readonly targets = new Set<Element>();
    constructor(
      readonly callback: IntersectionObserverCallback,
      readonly options: IntersectionObserverInit = {},
    ) {
      instances.add(this);
    }
    report(els: Element[]): void {
      const near = this.options.rootMargin === NEAR_MARGIN;
      const entries = els.map((target) => {
        const place = placeOf(target);
        return {
          target,
          isIntersecting: place === "visible" || (near && place === "near"),
        } as IntersectionObserverEntry;
      });
      this.callback(entries, this as unknown as IntersectionObserver);
    }
    observe(el: Element): void {
      this.targets.add(el);
      // Like the real one: the initial state arrives asynchronously.
      queueMicrotask(() => {
        if (this.targets.has(el)) this.report([el]);
      });
    }
    unobserve(el: Element): void {
      this.targets.delete(el);
    }
    disconnect(): void {
      this.targets.clear();
      instances.delete(this);
    }
    takeRecords(): IntersectionObserverEntry[] {
      return [];
    }
  }

  win.IntersectionObserver = StubObserver;
  return {
    observed: () => [...new Set([...instances].flatMap((i) => [...i.targets]))],
    move(el, place) {
      places.set(el, place);
      for (const i of instances) if (i.targets.has(el)) i.report([el]);
    },
    uninstall() {
      win.IntersectionObserver = original;
    },
  };
}

/** The elements whose computed style `change` had read, once the page settled. */
export async function looked(page: { whenSettled(): Promise<unknown> }, change: () => void): Promise<Element[]> {
  const seen: Element[] = [];
  const getStyle = window.getComputedStyle;
  const spy = jest.spyOn(window, "getComputedStyle").mockImplementation((el, pseudo) => {
    seen.push(el);
    return getStyle.call(window, el, pseudo);
  });
  try {
    change();
    await page.whenSettled();
  } finally {
    spy.mockRestore();
  }
  return seen;
}
