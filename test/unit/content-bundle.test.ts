// The content script is injected when the reader presses the key, and its size is time before the first request
// (bench/first-request.ts: the public-suffix list alone cost about 65 ms of injection). What it carries is checked
// by bundling it as the build does.
import { build } from "esbuild";
import { join, resolve } from "node:path";

const ROOT = resolve(__dirname, "..", "..");

async function contentBundle() {
  const result = await build({
    entryPoints: [join(ROOT, "src/content/index.ts")],
    bundle: true,
    write: false,
    metafile: true,
    format: "iife",
    target: "chrome120",
    logLevel: "silent",
    alias: {
      "webextension-polyfill": join(ROOT, "node_modules/webextension-polyfill/dist/browser-polyfill.min.js"),
    },
  });
  const output = Object.values(result.metafile.outputs)[0]!;
  return { inputs: Object.keys(output.inputs), bytes: output.bytes };
}

test("the injected content script carries no public-suffix list and no settings validation", async () => {
  const { inputs, bytes } = await contentBundle();
  expect(inputs.filter((path) => /node_modules\/tldts|src\/shared\/(settings|site-rules)\.ts/.test(path))).toEqual([]);
  // Today about 320 KB unminified; a new dependency that doubles it should be a decision, not an accident.
  expect(bytes).toBeLessThan(400_000);
});
