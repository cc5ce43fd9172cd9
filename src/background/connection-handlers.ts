// The message handlers that ask the reader's server, for the options form's settings before they are saved or the
// saved ones: test the connection, check the model, list the models, and what the popup shows of the server.
import { applySettingsPatch, validateSettingsPatch, type Settings } from "../shared/settings";
import type { Reply, RequestOf } from "../shared/messages";
import { toUserError } from "../shared/user-error";
import { llmConfigFrom, serverConfigId } from "../connection/llm-config";
import { checkOfModel, runModelCheck } from "../connection/model-check";
import { modelsOf, testConnection } from "../connection/test-connection";
import { LlmRequestError } from "../llm";
import { ok, type HandlerMap } from "./handler-reply";
import { awakeFor } from "./keep-alive";
import { missingServerPermission } from "./server-permission";
import { modelCheckStore, serverFactsStore } from "./server-facts";
import { service } from "./service";
import { loadSettings } from "./settings-store";
import { targetLangOf } from "./target-lang";
import { unexpected } from "./user-error";

type ConnectionHandlers = Pick<HandlerMap, "testConnection" | "checkModel" | "getDiagnostics" | "listModels">;

/** Settings from the options form, merged over the saved ones, for testing before saving. */
async function draftSettings(draft: unknown): Promise<Reply<Settings>> {
  const saved = await loadSettings();
  if (draft === undefined) return ok(saved);
  const checked = validateSettingsPatch(draft);
  if (!checked.ok) {
    const first = Object.values(checked.errors)[0] ?? "Some settings are invalid.";
    return { ok: false, error: { message: first, kind: "invalid-settings" } };
  }
  return ok(applySettingsPatch(saved, checked.patch));
}

/** Test connection for the options form's settings (or the saved ones). */
async function testDraft(request: RequestOf<"testConnection">): ReturnType<ConnectionHandlers["testConnection"]> {
  const settings = await draftSettings(request.settings);
  if (!settings.ok) return settings;
  const forbidden = await missingServerPermission(settings.value.baseUrl);
  if (forbidden) return ok({ ok: false, kind: "unknown", error: toUserError(forbidden) });
  try {
    return ok(
      await testConnection(settings.value, targetLangOf(settings.value), {
        sample: request.sample !== false,
        probe: () => service.probe(settings.value),
      }),
    );
  } catch (error) {
    return { ok: false, error: unexpected(error) };
  }
}

/** Check model for the options form's settings (or the saved ones). */
async function checkDraft(request: RequestOf<"checkModel">): ReturnType<ConnectionHandlers["checkModel"]> {
  const settings = await draftSettings(request.settings);
  if (!settings.ok) return settings;
  const forbidden = await missingServerPermission(settings.value.baseUrl);
  if (forbidden) return { ok: false, error: toUserError(forbidden) };
  try {
    return await checkModelOf(settings.value);
  } catch (error) {
    return { ok: false, error: unexpected(error) };
  }
}

export const connectionHandlers: ConnectionHandlers = {
  // Both ask the server for up to two minutes (a sample, the model check's questions): longer than Chrome leaves a
  // silent worker running, and stopped, it never answered the page that asked.
  testConnection: (request) => awakeFor(testDraft(request)),
  checkModel: (request) => awakeFor(checkDraft(request)),
  async getDiagnostics() {
    const settings = await loadSettings();
    const id = serverConfigId(settings);
    const [facts, stored] = await Promise.all([serverFactsStore.get(id), modelCheckStore.get(id)]);
    const modelCheck = checkOfModel(stored, facts?.model);
    return ok({
      baseUrl: settings.baseUrl,
      ...(facts?.model ? { model: facts.model } : {}),
      // A context Gloss guessed (a model not loaded yet) is not said to be the server's.
      ...(facts?.contextSize && !facts.contextAssumed ? { contextSize: facts.contextSize } : {}),
      ...(facts?.slots ? { slots: facts.slots } : {}),
      ...(modelCheck ? { modelCheck } : {}),
    });
  },
  async listModels(request) {
    const settings = await draftSettings(request.settings);
    if (!settings.ok) return settings;
    try {
      return ok(await modelsOf(settings.value));
    } catch (error) {
      // The options page shows why (server down, key needed) next to the model field, not an empty list.
      return { ok: false, error: error instanceof LlmRequestError ? toUserError(error.error) : unexpected(error) };
    }
  },
};

/** Probes the server and checks its model, keeping a check that did not fail (throws as the two do). */
async function checkModelOf(settings: Settings): ReturnType<ConnectionHandlers["checkModel"]> {
  const config = llmConfigFrom(settings);
  // The model's name for the record. The facts beside the check (the popup shows both) are the engine's to keep: a
  // probe written here past it would drop what it learnt otherwise (a refusal's context), for the next worker life.
  const probe = await service.probe(settings);
  if (!probe.ok) return { ok: false, error: probe.error ? toUserError(probe.error) : unexpected(probe.kind) };
  const model = probe.model ?? config.model;
  const check = await runModelCheck(config, targetLangOf(settings), model ? { model } : {});
  if (check.verdict !== "failed") await modelCheckStore.set(serverConfigId(settings), check);
  return ok(check);
}
