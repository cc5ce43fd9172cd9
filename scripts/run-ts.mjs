// Runs a TypeScript entry point under Node: esbuild bundles it (dependencies stay external) into a cache file.
// Used by `npm run double` and `npm run bench` so they run the same sources the tests do, without a build step.
import { build } from "esbuild";
import { mkdirSync, readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error("usage: node scripts/run-ts.mjs <file.ts> [args…]");
  process.exit(2);
}
const outDir = resolve("node_modules/.cache/gloss-run");
mkdirSync(outDir, { recursive: true });
const outfile = join(outDir, basename(entry).replace(/\.ts$/, "") + ".mjs");
await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  sourcemap: "inline",
  logLevel: "warning",
  plugins: [
    {
      // The bundle is ESM in a cache folder: give each source file its own __dirname, as under jest.
      name: "source-dirname",
      setup(b) {
        b.onLoad({ filter: /\.ts$/ }, (args) => ({
          contents: readFileSync(args.path, "utf8").replace(/\b__dirname\b/g, JSON.stringify(dirname(args.path))),
          loader: "ts",
        }));
      },
    },
  ],
});
process.argv = [process.argv[0], entry, ...args];
await import(pathToFileURL(outfile).href);
