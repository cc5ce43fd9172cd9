// Jest transform: esbuild strips types and converts ESM to CommonJS. Type-checking is `tsc --noEmit`'s job
// (run first by `npm test`), which keeps the test run about twice as fast as ts-jest.
const { transformSync } = require("esbuild");

module.exports = {
  process(source, filename) {
    const loader = filename.endsWith(".ts") ? "ts" : "js";
    const result = transformSync(source, {
      loader,
      format: "cjs",
      target: "node20",
      sourcemap: "inline",
      sourcefile: filename,
    });
    return { code: result.code };
  },
};
