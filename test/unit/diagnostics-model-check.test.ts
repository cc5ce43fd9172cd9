// The popup's server diagnostics from what the background stored: the last model check is shown for the model it
// checked, not for another one the server was since found to run.
import { openStorage } from "../helpers/fake-extension-entry";
import type { HandlerMap } from "../../src/background/handlers";
import { serverConfigId } from "../../src/connection/llm-config";
import type { ModelCheck } from "../../src/shared/messages";
import type { Settings } from "../../src/shared/settings";
import "../../src/background/index";

const handlers = () => (globalThis as unknown as { gloss: { handlers: HandlerMap } }).gloss.handlers;
const sender = { id: chrome.runtime.id };

const check: ModelCheck = {
  at: Date.now() - 3_600_000,
  model: "gemma-2-2b-it",
  targetLang: "en",
  verdict: "too-weak",
  summary: "This model is too weak for formatted pages: it loses links and formatting.",
  tags: { kept: 1, total: 5, repaired: 0 },
  segments: { kept: 6, total: 6 },
  language: { correct: 6, total: 6 },
  durationMs: 4000,
};

async function storedFor(model: string): Promise<void> {
  const settings = await handlers().getSettings({}, sender);
  const id = serverConfigId((settings as { ok: true; value: { settings: Settings } }).value.settings);
  const at = Date.now();
  await chrome.storage.local.set({
    serverFacts: { [id]: { model, contextSize: 4096, at } },
    modelChecks: { [id]: { ...check, at } },
  });
}

beforeAll(() => openStorage());

it("shows the last model check while the server runs the model it checked", async () => {
  await storedFor("gemma-2-2b-it");
  const diagnostics = await handlers().getDiagnostics({}, sender);
  expect(diagnostics.ok && diagnostics.value).toMatchObject({
    model: "gemma-2-2b-it",
    modelCheck: { verdict: "too-weak" },
  });
});

it("shows no verdict of the model before once the server was found running another (restarted with it)", async () => {
  await storedFor("qwen2.5-7b-instruct");
  const diagnostics = await handlers().getDiagnostics({}, sender);
  expect(diagnostics.ok && diagnostics.value).toMatchObject({ model: "qwen2.5-7b-instruct" });
  expect(diagnostics.ok && diagnostics.value.modelCheck).toBeUndefined();
});
