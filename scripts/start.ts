// `npm start`: build Gloss and open Chromium with it loaded on a demo page.
// - If llama-server (or anything OpenAI-compatible) answers on 127.0.0.1:8080, loading or not, Gloss talks to it.
// - If nothing listens there, the llama-server double starts on :8080 — a demo translator, no model — so the demo
//   still works; if another program holds the port, it says so and stops (see server-on-port.ts).
// Options: --firefox (web-ext run with Firefox instead), --port-pages <n> (demo pages port, default 8000).
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { chromium } from "playwright-core";
import { startDouble } from "../test/double/server";
import { startStaticServer } from "../test/helpers/static-server";
import { findChromium, findFirefox } from "./find-browser";
import { onPreferredPort } from "./preferred-port";
import { planForServer, serverOnPort } from "./server-on-port";
import { webExtRunCommand } from "./web-ext-run";

// npm runs scripts from the package root.
const root = process.cwd();
const args = process.argv.slice(2);
const useFirefox = args.includes("--firefox");
const chosenPagesPort = args.includes("--port-pages") ? Number(args[args.indexOf("--port-pages") + 1]) || 0 : 0;
const pagesPort = chosenPagesPort || 8000;
const SERVER = "http://127.0.0.1:8080";

const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;");

/** The toggle command's default key from the manifest, e.g. "Alt+Shift+G". */
function manifestShortcut(): string {
  const manifest = JSON.parse(readFileSync(resolve(root, "manifest.json"), "utf8")) as {
    commands: Record<string, { suggested_key: { default: string } }>;
  };
  return manifest.commands["toggle-translation"]!.suggested_key.default;
}

const keys = (shortcut: string) =>
  shortcut
    .split(/\+(?=.)/)
    .map((key) => `<kbd>${escape(key)}</kbd>`)
    .join("+");

/** How to reach Gloss in this browser: the button (pinned or not) and the shortcut as the browser has it. */
function howToUse(firefox: boolean, shortcut: string): string {
  const settings = firefox ? "about:addons → ⚙ → Manage Extension Shortcuts" : "chrome://extensions/shortcuts";
  const key = shortcut ? `press ${keys(shortcut)}` : `set a shortcut at <code>${settings}</code> and press it`;
  const pin = firefox
    ? ""
    : `<p>No Gloss button? Chromium keeps a new extension's button, and its progress badge, in the Extensions menu
(the puzzle-piece button right of the address bar): open that menu and click the pin next to Gloss.</p>`;
  return `<p>Open a page, then ${key} or click the Gloss button in the toolbar. Do it again to see the original.</p>
${pin}
<p>The options page (right-click the toolbar button → ${firefox ? "Manage Extension → Preferences" : "Options"}) has the
server settings and <em>Test connection</em>. Change the shortcut at <code>${settings}</code>.</p>`;
}

/** The demo's start page: what to try, and which translator answers (a real server or the double). */
function demoIndex(usingServer: string | undefined, usage: string): string {
  const translator = usingServer
    ? `<p class="ok">${escape(usingServer)}</p>`
    : `<p class="demo"><strong>Demo translator — no model.</strong> Nothing answered on ${SERVER}, so the llama-server
       double is standing in: it fakes German → English for these pages and marks every word it does not know with
       accents. Start llama-server (see the README) and run <code>npm start</code> again for real translations.</p>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Gloss demo</title><style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 720px; margin: 40px auto; padding: 0 20px; color: #111827; }
  .demo { background: #fff7ed; border: 1px solid #fdba74; padding: 12px 14px; border-radius: 8px; }
  .ok { background: #f0fdf4; border: 1px solid #86efac; padding: 12px 14px; border-radius: 8px; }
  li { margin: 6px 0; } kbd { border: 1px solid #ccc; border-radius: 3px; padding: 0 4px; }
</style></head><body translate="no">
<h1>Gloss demo</h1>
${translator}
${usage}
<ul>
  <li><a href="/r/de/comments/1b2c3d/warum_ist_die_deutsche_bahn/">Old Reddit: a comment thread from r/de</a></li>
  <li><a href="/new-reddit-de.html">New Reddit: the same kind of thread with web components and shadow DOM</a></li>
  <li><a href="/news-article-de.html">A German news article with a table, a form and a select</a></li>
  <li><a href="/english-article.html">An English article (Gloss leaves it alone)</a></li>
</ul>
</body></html>`;
}

function step(text: string): void {
  console.log(`\u001b[1m›\u001b[0m ${text}`);
}

async function main(): Promise<void> {
  step("Building dist/chrome, dist/firefox and the userscript…");
  const built = spawnSync(process.execPath, ["build.mjs"], { cwd: root, stdio: "inherit" });
  if (built.status !== 0) process.exit(built.status ?? 1);

  const server = await serverOnPort(SERVER);
  const plan = planForServer(SERVER, server);
  let stopDouble: (() => Promise<void>) | undefined;
  if (plan.next === "stop") {
    console.error(plan.line);
    process.exit(1);
  }
  const using = plan.next === "use" ? plan.line : undefined;
  if (using) step(using);
  else {
    const double = await startDouble({ port: 8080, genTps: 60, promptTps: 800, slots: 2 });
    stopDouble = () => double.close();
    step(`No server on ${SERVER}: started the llama-server double there — a demo translator, no model.`);
    step("Start llama-server on :8080 (see README) and run npm start again for real translations.");
  }

  // The manifest's default key until the browser says which one it really bound (Chromium drops a clashing one).
  let index = demoIndex(using, howToUse(useFirefox, manifestShortcut()));
  const pages = await onPreferredPort(pagesPort, chosenPagesPort > 0, (port) =>
    startStaticServer(resolve(root, "test/fixtures"), {
      port,
      aliases: { "/r/de/": "old-reddit-de.html" },
      pages: { "/": () => index, "/index.html": () => index },
    }),
  ).catch(async (error: unknown) => {
    await stopDouble?.();
    console.error(
      `Could not serve the demo pages on port ${pagesPort} (${String(error)}): choose another with npm start -- --port-pages <n>.`,
    );
    process.exit(1);
  });
  const demoUrl = `${pages.url}/index.html`;
  step(`Demo pages at ${demoUrl}`);

  const cleanup = async () => {
    await pages.close();
    await stopDouble?.();
  };

  if (useFirefox) {
    step("Opening Firefox with Gloss (web-ext run). Close Firefox to stop.");
    const webExt = webExtRunCommand(root, { sourceDir: "dist/firefox", firefox: findFirefox(), startUrl: demoUrl });
    const child = spawn(webExt.command, webExt.args, { cwd: root, stdio: "inherit" });
    // A child that cannot start emits "error", not "exit": unheard, it would end npm start with a stack trace.
    const failed = await new Promise<Error | undefined>((done) => {
      child.on("exit", () => done(undefined));
      child.on("error", done);
    });
    await cleanup();
    if (failed) {
      console.error(`Could not start web-ext: ${failed.message}. Run npm ci first.`);
      process.exit(1);
    }
    return;
  }

  if (process.platform === "linux" && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.error("No display to open a browser on. Run this on your desktop, or under `xvfb-run -a npm start`.");
    await cleanup();
    process.exit(1);
  }
  const browser = findChromium();
  if ("problem" in browser) {
    console.error(browser.problem);
    await cleanup();
    process.exit(1);
  }
  const profile = resolve(root, "node_modules/.cache/gloss-profile");
  mkdirSync(profile, { recursive: true });
  const extension = resolve(root, "dist/chrome");
  step(
    `Opening Chromium with Gloss loaded. Press ${manifestShortcut()} on a page, or use the toolbar button (pin it from the Extensions menu). Close the window to stop.`,
  );
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: browser.path,
    headless: false,
    viewport: null,
    args: [
      `--disable-extensions-except=${extension}`,
      `--load-extension=${extension}`,
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker"));
  const commands = await worker.evaluate(() => chrome.commands.getAll());
  index = demoIndex(using, howToUse(false, commands.find((c) => c.name === "toggle-translation")?.shortcut ?? ""));
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(demoUrl);
  await new Promise((done) => context.on("close", done));
  await cleanup();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
