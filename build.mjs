// Builds every shipped artefact from one source tree:
//   dist/chrome/    unpacked MV3 extension for Chromium (background service worker)
//   dist/firefox/   unpacked MV3 extension for Firefox (background scripts, gecko settings)
//   dist/gloss.user.js  the userscript (when src/userscript exists)
// One manifest.json is the source; each browser gets only the keys it understands.
import { build } from "esbuild";
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = dirname(fileURLToPath(import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const sourceManifest = JSON.parse(readFileSync(join(root, "manifest.json"), "utf8"));

const ENTRIES = {
  background: "src/background/index.ts",
  content: "src/content/index.ts",
  popup: "src/popup/popup.ts",
  options: "src/options/options.ts",
  // Injected only when the reader asks to pick a part to leave untranslated (background/part-picker.ts).
  picker: "src/picker/index.ts",
};
// The content script is parsed in every page it runs in: on each press that injects it, and on every page load of a
// site with auto-translate or "ready on every site". Minified, it is half the size and the first request
// leaves a little sooner (press to first request, medians: news article 60–70 ms against 64–84 ms; old-Reddit thread,
// bench/first-request.ts, 70 and 82 ms against 74 and 87 ms). The extension pages and the background load once and
// stay readable; so does the userscript (userscript hosts ask for readable code).
const MINIFIED = ["content", "picker"];
const STATIC = [
  ["src/popup/popup.html", "popup.html"],
  ["src/popup/popup.css", "popup.css"],
  ["src/options/options.html", "options.html"],
  ["src/options/options.css", "options.css"],
  ["static/icons", "icons"],
  ["static/start-translation.js", "start-translation.js"],
];

// Third-party code bundled into the outputs; their licences ship beside Gloss's own.
const BUNDLED = [
  ["dompurify", "LICENSE"],
  ["eventsource-parser", "LICENSE"],
  ["tinyld", "license"],
  ["webextension-polyfill", "LICENSE"],
  ["tldts", "LICENSE"],
  ["tldts-core", "LICENSE"],
];

// webextension-polyfill's package entry is its commented source (38 KB); its own minified build is 10 KB, and each of
// the four extension bundles carries a copy.
const alias = {
  "webextension-polyfill": join(root, "node_modules/webextension-polyfill/dist/browser-polyfill.min.js"),
};

function notices() {
  const parts = [`Gloss ${pkg.version}\n\n${readFileSync(join(root, "LICENSE"), "utf8")}`];
  for (const [name, file] of BUNDLED) {
    const meta = JSON.parse(readFileSync(join(root, "node_modules", name, "package.json"), "utf8"));
    const text = readFileSync(join(root, "node_modules", name, file), "utf8");
    parts.push(`${name} ${meta.version} (${meta.license})\n\n${text}`);
  }
  return parts.join(`\n${"=".repeat(78)}\n\n`);
}

function manifestFor(target) {
  const manifest = structuredClone(sourceManifest);
  manifest.version = pkg.version;
  if (target === "chrome") {
    manifest.background = { service_worker: sourceManifest.background.service_worker };
    // Promise-based APIs, scripting.registerContentScripts updates and the 30 s idle rule the keep-alive relies on.
    manifest.minimum_chrome_version = "120";
    delete manifest.browser_specific_settings;
    // Firefox only: put the button on the toolbar, not in the Extensions panel (Chromium has no such key).
    delete manifest.action.default_area;
  } else {
    manifest.background = { scripts: sourceManifest.background.scripts };
  }
  return manifest;
}

async function buildExtension(target) {
  const outdir = join(root, "dist", target);
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const options = {
    outdir,
    bundle: true,
    format: "iife",
    target: target === "chrome" ? "chrome120" : "firefox128",
    alias,
    legalComments: "eof",
    charset: "utf8",
    logLevel: "warning",
  };
  const entries = (names) => Object.fromEntries(names.map((name) => [name, join(root, ENTRIES[name])]));
  await Promise.all([
    build({ ...options, entryPoints: entries(Object.keys(ENTRIES).filter((name) => !MINIFIED.includes(name))) }),
    build({ ...options, entryPoints: entries(MINIFIED), minify: true }),
  ]);
  for (const [from, to] of STATIC) cpSync(join(root, from), join(outdir, to), { recursive: true });
  writeFileSync(join(outdir, "manifest.json"), JSON.stringify(manifestFor(target), null, 2) + "\n");
  writeFileSync(join(outdir, "LICENSES.txt"), notices());
}

async function buildUserscript() {
  const entry = join(root, "src/userscript/index.ts");
  if (!existsSync(entry)) return;
  const { userscriptHeader } = await import("./scripts/userscript-header.mjs");
  await build({
    entryPoints: [entry],
    outfile: join(root, "dist/gloss.user.js"),
    bundle: true,
    format: "iife",
    target: ["chrome120", "firefox128"],
    legalComments: "eof",
    charset: "utf8",
    logLevel: "warning",
    banner: { js: userscriptHeader(pkg) },
  });
}

await Promise.all([buildExtension("chrome"), buildExtension("firefox"), buildUserscript()]);
console.log(
  `built Gloss ${pkg.version}: dist/chrome, dist/firefox${existsSync(join(root, "dist/gloss.user.js")) ? ", dist/gloss.user.js" : ""}`,
);
