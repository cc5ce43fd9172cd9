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
}

export interface GmRequestDetails {
  method: string;
  url: string;
  headers?: Record<string, string>;
  data?: string;
  responseType?: "stream" | "text";
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
  onValueChange?(key: string, listener: (remote: boolean) => void): void;
  info?: GmInfo;
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

/** The manager's API as the script sees it: variables in its scope (every manager), or properties of its global. */
function managerGlobals(): GmGlobals {
  const global = globalThis as GmGlobals;
  return {
    GM: typeof GM === "object" ? GM : global.GM,
    GM_xmlhttpRequest: typeof GM_xmlhttpRequest === "function" ? GM_xmlhttpRequest : global.GM_xmlhttpRequest,
    GM_notification: typeof GM_notification === "function" ? GM_notification : global.GM_notification,
    GM_addValueChangeListener:
      typeof GM_addValueChangeListener === "function" ? GM_addValueChangeListener : global.GM_addValueChangeListener,
    GM_info: typeof GM_info === "object" ? GM_info : global.GM_info,
  };
}

/**
 * What the manager itself says about the script, in an object with no prototype. In the page's world a name the
 * manager's object lacks (Tampermonkey has no `injectInto`, Violentmonkey no `sandboxMode`) would be looked up on the
 * page's Object.prototype, where the page can claim that Gloss runs apart from it, and have the API key read and
 * settings saved where it sees them. Spreading copies own properties only and runs no page code.
 */
function ownInfo(info: GmInfo | undefined): GmInfo | undefined {
  return info && ({ __proto__: null, ...info } as GmInfo);
}

/**
 * Finds the manager's API; throws a clear error if the script runs without the grants it declares. Each function is
 * called as it is (`GM.getValue(…)`), never through bind, call or apply: in the page's world those are the page's,
 * and would hand it the manager's functions, with them its storage (the key), its requests and its menu.
 */
export function resolveGmApi(scope: GmGlobals = managerGlobals()): GmApi {
  const gm = scope.GM;
  const legacyRequest = scope.GM_xmlhttpRequest;
  if (!gm?.xmlHttpRequest && !legacyRequest) {
    throw new Error("Gloss needs GM.xmlHttpRequest (or GM_xmlhttpRequest): install it with a userscript manager.");
  }
  const memory = new Map<string, unknown>();
  const registerMenuCommand: GmApi["registerMenuCommand"] = gm?.registerMenuCommand
    ? (caption, onClick, accessKey) => gm.registerMenuCommand!(caption, onClick, accessKey)
    : () => undefined;
  const legacyNotification = scope.GM_notification;
  const notification = gm?.notification
    ? (details: GmNotification) => gm.notification!(details)
    : legacyNotification && ((details: GmNotification) => legacyNotification(details));
  const menuNotes = new Set<string>();
  // Violentmonkey has both names; Tampermonkey documents GM_addValueChangeListener; Greasemonkey 4 has neither.
  const legacyListener = scope.GM_addValueChangeListener;
  const addValueChangeListener: GmAddValueChangeListener | undefined = gm?.addValueChangeListener
    ? (name, listener) => gm.addValueChangeListener!(name, listener)
    : legacyListener && ((name, listener) => legacyListener(name, listener));
  return {
    xmlHttpRequest: gm?.xmlHttpRequest
      ? (details) => gm.xmlHttpRequest!(details)
      : (details) => legacyRequest!(details),
    getValue: gm?.getValue
      ? (key, fallback) => gm.getValue!(key, fallback)
      : async <T>(key: string, fallback: T) => (memory.has(key) ? (memory.get(key) as T) : fallback),
    setValue: gm?.setValue
      ? (key, value) => gm.setValue!(key, value)
      : async (key: string, value: unknown) => {
          memory.set(key, value);
        },
    // Without them (a manager with storage but an older API), values are only ever overwritten, never listed.
    deleteValue: gm?.deleteValue
      ? (key) => gm.deleteValue!(key)
      : gm?.setValue
        ? (key: string) => gm.setValue!(key, undefined)
        : async (key: string) => void memory.delete(key),
    listValues: gm?.listValues ? () => gm.listValues!() : async () => (gm?.setValue ? [] : [...memory.keys()]),
    registerMenuCommand,
    notify(text) {
      if (notification) {
        // A promise from some managers; a refused notification has nowhere better to go.
        Promise.resolve(notification({ title: "Gloss", text })).catch(() => undefined);
      } else if (!menuNotes.has(text)) {
        menuNotes.add(text);
        registerMenuCommand(`Gloss: ${text}`, () => undefined);
      }
    },
    ...(addValueChangeListener
      ? {
          onValueChange(key: string, listener: (remote: boolean) => void) {
            addValueChangeListener(key, (_name, _old, _new, remote) => listener(remote === true));
          },
        }
      : {}),
    ...((gm?.info ?? scope.GM_info) ? { info: ownInfo(gm?.info ?? scope.GM_info) } : {}),
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
