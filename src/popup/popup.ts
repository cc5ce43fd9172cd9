// Toolbar popup: the current tab's status and progress, one button to translate or show the original, the target
// language, "Always translate <site>", and "Leave a part untranslated…" (the element picker, in the page). Opened as
// a tab (tests, keyboard users), it takes the tab from `?tab=`.
import { ext, type Runtime } from "../extension/api";
import type { ReplyError } from "../extension/send";
import { call } from "../extension/send";
import { languageChoices } from "../extension/language-choices";
import { describeModelCheck } from "../extension/model-check-view";
import { openShortcutSettings, shortcutNodes, whereToChangeShortcuts, toggleShortcut } from "../extension/shortcut";
import { languageName } from "../shared/languages";
import { newestOnly } from "../shared/newest-only";
import { readSettings } from "../shared/settings";
import {
  showsTranslation,
  WATCH_TAB_PORT,
  type Diagnostics,
  type TabState,
  type UserError,
  type WatchTab,
} from "../shared/messages";
import { outcomeDetail, passages } from "../shared/outcome-text";
import { withServerNames, type ServerNames } from "../shared/page-safe-error";
import { setProgressValues } from "../shared/progress-values";
import { SERVER_WAIT } from "../shared/server-wait";
import { newestAnswer, type Answer } from "./newest-answer";

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const statusBox = $<HTMLElement>("status-box");
const statusText = $<HTMLParagraphElement>("status-text");
const statusDetail = $<HTMLParagraphElement>("status-detail");
const progressRow = $<HTMLDivElement>("progress-row");
const progressBar = $<HTMLDivElement>("progress");
const progressFill = progressBar.firstElementChild as HTMLDivElement;
const progressCount = $<HTMLSpanElement>("progress-count");
const toggleButton = $<HTMLButtonElement>("toggle");
const restoreButton = $<HTMLButtonElement>("restore");
const alwaysRow = $<HTMLDivElement>("always-row");
const alwaysBox = $<HTMLInputElement>("always");
const alwaysNote = $<HTMLParagraphElement>("always-note");
const siteName = $<HTMLElement>("site");
const bilingualRow = $<HTMLDivElement>("bilingual-row");
const bilingualBox = $<HTMLInputElement>("bilingual");
const targetSelect = $<HTMLSelectElement>("target-lang");
const shortcutKeys = $<HTMLSpanElement>("shortcut-keys");
const shortcutSettings = $<HTMLAnchorElement>("shortcut-settings");
const touchActions = $<HTMLDivElement>("touch-actions");
const openOptions = $<HTMLAnchorElement>("open-options");
const pickRow = $<HTMLDivElement>("pick-row");
const diagnostics = $<HTMLDetailsElement>("diagnostics");
const diagnosticsBody = $<HTMLDivElement>("diagnostics-body");

let tabId = -1;
let state: TabState | undefined;
/** Whether this popup has seen its tab on a page Gloss could translate: a tab that then moves on to a page whose
 * address the browser keeps from Gloss may be on a web page the popup's own access (given when it opened) does not
 * reach, which opening the popup again there would. */
let seenTranslatable = false;
let pollTimer: ReturnType<typeof setTimeout> | undefined;
/** "Always translate" changes still on their way: polls must not flip the checkbox back meanwhile. */
let alwaysPending = 0;
/** The browser has neither context menus nor keyboard commands (Firefox for Android): the popup offers their way to
 * the selection's and the text box's translation. */
let touchOnly = false;
/** A display mode change on its way: polls must not flip the checkbox back meanwhile. */
let displayPending = 0;

async function resolveTabId(): Promise<number> {
  const fromQuery = Number(new URLSearchParams(location.search).get("tab"));
  if (Number.isSafeInteger(fromQuery) && fromQuery > 0) return fromQuery;
  const [tab] = await ext.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? -1;
}

/** Writes only a real change: rewriting the live region's text makes screen readers announce it again. */
function setText(element: HTMLElement, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}

function showStatus(text: string, detail: string, isError: boolean): void {
  statusBox.classList.toggle("error", isError);
  setText(statusText, text);
  setText(statusDetail, detail);
  statusDetail.hidden = !detail;
}

/** The configured server's address and model: the page's report names them "your server" and "the model chosen on
 * the options page" (see shared/page-safe-error.ts). */
let serverNames: ServerNames | undefined;

function showProblem(message: string, fix?: string): void {
  showStatus(message, fix ?? "", true);
}

/** Why the reader's last press failed (a command, a setting, Settings): it stays over the tab's status until the reader
 * acts again or the tab's page changes. The next look at the tab (the poll, the page's report) wrote over it, often
 * before it could be read. */
let pressProblem: UserError | undefined;

function pressFailed(error: UserError): void {
  pressProblem = { message: error.message, fix: error.fix };
  showProblem(error.message, error.fix);
}

/** The reader acts (or the page changes): what their last press met no longer stands. */
const pressed = (): void => void (pressProblem = undefined);

const OFF_LIMITS = "Browser pages and extension galleries are off limits to extensions.";
/** The tab went on, while the popup was open, to a page whose address the browser keeps from Gloss. */
const MOVED_OUT_OF_REACH =
  "If this tab went on to a web page, close this popup and click Gloss's button again (or press the shortcut) to " +
  "give Gloss that page. Browser pages and extension galleries are off limits to extensions.";

/** Said when the page blocked the in-page status card; the page cannot reach the popup. */
const UI_BLOCKED = "This page blocks Gloss's messages on the page, so they show here.";

function showProgress(next: TabState): void {
  const { done, total } = next.progress;
  progressRow.hidden = next.status !== "translating";
  progressFill.style.width = `${Math.round(setProgressValues(progressBar, done, total) * 100)}%`;
  setText(progressCount, total ? `${done} of ${total}` : "");
}

/** Where the keyboard goes when it has no control to stay on: the main button, or Settings, the one action left on a
 * page Gloss may not touch (a disabled button takes no focus, which then went nowhere). */
const mainControl = (): HTMLElement => (toggleButton.disabled ? openOptions : toggleButton);

/** Settings, where the keyboard lands when it is the one action left (a page Gloss may not touch, a background that
 * does not answer), carries the status: a screen reader reads why as it gets there, which the live region's change,
 * under the popup's opening, may not be. */
function settingsTellStatus(alone: boolean): void {
  if (alone) openOptions.setAttribute("aria-describedby", "status");
  else openOptions.removeAttribute("aria-describedby");
}

/**
 * A control hidden or disabled under the keyboard focus (Show original once the page is back, or Bilingual view,
 * Always translate, Leave a part untranslated… and a phone's Translate selection when the tab moves on to a page Gloss
 * may not touch) drops it to the popup's body: it goes to the main button, or to Settings, the one action left there.
 */
function keepFocusFrom(focused: Element | null): void {
  if (!(focused instanceof HTMLElement) || focused === document.body) return;
  if (!focused.closest("[hidden]") && !(focused as HTMLButtonElement).disabled) return;
  mainControl().focus();
}

function render(next: TabState): void {
  state = next;
  const { status, progress, error, notice, targetLang } = next;
  const target = languageName(targetLang);
  // A translation is in the language chosen when it began (an earlier Gloss's: "" when it kept none), not always the
  // one chosen now: a page takes a new one at its next translation.
  const shownIn = next.shownLang ?? targetLang;
  let text: string;
  let detail = "";
  switch (status) {
    case "translating":
      // No count here: the progress bar carries it, and this sentence is announced each time it changes.
      text = shownIn ? `Translating into ${languageName(shownIn)}…` : "Translating…";
      if (next.serverStatus === "loading") detail = "The server is still loading the model; Gloss waits for it.";
      else if (next.serverStatus === "busy") detail = SERVER_WAIT.busy ?? "";
      break;
    case "translated":
      text = shownIn ? `Translated into ${languageName(shownIn)}.` : "Translated.";
      detail = outcomeDetail(next);
      break;
    case "error":
      text = withServerNames(error?.message ?? "Translation failed.", serverNames);
      detail = withServerNames(error?.fix ?? "", serverNames);
      if (progress.done > 0) {
        detail = `${detail} ${passages(progress.done)} ${progress.done === 1 ? "is" : "are"} shown translated.`.trim();
      }
      break;
    case "original":
      text = "Showing the original.";
      break;
    default:
      text = notice ?? `Translate this page into ${target}.`;
  }
  if (notice && status !== "idle") detail = detail ? `${detail} ${notice}` : notice;
  if (status === "translated" && shownIn && shownIn !== targetLang) {
    detail = `${detail} To have it in ${target}, press Show original, then Translate page.`.trim();
  }
  if (next.uiBlocked) detail = [detail, UI_BLOCKED].filter(Boolean).join(" ");
  if (!next.translatable) {
    text = error?.message ?? "Gloss cannot translate this page.";
    // A reason the background gave (the tab was closed) stands alone: how to reach a browser page is not its fix.
    detail = error ? (error.fix ?? "") : seenTranslatable ? MOVED_OUT_OF_REACH : OFF_LIMITS;
  }
  seenTranslatable ||= next.translatable;
  // What the reader's last press met, or what they last chose from the page's menu and could not see there (the picker
  // kept out), comes first.
  const problem = pressProblem ?? (next.translatable ? next.problem : undefined);
  if (problem) showStatus(problem.message, [problem.fix, text].filter(Boolean).join(" "), true);
  else showStatus(text, detail, status === "error");
  showProgress(next);

  const active = status === "translating" || status === "translated";
  // Failed part-way with some passages translated: "Try again" stays first, and the way back is offered beside it.
  const partial = status === "error" && progress.done > 0;
  // A page Gloss may not touch offers nothing to try again: the button, disabled, keeps its plain name.
  const retry = status === "error" && next.translatable;
  setText(toggleButton, active ? "Show original" : retry ? "Try again" : "Translate page");
  const focused = document.activeElement;
  toggleButton.disabled = !next.translatable;
  settingsTellStatus(!next.translatable);
  restoreButton.hidden = !partial || !next.translatable;

  // The rule that covers the page is the one unchecking removes; otherwise the one checking would add.
  const rule = next.autoTranslate ? (next.autoTranslateRule ?? next.siteRule) : next.siteRule;
  alwaysRow.hidden = !rule;
  setText(siteName, rule ?? "");
  if (!alwaysPending) alwaysBox.checked = next.autoTranslate;
  bilingualRow.hidden = !next.translatable;
  pickRow.hidden = !next.translatable;
  // Where Gloss may not go they closed the popup and did nothing: the page took no command and could show no card.
  touchActions.hidden = !touchOnly || !next.translatable;
  if (!displayPending) bilingualBox.checked = next.displayMode === "bilingual";
  keepFocusFrom(focused);

  clearTimeout(pollTimer);
  if (status === "translating") pollTimer = setTimeout(() => void refresh(), 400);
}

/** Every look at the tab and every command goes through here: an answer that arrives after a later question's would
 * show a state that is no longer true. */
const answers = newestAnswer<TabState>(() => void refresh());

function showAnswer(answer: Answer<TabState>): void {
  if (answer.ok) render(answer.value);
  else showProblem((answer.error as Error).message, (answer.error as ReplyError).fix);
}

/** A command's answer: its failure stays (see pressProblem). */
function showCommandAnswer(answer: Answer<TabState>): void {
  if (answer.ok) render(answer.value);
  else pressFailed(answer.error as ReplyError);
}

async function refresh(): Promise<void> {
  // Watching before looking: a report the page makes while the look is on its way then brings another look; watched
  // only after the answer, the popup missed it and kept the state it was given (no poll unless translating).
  watchTab();
  await answers.look(() => call("getTabState", { tabId }), showAnswer);
}

let watching: Runtime.Port | undefined;
/** When the background last dropped the watch. */
let lastDrop = -Infinity;
/** How long the popup waited before it opened the last dropped watch again. */
let watchWait = 0;
let watchAgainTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * Asks the background to tell the popup each time its tab's page reports: the change shows at once; the poll while
 * translating stays as the fallback. A port the background dropped (Chrome stops an idle worker, an open port does not
 * keep it) is opened again at once, with a look at the tab: left closed until a refresh that only a watch or the poll
 * brings, the popup of a translated page kept its state while the page changed (a shortcut, a live update). It costs
 * a worker start each time the idle one stops while the popup is open.
 */
function watchTab(): void {
  if (watching || tabId < 0) return;
  const port = ext.runtime.connect({ name: WATCH_TAB_PORT });
  watching = port;
  port.onMessage.addListener(() => void refresh());
  port.onDisconnect.addListener(() => {
    if (watching !== port) return;
    watching = undefined;
    // Dropped within a second of being opened again: a background that drops each watch as it comes (one that could
    // not tell the popup for an extension page) would be asked in a loop, so it is asked later each time (1 s, 2 s, …
    // a minute). Not left to the next refresh: a page shown translated (no poll) went unwatched while the popup stayed.
    const now = performance.now();
    const quick = now - (lastDrop + watchWait) < 1000;
    watchWait = quick ? Math.min(Math.max(1000, watchWait * 2), 60_000) : 0;
    lastDrop = now;
    clearTimeout(watchAgainTimer);
    watchAgainTimer = setTimeout(() => void refresh(), watchWait);
  });
  const request: WatchTab = { type: "watch", tabId };
  port.postMessage(request);
}

/**
 * Keyboard focus stays on a control: a button that was disabled or hidden under it hands it to the main button, or to
 * Settings when the command's answer left that disabled too (a page Gloss may not touch, a tab asleep). Browsers drop
 * the focus of a button as it is disabled (the command's wait), so it was left on the popup's body then.
 */
function keepFocus(): void {
  const focused = document.activeElement as HTMLElement | null;
  const lost =
    !focused || focused === document.body || focused.hidden || (focused as HTMLButtonElement).disabled === true;
  if (lost) mainControl().focus();
}

async function act(action: () => Promise<TabState>): Promise<void> {
  pressed();
  toggleButton.disabled = true;
  restoreButton.disabled = true;
  try {
    await answers.command(action, (answer) => {
      showCommandAnswer(answer);
      if (!answer.ok) toggleButton.disabled = false;
    });
  } finally {
    restoreButton.disabled = false;
    keepFocus();
  }
}

toggleButton.addEventListener("click", () => {
  const active = state?.status === "translating" || state?.status === "translated";
  // Try again (after an error) is the job that failed once more: a selection, not the whole page.
  const command = active ? "restoreTab" : state?.status === "error" ? "retryTab" : "translateTab";
  void act(() => call(command, { tabId }));
});

restoreButton.addEventListener("click", () => void act(() => call("restoreTab", { tabId })));

/** Runs a command whose result shows in the page (a card by the selection or the text box): the popup, which may
 * cover the page on a phone, closes once the page has it. Its button is disabled until then: pressed again while the
 * page had not answered, it sent the request again, and the page made a second card. */
function inPage(button: HTMLButtonElement, command: () => Promise<unknown>): void {
  pressed();
  button.disabled = true;
  void command()
    .then(() => window.close(), pressFailed)
    .finally(() => {
      button.disabled = false;
      // Browsers drop the focus of a button as it is disabled: it goes back to the one pressed, if still offered.
      if (document.activeElement === document.body) button.focus();
      keepFocus();
    });
}

/** `button` runs `command` in the page. */
function inPageButton(id: string, command: "translateSelection" | "translateWriting" | "pickPart"): void {
  const button = $<HTMLButtonElement>(id);
  button.addEventListener("click", () => inPage(button, () => call(command, { tabId })));
}

inPageButton("translate-selection", "translateSelection");
inPageButton("translate-writing", "translateWriting");
// The picker shows in the page; the popup closes so the reader can point at it.
inPageButton("pick-part", "pickPart");

// The tab can move on while the popup is open (a link, the page's own script): show what it
// holds now, or the button and "Always translate <site>" act on the page that was there. A tab the browser discards
// (or wakes) says so with `discarded` alone: its page went (or came back) without a status or an address.
ext.tabs.onUpdated.addListener((updated, change) => {
  const news = change.status !== undefined || change.url !== undefined || change.discarded !== undefined;
  if (updated !== tabId || !news) return;
  pressed();
  void refresh();
});

// Opened as a tab of its own, the popup outlives a tab closed meanwhile: it says so, and offers nothing for it.
ext.tabs.onRemoved.addListener((removed) => {
  if (removed !== tabId) return;
  pressed();
  void refresh();
});

/** The note is a live region that stays in the popup (see popup.html): only its text changes. */
function showAlwaysNote(text: string): void {
  setText(alwaysNote, text);
}

alwaysBox.addEventListener("change", () => {
  if (!state) return;
  const enabled = alwaysBox.checked;
  const rule = enabled ? state.siteRule : (state.autoTranslateRule ?? state.siteRule);
  if (!rule) return;
  pressed();
  showAlwaysNote("");
  alwaysPending++;
  // Firefox usually closes the popup when the permission panel opens, so nothing after `permissions.request` may
  // ever run. Tell the background first (with the tab, which it translates at once), then ask for the site's host
  // in the same turn, while the click still counts as a user gesture; the background follows permissions.onAdded.
  const saved = call("setAutoTranslate", enabled ? { rule, enabled, tabId } : { rule, enabled });
  const origins = enabled ? (state.siteOrigins ?? []) : [];
  const permission = (origins.length ? ext.permissions.request({ origins }) : Promise.resolve(true)).catch(() => false);
  void (async () => {
    try {
      const { autoTranslateProblem } = await saved;
      if (!(await permission)) {
        await call("setAutoTranslate", { rule, enabled: false });
        showAlwaysNote(`Gloss needs access to ${rule} to translate it automatically. Allow it when the browser asks.`);
      } else if (enabled && autoTranslateProblem) showAlwaysNote(`${rule} is saved, but ${autoTranslateProblem}`);
    } catch (error) {
      pressFailed(error as ReplyError);
    } finally {
      alwaysPending--;
      await refresh();
    }
  })();
});

/** A display mode that could not be set: the box goes back to the mode the site keeps, and the reason shows. */
function showDisplayAnswer(answer: Answer<TabState>): void {
  if (!answer.ok && state) bilingualBox.checked = state.displayMode === "bilingual";
  showCommandAnswer(answer);
}

// The site's display mode: a translated page redraws at once, without asking the server again.
bilingualBox.addEventListener("change", () => {
  pressed();
  displayPending++;
  const mode = bilingualBox.checked ? "bilingual" : "replace";
  void answers
    .command(() => call("setDisplayMode", { tabId, mode }), showDisplayAnswer)
    .finally(() => displayPending--);
});

/** The language the settings hold: the picker goes back to it when a choice could not be saved. */
let storedLanguage = "";

function showLanguage(code: string): void {
  if (code && ![...targetSelect.options].some((o) => o.value === code)) targetSelect.append(new Option(code, code));
  targetSelect.value = code;
}

/** A language that could not be saved: the picker shows the one pages are still translated into, and says why. */
function languageNotSaved(message: string, fix?: string): void {
  showLanguage(storedLanguage);
  pressFailed({ message, fix });
}

targetSelect.addEventListener("change", () => {
  pressed();
  const chosen = targetSelect.value;
  void (async () => {
    const result = await call("saveSettings", { patch: { targetLang: chosen } });
    if (!result.saved) return languageNotSaved(Object.values(result.errors)[0] ?? "Could not save the language.");
    storedLanguage = chosen;
    // A page shown translated follows the new language right away, as do the passages a failed translation left shown
    // (left in the old language, beside those Try again then brought in the new one).
    if (state && showsTranslation(state)) {
      await act(() => call("restoreTab", { tabId }).then(() => call("translateTab", { tabId })));
    } else await refresh();
  })().catch((error: ReplyError) => languageNotSaved(error.message, error.fix));
});

// Settings changed in another window or browser (the options page, sync) while the popup is open: the picker and the
// server's names follow them, and the status names the new language.
ext.storage.onChanged.addListener((changes, area) => {
  const change = changes.settings;
  if (area !== "local" || !change || !serverNames) return;
  const { settings } = readSettings(change.newValue);
  serverNames = { baseUrl: settings.baseUrl, model: settings.model };
  storedLanguage = settings.targetLang;
  showLanguage(settings.targetLang);
  void refresh();
});

openOptions.addEventListener("click", (event) => {
  event.preventDefault();
  pressed();
  ext.runtime.openOptionsPage().catch((error: unknown) =>
    pressFailed({
      message: `Gloss could not open its settings: ${error instanceof Error ? error.message : String(error)}`,
    }),
  );
});

/** The toggle command's shortcut as the browser has it (the user may have changed or removed it). */
async function showShortcut(): Promise<void> {
  const footerItem = shortcutKeys.parentElement!;
  const shortcut = await toggleShortcut();
  if (shortcut === undefined) {
    footerItem.hidden = true; // Firefox for Android has no keyboard commands
    // ... nor context menus: the popup is then the only way to the selection's and the text box's translation.
    touchOnly = !ext.contextMenus;
    touchActions.hidden = !touchOnly || !state?.translatable;
    return;
  }
  if (shortcut) {
    shortcutKeys.replaceChildren("Shortcut: ", ...shortcutNodes(document, shortcut));
    shortcutSettings.hidden = true;
    return;
  }
  shortcutKeys.textContent = "No shortcut set.";
  const place = whereToChangeShortcuts();
  shortcutSettings.textContent = `Set one ${place.preposition} ${place.place}`;
  shortcutSettings.href = place.url;
  shortcutSettings.hidden = false;
}

shortcutSettings.addEventListener("click", (event) => {
  event.preventDefault();
  void openShortcutSettings();
});

function fillLanguages(selected: string, uiLanguage: string): void {
  const auto = new Option(`Browser language (${languageName(uiLanguage)})`, "");
  targetSelect.append(auto);
  for (const lang of languageChoices()) targetSelect.append(new Option(lang.label, lang.code));
  storedLanguage = selected;
  showLanguage(selected);
}

void showShortcut();

void (async () => {
  try {
    tabId = await resolveTabId();
    const { settings, uiLanguage } = await call("getSettings", {});
    serverNames = { baseUrl: settings.baseUrl, model: settings.model };
    fillLanguages(settings.targetLang, uiLanguage);
    await refresh();
  } catch (error) {
    showProblem((error as Error).message, (error as ReplyError).fix);
    // The main button stays disabled as the popup opened: nothing can be done here but Settings.
    settingsTellStatus(true);
  }
  mainControl().focus();
})();

/** The server as Gloss last saw it, and its last model check (run from Settings → Test connection). */
function renderDiagnostics(d: Diagnostics): void {
  const line = (text: string) => Object.assign(document.createElement("p"), { textContent: text });
  const server = [
    `Server: ${d.baseUrl}`,
    d.model ? `model ${d.model}` : "",
    d.contextSize ? `context ${d.contextSize} tokens` : "",
    d.slots ? `${d.slots} slot${d.slots === 1 ? "" : "s"}` : "",
  ].filter(Boolean);
  const nodes: HTMLElement[] = [line(server.join(" · "))];
  if (d.modelCheck) {
    const check = document.createElement("div");
    check.className = d.modelCheck.verdict;
    // Under the popup's h1: an h3 here would skip a level for screen-reader users moving by heading.
    check.append(...describeModelCheck(document, d.modelCheck, "h2"));
    const when = new Date(d.modelCheck.at).toLocaleString();
    check.append(line(`Checked ${when}${d.modelCheck.model ? ` with ${d.modelCheck.model}` : ""}.`));
    nodes.push(check);
  } else {
    nodes.push(line("No model check yet: Settings → Test connection runs one."));
  }
  diagnosticsBody.replaceChildren(...nodes);
}

/** The looks at the diagnostics: one answered after a newer one (closed and opened again) is not shown. */
const diagnosticsAsked = newestOnly();

diagnostics.addEventListener("toggle", () => {
  if (!diagnostics.open) return;
  const newest = diagnosticsAsked();
  void call("getDiagnostics", {})
    .then((d) => newest() && renderDiagnostics(d))
    .catch(
      (error: ReplyError) =>
        newest() &&
        diagnosticsBody.replaceChildren(Object.assign(document.createElement("p"), { textContent: error.message })),
    );
});
