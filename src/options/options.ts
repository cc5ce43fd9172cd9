// Options page: choose the server, test it, pick languages and auto-translate sites. The form is validated with the
// same validators the background uses; nothing invalid is saved, and each problem is shown next to its field.
import { ext } from "../extension/api";
import type { ReplyError } from "../extension/send";
import { call } from "../extension/send";
import { languageChoices } from "../extension/language-choices";
import { languageName } from "../shared/languages";
import type { ServerReport } from "../shared/messages";
import {
  PRESET_BASE_URLS,
  SERVER_PRESETS,
  validateSettingsPatch,
  type ServerPreset,
  type Settings,
  type SettingsErrors,
} from "../shared/settings";
import { originsToRequest, serverOriginPattern } from "../shared/site-rules";

const form = document.getElementById("settings") as HTMLFormElement;
const field = <T extends HTMLElement>(name: string) => document.getElementById(name) as T;
const preset = field<HTMLSelectElement>("preset");
const presetHint = field<HTMLParagraphElement>("preset-hint");
const baseUrl = field<HTMLInputElement>("baseUrl");
const apiKey = field<HTMLInputElement>("apiKey");
const model = field<HTMLInputElement>("model");
const modelList = field<HTMLDataListElement>("model-list");
const targetLang = field<HTMLSelectElement>("targetLang");
const neverTranslate = field<HTMLInputElement>("neverTranslate");
const autoTranslate = field<HTMLTextAreaElement>("autoTranslate");
const maxBatchChars = field<HTMLInputElement>("maxBatchChars");
const maxConcurrent = field<HTMLInputElement>("maxConcurrent");
const stallTimeoutSec = field<HTMLInputElement>("stallTimeoutSec");
const instructionsInSystem = field<HTMLInputElement>("instructionsInSystem");
const saveStatus = field<HTMLSpanElement>("save-status");
const testButton = field<HTMLButtonElement>("test-connection");
const testResult = field<HTMLDivElement>("test-result");

const PRESET_HINTS: Record<ServerPreset, string> = {
  "llama-server":
    "Start it with: llama-server -fa -c 8192 -m gemma-2-2b-it-Q4_K_M.gguf (it listens on http://127.0.0.1:8080).",
  ollama:
    "Ollama rejects browser extensions unless you start it with OLLAMA_ORIGINS=chrome-extension://*,moz-extension://* ollama serve. Enter a model name, e.g. gemma2:2b.",
  lmstudio: "Start the server in LM Studio's Developer tab (port 1234) with a model loaded.",
  custom: "Any server with an OpenAI-compatible /v1/chat/completions endpoint. Enter its address, key and model.",
};

function setSaveStatus(text: string, kind: "" | "ok" | "fail" = ""): void {
  saveStatus.textContent = text;
  saveStatus.className = kind;
}

function fillLanguages(uiLanguage: string): void {
  targetLang.append(new Option(`Browser language (${languageName(uiLanguage)})`, ""));
  for (const lang of languageChoices()) targetLang.append(new Option(lang.label, lang.code));
}

function fillForm(settings: Settings): void {
  preset.value = settings.preset;
  baseUrl.value = settings.baseUrl;
  apiKey.value = settings.apiKey;
  model.value = settings.model;
  if (settings.targetLang && ![...targetLang.options].some((o) => o.value === settings.targetLang)) {
    targetLang.append(new Option(settings.targetLang, settings.targetLang));
  }
  targetLang.value = settings.targetLang;
  neverTranslate.value = settings.neverTranslate.join(", ");
  autoTranslate.value = settings.autoTranslate.join("\n");
  maxBatchChars.value = String(settings.maxBatchChars);
  maxConcurrent.value = String(settings.maxConcurrent);
  stallTimeoutSec.value = String(settings.stallTimeoutSec);
  instructionsInSystem.checked = settings.instructionsInSystem;
  presetHint.textContent = PRESET_HINTS[settings.preset];
}

/** The form as a settings patch; the validators accept the raw strings and normalise them. */
function draft(): Record<string, unknown> {
  return {
    preset: preset.value,
    baseUrl: baseUrl.value,
    apiKey: apiKey.value,
    model: model.value,
    targetLang: targetLang.value,
    neverTranslate: neverTranslate.value,
    autoTranslate: autoTranslate.value,
    maxBatchChars: maxBatchChars.value,
    maxConcurrent: maxConcurrent.value,
    stallTimeoutSec: stallTimeoutSec.value,
    instructionsInSystem: instructionsInSystem.checked,
  };
}

function showErrors(errors: SettingsErrors): void {
  for (const control of form.querySelectorAll<HTMLElement>("[name]")) {
    const name = control.getAttribute("name") as keyof Settings;
    const message = errors[name];
    control.setAttribute("aria-invalid", message ? "true" : "false");
    const slot = document.getElementById(`${name}-error`);
    if (slot) slot.textContent = message ?? "";
  }
  const first = form.querySelector<HTMLElement>('[aria-invalid="true"]');
  if (first) {
    first.closest("details")?.setAttribute("open", "");
    first.focus();
  }
}

preset.addEventListener("change", () => {
  const chosen = preset.value as ServerPreset;
  // Follow the preset's address unless the user typed their own.
  const defaults = SERVER_PRESETS.map((p) => PRESET_BASE_URLS[p]);
  if (!baseUrl.value.trim() || defaults.includes(baseUrl.value.trim().replace(/\/+$/, ""))) {
    baseUrl.value = PRESET_BASE_URLS[chosen];
  }
  presetHint.textContent = PRESET_HINTS[chosen];
});

field<HTMLButtonElement>("show-key").addEventListener("click", (event) => {
  const button = event.currentTarget as HTMLButtonElement;
  const showing = apiKey.type === "text";
  apiKey.type = showing ? "password" : "text";
  button.textContent = showing ? "Show" : "Hide";
  button.setAttribute("aria-pressed", String(!showing));
});

field<HTMLButtonElement>("refresh-models").addEventListener("click", (event) => {
  const button = event.currentTarget as HTMLButtonElement;
  button.disabled = true;
  void call("listModels", { settings: draft() as Partial<Settings> })
    .then((models) => {
      modelList.replaceChildren(...models.map((id) => new Option(id, id)));
      if (!model.value && models[0] && preset.value !== "llama-server") model.value = models[0];
      setSaveStatus(models.length ? `The server offers ${models.length} model(s).` : "The server listed no models.");
    })
    .catch((error: ReplyError) => setSaveStatus(error.message, "fail"))
    .finally(() => (button.disabled = false));
});

function describe(report: ServerReport): HTMLElement[] {
  const heading = document.createElement("h3");
  const nodes: HTMLElement[] = [heading];
  if (!report.ok && report.error) {
    heading.textContent = report.error.message;
    if (report.error.fix) {
      const fix = document.createElement("p");
      fix.textContent = report.error.fix;
      nodes.push(fix);
    }
    return nodes;
  }
  heading.textContent = report.ok ? "Connected." : "Connected, but the sample translation failed.";
  const list = document.createElement("dl");
  const row = (term: string, value: string | number | undefined) => {
    if (value === undefined || value === "") return;
    const dt = document.createElement("dt");
    dt.textContent = term;
    const dd = document.createElement("dd");
    dd.textContent = String(value);
    list.append(dt, dd);
  };
  row("Server", report.kind);
  row("Model", report.model);
  row("Context size", report.contextSize !== undefined ? `${report.contextSize} tokens` : undefined);
  row("Slots", report.slots);
  row("Latency", report.latencyMs !== undefined ? `${report.latencyMs} ms` : undefined);
  const sample = report.sample;
  if (sample) {
    row("Sample", sample.source);
    row("Translation", sample.translation ?? sample.error?.message);
    row("Took", sample.durationMs !== undefined ? `${(sample.durationMs / 1000).toFixed(1)} s` : undefined);
    row("Speed", sample.tokensPerSecond !== undefined ? `${sample.tokensPerSecond} tokens/s` : undefined);
  }
  nodes.push(list);
  if (sample?.error?.fix) {
    const fix = document.createElement("p");
    fix.textContent = sample.error.fix;
    nodes.push(fix);
  }
  if (report.models?.length && !model.value)
    modelList.replaceChildren(...report.models.map((id) => new Option(id, id)));
  return nodes;
}

testButton.addEventListener("click", () => {
  const checked = validateSettingsPatch(draft());
  if (!checked.ok) return showErrors(checked.errors);
  showErrors({});
  testButton.disabled = true;
  testButton.textContent = "Testing…";
  testResult.hidden = false;
  testResult.className = "result";
  testResult.replaceChildren(Object.assign(document.createElement("p"), { textContent: "Asking the server…" }));
  void call("testConnection", { settings: checked.patch, sample: true })
    .then((report) => {
      testResult.className = `result ${report.ok ? "ok" : "fail"}`;
      testResult.replaceChildren(...describe(report));
    })
    .catch((error: ReplyError) => {
      testResult.className = "result fail";
      testResult.replaceChildren(
        ...describe({
          ok: false,
          kind: "",
          error: { message: error.message, ...(error.fix ? { fix: error.fix } : {}) },
        }),
      );
    })
    .finally(() => {
      testButton.disabled = false;
      testButton.textContent = "Test connection";
    });
});

const cacheSize = field<HTMLSpanElement>("cache-size");
const clearCache = field<HTMLButtonElement>("clear-cache");

function showCache(entries: number): void {
  cacheSize.textContent =
    entries === 0 ? "No translations saved." : `${entries} translated passage${entries === 1 ? "" : "s"} saved.`;
  clearCache.disabled = entries === 0;
}

clearCache.addEventListener("click", () => {
  clearCache.disabled = true;
  void call("translationCache", { clear: true })
    .then(({ entries }) => showCache(entries))
    .catch((error: ReplyError) => (cacheSize.textContent = error.message));
});

form.addEventListener("input", () => setSaveStatus("Unsaved changes."));

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const checked = validateSettingsPatch(draft());
  if (!checked.ok) {
    showErrors(checked.errors);
    setSaveStatus("Not saved: fix the marked fields.", "fail");
    return;
  }
  showErrors({});
  // Ask for new hosts now, while the click is still a user gesture (before anything is awaited).
  const serverOrigin = checked.patch.baseUrl ? serverOriginPattern(checked.patch.baseUrl) : undefined;
  const origins = [...originsToRequest(checked.patch.autoTranslate ?? []), ...(serverOrigin ? [serverOrigin] : [])];
  const permission = origins.length ? ext.permissions.request({ origins }).catch(() => false) : Promise.resolve(true);
  void permission
    .then(async (granted) => {
      const result = await call("saveSettings", { patch: checked.patch });
      if (!result.saved) {
        showErrors(result.errors);
        setSaveStatus("Not saved: fix the marked fields.", "fail");
        return;
      }
      fillForm(result.settings);
      setSaveStatus(
        granted
          ? "Saved."
          : "Saved, but without access to the new sites Gloss cannot reach them. Save again to allow it.",
        granted ? "ok" : "fail",
      );
    })
    .catch((error: ReplyError) => setSaveStatus(error.message, "fail"));
});

document.addEventListener("keydown", (event) => {
  if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "s") {
    event.preventDefault();
    form.requestSubmit();
  }
});

void (async () => {
  try {
    const { settings, uiLanguage } = await call("getSettings", {});
    fillLanguages(uiLanguage);
    fillForm(settings);
    void call("translationCache", {}).then(({ entries }) => showCache(entries));
    // A link such as options.html#auto=example.com (from the context menu) pre-fills a new rule.
    const suggested = new URLSearchParams(location.hash.slice(1)).get("auto");
    if (suggested && !settings.autoTranslate.includes(suggested)) {
      autoTranslate.value = [...settings.autoTranslate, suggested].join("\n");
      autoTranslate.focus();
      setSaveStatus(`Save to translate ${suggested} automatically.`);
    }
  } catch (error) {
    setSaveStatus((error as Error).message, "fail");
  }
})();
