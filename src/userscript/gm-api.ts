// The slice of the userscript managers' API Gloss uses. Greasemonkey 4, Violentmonkey and Tampermonkey offer the
// promise-based `GM.*`; older Tampermonkey and Violentmonkey builds only `GM_xmlhttpRequest`.
import type { KeptPage } from "../session/kept-page";

export interface GmResponse {
  status: number;
  statusText: string;
  responseHeaders: string;
  readyState: number;
  responseText?: string;
  response?: unknown;
  finalUrl?: string;
  /** Why the manager failed the request (Tampermonkey: "Refused to connect to …: URL is not a part of the @connect list"). */
  error?: string;
}

export interface GmRequestDetails {
  method: string;
  url: string;
  headers?: Record<string, string>;
  data?: string;
  responseType?: "stream" | "text";
  /** No cookies sent with the request, and none taken from its answer (Tampermonkey, Violentmonkey, Greasemonkey 4). */
  anonymous?: boolean;
  timeout?: number;
  onloadstart?(response: GmResponse): void;
  onreadystatechange?(response: GmResponse): void;
  onprogress?(response: GmResponse): void;
  onload?(response: GmResponse): void;
  onerror?(response: GmResponse): void;
  ontimeout?(response: GmResponse): void;
  onabort?(response: GmResponse): void;
}

export interface GmRequestHandle {
  abort(): void;
}

export type GmXmlHttpRequest = (details: GmRequestDetails) => GmRequestHandle | Promise<unknown> | void;

export interface GmInfo {
  scriptHandler?: string;
  version?: string;
  /** Tampermonkey and Violentmonkey: the page is in a private window. */
  isIncognito?: boolean;
  script?: { version?: string };
  /** Violentmonkey: where the script actually runs ("page" or "content"). */
  injectInto?: string;
  /** Tampermonkey: the sandbox it got ("raw", "js" or "dom"). */
  sandboxMode?: string;
}

/** Tampermonkey and Violentmonkey: called when a stored value changes; `remote` when another tab changed it. */
export type GmValueChangeListener = (name: string, oldValue: unknown, newValue: unknown, remote: boolean) => void;
export type GmAddValueChangeListener = (name: string, listener: GmValueChangeListener) => unknown;

export interface GmNotification {
  text: string;
  title?: string;
}

export interface GmApi {
  xmlHttpRequest: GmXmlHttpRequest;
  getValue<T>(key: string, fallback: T): Promise<T>;
  setValue(key: string, value: unknown): Promise<void>;
  deleteValue(key: string): Promise<void>;
  listValues(): Promise<string[]>;
  registerMenuCommand(caption: string, onClick: () => void, accessKey?: string): void;
  /** Whether the manager has a menu for the script's commands (Safari's Userscripts has none). */
  hasMenu: boolean;
  /** Whether the manager stores values (GM.setValue): without it they last only as long as the page. */
  stores: boolean;
  /**
   * Tells the user something outside the page: the manager's notification, or where there is none, an entry in its
   * menu (once per text).
   */
  notify(text: string): void;
  /**
   * Where the manager has it (Tampermonkey, Violentmonkey; not Greasemonkey 4): `listener` runs when the stored
   * value `key` changes, `remote` when another tab changed it. The manager's old and new values are not passed on:
   * a listener reads storage itself, as any read.
   */
  onValueChange: ((key: string, listener: (remote: boolean) => void) => void) | undefined;
  /**
   * Own properties even when absent (undefined), as onValueChange: a name missing from the object would be looked up
   * on Object.prototype, the page's in its world, where it could claim that Gloss runs apart from it.
   */
  info: GmInfo | undefined;
}

export interface GmGlobals {
  GM?: {
    xmlHttpRequest?: GmXmlHttpRequest;
    getValue?<T>(key: string, fallback: T): Promise<T>;
    setValue?(key: string, value: unknown): Promise<void>;
    deleteValue?(key: string): Promise<void>;
    listValues?(): Promise<string[]>;
    registerMenuCommand?(caption: string, onClick: () => void, accessKey?: string): void;
    notification?(details: GmNotification): unknown;
    addValueChangeListener?: GmAddValueChangeListener;
    info?: GmInfo;
  };
  GM_xmlhttpRequest?: GmXmlHttpRequest;
  GM_notification?(details: GmNotification): unknown;
  GM_addValueChangeListener?: GmAddValueChangeListener;
  GM_info?: GmInfo;
}

declare const GM: GmGlobals["GM"];
declare const GM_xmlhttpRequest: GmGlobals["GM_xmlhttpRequest"];
declare const GM_notification: GmGlobals["GM_notification"];
declare const GM_addValueChangeListener: GmGlobals["GM_addValueChangeListener"];
declare const GM_info: GmGlobals["GM_info"];

/**
 * Whether `value`, found under the global `name`, came from the global's prototypes rather than from the manager:
 * an identifier the script's scope lacks is looked up on the global object and on up its prototype chain, which in
 * the page's world is the page's (Window.prototype, EventTarget.prototype, Object.prototype).
 */
function fromGlobalPrototypes(name: string, value: unknown): boolean {
  for (let proto = Object.getPrototypeOf(globalThis) as object | null; proto; proto = Object.getPrototypeOf(proto)) {
    const found = Object.getOwnPropertyDescriptor(proto, name);
    // A getter can answer each read differently, so any getter there is the page's.
    if (found && ("get" in found || found.value === value)) return true;
  }
  return false;
}

/** The global `name` if the manager provides it: a variable in the script's scope, or the global's own property. */
function managerGlobal<T>(name: keyof GmGlobals, inScope: T | undefined, type: "function" | "object"): T | undefined {
  const value = typeof inScope === type ? inScope : Object.getOwnPropertyDescriptor(globalThis, name)?.value;
  return typeof value === type && !fromGlobalPrototypes(name, value) ? (value as T) : undefined;
}

/** The manager's API as the script sees it: variables in its scope (every manager), or properties of its global. */
export function managerGlobals(): GmGlobals {
  return {
    GM: managerGlobal("GM", typeof GM === "object" ? GM : undefined, "object"),
    GM_xmlhttpRequest: managerGlobal(
      "GM_xmlhttpRequest",
      typeof GM_xmlhttpRequest === "function" ? GM_xmlhttpRequest : undefined,
      "function",
    ),
    GM_notification: managerGlobal(
      "GM_notification",
      typeof GM_notification === "function" ? GM_notification : undefined,
      "function",
    ),
    GM_addValueChangeListener: managerGlobal(
      "GM_addValueChangeListener",
      typeof GM_addValueChangeListener === "function" ? GM_addValueChangeListener : undefined,
      "function",
    ),
    GM_info: managerGlobal("GM_info", typeof GM_info === "object" ? GM_info : undefined, "object"),
  };
}

/**
 * What the manager itself says about the script, in an object with no prototype. In the page's world a name the
 * manager's object lacks (Tampermonkey has no `injectInto`, Violentmonkey no `sandboxMode`) would be looked up on the
 * page's Object.prototype, where the page can claim that Gloss runs apart from it, and have the API key read and
 * settings saved where it sees them. Spreading copies own properties only and runs no page code.
 */
function ownInfo(info: GmInfo | undefined): GmInfo | undefined {
  return info && ownCopy(info);
}

/**
 * An object's own properties in an object with no prototype. Spreading copies the enumerable ones, getters included,
 * and runs no page code; a manager may also define its API as non-enumerable values, which are added by name.
 */
function ownCopy<T extends object>(source: T): T {
  const copy = { __proto__: null, ...source } as Record<string, unknown>;
  for (const name of Object.getOwnPropertyNames(source)) {
    if (name in copy) continue;
    const found = Object.getOwnPropertyDescriptor(source, name);
    if (found && "value" in found) copy[name] = found.value;
  }
  return copy as T;
}

/**
 * Finds the manager's API; throws a clear error if the script runs without the grants it declares. Each function is
 * called as it is (`GM.getValue(…)`), never through bind, call or apply: in the page's world those are the page's,
 * and would hand it the manager's functions, with them its storage (the key), its requests and its menu.
 */
export function resolveGmApi(globals: GmGlobals = managerGlobals()): GmApi {
  // Own properties only, copied by spreading (which runs no page code): a method the manager lacks would otherwise be
  // looked up on Object.prototype, which in the page's world is the page's, and the page's function would be handed
  // the key, the request or the value. Each method is still called on the manager's object, which holds its state.
  const scope: GmGlobals = { __proto__: null, ...globals } as GmGlobals;
  const gm = scope.GM;
  const own = gm && ownCopy(gm);
  const legacyRequest = scope.GM_xmlhttpRequest;
  if (!own?.xmlHttpRequest && !legacyRequest) {
    throw new Error("Gloss needs GM.xmlHttpRequest (or GM_xmlhttpRequest): install it with a userscript manager.");
  }
  const memory = new Map<string, unknown>();
  const registerMenuCommand: GmApi["registerMenuCommand"] = own?.registerMenuCommand
    ? (caption, onClick, accessKey) => gm!.registerMenuCommand!(caption, onClick, accessKey)
    : () => undefined;
  const legacyNotification = scope.GM_notification;
  const notification = own?.notification
    ? (details: GmNotification) => gm!.notification!(details)
    : legacyNotification && ((details: GmNotification) => legacyNotification(details));
  const menuNotes = new Set<string>();
  // Violentmonkey has both names; Tampermonkey documents GM_addValueChangeListener; Greasemonkey 4 has neither.
  const legacyListener = scope.GM_addValueChangeListener;
  const addValueChangeListener: GmAddValueChangeListener | undefined = own?.addValueChangeListener
    ? (name, listener) => gm!.addValueChangeListener!(name, listener)
    : legacyListener && ((name, listener) => legacyListener(name, listener));
  return {
    xmlHttpRequest: own?.xmlHttpRequest
      ? (details) => gm!.xmlHttpRequest!(details)
      : (details) => legacyRequest!(details),
    getValue: own?.getValue
      ? (key, fallback) => gm!.getValue!(key, fallback)
      : async <T>(key: string, fallback: T) => (memory.has(key) ? (memory.get(key) as T) : fallback),
    setValue: own?.setValue
      ? (key, value) => gm!.setValue!(key, value)
      : async (key: string, value: unknown) => {
          memory.set(key, value);
        },
    // Without them (a manager with storage but an older API), values are only ever overwritten, never listed.
    deleteValue: own?.deleteValue
      ? (key) => gm!.deleteValue!(key)
      : own?.setValue
        ? (key: string) => gm!.setValue!(key, undefined)
        : async (key: string) => void memory.delete(key),
    listValues: own?.listValues ? () => gm!.listValues!() : async () => (own?.setValue ? [] : [...memory.keys()]),
    registerMenuCommand,
    hasMenu: !!own?.registerMenuCommand,
    stores: !!own?.setValue,
    notify(text) {
      if (notification) {
        // A promise from some managers; a refused notification has nowhere better to go.
        Promise.resolve(notification({ title: "Gloss", text })).catch(() => undefined);
      } else if (!menuNotes.has(text)) {
        menuNotes.add(text);
        registerMenuCommand(`Gloss: ${text}`, () => undefined);
      }
    },
    onValueChange: addValueChangeListener
      ? (key, listener) => {
          addValueChangeListener(key, (_name, _old, _new, remote) => listener(remote === true));
        }
      : undefined,
    info: ownInfo(own?.info ?? scope.GM_info),
  };
}

/**
 * The manager's API for a page that may be kept in the back/forward cache: a read still unanswered when the page
 * comes back is made again, a write is taken as done (see KeptPage).
 */
export function keptPageGm(gm: GmApi, kept: KeptPage): GmApi {
  return {
    ...gm,
    getValue: (key, fallback) => kept.ask(() => gm.getValue(key, fallback)),
    setValue: (key, value) => kept.write(() => gm.setValue(key, value)),
    deleteValue: (key) => kept.write(() => gm.deleteValue(key)),
    listValues: () => kept.ask(() => gm.listValues()),
  };
}
