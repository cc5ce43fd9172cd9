// "Test connection": probe the server with the settings being edited (saved or not), then translate one sentence
// and time it, so the user sees the model, context size, slots, latency and speed — or the exact error and its fix;
// optionally the model check after it (model-check.ts).
// Shared by the extension's background and the userscript (each passes its own transport).
import {
  contextTooSmall,
  listModels,
  LlmRequestError,
  probeServer,
  translateText,
  type ProbeResult,
  type Transport,
} from "../llm";
import { escapeText } from "../shared/html-text";
import type { ServerReport, UserError } from "../shared/messages";
import type { Settings } from "../shared/settings";
import { rulesFor } from "../shared/translation-rules";
import { toUserError } from "../shared/user-error";
import { llmConfigFrom } from "./llm-config";
import { runModelCheck } from "./model-check";

const SAMPLE_DE = "Das Wetter ist heute schön, also gehen wir am Nachmittag in den Park.";
const SAMPLE_EN = "The weather is nice today, so we are going to the park this afternoon.";
const SAMPLE_TIMEOUT_MS = 120_000;

/** Gloss stopped waiting for the sample: nobody cancelled it, so "cancelled" would be the wrong thing to say. */
function sampleTooSlow(ms: number): UserError {
  return {
    message: `The sample translation took longer than ${Math.round(ms / 1000)} s, so Gloss stopped waiting.`,
    fix: "The server may be busy with requests from other tabs or programs, or the model too slow for this computer: wait and test again; a smaller model or a GPU helps.",
    kind: "timeout",
  };
}

export async function testConnection(
  settings: Settings,
  targetLang: string,
  options: {
    sample?: boolean;
    modelCheck?: boolean;
    transport?: Transport;
    sampleTimeoutMs?: number;
    /** Asks the server through the translation service, which then knows what was found (another model, say). */
    probe?: () => Promise<ProbeResult>;
  } = {},
): Promise<ServerReport> {
  const config = llmConfigFrom(settings);
  const probe = await (options.probe?.() ?? probeServer(config, options.transport));
  const report: ServerReport = {
    ok: probe.ok,
    kind: probe.kind,
    ...(probe.model ? { model: probe.model } : {}),
    ...(probe.models ? { models: probe.models } : {}),
    // A context Gloss guessed (a model not loaded yet) is not the server's to report.
    ...(probe.contextSize && !probe.contextAssumed ? { contextSize: probe.contextSize } : {}),
    ...(probe.slots ? { slots: probe.slots } : {}),
    ...(probe.latencyMs != null ? { latencyMs: probe.latencyMs } : {}),
    ...(probe.error ? { error: toUserError(probe.error) } : {}),
  };
  if (!probe.ok || options.sample === false) return report;

  const german = targetLang.toLowerCase().startsWith("de");
  const source = german ? SAMPLE_EN : SAMPLE_DE;
  // The reader's glossary and instructions go in every page's prompt: those for every site (no page is open here).
  const rules = rulesFor(settings, targetLang, "");
  // A context the server says (not Gloss's guess) too small for any passage: its refusal of the sample would say the
  // one sentence is too long.
  const tooSmall =
    report.contextSize && contextTooSmall(config, report.contextSize, escapeText(source), targetLang, rules);
  if (tooSmall) {
    report.sample = { source, error: toUserError(tooSmall), durationMs: 0 };
    report.ok = false;
    return report;
  }
  let tokensPerSecond: number | undefined;
  const sampleTimeoutMs = options.sampleTimeoutMs ?? SAMPLE_TIMEOUT_MS;
  const limit = AbortSignal.timeout(sampleTimeoutMs);
  const started = performance.now();
  try {
    const translation = await translateText(config, source, targetLang, options.transport, {
      onStats: (stats) => (tokensPerSecond = stats.tokensPerSecond ?? tokensPerSecond),
      signal: limit,
      // Its source named as the model check's: that check's instructions are then the sample's, in the slot's cache
      // (but for the reader's rules, which the check leaves out to judge the model alone).
      sourceLang: german ? "en" : "de",
      ...(rules ? { rules } : {}),
    });
    report.sample = { source, translation, durationMs: Math.round(performance.now() - started) };
    if (tokensPerSecond !== undefined) report.sample.tokensPerSecond = Math.round(tokensPerSecond);
    // The extension runs the check as a message of its own (the options page shows the connection first).
    if (options.modelCheck) {
      report.modelCheck = await runModelCheck(config, targetLang, {
        ...(options.transport ? { transport: options.transport } : {}),
        ...(probe.model ? { model: probe.model } : {}),
      });
    }
  } catch (error) {
    // The limit is the sample's alone: the model check after it has time limits of its own.
    const problem: UserError =
      limit.aborted && !report.sample
        ? sampleTooSlow(sampleTimeoutMs)
        : error instanceof LlmRequestError
          ? toUserError(error.error)
          : {
              message: "The sample translation failed.",
              fix: "Try again; if it keeps failing, check the server's log.",
              kind: String(error),
            };
    report.sample = { source, error: problem, durationMs: Math.round(performance.now() - started) };
    report.ok = false;
  }
  return report;
}

export function modelsOf(settings: Settings, transport?: Transport): Promise<string[]> {
  return listModels(llmConfigFrom(settings), transport);
}
