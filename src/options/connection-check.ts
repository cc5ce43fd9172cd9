// The options page's server checks: Test connection (then the model check) and Load list (the server's models). Both
// run with the form's unsaved values, so a setting can be tried before it is saved.
import { ext } from "../extension/api";
import type { ReplyError } from "../extension/send";
import { call } from "../extension/send";
import { describeCheckError, describeModelCheck, verdictTone } from "../extension/model-check-view";
import type { ModelCheck, ServerReport } from "../shared/messages";
import type { Settings, SettingsErrors } from "../shared/settings";
import { validateSettingsPatch } from "../shared/settings";
import { serverOriginPattern } from "../shared/site-rules";
import { showWaiting } from "../shared/waiting-text";
import { describeServerReport } from "./server-report-view";
import { saidHere } from "./said-here";

/** What the checks need from the settings form. */
export interface CheckForm {
  /** The form's raw values, as a settings patch to validate. */
  draft(): Record<string, unknown>;
  /** Marks the fields `within` that `errors` names (the first takes the keyboard), and clears the rest of them. */
  showErrors(errors: SettingsErrors, within: readonly (keyof Settings)[]): void;
  /** Whether the server is llama-server, which answers with the model it loaded (none needs picking). */
  servesItsOwnModel(): boolean;
}

const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/**
 * Marks a button as working without disabling it: a disabled button drops keyboard focus. Returns false when it is
 * already working (a second click is ignored).
 */
function startWork(button: HTMLButtonElement): boolean {
  if (button.getAttribute("aria-disabled") === "true") return false;
  button.setAttribute("aria-disabled", "true");
  return true;
}

function endWork(button: HTMLButtonElement): void {
  button.removeAttribute("aria-disabled");
}

/**
 * A server other than 127.0.0.1/localhost needs a host permission. Ask for it at once, in the click handler, while
 * the click still counts as a user gesture (nothing may be awaited before this).
 */
function requestServerAccess(address: string | undefined): Promise<boolean> {
  const origin = address ? serverOriginPattern(address) : undefined;
  return origin ? ext.permissions.request({ origins: [origin] }).catch(() => false) : Promise.resolve(true);
}

const hostOf = (address: string) => {
  try {
    return new URL(address).host;
  } catch {
    return address;
  }
};

/**
 * What the checks use of the settings: where and how requests go (connection/llm-config.ts) and the language the
 * sample is translated into. Only these are judged and sent, merged over the saved settings: a glossary row half
 * filled, or a site list being edited, neither stops a test of the server nor is marked by it.
 */
const SERVER_FIELDS = [
  "preset",
  "baseUrl",
  "apiKey",
  "model",
  "targetLang",
  "stallTimeoutSec",
  "maxConcurrent",
  "instructionsInSystem",
] as const satisfies ReadonlyArray<keyof Settings>;

/** The form's server fields, validated; marks those at fault instead (the others keep their marks from Save). */
function checkedPatch(form: CheckForm): Partial<Settings> | undefined {
  const draft = form.draft();
  const checked = validateSettingsPatch(Object.fromEntries(SERVER_FIELDS.map((key) => [key, draft[key]])));
  form.showErrors(checked.ok ? {} : checked.errors, SERVER_FIELDS);
  return checked.ok ? checked.patch : undefined;
}

/** Said where the check's result goes when a server field stops it. */
const NOT_TESTED = "fix the server setting marked above first.";

function setUpModelList(form: CheckForm): void {
  const button = element<HTMLButtonElement>("refresh-models");
  const model = element<HTMLInputElement>("model");
  const modelList = element<HTMLDataListElement>("model-list");
  const status = element<HTMLDivElement>("model-status");

  const showStatus = (message: string, fix?: string, failed = false): void => {
    const nodes = [Object.assign(document.createElement("p"), { textContent: message })];
    if (fix) nodes.push(Object.assign(document.createElement("p"), { textContent: saidHere(fix), className: "fix" }));
    status.replaceChildren(...nodes);
    status.classList.toggle("fail", failed);
  };

  const showModels = (models: string[]): void => {
    modelList.replaceChildren(...models.map((id) => new Option(id, id)));
    if (!model.value && models[0] && !form.servesItsOwnModel()) {
      model.value = models[0];
      // As if typed: the page then says the form has a change to save, not "Saved." from before.
      model.dispatchEvent(new Event("input", { bubbles: true }));
    }
    showStatus(
      models.length
        ? `The server offers ${models.length} model${models.length === 1 ? "" : "s"}: pick one from the Model field's list.`
        : "The server listed no models.",
    );
  };

  button.addEventListener("click", () => {
    if (button.getAttribute("aria-disabled") === "true") return;
    const patch = checkedPatch(form);
    if (!patch) return showStatus(`No list asked for: ${NOT_TESTED}`, undefined, true);
    if (!startWork(button)) return;
    const address = patch.baseUrl ?? "";
    const access = requestServerAccess(address);
    showStatus("Asking the server for its models…");
    void access
      .then(async (granted) => {
        if (granted) return showModels(await call("listModels", { settings: patch }));
        showStatus(
          `Gloss is not allowed to reach ${hostOf(address)}.`,
          "Press Load list again and allow access when the browser asks.",
          true,
        );
      })
      .catch((error: ReplyError) => showStatus(error.message, error.fix, true))
      .finally(() => endWork(button));
  });
}

/** A check that could not run, its fix worded for this page (the server's fields above). */
function checkSaidHere(check: ModelCheck): ModelCheck {
  const fix = check.verdict === "failed" ? check.error?.fix : undefined;
  return fix && check.error ? { ...check, error: { ...check.error, fix: saidHere(fix) } } : check;
}

/** The model check, after a working connection: how well the model keeps formatting, and how fast it is. */
async function checkModel(result: HTMLElement, patch: Partial<Settings>): Promise<void> {
  result.className = "result";
  const waiting = document.createElement("p");
  result.replaceChildren(waiting);
  const stopWaiting = showWaiting(waiting, "Checking the model with a few formatted sentences…");
  try {
    const check = await call("checkModel", { settings: patch });
    result.className = `result ${verdictTone(check)}`;
    result.replaceChildren(...describeModelCheck(document, checkSaidHere(check)));
  } catch (error) {
    const { message, fix } = error as ReplyError;
    result.className = "result fail";
    const heading = Object.assign(document.createElement("h3"), { textContent: "The model check could not run." });
    result.replaceChildren(
      heading,
      ...describeCheckError(document, { message, ...(fix ? { fix: saidHere(fix) } : {}) }),
    );
  } finally {
    stopWaiting();
  }
}

function setUpConnectionTest(form: CheckForm): void {
  const button = element<HTMLButtonElement>("test-connection");
  const result = element<HTMLDivElement>("test-result");
  const modelCheck = element<HTMLDivElement>("model-check");
  const model = element<HTMLInputElement>("model");
  const modelList = element<HTMLDataListElement>("model-list");

  const showReport = (report: ServerReport): void => {
    result.className = `result ${report.ok ? "ok" : "fail"}`;
    result.replaceChildren(...describeServerReport(document, report));
    // The models the server named, to pick from, unless one is already chosen.
    if (report.models?.length && !model.value)
      modelList.replaceChildren(...report.models.map((id) => new Option(id, id)));
  };

  button.addEventListener("click", () => {
    if (button.getAttribute("aria-disabled") === "true") return;
    const patch = checkedPatch(form);
    if (!patch) {
      result.className = "result fail";
      result.replaceChildren(Object.assign(document.createElement("p"), { textContent: `Not tested: ${NOT_TESTED}` }));
      return;
    }
    startWork(button);
    // Testing a remote server before saving needs its host permission too; the background says so if it is refused.
    const access = requestServerAccess(patch.baseUrl);
    button.textContent = "Testing…";
    result.className = "result";
    const waiting = document.createElement("p");
    result.replaceChildren(waiting);
    const stopWaiting = showWaiting(waiting, "Asking the server…");
    modelCheck.replaceChildren();
    modelCheck.className = "result";
    void access
      .then(() => call("testConnection", { settings: patch, sample: true }))
      .then(async (report) => {
        stopWaiting();
        showReport(report);
        if (report.ok) await checkModel(modelCheck, patch);
      })
      .catch((error: ReplyError) => {
        stopWaiting();
        showReport({
          ok: false,
          kind: "",
          error: { message: error.message, ...(error.fix ? { fix: error.fix } : {}) },
        });
      })
      .finally(() => {
        endWork(button);
        button.textContent = "Test connection";
      });
  });
}

export function setUpConnectionChecks(form: CheckForm): void {
  setUpConnectionTest(form);
  setUpModelList(form);
}
