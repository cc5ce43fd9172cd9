// The slice of the userscript managers' API Gloss uses. Greasemonkey 4, Violentmonkey and Tampermonkey offer the
// promise-based `GM.*`; older Tampermonkey and Violentmonkey builds only `GM_xmlhttpRequest`.

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
  script?: { version?: string };
}

export interface GmApi {
  xmlHttpRequest: GmXmlHttpRequest;
  getValue<T>(key: string, fallback: T): Promise<T>;
  setValue(key: string, value: unknown): Promise<void>;
  registerMenuCommand(caption: string, onClick: () => void, accessKey?: string): void;
  info?: GmInfo;
}

interface GmGlobals {
  GM?: {
    xmlHttpRequest?: GmXmlHttpRequest;
    getValue?<T>(key: string, fallback: T): Promise<T>;
    setValue?(key: string, value: unknown): Promise<void>;
    registerMenuCommand?(caption: string, onClick: () => void, accessKey?: string): void;
    info?: GmInfo;
  };
  GM_xmlhttpRequest?: GmXmlHttpRequest;
  GM_info?: GmInfo;
}

/** Finds the manager's API; throws a clear error if the script runs without the grants it declares. */
export function resolveGmApi(scope: GmGlobals = globalThis as GmGlobals): GmApi {
  const gm = scope.GM;
  const xmlHttpRequest = gm?.xmlHttpRequest ?? scope.GM_xmlhttpRequest;
  if (!xmlHttpRequest) {
    throw new Error("Gloss needs GM.xmlHttpRequest (or GM_xmlhttpRequest): install it with a userscript manager.");
  }
  const memory = new Map<string, unknown>();
  return {
    xmlHttpRequest: xmlHttpRequest.bind(gm ?? scope),
    getValue: gm?.getValue
      ? gm.getValue.bind(gm)
      : async <T>(key: string, fallback: T) => (memory.has(key) ? (memory.get(key) as T) : fallback),
    setValue: gm?.setValue
      ? gm.setValue.bind(gm)
      : async (key: string, value: unknown) => {
          memory.set(key, value);
        },
    registerMenuCommand: gm?.registerMenuCommand ? gm.registerMenuCommand.bind(gm) : () => undefined,
    ...((gm?.info ?? scope.GM_info) ? { info: gm?.info ?? scope.GM_info } : {}),
  };
}
