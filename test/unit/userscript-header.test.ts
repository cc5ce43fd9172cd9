import { readFileSync } from "node:fs";
import { resolve } from "node:path";
// @ts-expect-error -- a plain .mjs build helper without type declarations
import { userscriptHeader } from "../../scripts/userscript-header.mjs";

const pkg = JSON.parse(readFileSync(resolve(__dirname, "../../package.json"), "utf8")) as Record<string, string>;

/** Parses a userscript metadata block the way managers do: `// @key value` lines between the markers. */
function parseMetadata(source: string): Map<string, string[]> {
  const lines = source.split("\n");
  const start = lines.indexOf("// ==UserScript==");
  const end = lines.indexOf("// ==/UserScript==");
  if (start !== 0 || end < start) throw new Error("no metadata block at the top");
  const meta = new Map<string, string[]>();
  for (const line of lines.slice(start + 1, end)) {
    const match = /^\/\/ @([\w:-]+)(?:\s+(.*))?$/.exec(line);
    if (!match) throw new Error(`not a metadata line: ${line}`);
    meta.set(match[1]!, [...(meta.get(match[1]!) ?? []), (match[2] ?? "").trim()]);
  }
  return meta;
}

describe("userscript metadata", () => {
  const meta = parseMetadata(userscriptHeader(pkg) as string);

  it("comes from package.json", () => {
    expect(meta.get("version")).toEqual([pkg.version]);
    expect(meta.get("description")).toEqual([pkg.description]);
    expect(meta.get("namespace")).toEqual([pkg.homepage]);
    expect(meta.get("name")?.[0]).toMatch(/^Gloss/);
  });

  it("runs on Reddit, in the manager's sandbox, once the page is idle, top frame only", () => {
    expect(meta.get("match")).toEqual(["*://old.reddit.com/*", "*://www.reddit.com/*"]);
    for (const pattern of meta.get("match")!) expect(pattern).toMatch(/^(\*|https?):\/\/(\*|(\*\.)?[^/*]+)\/.*$/);
    expect(meta.get("run-at")).toEqual(["document-idle"]);
    expect(meta.get("inject-into")).toEqual(["content"]);
    expect(meta.get("sandbox")).toEqual(["DOM"]);
    expect(meta.has("noframes")).toBe(true);
  });

  it("grants exactly the GM APIs Gloss uses, never unsafeWindow, and may connect to the local server", () => {
    expect(meta.get("grant")).toEqual([
      "GM.xmlHttpRequest",
      "GM_xmlhttpRequest",
      "GM.getValue",
      "GM.setValue",
      "GM.deleteValue",
      "GM.listValues",
      "GM.registerMenuCommand",
      "GM.notification",
      "GM_notification",
      "GM.addValueChangeListener",
      "GM_addValueChangeListener",
    ]);
    expect(meta.get("connect")).toEqual(["localhost", "127.0.0.1", "*"]);
  });
});
