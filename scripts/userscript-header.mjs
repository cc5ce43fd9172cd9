// The userscript's metadata block, generated from package.json so name, version and description never drift.
// Other sites: add them to the script's @match list in your manager ("User matches" in Tampermonkey, "@match rules"
// in Violentmonkey, "User includes" in Greasemonkey) — the README explains it.
export const USERSCRIPT_MATCHES = ["*://old.reddit.com/*", "*://www.reddit.com/*"];

export const USERSCRIPT_GRANTS = [
  "GM.xmlHttpRequest",
  "GM_xmlhttpRequest",
  "GM.getValue",
  "GM.setValue",
  // The translation cache lives in the manager's storage and is kept within bounds (see gm-translation-cache.ts).
  "GM.deleteValue",
  "GM.listValues",
  "GM.registerMenuCommand",
  // Messages the page must not be able to block or rewrite (see the README's security section).
  "GM.notification",
  "GM_notification",
  // Another tab's newly saved look restyles this tab's translations at once (Tampermonkey, Violentmonkey; Greasemonkey 4
  // has neither, and its tabs take the look at their next translation). Violentmonkey has both names.
  "GM.addValueChangeListener",
  "GM_addValueChangeListener",
];

export function userscriptHeader(pkg) {
  const lines = [
    ["name", "Gloss — translate pages with your local LLM"],
    ["namespace", pkg.homepage],
    ["version", pkg.version],
    ["description", pkg.description],
    ["author", pkg.author],
    ["license", pkg.license],
    ["homepageURL", pkg.homepage],
    ...USERSCRIPT_MATCHES.map((match) => ["match", match]),
    ...USERSCRIPT_GRANTS.map((grant) => ["grant", grant]),
    ["connect", "localhost"],
    ["connect", "127.0.0.1"],
    // A remote server: Tampermonkey asks once per host before the first request.
    ["connect", "*"],
    ["run-at", "document-idle"],
    ["inject-into", "content"],
    ["sandbox", "DOM"],
    ["noframes", ""],
  ];
  const width = Math.max(...lines.map(([key]) => key.length)) + 2;
  const body = lines.map(([key, value]) => `// @${key.padEnd(width)}${value}`.trimEnd());
  return ["// ==UserScript==", ...body, "// ==/UserScript==", ""].join("\n");
}
