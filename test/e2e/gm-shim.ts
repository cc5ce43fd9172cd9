// A small userscript manager for tests: the GM APIs Gloss is granted, implemented over Node's HTTP client (so, as
// in a real manager, requests do not go through the page and its CORS rules), with the built userscript run inside
// it. Like a real manager, the GM API is handed to the script in its own scope and its state (storage, menu) lives
// where page scripts cannot reach it: the shim is started through the DevTools protocol, which keeps its handle to
// it, and talks to Node through a binding the shim takes off the page's global at once. `world: "page"` runs the
// script in the page's own JavaScript world (a manager that ignores @inject-into / @sandbox); `world: "isolated"`
// in a world of its own sharing only the DOM, as Violentmonkey's `@inject-into content` and Tampermonkey's
// `@sandbox DOM` do. Responses stream back through `onprogress`, like Violentmonkey. GM.addValueChangeListener is there,
// as in Violentmonkey and Tampermonkey; pages opened with one `StorageGroup` share their storage, like two tabs of one
// manager: a value one sets reaches the others, whose listeners hear it as `remote`.
import { randomUUID } from "node:crypto";
import { request as httpRequest, type ClientRequest } from "node:http";
import type { CDPSession, Page } from "playwright-core";

export interface GmShimOptions {
  /** Initial GM storage (values as GM.setValue would store them). */
  storage?: Record<string, unknown>;
  scriptHandler?: string;
  /** Where the script runs: the page's own world (default) or an isolated one. */
  world?: "page" | "isolated";
  /** Whether GM.notification exists (some managers lack it; Gloss then uses the menu). */
  notifications?: boolean;
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

type ShimMessage =
  | {
      type: "request";
      id: number;
      request: { method: string; url: string; headers: Record<string, string>; data?: string };
    }
  | { type: "abort"; id: number }
  | { type: "notify"; text: string }
  | { type: "stored"; key: string; value?: unknown; deleted: boolean };

/**
 * The manager's half in the page: builds the GM API over `bindingName` and returns the object Node drives it with.
 * Runs in the page (or the isolated world) as source text: it must not use anything from this module.
 */
function managerInPage(config: {
  storage: Record<string, unknown>;
  scriptHandler: string;
  injectInto: string;
  notifications: boolean;
  bindingName: string;
}) {
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
  const scope = globalThis as unknown as Record<string, unknown>;
  const send = scope[config.bindingName] as (payload: string) => void;
  delete scope[config.bindingName];
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
    registerMenuCommand: (caption: string, onClick: () => void) => void menu.set(caption, onClick),
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

const WORLD = "gloss-userscript-manager";

async function call<T>(cdp: CDPSession, objectId: string, fn: string, ...args: unknown[]): Promise<T> {
  const { result, exceptionDetails } = (await cdp.send("Runtime.callFunctionOn", {
    objectId,
    functionDeclaration: fn,
    arguments: args.map((value) => ({ value })),
    returnByValue: true,
  })) as { result: { value: T }; exceptionDetails?: { exception?: { description?: string }; text?: string } };
  if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
  return result.value;
}

async function evaluate(cdp: CDPSession, expression: string, contextId?: number): Promise<string> {
  const { result, exceptionDetails } = (await cdp.send("Runtime.evaluate", {
    expression,
    ...(contextId !== undefined ? { contextId } : {}),
  })) as { result: { objectId?: string }; exceptionDetails?: { exception?: { description?: string } } };
  if (exceptionDetails || !result.objectId) throw new Error(exceptionDetails?.exception?.description ?? expression);
  return result.objectId;
}

/**
 * Starts the manager on `page` and runs `userscript` in it once the page has loaded (as `@run-at document-idle`).
 * Call after `page.goto`.
 */
export async function injectUserscript(page: Page, userscript: string, options: GmShimOptions = {}): Promise<GmShim> {
  const requests: GmShim["requests"] = [];
  const notifications: string[] = [];
  const live = new Map<number, ClientRequest>();
  const world = options.world ?? "page";
  const cdp = await page.context().newCDPSession(page);
  const bindingName = `__gm_${randomUUID().replace(/-/g, "")}`;
  await cdp.send("Runtime.enable");
  let contextId: number | undefined;
  if (world === "isolated") {
    await cdp.send("Runtime.addBinding", { name: bindingName, executionContextName: WORLD });
    const { frameTree } = (await cdp.send("Page.getFrameTree")) as { frameTree: { frame: { id: string } } };
    ({ executionContextId: contextId } = (await cdp.send("Page.createIsolatedWorld", {
      frameId: frameTree.frame.id,
      worldName: WORLD,
    })) as { executionContextId: number });
  } else {
    await cdp.send("Runtime.addBinding", { name: bindingName });
  }

  const config = {
    storage: options.storage ?? {},
    scriptHandler: options.scriptHandler ?? "Gloss test shim",
    injectInto: world === "isolated" ? "content" : "page",
    notifications: options.notifications ?? true,
    bindingName,
  };
  const manager = await evaluate(cdp, `(${managerInPage.toString()})(${JSON.stringify(config)})`, contextId);
  // Deliveries for one request go in order: messages on one DevTools session are handled in order.
  const deliver = (id: number, type: string, payload?: unknown) =>
    void call(cdp, manager, "function (i, t, p) { this.deliver(i, t, p); }", id, type, payload).catch(() => undefined);

  // This tab, as the others in its group reach it.
  const own = (key: string, value: unknown, deleted: boolean) =>
    void call(cdp, manager, "function (k, v, d) { this.stored(k, v, d); }", key, value, deleted).catch(() => undefined);
  options.group?.members.add(own);
  page.once("close", () => options.group?.members.delete(own));
  cdp.on("Runtime.bindingCalled", (event: { name: string; payload: string }) => {
    if (event.name !== bindingName) return;
    const message = JSON.parse(event.payload) as ShimMessage;
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
  });

  // The script gets the GM API as variables in its scope, as managers do.
  const script = await evaluate(
    cdp,
    `(function (GM, GM_info, GM_xmlhttpRequest, GM_notification) {\n${userscript}\n})`,
    contextId,
  );
  const { exceptionDetails } = (await cdp.send("Runtime.callFunctionOn", {
    objectId: manager,
    functionDeclaration: "function (script) { this.start(script); }",
    arguments: [{ objectId: script }],
  })) as { exceptionDetails?: { exception?: { description?: string } } };
  if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? "the userscript failed to start");

  return {
    requests,
    notifications,
    runMenuCommand: (caption) => call(cdp, manager, "function (c) { this.runMenu(c); }", caption),
    menuCommands: () => call(cdp, manager, "function () { return this.menu(); }"),
    storage: () => call(cdp, manager, "function () { return this.storage(); }"),
    setStorage: (key, value) => call(cdp, manager, "function (k, v) { this.setStorage(k, v); }", key, value),
  };
}
