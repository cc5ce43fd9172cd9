// src/llm runs in an MV3 service worker and in a userscript: no DOM, no browser-extension API, no page engine.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const dir = join(__dirname, "..", "..", "src", "llm");
const files = readdirSync(dir).filter((f) => f.endsWith(".ts"));

test.each(files)("%s uses no DOM and imports only shared code", (file) => {
  const code = readFileSync(join(dir, file), "utf8").replace(/\/\/.*$/gm, "");
  expect(code).not.toMatch(
    /\b(document|window|chrome|browser|GM)\.[A-Za-z]|\b(DOMParser|XMLHttpRequest)\b|\.innerHTML\b/,
  );
  for (const m of code.matchAll(/from\s+"([^"]+)"/g)) {
    expect(m[1]).toMatch(/^(\.\/|\.\.\/shared\/|eventsource-parser$)/);
  }
});
