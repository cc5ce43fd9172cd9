// Three projects: unit (Node), dom (jsdom), e2e (real browsers with the built extension; scripts/test.mjs runs two
// e2e files at a time, each with browsers and servers of its own).
const transform = { "^.+\\.(ts|js|mjs)$": "<rootDir>/test/esbuild-transform.cjs" };
// ESM-only dependencies must be transformed too.
const transformIgnorePatterns = ["/node_modules/(?!(eventsource-parser)/)"];
const common = { transform, transformIgnorePatterns, moduleFileExtensions: ["ts", "js", "mjs", "cjs", "json"] };

module.exports = {
  // 20 s a test, not jest's 5: a page fixture through the whole engine takes a second or two, and several times that
  // on two cores busy with browsers and other workers; a test that hangs still fails, and none asserts on time.
  testTimeout: 20_000,
  projects: [
    { ...common, displayName: "unit", testEnvironment: "node", testMatch: ["<rootDir>/test/unit/**/*.test.ts"] },
    { ...common, displayName: "dom", testEnvironment: "jsdom", testMatch: ["<rootDir>/test/dom/**/*.test.ts"] },
    { ...common, displayName: "e2e", testEnvironment: "node", testMatch: ["<rootDir>/test/e2e/**/*.test.ts"] },
  ],
};
