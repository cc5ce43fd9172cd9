import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "coverage/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node, ...globals.webextensions } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs" },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // Model output reaches the page only through core's sanitize/merge; no HTML strings are ever written.
    files: ["src/**/*.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "AssignmentExpression[left.property.name=/^(innerHTML|outerHTML)$/]",
          message: "Do not assign HTML strings; build nodes or go through core/sanitize.",
        },
        {
          selector: "CallExpression[callee.property.name='insertAdjacentHTML']",
          message: "Do not write HTML strings into a document.",
        },
        {
          selector:
            "CallExpression[callee.object.name=/^(document|doc|ownerDocument)$/][callee.property.name=/^writeln?$/]",
          message: "Do not write HTML strings into a document.",
        },
      ],
    },
  },
  {
    // One extension API for every context: the promise-based `browser` from webextension-polyfill.
    files: ["src/**/*.ts"],
    rules: {
      "no-restricted-globals": [
        "error",
        { name: "chrome", message: "Use `ext` from src/extension/api (webextension-polyfill)." },
        { name: "browser", message: "Use `ext` from src/extension/api (webextension-polyfill)." },
      ],
    },
  },
  {
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: ["../llm/*", "../background/*", "../content/*", "../userscript/*", "../popup/*", "../options/*"] },
      ],
      "no-restricted-globals": ["error", "fetch", "chrome", "browser", "XMLHttpRequest", "WebSocket"],
    },
  },
);
