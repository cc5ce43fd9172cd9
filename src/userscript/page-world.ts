// Where the manager runs Gloss, and what that means. Gloss asks for a world of its own (@inject-into content,
// @sandbox DOM); a manager that ignores it runs Gloss in the page's world, where the page's scripts share every
// built-in function with Gloss and ran first. There Gloss cannot be protected: the page can replace any function
// Gloss calls, and call Gloss's event listeners itself with made-up events that claim to be the user's. So Gloss
// keeps out of reach what it can: it does not read the API key or the saved translations (whose index names every
// site translated), reads no other site's settings, saves no settings, and listens for no key or pointer (the
// manager's menu, outside the page, starts everything). It also notices a plain replacement of the DOM functions its
// in-page UI relies on and then shows no UI. The check keeps what it relies on as Gloss starts (domFunctionCheck), so
// a page changing the built-ins later cannot fool it. That is where protection ends: a page that ran before Gloss
// (they all do) can have changed those built-ins first, and a page determined to hide its replacements can.
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

// The browser's own functions print as `function name() { [native code] }`, with the body spaced as each engine does
// (getters and setters as `function get name()…` in some); a page's replacement prints its own source. A bound
// function or a proxy of one prints as native too, but without the name (Chrome: `function () { [native code] }`):
// so the name printed must be the member's own.
const NATIVE_BODIES = [" [native code] ", "\n    [native code]\n"] as const;

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
  // The settings dialog's own (page-world-dialog-members.test.ts): an event crossing its closed root is handed too,
  // and composedPath, called on it then, lists the elements inside.
  ["Element", "before", "value"],
  ["Element", "replaceChildren", "value"],
  ["Element", "removeAttribute", "value"],
  ["Element", "hasAttribute", "value"],
  ["Element", "id", "set"],
  ["Element", "className", "get"],
  ["Element", "nextElementSibling", "get"],
  ["DocumentFragment", "querySelector", "value"],
  ["DocumentFragment", "querySelectorAll", "value"],
  ["DocumentFragment", "firstElementChild", "get"],
  ["Node", "parentElement", "get"],
  ["Node", "ownerDocument", "get"],
  ["Node", "nodeType", "get"],
  ["Node", "compareDocumentPosition", "value"],
  ["EventTarget", "removeEventListener", "value"],
  ["Event", "preventDefault", "value"],
  ["Event", "stopPropagation", "value"],
  ["KeyboardEvent", "key", "get"],
  ["KeyboardEvent", "altKey", "get"],
  ["KeyboardEvent", "ctrlKey", "get"],
  ["KeyboardEvent", "metaKey", "get"],
  ["KeyboardEvent", "shiftKey", "get"],
  ["HTMLElement", "click", "value"],
  ["HTMLElement", "tabIndex", "set"],
  ["HTMLFormElement", "noValidate", "set"],
  ["HTMLLabelElement", "htmlFor", "set"],
  ["HTMLButtonElement", "disabled", "get"],
  ["HTMLInputElement", "checked", "get"],
  ["HTMLInputElement", "checked", "set"],
  ["HTMLInputElement", "disabled", "get"],
  ["HTMLInputElement", "disabled", "set"],
  ["HTMLInputElement", "type", "get"],
  ["HTMLInputElement", "type", "set"],
  ["HTMLInputElement", "name", "set"],
  ["HTMLInputElement", "placeholder", "set"],
  ["HTMLInputElement", "selectionStart", "get"],
  ["HTMLInputElement", "selectionEnd", "get"],
  ["HTMLSelectElement", "disabled", "get"],
  ["HTMLSelectElement", "disabled", "set"],
  ["HTMLSelectElement", "name", "set"],
  ["HTMLTextAreaElement", "disabled", "get"],
  ["HTMLTextAreaElement", "disabled", "set"],
  ["HTMLTextAreaElement", "name", "set"],
  ["HTMLTextAreaElement", "placeholder", "set"],
  ["HTMLTextAreaElement", "rows", "set"],
  ["HTMLTextAreaElement", "selectionStart", "get"],
  ["HTMLTextAreaElement", "selectionEnd", "get"],
  ["HTMLTableCellElement", "scope", "set"],
  ["HTMLTableElement", "createTHead", "value"],
  ["HTMLTableElement", "createTBody", "value"],
  ["HTMLTableSectionElement", "rows", "get"],
];

/** The UI's members and the check's own means, as they were when Gloss started. */
interface Pinned {
  toString: (this: unknown) => string;
  /** Each member's prototype, for the members this browser has. */
  members: { owner: string; name: string; kind: Member[2]; proto: object }[];
  globals: Record<string, unknown>;
  /** The browser's documentElement getter: a page's could hide the root element's own members. */
  rootOf: ((this: Document) => Element | null) | undefined;
}

// What the check itself calls, kept as this script starts: the page may replace any of them later (push into a no-op,
// a getter for `value` on Object.prototype that answers an accessor's descriptor with the browser's own function).
const apply = Reflect.apply;
const describe = Object.getOwnPropertyDescriptor;
const ownNames = Object.getOwnPropertyNames;
const hasOwn = Object.prototype.hasOwnProperty;
const defineProperty = Object.defineProperty;
const create = Object.create;

/** Appends without Array.prototype.push, an index setter on Array.prototype, or a descriptor field the page put on
 * Object.prototype (the descriptor has no prototype). */
function add<T>(list: T[], item: T): void {
  const field = create(null) as PropertyDescriptor;
  field.value = item;
  field.writable = field.enumerable = field.configurable = true;
  defineProperty(list, list.length, field);
}

/** Every member name in UI_MEMBERS, for the own properties of the document and the root element. */
const MEMBER_NAMES = create(null) as Record<string, true>;
for (let k = 0; k < UI_MEMBERS.length; k++) MEMBER_NAMES[UI_MEMBERS[k]![1]] = true;

function pin(win: Window & typeof globalThis): Pinned {
  const globals = win as unknown as Record<string, unknown>;
  const members: Pinned["members"] = [];
  for (let k = 0; k < UI_MEMBERS.length; k++) {
    const member = UI_MEMBERS[k]!;
    const owner = member[0];
    const name = member[1];
    const kind = member[2];
    const proto = (globals[owner] as { prototype?: object } | undefined)?.prototype;
    if (proto && name in proto) add(members, { owner, name, kind, proto }); // else Gloss does not call it either
  }
  const rootOf = describe(win.Document.prototype, "documentElement")?.get as Pinned["rootOf"];
  return { toString: win.Function.prototype.toString, members, globals, rootOf };
}

/**
 * Whether `fn` prints as the browser's own function `name` (a getter or setter when `kind` says so), through the
 * toString kept at start (a later one may lie). Compared as text: a pattern's methods are the page's to replace.
 */
function looksNative(pinned: Pinned, fn: unknown, name: string, kind: Member[2] = "value"): boolean {
  let text: string;
  try {
    if (typeof fn !== "function") return false;
    text = apply(pinned.toString, fn, []);
  } catch {
    return false;
  }
  const prefixed = kind === "value" ? name : `${kind} ${name}`;
  for (let k = 0; k < NATIVE_BODIES.length; k++) {
    const body = NATIVE_BODIES[k]!;
    if (text === `function ${name}() {${body}}` || text === `function ${prefixed}() {${body}}`) return true;
  }
  return false;
}

/** The members of `target` itself (the document, the root element) that would sit in front of the prototypes'. */
function ownMembers(target: object | null, label: string, replaced: string[]): void {
  const own = target ? ownNames(target) : [];
  for (let k = 0; k < own.length; k++) if (MEMBER_NAMES[own[k]!]) add(replaced, `${label}.${own[k]!}`);
}

function check(pinned: Pinned, win: Window & typeof globalThis): string[] {
  const { globals } = pinned;
  const replaced: string[] = [];
  if (!looksNative(pinned, win.Function.prototype.toString, "toString")) add(replaced, "Function.toString");
  if (!looksNative(pinned, win.Object.assign, "assign")) add(replaced, "Object.assign");
  // One by one: a loop over an array would go through the page's array iterator.
  if (!looksNative(pinned, globals["MutationObserver"], "MutationObserver")) add(replaced, "MutationObserver");
  if (!looksNative(pinned, globals["CSSStyleSheet"], "CSSStyleSheet")) add(replaced, "CSSStyleSheet");
  // The settings dialog's lists take the options it makes: a page's constructor would hand back its own.
  if (!looksNative(pinned, globals["Option"], "Option")) add(replaced, "Option");
  for (let k = 0; k < pinned.members.length; k++) {
    const { owner, name, kind, proto } = pinned.members[k]!;
    const descriptor = describe(proto, name);
    // Moved up the prototype chain, turned into a plain value or an accessor, or a function that is not the
    // browser's. Only the descriptor's own fields count: Object.prototype may answer for a missing one.
    const own = descriptor !== undefined && (apply(hasOwn, descriptor, [kind]) as boolean);
    if (!own || !looksNative(pinned, descriptor[kind], name, kind)) add(replaced, `${owner}.${name}`);
  }
  // A replacement can also sit on the document or the root element themselves, in front of the prototypes.
  const doc = win.document;
  ownMembers(doc, "document", replaced);
  ownMembers(pinned.rootOf ? apply(pinned.rootOf, doc, []) : doc.documentElement, "documentElement", replaced);
  return replaced;
}

/**
 * The check for DOM functions the UI relies on that no longer look like the browser's own (as `Owner.name`), with
 * what it relies on kept now: call it as Gloss starts, before the page's later scripts run.
 */
export function domFunctionCheck(win: Window & typeof globalThis): () => string[] {
  const pinned = pin(win);
  return () => check(pinned, win);
}

/** The DOM functions the UI relies on that no longer look like the browser's own, as `Owner.name`. */
export function replacedDomFunctions(win: Window & typeof globalThis): string[] {
  return domFunctionCheck(win)();
}
