// A small userscript manager for tests: the GM APIs Gloss is granted, implemented over Node's HTTP client (so, as
// in a real manager, requests do not go through the page and its CORS rules), injected into a Playwright page
// together with the built userscript. Responses stream back through `onprogress`, like Violentmonkey.
import { request as httpRequest, type ClientRequest } from "node:http";
import type { Page } from "playwright-core";

export interface GmShimOptions {
  /** Initial GM storage (values as GM.setValue would store them). */
  storage?: Record<string, unknown>;
  scriptHandler?: string;
}

export interface GmShim {
  /** Requests the userscript made, in order. */
  requests: Array<{ method: string; url: string }>;
  /** Runs a menu command by its caption, like clicking it in the manager's menu. */
  runMenuCommand(caption: string): Promise<void>;
  menuCommands(): Promise<string[]>;
  storage(): Promise<Record<string, unknown>>;
  /** Changes a stored value behind the script's back, like the manager's storage editor. */
  setStorage(key: string, value: unknown): Promise<void>;
}

/** Page-side half: defines GM / GM_xmlhttpRequest on window, talking to Node through exposed bindings. */
function pageShim(config: { storage: Record<string, unknown>; scriptHandler: string }): void {
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
  const w = window as unknown as Record<string, unknown> & {
    __gmRequest(
      id: number,
      request: { method: string; url: string; headers: Record<string, string>; data?: string },
    ): void;
    __gmAbort(id: number): void;
  };
  const store: Record<string, unknown> = { ...config.storage };
  const menu = new Map<string, () => void>();
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
    w.__gmRequest(id, {
      method: details.method ?? "GET",
      url: details.url,
      headers: details.headers ?? {},
      ...(details.data !== undefined ? { data: details.data } : {}),
    });
    const handle = {
      abort() {
        if (!handlers.delete(id)) return;
        w.__gmAbort(id);
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

  w.__gmDeliver = (id: number, type: string, payload: unknown) => handlers.get(id)?.(type, payload);
  w.__gmMenu = menu;
  w.__gmStore = store;
  w.GM_info = { scriptHandler: config.scriptHandler, version: "1.0" };
  // Like Tampermonkey and Violentmonkey: GM_xmlhttpRequest returns an abort handle; GM.xmlHttpRequest a promise
  // (with `abort` on it) that rejects when the request fails or is aborted.
  w.GM_xmlhttpRequest = (details: Details) => xmlHttpRequest(details).handle;
  w.GM = {
    info: w.GM_info,
    xmlHttpRequest: (details: Details) => xmlHttpRequest(details).promise,
    getValue: async (key: string, fallback: unknown) => (key in store ? store[key] : fallback),
    setValue: async (key: string, value: unknown) => void (store[key] = value),
    registerMenuCommand: (caption: string, onClick: () => void) => void menu.set(caption, onClick),
  };
}

/**
 * Installs the shim on `page` and runs `userscript` after the page has loaded (as `@run-at document-idle`).
 * Call after `page.goto`.
 */
export async function injectUserscript(page: Page, userscript: string, options: GmShimOptions = {}): Promise<GmShim> {
  const requests: GmShim["requests"] = [];
  const live = new Map<number, ClientRequest>();
  // Deliveries for one request go in order; Playwright's evaluate calls are queued per page.
  const deliver = (id: number, type: string, payload?: unknown) =>
    page
      .evaluate(
        ([i, t, p]) =>
          (window as unknown as { __gmDeliver(i: number, t: string, p: unknown): void }).__gmDeliver(i, t, p),
        [id, type, payload] as const,
      )
      .catch(() => undefined);

  await page.exposeBinding(
    "__gmRequest",
    (_source, id: number, req: { method: string; url: string; headers: Record<string, string>; data?: string }) => {
      requests.push({ method: req.method, url: req.url });
      const outgoing = httpRequest(req.url, { method: req.method, headers: req.headers }, (res) => {
        const headers = Object.entries(res.headers)
          .map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(", ") : (value ?? "")}`)
          .join("\r\n");
        void deliver(id, "headers", { status: res.statusCode ?? 0, statusText: res.statusMessage ?? "", headers });
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => void deliver(id, "data", chunk));
        res.on("end", () => {
          live.delete(id);
          void deliver(id, "end");
        });
        res.on("error", () => void deliver(id, "error"));
      });
      outgoing.on("error", () => {
        live.delete(id);
        void deliver(id, "error");
      });
      live.set(id, outgoing);
      outgoing.end(req.data);
    },
  );
  await page.exposeBinding("__gmAbort", (_source, id: number) => {
    live.get(id)?.destroy();
    live.delete(id);
  });
  await page.evaluate(pageShim, {
    storage: options.storage ?? {},
    scriptHandler: options.scriptHandler ?? "Gloss test shim",
  });
  await page.addScriptTag({ content: userscript });

  return {
    requests,
    async runMenuCommand(caption) {
      await page.evaluate((c) => {
        const menu = (window as unknown as { __gmMenu: Map<string, () => void> }).__gmMenu;
        const command = menu.get(c);
        if (!command) throw new Error(`no menu command "${c}"; have: ${[...menu.keys()].join(", ")}`);
        command();
      }, caption);
    },
    menuCommands: () =>
      page.evaluate(() => [...(window as unknown as { __gmMenu: Map<string, () => void> }).__gmMenu.keys()]),
    storage: () =>
      page.evaluate(() => ({ ...(window as unknown as { __gmStore: Record<string, unknown> }).__gmStore })),
    setStorage: (key, value) =>
      page.evaluate(([k, v]) => void ((window as unknown as { __gmStore: Record<string, unknown> }).__gmStore[k] = v), [
        key,
        value,
      ] as const),
  };
}
