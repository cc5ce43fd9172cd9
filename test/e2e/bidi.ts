// Plain WebDriver BiDi commands for what puppeteer-core does not offer over it in Firefox: a sandbox (a world of the
// test's own sharing only the DOM), a channel from the page to Node, and closed shadow roots. They go over
// puppeteer's own connection to Firefox, which it exposes (`browser.connection`) but does not type.
import type { Page } from "puppeteer-core";

/** A value as BiDi hands it back (script.RemoteValue), and one as it takes it (script.LocalValue). */
export interface RemoteValue {
  type: string;
  value?: unknown;
  handle?: string;
  sharedId?: string;
}
export type LocalValue =
  | { type: "undefined" | "null" }
  | { type: "string"; value: string }
  | { type: "number"; value: number | "NaN" | "-0" | "Infinity" | "-Infinity" }
  | { type: "boolean"; value: boolean }
  | { type: "array"; value: LocalValue[] }
  | { type: "object"; value: Array<[string, LocalValue]> }
  | { type: "channel"; value: { channel: string } }
  | { handle: string }
  | { sharedId: string };

export type Target = { context: string; sandbox?: string } | { realm: string };

interface Connection {
  send(method: string, params: object): Promise<{ result: unknown }>;
  on(event: string, handler: (params: never) => void): void;
  off(event: string, handler: (params: never) => void): void;
}

interface CallResult {
  type: "success" | "exception";
  result?: RemoteValue;
  realm: string;
  exceptionDetails?: { text: string; exception?: RemoteValue };
}

export interface Bidi {
  /** The page's top-level browsing context. */
  context: string;
  /** script.callFunction; the value it returns, or a thrown Error with the page's message. */
  call(
    target: Target,
    functionDeclaration: string,
    options?: {
      this?: LocalValue;
      arguments?: LocalValue[];
      ownership?: "root" | "none";
      /** How deep to hand back DOM nodes, closed shadow roots included. */
      domDepth?: number;
    },
  ): Promise<{ result: RemoteValue; realm: string }>;
  /** Hears what the page sends on `channel` (a string each time); returns how to stop. */
  onMessage(channel: string, handler: (data: string) => void): () => void;
}

export function bidi(page: Page): Bidi {
  const connection = (page.browser() as unknown as { connection: Connection }).connection;
  const context = (page.mainFrame() as unknown as { _id: string })._id;
  return {
    context,
    async call(target, functionDeclaration, options = {}) {
      const { result } = (await connection.send("script.callFunction", {
        functionDeclaration,
        target,
        awaitPromise: true,
        ...(options.this ? { this: options.this } : {}),
        arguments: options.arguments ?? [],
        resultOwnership: options.ownership ?? "none",
        serializationOptions: { maxObjectDepth: 8, maxDomDepth: options.domDepth ?? 0, includeShadowTree: "all" },
      })) as { result: CallResult };
      if (result.type === "exception") throw new Error(result.exceptionDetails?.text ?? functionDeclaration);
      return { result: result.result!, realm: result.realm };
    },
    onMessage(channel, handler) {
      const listener = (params: { channel: string; data: RemoteValue }) => {
        if (params.channel === channel) handler(params.data.value as string);
      };
      connection.on("script.message", listener as (params: never) => void);
      return () => connection.off("script.message", listener as (params: never) => void);
    },
  };
}

/** A JSON-like value from Node as BiDi takes it. */
export function toLocal(value: unknown): LocalValue {
  if (value === undefined) return { type: "undefined" };
  if (value === null) return { type: "null" };
  if (typeof value === "string") return { type: "string", value };
  if (typeof value === "boolean") return { type: "boolean", value };
  if (typeof value === "number") {
    if (Number.isNaN(value)) return { type: "number", value: "NaN" };
    if (Object.is(value, -0)) return { type: "number", value: "-0" };
    if (!Number.isFinite(value)) return { type: "number", value: value > 0 ? "Infinity" : "-Infinity" };
    return { type: "number", value };
  }
  if (Array.isArray(value)) return { type: "array", value: value.map(toLocal) };
  return { type: "object", value: Object.entries(value as object).map(([key, v]) => [key, toLocal(v)]) };
}

/** A value BiDi handed back, as a plain JSON-like value (nodes and functions come back as undefined). */
export function fromRemote(remote: RemoteValue): unknown {
  switch (remote.type) {
    case "undefined":
      return undefined;
    case "null":
      return null;
    case "string":
    case "boolean":
      return remote.value;
    case "number":
      return typeof remote.value === "number" ? remote.value : Number(remote.value);
    case "array":
      return (remote.value as RemoteValue[]).map(fromRemote);
    case "object":
      return Object.fromEntries(
        (remote.value as Array<[string, RemoteValue]>).map(([key, value]) => [key, fromRemote(value)]),
      );
    default:
      return undefined;
  }
}
