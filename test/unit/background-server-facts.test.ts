// What the background keeps of the reader's server after "Test connection" and the model check: the facts its
// translation service holds, learnt by its probe, not a second record written past it.
import { openStorage } from "../helpers/fake-extension-entry";
import type { HandlerMap } from "../../src/background/handlers";
import { serverConfigId } from "../../src/connection/llm-config";
import { startDouble, type DoubleHandle } from "../double/server";
import "../../src/background/index";

const handlers = () => (globalThis as unknown as { gloss: { handlers: HandlerMap } }).gloss.handlers;
const sender = { id: chrome.runtime.id };
const realFetch = globalThis.fetch;

/** A model list that says no context (a custom OpenAI-compatible server's). */
const listed = (model: string) =>
  JSON.stringify({ object: "list", data: [{ id: model, object: "model", owned_by: "me" }] });

/** The reader's server at `server`, saved on the options page, with `facts` stored from a worker life before, as the
 * popup reads them; the server answers no /props and a model list without a context. */
async function savedWith(server: DoubleHandle, model: string, facts: object): Promise<string> {
  globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const path = new URL(String(input)).pathname;
    if (path === "/props") return new Response("", { status: 404 });
    if (path === "/v1/models") return new Response(listed(model), { headers: { "Content-Type": "application/json" } });
    return realFetch(input, init);
  }) as typeof fetch;
  const saved = await handlers().saveSettings({ patch: { baseUrl: server.url } }, sender);
  if (!saved.ok || !saved.value.saved) throw new Error("The server's address was not saved.");
  const id = serverConfigId(saved.value.settings);
  await chrome.storage.local.set({ serverFacts: { [id]: { ...facts, at: Date.now() } } });
  return id;
}

const storedFacts = async (id: string) =>
  ((await chrome.storage.local.get("serverFacts")).serverFacts as Record<string, object>)[id];

beforeAll(() => openStorage());
afterEach(() => (globalThis.fetch = realFetch));

it("the model check keeps the context a refusal named for the same model: its probe is the engine's", async () => {
  const server = await startDouble({ port: 0, slots: 1, ctx: 700, model: "gemma-2-2b-it" });
  try {
    const id = await savedWith(server, "gemma-2-2b-it", { model: "gemma-2-2b-it", contextSize: 700 });
    const check = await handlers().checkModel({ settings: { baseUrl: server.url } }, sender);
    expect(check.ok && check.value.model).toBe("gemma-2-2b-it");
    expect(await storedFacts(id)).toMatchObject({ model: "gemma-2-2b-it", contextSize: 700 });
  } finally {
    await server.close();
  }
});

it("Test connection that finds another model at the address has it known at once: the facts name it", async () => {
  // The reader restarted the server with another model, then tested the connection.
  const server = await startDouble({ port: 0, model: "qwen2.5-7b-instruct" });
  try {
    const id = await savedWith(server, "qwen2.5-7b-instruct", { model: "gemma-2-2b-it", contextSize: 700 });
    const report = await handlers().testConnection({ settings: { baseUrl: server.url }, sample: false }, sender);
    expect(report.ok && report.value.model).toBe("qwen2.5-7b-instruct");
    expect(await storedFacts(id)).toEqual(expect.objectContaining({ model: "qwen2.5-7b-instruct" }));
    expect(await storedFacts(id)).not.toHaveProperty("contextSize");
  } finally {
    await server.close();
  }
});
