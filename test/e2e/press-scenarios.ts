// What the shortcut-delivery tests share across browsers: fixture pages whose response can be held back (a page
// still on its way, as on a slow network), and the run of many presses on fresh pages.
import { resolve } from "node:path";
import { eventually } from "../helpers/eventually";
import { startStaticServer, type StaticServer } from "../helpers/static-server";

export const TITLE = "p.title a.title";
export const TRANSLATED_TITLE = "Why is Deutsche Bahn actually always late?";

/** A page with a single passage, so a stalled reply leaves all of it untranslated. */
const ONE_PASSAGE = `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Kurz</title></head>
<body><p>Die Bahn kommt heute wieder später als geplant.</p></body></html>`;

export interface PressPages {
  server: StaticServer;
  /** Holds the response to `path`: `arrived` once the browser asked for it, sent on `release()`. */
  hold(path: string): { arrived: Promise<void>; release: () => void };
}

/** The old-Reddit fixture at /r/de/<anything>, and a one-passage page at /one-passage.html. */
export async function startPressPages(): Promise<PressPages> {
  const held = new Map<string, { arrived: () => void; release: Promise<void> }>();
  const server = await startStaticServer(resolve(__dirname, "../fixtures"), {
    aliases: { "/r/de/": "old-reddit-de.html" },
    pages: { "/one-passage.html": () => ONE_PASSAGE },
    hold(path) {
      const entry = held.get(path);
      if (!entry) return undefined;
      held.delete(path);
      entry.arrived();
      return entry.release;
    },
  });
  return {
    server,
    hold(path) {
      let arrived!: () => void;
      let release!: () => void;
      const arrival = new Promise<void>((done) => (arrived = done));
      held.set(path, { arrived, release: new Promise<void>((done) => (release = done)) });
      return { arrived: arrival, release };
    },
  };
}

/** The little both playwright's and puppeteer's pages offer that the run needs. */
export interface DrivenPage {
  goto(url: string, options?: { waitUntil?: "load" | "domcontentloaded" }): Promise<unknown>;
  close(): Promise<void>;
}

export interface PressRun<P extends DrivenPage> {
  pages: PressPages;
  newPage(): Promise<P>;
  press(page: P): Promise<void>;
  /** The badge of the tab the reader looks at. */
  activeBadge(): Promise<string>;
  /** The page's title element's text (null without one). */
  titleOf(page: P): Promise<string | null>;
}

const MOMENTS = ["before the page commits", "as it is parsed", "once it has loaded"] as const;

/**
 * Presses the shortcut `count` times, each on a fresh page, at another moment of its arrival, in a new tab or in
 * one that showed a translated page. Returns one line per press: "translated", "error shown", or "nothing".
 */
export async function pressOnFreshPages<P extends DrivenPage>(run: PressRun<P>, count: number): Promise<string[]> {
  const outcomes: string[] = [];
  let reused = await run.newPage();
  for (let i = 0; i < count; i++) {
    const moment = MOMENTS[i % MOMENTS.length]!;
    const fresh = i % 4 === 0;
    const page = fresh ? await run.newPage() : reused;
    const url = `${run.pages.server.url}/r/de/fresh-${i}`;
    if (moment === "before the page commits") {
      const next = run.pages.hold(`/r/de/fresh-${i}`);
      const navigation = page.goto(url);
      await next.arrived;
      await run.press(page);
      next.release();
      await navigation;
    } else {
      await page.goto(url, { waitUntil: moment === "as it is parsed" ? "domcontentloaded" : "load" });
      await run.press(page);
    }
    const outcome = await eventually(async () => {
      // A page between documents cannot be read: not yet.
      if ((await run.titleOf(page).catch(() => null)) === TRANSLATED_TITLE) return "translated";
      if ((await run.activeBadge()) === "!") return "error shown";
      throw new Error("neither translated nor an error shown");
    }, 20_000).catch(() => "nothing");
    outcomes.push(`${i} (${moment}, ${fresh ? "new tab" : "same tab"}): ${outcome}`);
    if (fresh) {
      await reused.close();
      reused = page;
    }
  }
  await reused.close();
  return outcomes;
}
