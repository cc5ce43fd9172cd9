// The README's Userscript section gives the script's size as built, and how much of it the public-suffix list and
// the language detector take. Bundled here as build.mjs bundles it, the figures must still be near what ships.
import { build } from "esbuild";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";

const root = resolve(__dirname, "../..");
const readme = readFileSync(join(root, "README.md"), "utf8");

async function userscriptBundle() {
  const result = await build({
    entryPoints: [join(root, "src/userscript/index.ts")],
    bundle: true,
    write: false,
    metafile: true,
    format: "iife",
    target: ["chrome120", "firefox128"],
    legalComments: "eof",
    charset: "utf8",
    logLevel: "silent",
  });
  const output = Object.values(result.metafile.outputs)[0]!;
  const share = (name: string) =>
    Object.entries(output.inputs)
      .filter(([path]) => path.includes(`node_modules/${name}/`))
      .reduce((sum, [, input]) => sum + input.bytesInOutput, 0) / output.bytes;
  return { bytes: output.bytes, gzipped: gzipSync(result.outputFiles[0]!.contents).length, share };
}

const ORDINALS =
  "half third quarter fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth";
/** "a seventh" → 1/7. */
const fraction = (word: string) => 1 / (ORDINALS.split(" ").indexOf(word) + 2);

test("README: the userscript's size, and its shares, are those of the build (within 15%)", async () => {
  const said =
    /Size: ([\d,]+) KB as built \(([\d,]+) KB gzipped\)[^]*?About an? (\w+) of it is\s+the public-suffix list \(`tldts`\) and an? (\w+) the language detector/.exec(
      readme,
    );
  expect(said).not.toBeNull();
  const [, kb, gzipKb, tldtsShare, detectorShare] = said!;
  const { bytes, gzipped, share } = await userscriptBundle();
  const near = (stated: number, actual: number) => Math.abs(stated - actual) / actual;
  // A header of a few hundred bytes is added by the build; it changes nothing at this scale.
  expect(near(Number(kb!.replace(/,/g, "")) * 1000, bytes)).toBeLessThan(0.15);
  expect(near(Number(gzipKb!.replace(/,/g, "")) * 1000, gzipped)).toBeLessThan(0.15);
  expect(near(fraction(tldtsShare!), share("tldts"))).toBeLessThan(0.15);
  expect(near(fraction(detectorShare!), share("tinyld"))).toBeLessThan(0.15);
});
