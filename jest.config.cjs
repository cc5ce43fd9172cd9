// Three projects: unit (Node), dom (jsdom), e2e (real browsers with the built extension; scripts/test.mjs runs two
// e2e files at a time, each with browsers and servers of its own).
const transform = { "^.+\\.(ts|js|mjs)$": "<rootDir>/test/esbuild-transform.cjs" };
// ESM-only dependencies must be transformed too.
const transformIgnorePatterns = ["/node_modules/(?!(eventsource-parser)/)"];
const common = { transform, transformIgnorePatterns, moduleFileExtensions: ["ts", "js", "mjs", "cjs", "json"] };

module.exports = {
  projects: [
    { ...common, displayName: "unit", testEnvironment: "node", testMatch: ["<rootDir>/test/unit/**/*.test.ts"] },
    { ...common, displayName: "dom", testEnvironment: "jsdom", testMatch: ["<rootDir>/test/dom/**/*.test.ts"] },
    { ...common, displayName: "e2e", testEnvironment: "node", testMatch: ["<rootDir>/test/e2e/**/*.test.ts"] },
  ],
};
