// What the test userscript managers share, in Chromium (gm-shim.ts, over the DevTools protocol) and Firefox
// (gm-shim-firefox.ts, over WebDriver BiDi): the GM API built in the page, and its half in Node that makes the
// requests. See gm-shim.ts for how it behaves like a real manager.
import { request as httpRequest, type ClientRequest } from "node:http";

export interface GmShimOptions {
  /** Initial GM storage (values as GM.setValue would store them). */
  storage?: Record<string, unknown>;
  scriptHandler?: string;
  /** Where the script runs: the page's own world (default) or an isolated one. */
  world?: "page" | "isolated";
  /** Whether GM.notification exists (some managers lack it; Gloss then uses the menu). */
  notifications?: boolean;
  /** Whether the manager has a menu for the script's commands (Safari's Userscripts has none). */
  menu?: boolean;
  /** Other pages (tabs) this one shares its storage with; `storage` should then be theirs. */
  group?: StorageGroup;
}

/** Tabs of one manager: each member is told what another stored. */
export interface StorageGroup {
  members: Set<(key: string, value: unknown, deleted: boolean) => void>;
}

export const storageGroup = (): StorageGroup => ({ members: new Set() });

export interface GmShim {
  /** Requests the userscript made, in order, with the headers it sent. */
  requests: Array<{ method: string; url: string; headers: Record<string, string> }>;
  /** Notifications the script showed through the manager, in order. */
  notifications: string[];
  /** Runs a menu command by its caption, like clicking it in the manager's menu. */
  runMenuCommand(caption: string): Promise<void>;
  menuCommands(): Promise<string[]>;
  storage(): Promise<Record<string, unknown>>;
  /** Changes a stored value behind the script's back, like the manager's storage editor. */
  setStorage(key: string, value: unknown): Promise<void>;
}

export type ShimMessage =
  | {
      type: "request";
      id: number;
      request: { method: string; url: string; headers: Record<string, string>; data?: string };
    }
  | { type: "abort"; id: number }
  | { type: "notify"; text: string }
  | { type: "stored"; key: string; value?: unknown; deleted: boolean };

/** What the manager in the page starts with. */
interface ManagerConfig {
  storage: Record<string, unknown>;
  scriptHandler: string;
  injectInto: string;
  notifications: boolean;
  menu: boolean;
}

const managerConfig = (options: GmShimOptions, world: "page" | "isolated"): ManagerConfig => ({
  storage: options.storage ?? {},
  scriptHandler: options.scriptHandler ?? "Gloss test shim",
  injectInto: world === "isolated" ? "content" : "page",
  notifications: options.notifications ?? true,
  menu: options.menu ?? true,
});

/**
 * The manager's half in the page: builds the GM API over `send` (the browser's channel to Node, which takes a
 * JSON text) and returns the object Node drives it with. Runs in the page (or the isolated world) as source text:
 * it must not use anything from this module.
 */
function managerInPage(send: (payload: string) => void, config: ManagerConfig) {
  type Details = {
    method?: string;
    url: string;
    headers?: Record<string, string>;
    data?: string;
    onreadystatechange?(r: unknown): void;
    onprogress?(r: unknown): void;
    onload?(r: unknown): void;
    onerror?(r: unknown): void;
    onabort?(r: unknown): void;
  };
  const post = (message: unknown) => send(JSON.stringify(message));
  const store: Record<string, unknown> = { ...config.storage };
  const menu = new Map<string, () => void>();
  type ChangeListener = (name: string, oldValue: unknown, newValue: unknown, remote: boolean) => void;
  const changeListeners = new Map<string, { key: string; listener: ChangeListener }>();
  /** Stores a value (or deletes it) and tells this tab's listeners; a change of this tab's also goes to the others. */
  const put = (key: string, value: unknown, deleted: boolean, remote: boolean) => {
    const old = store[key];
    if (deleted) delete store[key];
    else store[key] = value;
    if (!remote) post({ type: "stored", key, value, deleted });
    for (const { key: watched, listener } of changeListeners.values())
      if (watched === key) listener(key, old, deleted ? undefined : value, remote);
  };
  const handlers = new Map<number, (type: string, payload: unknown) => void>();
  const settlers = new Map<number, { resolve(): void; reject(): void }>();
  let seq = 0;

  function xmlHttpRequest(details: Details) {
    const id = ++seq;
    let status = 0;
    let statusText = "";
    let responseHeaders = "";
    let responseText = "";
    let readyState = 1;
    const snapshot = () => ({ status, statusText, responseHeaders, responseText, readyState, finalUrl: details.url });
    handlers.set(id, (type, payload) => {
      switch (type) {
        case "headers": {
          const head = payload as { status: number; statusText: string; headers: string };
          status = head.status;
          statusText = head.statusText;
          responseHeaders = head.headers;
          readyState = 2;
          details.onreadystatechange?.(snapshot());
          break;
        }
        case "data":
          responseText += payload as string;
          readyState = 3;
          details.onprogress?.(snapshot());
          break;
        case "end":
          readyState = 4;
          handlers.delete(id);
          details.onload?.(snapshot());
          settlers.get(id)?.resolve();
          settlers.delete(id);
          break;
        case "error":
          readyState = 4;
          handlers.delete(id);
          details.onerror?.(snapshot());
          settlers.get(id)?.reject();
          settlers.delete(id);
          break;
      }
    });
    post({
      type: "request",
      id,
      request: {
        method: details.method ?? "GET",
        url: details.url,
        headers: details.headers ?? {},
        ...(details.data !== undefined ? { data: details.data } : {}),
      },
    });
    const handle = {
      abort() {
        if (!handlers.delete(id)) return;
        post({ type: "abort", id });
        details.onabort?.(snapshot());
        rejectRequest(new Error("aborted"));
        settlers.delete(id);
      },
    };
    let resolveRequest!: (response: unknown) => void;
    let rejectRequest!: (reason: unknown) => void;
    const settled = new Promise((resolve, reject) => {
      resolveRequest = resolve;
      rejectRequest = reject;
    });
    settlers.set(id, { resolve: () => resolveRequest(snapshot()), reject: () => rejectRequest(snapshot()) });
    return { handle, promise: Object.assign(settled, handle) };
  }

  const info = { scriptHandler: config.scriptHandler, version: "1.0", injectInto: config.injectInto };
  const notification = (details: { text: string }) => post({ type: "notify", text: details.text });
  // Like Tampermonkey and Violentmonkey: GM_xmlhttpRequest returns an abort handle; GM.xmlHttpRequest a promise
  // (with `abort` on it) that rejects when the request fails or is aborted.
  const GM = {
    info,
    xmlHttpRequest: (details: Details) => xmlHttpRequest(details).promise,
    getValue: async (key: string, fallback: unknown) => (key in store ? store[key] : fallback),
    setValue: async (key: string, value: unknown) => put(key, value, false, false),
    deleteValue: async (key: string) => put(key, undefined, true, false),
    listValues: async () => Object.keys(store),
    ...(config.menu
      ? { registerMenuCommand: (caption: string, onClick: () => void) => void menu.set(caption, onClick) }
      : {}),
    addValueChangeListener(key: string, listener: ChangeListener) {
      const id = String(++seq);
      changeListeners.set(id, { key, listener });
      return id;
    },
    ...(config.notifications ? { notification } : {}),
  };
  const GM_xmlhttpRequest = (details: Details) => xmlHttpRequest(details).handle;

  return {
    start(script: (...api: unknown[]) => void) {
      script.call(globalThis, GM, info, GM_xmlhttpRequest, config.notifications ? notification : undefined);
    },
    deliver: (id: number, type: string, payload: unknown) => handlers.get(id)?.(type, payload),
    runMenu(caption: string) {
      const command = menu.get(caption);
      if (!command) throw new Error(`no menu command "${caption}"; have: ${[...menu.keys()].join(", ")}`);
      command();
    },
    menu: () => [...menu.keys()],
    storage: () => ({ ...store }),
    setStorage: (key: string, value: unknown) => void (store[key] = value),
    /** Another tab of the manager stored a value. */
    stored: (key: string, value: unknown, deleted: boolean) => put(key, value, deleted, true),
  };
}

/** What the isolated world of a test manager is called. */
export const WORLD = "gloss-userscript-manager";

/**
 * Source text that starts the manager's half in the page and gives the object Node drives it with; `send` is source
 * text for the function that reaches Node.
 */
export const managerSource = (send: string, options: GmShimOptions, world: "page" | "isolated") =>
  `(${managerInPage.toString()})(${send}, ${JSON.stringify(managerConfig(options, world))})`;

/** The userscript as managers run it: the GM API comes as variables in its scope. */
export const userscriptFunction = (userscript: string) =>
  `(function (GM, GM_info, GM_xmlhttpRequest, GM_notification) {\n${userscript}\n})`;

/** How Node reaches the manager in one page. */
export interface ManagerLink {
  /** Hands on what came of a request (its head, a chunk, its end or failure); in order for each request. */
  deliver(id: number, type: string, payload?: unknown): void;
  /** Another tab of the manager stored a value. */
  stored(key: string, value: unknown, deleted: boolean): void;
}

/**
 * Hands deliveries to the page's half in batches: one call at a time, and what came meanwhile goes together in the
 * next, in order. A call per chunk costs the test process a DevTools or BiDi round trip each (with a captured stack
 * under Jest): a fast reply of a few hundred chunks took seconds to reach the page. The page sees what a real
 * manager's page gets when its messages bunch up: fewer, larger progress events.
 */
export function batchedDelivery(
  send: (batch: unknown[][]) => Promise<unknown>,
): (id: number, type: string, payload?: unknown) => void {
  let waiting: unknown[][] = [];
  let sending = false;
  const flush = async () => {
    sending = true;
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      await send(batch).catch(() => undefined);
    }
    sending = false;
  };
  return (id, type, payload) => {
    waiting.push([id, type, payload]);
    if (!sending) void flush();
  };
}

/** What the page's half runs for a batch of deliveries. */
export const DELIVER_BATCH = "function (batch) { for (const [i, t, p] of batch) this.deliver(i, t, p); }";

/**
 * The manager's half in Node, whatever the browser: answers what the page's half sends (`receive` takes the JSON
 * text) by making its requests over Node's HTTP client, noting its notifications and passing stored values to the
 * other tabs of its group. Call `leave` when the page closes.
 */
export function managerInNode(options: GmShimOptions, link: ManagerLink) {
  const requests: GmShim["requests"] = [];
  const notifications: string[] = [];
  const live = new Map<number, ClientRequest>();
  const { deliver } = link;
  // This tab, as the others in its group reach it.
  const own = (key: string, value: unknown, deleted: boolean) => link.stored(key, value, deleted);
  options.group?.members.add(own);

  function receive(payload: string): void {
    const message = JSON.parse(payload) as ShimMessage;
    if (message.type === "notify") {
      notifications.push(message.text);
    } else if (message.type === "stored") {
      for (const member of options.group?.members ?? []) {
        if (member !== own) member(message.key, message.value, message.deleted);
      }
    } else if (message.type === "abort") {
      live.get(message.id)?.destroy();
      live.delete(message.id);
    } else {
      const { id, request: req } = message;
      requests.push({ method: req.method, url: req.url, headers: req.headers });
      const outgoing = httpRequest(req.url, { method: req.method, headers: req.headers }, (res) => {
        const headers = Object.entries(res.headers)
          .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(", ") : (value ?? "")}`)
          .join("\r\n");
        deliver(id, "headers", { status: res.statusCode ?? 0, statusText: res.statusMessage ?? "", headers });
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => deliver(id, "data", chunk));
        res.on("end", () => {
          live.delete(id);
          deliver(id, "end");
        });
        res.on("error", () => deliver(id, "error"));
      });
      outgoing.on("error", () => {
        live.delete(id);
        deliver(id, "error");
      });
      live.set(id, outgoing);
      outgoing.end(req.data);
    }
  }

  return { requests, notifications, receive, leave: () => void options.group?.members.delete(own) };
}
