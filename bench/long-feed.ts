// Long-session benchmark (not a test): what Gloss costs the page while a reader scrolls an endless feed. The long
// old-Reddit thread in jsdom is translated (the fake translator: no server, no waiting), then comments are appended
// in bursts as infinite scroll does, each burst translated before the next. Per burst: time in Gloss's handling of
// the page's changes (the mutation records, the collect walk of what was added, the writes; with `--progress`, the
// progress reports, part of those) and how many elements that looked at; the IntersectionObserver targets and
// listeners over time; then how much of a dropped feed, of the page after Show original and after an in-page
// navigation, is still kept alive. Run: `node --expose-gc scripts/run-ts.mjs bench/long-feed.ts [-- --comments N]
// [--wrapped] [--progress]` (about half a minute; minutes with --progress).
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { JSDOM } from "jsdom";
import { createPageTranslator } from "../src/core";
import { PageChanges } from "../src/core/watch/page-changes";
import { PendingRegions } from "../src/core/watch/pending-regions";
import { PageWrites } from "../src/core/write/page-writes";
import { ProgressReporter } from "../src/core/progress";
import { createFakeTranslator } from "../test/helpers/fake-translator";

const commentsArg = process.argv.indexOf("--comments");
const COMMENTS = (commentsArg > 0 && Number(process.argv[commentsArg + 1])) || 2000;
const BURST = 20;
/** Progress reported, as the extension always has it (slow here: jsdom's isConnected walks up the tree). */
const PROGRESS = process.argv.includes("--progress");
/** Each comment in a custom element the page gives no display (inline, as `display: contents` wrappers are). */
const WRAPPED = process.argv.includes("--wrapped");

const WORDS = [
  "Ich fahre seit Jahren jeden Tag mit dem Regionalexpress zur Arbeit.",
  "Das Problem ist nicht das Personal, sondern die Infrastruktur.",
  "Auf meiner Strecke fällt fast jeden Freitag ein Zug aus.",
  "Die Stellwerke in meiner Region sind teilweise noch aus den Sechzigern.",
  "In Österreich klappt das mit dem Taktfahrplan deutlich besser.",
];

/** One old-Reddit comment, different from every other. */
function comment(i: number): string {
  const text = `${WORDS[i % WORDS.length]} Kommentar Nummer ${i}, <a href="https://example.org/${i}">mehr dazu</a>.`;
  const html = `<div class="thing noncollapsed comment" id="thing_t1_more${i}" data-author="Nutzer${i}">
<div class="midcol unvoted"><div class="arrow up" role="button" aria-label="Hochwählen" tabindex="0"></div></div>
<div class="entry unvoted"><p class="tagline"><a href="#" class="author">Nutzer${i}</a> <span class="score" title="${i}">${i} Punkte</span> <time class="live-timestamp">vor ${i} Minuten</time></p>
<form action="#" class="usertext"><div class="usertext-body md-container"><div class="md"><p>${text}</p></div></div></form>
<ul class="flat-list buttons"><li class="first"><a href="#">Permalink</a></li><li><a href="#">speichern</a></li><li class="reply-button"><a href="#">antworten</a></li></ul>
</div></div>`;
  return WRAPPED ? `<feed-item>${html}</feed-item>` : html;
}

/** Time spent in a method (ms), summed until taken. */
function timed<T extends object>(proto: T, name: keyof T & string): () => number {
  const original = proto[name] as unknown as (...args: unknown[]) => unknown;
  let total = 0;
  (proto as Record<string, unknown>)[name] = function (this: unknown, ...args: unknown[]) {
    const t0 = performance.now();
    try {
      return original.apply(this, args);
    } finally {
      total += performance.now() - t0;
    }
  };
  return () => {
    const t = total;
    total = 0;
    return t;
  };
}

const gc = (globalThis as { gc?: () => void }).gc;
async function collectGarbage(): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await new Promise((r) => setTimeout(r, 0));
    gc?.();
  }
}
const heapMb = (): string => (process.memoryUsage().heapUsed / 1e6).toFixed(1);

async function main(): Promise<void> {
  const html = readFileSync(resolve(process.cwd(), "test/fixtures/old-reddit-thread-de.html"), "utf8");
  const dom = new JSDOM(html, { pretendToBeVisual: true, url: "https://old.reddit.com/r/de/comments/1b2c3d/" });
  const win = dom.window as unknown as Window & typeof globalThis;
  const doc = win.document;

  // What the page's observers and listeners amount to: an IntersectionObserver that counts its targets, and
  // addEventListener counted on every target.
  const targets = new Set<Set<Element>>();
  class CountingObserver {
    readonly targets = new Set<Element>();
    constructor() {
      targets.add(this.targets);
    }
    observe(el: Element): void {
      this.targets.add(el);
    }
    unobserve(el: Element): void {
      this.targets.delete(el);
    }
    disconnect(): void {
      this.targets.clear();
    }
    takeRecords(): [] {
      return [];
    }
  }
  (win as unknown as { IntersectionObserver: unknown }).IntersectionObserver = CountingObserver;
  const observed = (): number => [...targets].reduce((n, t) => n + t.size, 0);
  let listeners = 0;
  const et = win.EventTarget.prototype;
  const add = et.addEventListener;
  const remove = et.removeEventListener;
  et.addEventListener = function (...args: Parameters<typeof add>) {
    listeners++;
    return add.apply(this, args);
  };
  et.removeEventListener = function (...args: Parameters<typeof remove>) {
    listeners--;
    return remove.apply(this, args);
  };
  // Elements whose style Gloss looked at: how much of the page a walk visited.
  let styled = 0;
  const getStyle = win.getComputedStyle.bind(win);
  win.getComputedStyle = (el: Element, pseudo?: string | null) => {
    styled++;
    return getStyle(el, pseudo);
  };

  const changesMs = timed(PageChanges.prototype, "onRecords");
  const collectMs = timed(PendingRegions.prototype, "process");
  const writesMs = timed(PageWrites.prototype, "flush");
  const progressMs = timed(ProgressReporter.prototype, "report");
  let flushes = 0;
  const flush = PageWrites.prototype.flush;
  PageWrites.prototype.flush = function (this: PageWrites) {
    flushes++;
    flush.call(this);
  };

  const fake = createFakeTranslator();
  const page = createPageTranslator(doc, {
    translator: fake.translate,
    targetLang: "en",
    // The extension and the userscript always listen (the toolbar badge, the panel); a report counts every unit.
    ...(PROGRESS ? { onProgress: () => undefined } : {}),
  });
  const t0 = performance.now();
  const first = await page.translate();
  console.log(
    `long-feed benchmark (jsdom, fake translator): old-Reddit thread translated in ${(performance.now() - t0).toFixed(0)} ms, ` +
      `${first.translated} units; now ${COMMENTS} comments in bursts of ${BURST}`,
  );
  changesMs();
  collectMs();
  writesMs();
  progressMs();
  styled = 0;
  flushes = 0;

  const rows: Array<Record<string, string | number>> = [];
  const appended: Element[] = [];
  let sum = { changes: 0, collect: 0, writes: 0, progress: 0, styled: 0, flushes: 0, units: 0 };
  const reportEvery = Math.max(1, Math.floor(COMMENTS / BURST / 10));
  for (let b = 0; b * BURST < COMMENTS; b++) {
    const box = doc.createElement("div");
    box.innerHTML = Array.from({ length: BURST }, (_, i) => comment(b * BURST + i)).join("");
    const added = Array.from(box.children);
    // Not kept in a variable: the page after navigation is to be collected.
    (doc.getElementById("siteTable_t3_1b2c3d") as Element).append(...added);
    appended.push(...added);
    const before = page.summary.translated;
    await page.whenSettled();
    sum.changes += changesMs();
    sum.collect += collectMs();
    sum.writes += writesMs();
    sum.progress += progressMs();
    sum.styled += styled;
    sum.flushes += flushes;
    sum.units += page.summary.translated - before;
    styled = 0;
    flushes = 0;
    if ((b + 1) % reportEvery === 0) {
      const n = reportEvery;
      rows.push({
        "comments added": (b + 1) * BURST,
        "units translated": page.summary.translated,
        "page changes ms/burst": (sum.changes / n).toFixed(2),
        "collect ms/burst": (sum.collect / n).toFixed(2),
        "writes ms/burst": (sum.writes / n).toFixed(2),
        ...(PROGRESS ? { "progress ms/burst": (sum.progress / n).toFixed(2) } : {}),
        "elements styled/burst": Math.round(sum.styled / n),
        "units per write": (sum.units / Math.max(1, sum.flushes)).toFixed(1),
        "IO targets": observed(),
        listeners,
      });
      sum = { changes: 0, collect: 0, writes: 0, progress: 0, styled: 0, flushes: 0, units: 0 };
    }
  }
  console.table(rows);

  // A virtualised feed drops the comments it scrolled past: they must go with their nodes.
  await collectGarbage();
  const heapFull = heapMb();
  const dropped = appended.splice(0, appended.length / 2).map((el) => new WeakRef(el));
  for (const ref of dropped) ref.deref()?.remove();
  await page.whenSettled();
  await collectGarbage();
  const alive = (refs: WeakRef<Element>[]): number => refs.filter((r) => r.deref()).length;
  console.log(
    `feed of ${COMMENTS} comments: heap ${heapFull} MB; half of them dropped by the page: ${alive(dropped)} of ` +
      `${dropped.length} still alive, heap ${heapMb()} MB, IO targets ${observed()}, listeners ${listeners}`,
  );

  // Show original, then an in-page navigation (the thread replaced by another) translated and left.
  page.restore();
  await collectGarbage();
  console.log(`after Show original: heap ${heapMb()} MB, IO targets ${observed()}, listeners ${listeners}`);
  await page.translate();
  const rest = appended.splice(0).map((el) => new WeakRef(el));
  const old = navigate(doc, Array.from({ length: 40 }, (_, i) => comment(COMMENTS + i)).join(""));
  await page.whenSettled();
  await collectGarbage();
  console.log(
    `after navigation: old page ${old.deref() ? "still alive" : "collected"}, ${alive(rest)} of ${rest.length} ` +
      `comments alive, heap ${heapMb()} MB, IO targets ${observed()}, listeners ${listeners}`,
  );
  // jsdom's selector engine (nwsapi) caches a query's last results, so the old page can stay alive here whatever
  // Gloss does; the browser has no such cache.
  page.restore();
  if (!gc) console.log("(run node with --expose-gc for the heap figures)");
  win.close();
}

/** The main content replaced, as a single-page site does on navigation; a weak reference to the old one. */
function navigate(doc: Document, html: string): WeakRef<Element> {
  // Found without a selector: jsdom's selector engine keeps the last element it matched from alive.
  let content = doc.getElementById("siteTable_t3_1b2c3d") as Element;
  while (content.getAttribute("role") !== "main") content = content.parentElement as Element;
  const next = content.cloneNode(false) as Element;
  next.innerHTML = html;
  content.replaceWith(next);
  return new WeakRef(content);
}

void main();
