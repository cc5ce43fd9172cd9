// Toolbar popup: the current tab's status and progress, one button to translate or show the original, the target
// language, and "Always translate <site>". Opened as a tab (tests, keyboard users), it takes the tab from `?tab=`.
import { ext } from "../extension/api";
import type { ReplyError } from "../extension/send";
import { call } from "../extension/send";
import { languageChoices } from "../extension/language-choices";
import { languageName } from "../shared/languages";
import type { TabState } from "../shared/messages";
import { originsToRequest } from "../shared/site-rules";

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const statusBox = $<HTMLElement>("status");
const statusText = $<HTMLParagraphElement>("status-text");
const statusDetail = $<HTMLParagraphElement>("status-detail");
const progressBar = $<HTMLDivElement>("progress");
const progressFill = progressBar.firstElementChild as HTMLDivElement;
const toggleButton = $<HTMLButtonElement>("toggle");
const alwaysRow = $<HTMLLabelElement>("always-row");
const alwaysBox = $<HTMLInputElement>("always");
const siteName = $<HTMLElement>("site");
const targetSelect = $<HTMLSelectElement>("target-lang");

let tabId = -1;
let state: TabState | undefined;
let pollTimer: ReturnType<typeof setTimeout> | undefined;

async function resolveTabId(): Promise<number> {
  const fromQuery = Number(new URLSearchParams(location.search).get("tab"));
  if (Number.isSafeInteger(fromQuery) && fromQuery > 0) return fromQuery;
  const [tab] = await ext.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? -1;
}

function showProblem(message: string, fix?: string): void {
  statusBox.classList.add("error");
  statusText.textContent = message;
  statusDetail.textContent = fix ?? "";
  statusDetail.hidden = !fix;
}

function render(next: TabState): void {
  state = next;
  const { status, progress, error, notice, targetLang } = next;
  const target = languageName(targetLang);
  statusBox.classList.toggle("error", status === "error");
  progressBar.hidden = status !== "translating";
  progressFill.style.width = `${progress.total ? Math.round((progress.done / progress.total) * 100) : 0}%`;
  let text: string;
  let detail = "";
  switch (status) {
    case "translating":
      text = progress.total ? `Translating into ${target}… ${progress.done} of ${progress.total}` : "Translating…";
      if (next.serverStatus === "loading") detail = "The server is still loading the model; Gloss waits for it.";
      break;
    case "translated":
      text = `Translated into ${target}.`;
      if (progress.failed) {
        detail = `${progress.failed} passage${progress.failed === 1 ? "" : "s"} stayed in the original: the model's reply was unusable.`;
      }
      break;
    case "error":
      text = error?.message ?? "Translation failed.";
      detail = error?.fix ?? "";
      break;
    case "original":
      text = "Showing the original.";
      break;
    default:
      text = notice ?? `Translate this page into ${target}.`;
  }
  if (notice && status !== "idle") detail = detail ? `${detail} ${notice}` : notice;
  if (!next.translatable) {
    text = error?.message ?? "Gloss cannot translate this page.";
    detail = error?.fix ?? "Browser pages and extension galleries are off limits to extensions.";
  }
  statusText.textContent = text;
  statusDetail.textContent = detail;
  statusDetail.hidden = !detail;

  const active = status === "translating" || status === "translated";
  toggleButton.textContent = active ? "Show original" : status === "error" ? "Try again" : "Translate page";
  toggleButton.disabled = !next.translatable;
  alwaysRow.hidden = !next.siteRule;
  siteName.textContent = next.siteRule ?? "";
  alwaysBox.checked = next.autoTranslate;

  clearTimeout(pollTimer);
  if (status === "translating") pollTimer = setTimeout(refresh, 400);
}

async function refresh(): Promise<void> {
  try {
    render(await call("getTabState", { tabId }));
  } catch (error) {
    showProblem((error as Error).message, (error as ReplyError).fix);
  }
}

async function act(action: () => Promise<TabState>): Promise<void> {
  toggleButton.disabled = true;
  try {
    render(await action());
  } catch (error) {
    showProblem((error as Error).message, (error as ReplyError).fix);
    toggleButton.disabled = false;
  }
}

toggleButton.addEventListener("click", () => {
  const active = state?.status === "translating" || state?.status === "translated";
  void act(() => call(active ? "restoreTab" : "translateTab", { tabId }));
});

alwaysBox.addEventListener("change", () => {
  const rule = state?.siteRule;
  if (!rule) return;
  const enabled = alwaysBox.checked;
  // Ask for the site's host while the click still counts as a user gesture: before anything is awaited.
  const origins = enabled ? originsToRequest([rule]) : [];
  const permission = origins.length ? ext.permissions.request({ origins }) : Promise.resolve(true);
  void permission
    .catch(() => false)
    .then(async (granted) => {
      if (!granted) {
        alwaysBox.checked = false;
        showProblem(`Gloss needs access to ${rule} to translate it automatically.`, "Allow it when the browser asks.");
        return;
      }
      await call("setAutoTranslate", { rule, enabled });
      if (enabled && state && state.status !== "translating" && state.status !== "translated") {
        await act(() => call("translateTab", { tabId }));
      } else await refresh();
    })
    .catch((error: ReplyError) => showProblem(error.message, error.fix));
});

targetSelect.addEventListener("change", () => {
  void (async () => {
    const result = await call("saveSettings", { patch: { targetLang: targetSelect.value } });
    if (!result.saved) return showProblem(Object.values(result.errors)[0] ?? "Could not save the language.");
    // A page shown translated follows the new language right away.
    if (state?.status === "translating" || state?.status === "translated") {
      await call("restoreTab", { tabId });
      await act(() => call("translateTab", { tabId }));
    } else await refresh();
  })().catch((error: ReplyError) => showProblem(error.message, error.fix));
});

$<HTMLAnchorElement>("open-options").addEventListener("click", (event) => {
  event.preventDefault();
  void ext.runtime.openOptionsPage();
});

function fillLanguages(selected: string, uiLanguage: string): void {
  const auto = new Option(`Browser language (${languageName(uiLanguage)})`, "");
  targetSelect.append(auto);
  for (const lang of languageChoices()) targetSelect.append(new Option(lang.label, lang.code));
  if (selected && ![...targetSelect.options].some((o) => o.value === selected)) {
    targetSelect.append(new Option(selected, selected));
  }
  targetSelect.value = selected;
}

void (async () => {
  try {
    tabId = await resolveTabId();
    const { settings, uiLanguage } = await call("getSettings", {});
    fillLanguages(settings.targetLang, uiLanguage);
    await refresh();
    toggleButton.focus();
  } catch (error) {
    showProblem((error as Error).message, (error as ReplyError).fix);
  }
})();
