// The settings dialog's Test connection: the form's settings (read-only, the saved ones) tried on the server, and
// the server's report said in the box above the buttons.
import { sayInto } from "../session/element";
import type { ServerReport } from "../shared/messages";
import { checkLines } from "../shared/model-check-text";
import { validateSettingsPatch, type Settings, type SettingsErrors } from "../shared/settings";
import { showWaiting } from "../shared/waiting-text";
import type { Make } from "./make-element";

/** Said when a page's script changed the form as the reader pressed Test connection: nothing was sent. */
export const PAGE_CHANGED_TEST =
  "Not tested: this page changed your settings as you pressed Test connection. The form shows again what you chose: " +
  "check it and test again.";

export interface ConnectionTestDeps {
  /** The dialog only shows the settings: the saved ones are tested as they are. */
  readOnly: boolean;
  /** Tests the settings with a change applied. */
  test(draft: Partial<Settings>): Promise<ServerReport>;
  /** Whether the form holds what the reader left there (else it shows that again): the dialog's check. */
  asTheReaderLeftIt(): boolean;
  /** What the form says. */
  draft(): Record<string, unknown>;
  showErrors(found: SettingsErrors): void;
}

/** The button and the box its report goes in (hidden until the first test), wired. */
export function createConnectionTest(
  make: Make,
  win: Window,
  deps: ConnectionTestDeps,
): { button: HTMLButtonElement; result: HTMLElement } {
  const result = make("div", { className: "result" });
  result.setAttribute("role", "status");
  result.hidden = true;
  const button = make("button", { type: "button", textContent: "Test connection" });
  // Marked busy with aria-disabled, not disabled: a disabled button drops the focus to the page's body, and with
  // it Escape and the focus trap, until the test ends.
  let testing = false;
  button.addEventListener("click", () => {
    if (testing) return;
    // A page's address would get the sample sentence at the reader's press: nothing is sent, the form shows the
    // reader's values again, and the result says why.
    if (!deps.readOnly && !deps.asTheReaderLeftIt()) {
      result.hidden = false;
      result.className = "result fail";
      return sayInto(result, PAGE_CHANGED_TEST);
    }
    const checked = deps.readOnly ? { ok: true as const, patch: {} } : validateSettingsPatch(deps.draft());
    if (!checked.ok) return deps.showErrors(checked.errors);
    deps.showErrors({});
    testing = true;
    button.setAttribute("aria-disabled", "true");
    button.textContent = "Testing…";
    result.hidden = false;
    result.className = "result";
    const stopWaiting = showWaiting(result, "Asking the server, then checking the model…", win);
    void deps
      .test(checked.patch)
      .then((report) => {
        stopWaiting();
        result.className = `result ${report.ok ? "ok" : "fail"}`;
        result.textContent = describeReport(report);
      })
      .finally(() => {
        stopWaiting();
        testing = false;
        button.removeAttribute("aria-disabled");
        button.textContent = "Test connection";
      });
  });
  return { button, result };
}

export function describeReport(report: ServerReport): string {
  if (!report.ok && report.error) return [report.error.message, report.error.fix].filter(Boolean).join("\n");
  const lines = [report.ok ? "Connected." : "Connected, but the sample translation failed."];
  if (report.model) lines.push(`Model: ${report.model}`);
  if (report.contextSize) lines.push(`Context size: ${report.contextSize} tokens`);
  if (report.slots) lines.push(`Slots: ${report.slots}`);
  if (report.latencyMs !== undefined) lines.push(`Latency: ${report.latencyMs} ms`);
  const sample = report.sample;
  if (sample?.translation) lines.push(`Sample: ${sample.translation}`);
  if (sample?.error) lines.push(`Sample failed: ${sample.error.message}`, sample.error.fix ?? "");
  if (sample?.tokensPerSecond) lines.push(`Speed: ${sample.tokensPerSecond} tokens/s`);
  const text = lines.filter(Boolean).join("\n");
  return report.modelCheck ? `${text}\n\n${checkLines(report.modelCheck).join("\n")}` : text;
}
