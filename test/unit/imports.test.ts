// Architecture rules, checked by reading the source (DESIGN "Boundaries"; issue item 10 and acceptance):
// - src/core imports nothing but itself, src/shared and dompurify, and uses no network, extension, GM or Node API;
// - src/llm never touches the DOM;
// - nothing in src/ assigns innerHTML/outerHTML or calls insertAdjacentHTML/document.write.
// The checks run over whatever folders exist, so they keep working as the tree grows.

import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const ROOT = resolve(__dirname, "..", "..");
const SRC = join(ROOT, "src");

interface Source {
  path: string; // relative to the repository, with forward slashes
  text: string;
}

function sources(dir: string): Source[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return [];
  }
  const out: Source[] = [];
  for (const name of entries) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sources(full));
    else if (/\.(ts|tsx|js|mjs|cjs)$/.test(name) && !name.endsWith(".d.ts")) {
      out.push({ path: relative(ROOT, full).split("\\").join("/"), text: readFileSync(full, "utf8") });
    }
  }
  return out;
}

/** Remove comments (not strings), so prose about innerHTML or fetch does not count. */
export function stripComments(code: string): string {
  return code.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`\\])\/\/.*$/gm, "$1");
}

/** Blank out string and template literals (for checks about code, not messages). */
export function stripStrings(code: string): string {
  return code.replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`/g, '""');
}

export function importsOf(code: string): string[] {
  const text = stripComments(code);
  const specs: string[] = [];
  const patterns = [
    /\bimport\s+(?:type\s+)?[^'"`;]*?\bfrom\s*["']([^"']+)["']/g,
    /\bexport\s+(?:type\s+)?[^'"`;]*?\bfrom\s*["']([^"']+)["']/g,
    /\bimport\s*["']([^"']+)["']/g,
    /\bimport\s*\(\s*["'`]([^"'`]+)["'`]\s*\)/g,
    /\brequire\s*\(\s*["'`]([^"'`]+)["'`]\s*\)/g,
  ];
  for (const re of patterns) for (const m of text.matchAll(re)) specs.push(m[1] as string);
  return specs;
}

const CORE_FORBIDDEN_CODE: Array<[RegExp, string]> = [
  [/\bfetch\s*\(/, "fetch"],
  [/\bXMLHttpRequest\b/, "XMLHttpRequest"],
  [/\bWebSocket\b/, "WebSocket"],
  [/\bEventSource\b/, "EventSource"],
  [/\bchrome\s*\.\s*\w/, "chrome.* extension API"],
  [/\bbrowser\s*\.\s*\w/, "browser.* extension API"],
  [/\bGM[._]\w/, "userscript GM API"],
  [/\bunsafeWindow\b/, "unsafeWindow"],
  [/\bprocess\s*\.\s*\w/, "Node process"],
  [/\brequire\s*\(/, "require()"],
  [/\bimport\s*\(/, "dynamic import()"],
  [/\bnavigator\s*\.\s*sendBeacon/, "sendBeacon"],
];

/** Violations of the src/core rules in the given files. */
export function coreViolations(files: Source[]): string[] {
  const out: string[] = [];
  for (const f of files) {
    const dir = dirname(join(ROOT, f.path));
    for (const spec of importsOf(f.text)) {
      if (spec === "dompurify") continue;
      if (spec.startsWith(".")) {
        const target = relative(ROOT, resolve(dir, spec)).split("\\").join("/");
        if (target.startsWith("src/core/") || target === "src/core" || target.startsWith("src/shared/")) continue;
        out.push(`${f.path}: imports ${spec} (outside src/core and src/shared)`);
      } else {
        out.push(`${f.path}: imports package ${spec} (only dompurify is allowed)`);
      }
    }
    const code = stripStrings(stripComments(f.text));
    for (const [re, what] of CORE_FORBIDDEN_CODE) if (re.test(code)) out.push(`${f.path}: uses ${what}`);
  }
  return out;
}

/** src/llm must not touch the DOM: it runs in a service worker too. */
export function llmDomViolations(files: Source[]): string[] {
  const out: string[] = [];
  const dom = [
    /\b(window|document)\s*(\.|\?\.|\[)/,
    /\b(DOMParser|DOMPurify|HTMLElement|MutationObserver|IntersectionObserver)\b/,
    /\b(createElement|querySelector|querySelectorAll|getElementById)\s*\(/,
    /\.(innerHTML|outerHTML|textContent|childNodes)\b/,
  ];
  for (const f of files) {
    const code = stripStrings(stripComments(f.text));
    for (const re of dom) {
      const m = re.exec(code);
      if (m) out.push(`${f.path}: references ${m[0]}`);
    }
    for (const spec of importsOf(f.text)) if (/dompurify|\/core\//.test(spec)) out.push(`${f.path}: imports ${spec}`);
  }
  return out;
}

/** Nothing in src/ writes HTML strings into a document. */
export function htmlWriteViolations(files: Source[]): string[] {
  const out: string[] = [];
  const rules: Array<[RegExp, string]> = [
    [/\.\s*(innerHTML|outerHTML)\s*(\+?=)(?!=)/, "assigns innerHTML/outerHTML"],
    [/\[\s*["'`](innerHTML|outerHTML)["'`]\s*\]\s*(\+?=)(?!=)/, "assigns innerHTML/outerHTML"],
    [/\binsertAdjacentHTML\s*\(/, "calls insertAdjacentHTML"],
    [/\bdocument\s*\.\s*write(ln)?\s*\(/, "calls document.write"],
    [/\bsetHTMLUnsafe\s*\(/, "calls setHTMLUnsafe"],
    [/\bcreateContextualFragment\s*\(/, "calls createContextualFragment"],
  ];
  for (const f of files) {
    const code = stripComments(f.text);
    for (const [re, what] of rules) if (re.test(code)) out.push(`${f.path}: ${what}`);
  }
  return out;
}

describe("the checks themselves", () => {
  const file = (path: string, text: string): Source => ({ path, text });

  test("find forbidden imports and APIs in core", () => {
    const bad = [
      file(
        "src/core/a.ts",
        `import { x } from "../llm/client";\nimport y from "lodash";\nexport * from "../background/b";`,
      ),
      file("src/core/b.ts", `const r = await fetch(url); chrome.runtime.sendMessage(1); GM.xmlHttpRequest({});`),
      file("src/core/c.ts", `import { readFileSync } from "node:fs"; const m = await import("./x");`),
    ];
    const found = coreViolations(bad).join("\n");
    for (const expected of [
      "../llm/client",
      "lodash",
      "../background/b",
      "fetch",
      "chrome",
      "GM API",
      "node:fs",
      "dynamic import",
    ]) {
      expect(found).toContain(expected);
    }
    const good = file(
      "src/core/d.ts",
      `import createDOMPurify from "dompurify";\nimport type { Segment } from "../shared/translator";\nimport { x } from "./y";\n// fetch( is only mentioned here\n`,
    );
    expect(coreViolations([good])).toEqual([]);
  });

  test("find DOM use in llm and HTML writes anywhere", () => {
    expect(llmDomViolations([file("src/llm/p.ts", "const d = new DOMParser();")])).toHaveLength(1);
    expect(llmDomViolations([file("src/llm/p.ts", "const w = document.body;")])).toHaveLength(1);
    expect(
      llmDomViolations([
        file("src/llm/p.ts", '// no document.body here\nconst n = "window.x"; /context window/.test(n);'),
      ]),
    ).toEqual([]);
    expect(htmlWriteViolations([file("src/x.ts", "el.innerHTML = s;")])).toHaveLength(1);
    expect(htmlWriteViolations([file("src/x.ts", "el.outerHTML += s;")])).toHaveLength(1);
    expect(htmlWriteViolations([file("src/x.ts", 'el["innerHTML"] = s;')])).toHaveLength(1);
    expect(htmlWriteViolations([file("src/x.ts", "el.insertAdjacentHTML('beforeend', s);")])).toHaveLength(1);
    expect(htmlWriteViolations([file("src/x.ts", "if (el.innerHTML === s) return; // innerHTML = x")])).toEqual([]);
  });
});

describe("the source tree", () => {
  test("src/core reaches nothing but itself, src/shared and dompurify; no network, extension, GM or Node API", () => {
    const core = sources(join(SRC, "core"));
    expect(core.length).toBeGreaterThan(5);
    expect(coreViolations(core)).toEqual([]);
  });

  test("src/llm never touches the DOM", () => {
    expect(llmDomViolations(sources(join(SRC, "llm")))).toEqual([]);
  });

  test("nothing in src/ assigns innerHTML/outerHTML or calls insertAdjacentHTML (item 10)", () => {
    expect(htmlWriteViolations(sources(SRC))).toEqual([]);
  });
});
