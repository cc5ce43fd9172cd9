// Where the manager runs Gloss, and what that means. Gloss asks for a world of its own (@inject-into content,
// @sandbox DOM); a manager that ignores it runs Gloss in the page's world, where the page's scripts share every
// built-in function with Gloss and ran first. There Gloss cannot be protected: the page can replace any function
// Gloss calls, and call Gloss's event listeners itself with made-up events that claim to be the user's. So Gloss
// keeps out of reach what it can: it does not read the API key or the saved translations (whose index names every
// site translated), reads no other site's settings, saves no settings, and listens for no key or pointer (the
// manager's menu, outside the page, starts everything). It also notices a plain replacement of the DOM functions its
// in-page UI relies on and then shows no UI. That is where protection ends: a page determined to hide its replacements
// can (the README says so), and each UI looks once, when it is first made, so a replacement made after goes unseen.
import type { UserError } from "../shared/messages";
import type { GmInfo } from "./gm-api";

/** Whether Gloss shares the page's JavaScript world: false only when the manager says it isolated the script. */
export function runsInPageWorld(info: GmInfo | undefined): boolean {
  if (info?.scriptHandler === "Greasemonkey") return false; // Greasemonkey 4 always runs scripts in a sandbox
  // Safari's Userscripts runs a script with grants only in the content world (it drops the grants of one it runs in
  // the page's), and says so in no field of GM.info.
  if (info?.scriptHandler === "Userscripts") return false;
  if (info?.injectInto === "content") return false; // Violentmonkey
  if (info?.sandboxMode === "dom") return false; // Tampermonkey
  return true;
}

/** The fix for every problem that comes from running in the page's world. */
const ISOLATE =
  "Let your userscript manager run Gloss apart from the page: Gloss asks for it (@inject-into content, " +
  "@sandbox DOM); in Tampermonkey, allow the “DOM” sandbox mode in its settings. Or use the Gloss browser " +
  "extension.";

export const PARSING_BLOCKED: UserError = {
  message:
    "This page's security policy (Trusted Types) forbids scripts in the page to insert HTML, and your userscript " +
    "manager runs Gloss in the page, so Gloss cannot write translations here.",
  fix: ISOLATE,
  kind: "trusted-types",
};

export const UI_BLOCKED =
  "This page interferes with Gloss's status card and settings dialog, so Gloss does not show them here; " +
  "its messages come as notifications instead.";

export const UI_TAMPERED = `${UI_BLOCKED} ${ISOLATE}`;

const IN_THE_PAGE = "Your userscript manager runs Gloss inside this page, where the page's scripts";

/** Said once per page, on the first menu command: what is off here, and how to have it back. */
export const PAGE_WORLD_MODE =
  `${IN_THE_PAGE} could read what Gloss reads and pose as your key presses. So here Gloss does not use your saved ` +
  "API key or saved translations, its settings are read-only, and Alt+Shift+G, Alt+Shift+M and hover translation " +
  `are off: use the manager's menu. ${ISOLATE}`;

/** What the settings dialog says above its (read-only) fields. */
export const PAGE_WORLD_READ_ONLY =
  `${IN_THE_PAGE} could change this form and save it, so here the settings are read-only, and Gloss does not use a ` +
  "saved API key. To change them, let the manager run Gloss apart from the page (@inject-into content; in " +
  "Tampermonkey, allow the “DOM” sandbox mode) and open Settings again, or edit the value “settings” in the " +
  "manager's storage editor. Backing them up to a file waits for that too: here Gloss reads only this site's share.";

/** A server that wants a key refused a request Gloss sent without one: say why there was none, and the way out. */
export function withoutKey<T extends UserError>(error: T): T {
  // Not every refusal is about a key: Ollama's cloud models want an ollama.com sign-in, which a key would not give.
  if (error.kind !== "unauthorized" || !/\bAPI key\b/.test(error.message)) return error;
  return {
    ...error,
    message: `${error.message} ${IN_THE_PAGE} could read the key, so Gloss does not use a saved key here.`,
    fix: ISOLATE,
  };
}

// Native functions print as `function name() { [native code] }` (getters and setters as `function get name()…`);
// a page's replacement prints its own source.
const NATIVE = /^function (?:get |set )?[\w$]*\(\) \{\s*\[native code\]\s*\}$/;

type Member = readonly [owner: string, name: string, kind: "value" | "get" | "set"];

/**
 * What the status card, the look-up and writing cards and the settings dialog call on the DOM (creation, checks,
 * writes, events, focus, placement). A member called on the UI's own elements is handed that element, from which a
 * page's replacement could read everything in the closed root; one that measures could misplace a card.
 */
const UI_MEMBERS: readonly Member[] = [
  ["Document", "createElement", "value"],
  ["Element", "attachShadow", "value"],
  ["Element", "shadowRoot", "get"],
  ["Element", "append", "value"],
  ["Element", "setAttribute", "value"],
  ["Element", "querySelectorAll", "value"],
  ["Element", "closest", "value"],
  ["Element", "currentCSSZoom", "get"],
  ["Element", "remove", "value"],
  ["Element", "getBoundingClientRect", "value"],
  ["Element", "querySelector", "value"],
  ["Element", "getAttribute", "value"],
  ["Element", "className", "set"],
  ["Element", "classList", "get"],
  ["Range", "getBoundingClientRect", "value"],
  ["Node", "appendChild", "value"],
  ["Node", "insertBefore", "value"],
  ["Node", "textContent", "set"],
  ["Node", "isConnected", "get"],
  ["Node", "textContent", "get"],
  ["Node", "childNodes", "get"],
  ["Node", "firstChild", "get"],
  ["Node", "contains", "value"],
  ["Node", "getRootNode", "value"],
  ["ShadowRoot", "host", "get"],
  ["ShadowRoot", "mode", "get"],
  ["ShadowRoot", "activeElement", "get"],
  ["ShadowRoot", "adoptedStyleSheets", "set"],
  ["DocumentFragment", "append", "value"],
  ["EventTarget", "addEventListener", "value"],
  ["EventTarget", "dispatchEvent", "value"],
  ["Event", "composedPath", "value"],
  ["Event", "target", "get"],
  ["HTMLElement", "focus", "value"],
  ["HTMLElement", "hidden", "get"],
  ["HTMLElement", "hidden", "set"],
  ["HTMLElement", "lang", "set"],
  ["HTMLElement", "dir", "set"],
  ["HTMLElement", "title", "set"],
  ["HTMLElement", "style", "get"],
  ["HTMLButtonElement", "type", "set"],
  ["HTMLInputElement", "value", "get"],
  ["HTMLInputElement", "value", "set"],
  ["HTMLTextAreaElement", "value", "get"],
  ["HTMLTextAreaElement", "value", "set"],
  ["HTMLSelectElement", "value", "get"],
  ["HTMLSelectElement", "value", "set"],
  ["CSSStyleSheet", "replaceSync", "value"],
  ["MutationObserver", "observe", "value"],
];

/** The DOM functions the UI relies on that no longer look like the browser's own, as `Owner.name`. */
export function replacedDomFunctions(win: Window & typeof globalThis): string[] {
  const toString = win.Function.prototype.toString;
  const looksNative = (fn: unknown) => {
    try {
      return typeof fn === "function" && NATIVE.test(toString.call(fn));
    } catch {
      return false;
    }
  };
  const globals = win as unknown as Record<string, unknown>;
  const replaced: string[] = [];
  if (!looksNative(toString)) replaced.push("Function.toString");
  if (!looksNative(win.Object.assign)) replaced.push("Object.assign");
  for (const name of ["MutationObserver", "CSSStyleSheet"]) if (!looksNative(globals[name])) replaced.push(name);
  for (const [owner, name, kind] of UI_MEMBERS) {
    const proto = (globals[owner] as { prototype?: object } | undefined)?.prototype;
    if (!proto || !(name in proto)) continue; // not in this browser: Gloss does not call it either
    const descriptor = Object.getOwnPropertyDescriptor(proto, name);
    // Moved up the prototype chain, turned into a plain value, or a function that is not the browser's.
    if (!descriptor || (kind !== "value" && "value" in descriptor) || !looksNative(descriptor[kind])) {
      replaced.push(`${owner}.${name}`);
    }
  }
  // A replacement can also sit on the document or the root element themselves, in front of the prototypes.
  const names = new Set(UI_MEMBERS.map(([, name]) => name));
  for (const [label, target] of [
    ["document", win.document],
    ["documentElement", win.document.documentElement],
  ] as const) {
    for (const own of target ? Object.getOwnPropertyNames(target) : []) {
      if (names.has(own)) replaced.push(`${label}.${own}`);
    }
  }
  return replaced;
}
