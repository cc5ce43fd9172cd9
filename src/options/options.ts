// Options page: choose the server, test it, pick languages and auto-translate sites. The form is validated with the
// same validators the background uses; nothing invalid is saved, and each problem is shown next to its field.
import { ext } from "../extension/api";
import type { ReplyError } from "../extension/send";
import { call } from "../extension/send";
import { languageChoices } from "../extension/language-choices";
import { lookCopy } from "../core/display/copy-styles";
import { BILINGUAL_STYLE_LABELS, BILINGUAL_STYLES } from "../shared/bilingual-styles";
import { isComposing } from "../shared/composing";
import { languageName } from "../shared/languages";
import {
  addressForPreset,
  changedSettings,
  newerSettingsVersion,
  PRESET_LABELS,
  readSettings,
  SERVER_PRESETS,
  validateSettingsPatch,
  type ServerPreset,
  type Settings,
  type SettingsErrors,
} from "../shared/settings";
import {
  LLAMA_SERVER_COMMAND,
  LM_STUDIO_COMMAND,
  OLLAMA_COMMAND,
  OLLAMA_COMMAND_POWERSHELL,
  OLLAMA_SYSTEMD_STEPS,
} from "../shared/server-commands";
import { unreadText } from "../shared/settings-backup";
import { isSiteRule, normalizeSiteRule } from "../shared/site-rules";
import { createChangedElsewhere, noteRowConflicts, noteRowsRemoved } from "../shared/changed-elsewhere";
import { takeInStored } from "../shared/stored-meanwhile";
import { setUpCacheSection } from "./cache-section";
import { setUpConnectionChecks } from "./connection-check";
import { createGlossaryEditor } from "../shared/glossary-editor";
import { faultyEntry, type RowEditor } from "../shared/row-editor";
import { createSkipPartsEditor } from "../shared/skip-parts-editor";
import { hostsToAsk } from "./host-access";
import { setUpSettingsBackup } from "./settings-backup-view";
import { settingsLoad } from "./settings-load";
import { setUpSettingsSync } from "./settings-sync-view";
import { showWelcome } from "./welcome";

const form = document.getElementById("settings") as HTMLFormElement;
const field = <T extends HTMLElement>(name: string) => document.getElementById(name) as T;
const preset = field<HTMLSelectElement>("preset");
const presetHint = field<HTMLParagraphElement>("preset-hint");
const modelNote = field<HTMLSpanElement>("model-optional");
const baseUrl = field<HTMLInputElement>("baseUrl");
const apiKey = field<HTMLInputElement>("apiKey");
const model = field<HTMLInputElement>("model");
const targetLang = field<HTMLSelectElement>("targetLang");
const neverTranslate = field<HTMLInputElement>("neverTranslate");
const autoTranslate = field<HTMLTextAreaElement>("autoTranslate");
const maxBatchChars = field<HTMLInputElement>("maxBatchChars");
const maxConcurrent = field<HTMLInputElement>("maxConcurrent");
const stallTimeoutSec = field<HTMLInputElement>("stallTimeoutSec");
const instructionsInSystem = field<HTMLInputElement>("instructionsInSystem");
const writingModel = field<HTMLInputElement>("writingModel");
const customInstructions = field<HTMLTextAreaElement>("customInstructions");
const glossary = createGlossaryEditor(
  field<HTMLTableSectionElement>("glossary-rows"),
  field<HTMLButtonElement>("glossary-add"),
  languageChoices(),
);
const skipParts = createSkipPartsEditor(
  field<HTMLTableSectionElement>("skipParts-rows"),
  field<HTMLButtonElement>("skipParts-add"),
);
const displayMode = field<HTMLSelectElement>("displayMode");
const bilingualStyle = field<HTMLSelectElement>("bilingualStyle");
const stylePreview = field<HTMLSpanElement>("bilingualStyle-preview");
const progressCue = field<HTMLInputElement>("progressCue");
const hoverTranslate = field<HTMLInputElement>("hoverTranslate");
const readyOnEverySite = field<HTMLInputElement>("readyOnEverySite");
const saveStatus = field<HTMLSpanElement>("save-status");

/** The settings the form was filled from, or last saved: what "changed" is measured against. */
let baseline: Settings | undefined;

const PRESET_HINTS: Record<ServerPreset, string> = {
  "llama-server": `Start it with: ${LLAMA_SERVER_COMMAND} (the first start downloads Gemma-2-2B-it, about 1.7 GB; it listens on http://127.0.0.1:8080).`,
  ollama: `Ollama rejects browser extensions unless OLLAMA_ORIGINS allows them: quit the Ollama app, then start it with ${OLLAMA_COMMAND} (in PowerShell: ${OLLAMA_COMMAND_POWERSHELL}), or set OLLAMA_ORIGINS for the app as the README shows. On Linux, where Ollama runs as a service: ${OLLAMA_SYSTEMD_STEPS}. Enter a model name, e.g. gemma2:2b (ollama pull gemma2:2b).`,
  lmstudio: `Start the server in LM Studio's Developer tab (port 1234) with CORS on and a model loaded, or run: ${LM_STUDIO_COMMAND}`,
  custom: "Any server with an OpenAI-compatible /v1/chat/completions endpoint. Enter its address, key and model.",
};

/** Whether the model field must be filled, said next to its label: only llama-server knows its model by itself. */
const MODEL_NOTES: Record<ServerPreset, string> = {
  "llama-server": "(llama-server uses the one it loaded)",
  ollama: "(required: Ollama serves the model you name)",
  lmstudio: "(required: the model LM Studio should answer with)",
  custom: "(if the server needs one)",
};

function showPreset(chosen: ServerPreset): void {
  presetHint.textContent = PRESET_HINTS[chosen];
  modelNote.textContent = MODEL_NOTES[chosen];
}

function setSaveStatus(text: string, kind: "" | "ok" | "fail" = ""): void {
  saveStatus.textContent = text;
  saveStatus.className = kind;
}

function fillLanguages(uiLanguage: string): void {
  targetLang.append(new Option(`Browser language (${languageName(uiLanguage)})`, ""));
  for (const lang of languageChoices()) targetLang.append(new Option(lang.label, lang.code));
}

// Not fields: the schema version, the address the key is bound to (the settings module derives it), and the display
// modes chosen on each site (from the popup and the context menu).
type FormKey = Exclude<keyof Settings, "schemaVersion" | "apiKeyFor" | "siteDisplayModes">;

/**
 * A number field's value. Text the browser cannot read as a number ("8 000") leaves the field's value empty, which
 * the batch size takes as 0 (automatic): it is read as no number, so it is refused and marked instead.
 */
const numberIn = (input: HTMLInputElement): unknown => (input.validity.badInput ? Number.NaN : input.value);

/** A list shows what was added or removed elsewhere while the user types in it: the caret stays where it was. */
function showKeepingCaret(control: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  const { selectionStart, selectionEnd } = control;
  control.value = value;
  if (document.activeElement === control) control.setSelectionRange(selectionStart, selectionEnd);
}

/** Each setting's control: how to read its raw value (validated like any patch) and how to show a stored value. */
const CONTROLS: { [K in FormKey]: { read(): unknown; show(value: Settings[K]): void } } = {
  preset: {
    read: () => preset.value,
    show: (value) => {
      preset.value = value;
      showPreset(value);
    },
  },
  baseUrl: { read: () => baseUrl.value, show: (value) => (baseUrl.value = value) },
  apiKey: { read: () => apiKey.value, show: (value) => (apiKey.value = value) },
  model: { read: () => model.value, show: (value) => (model.value = value) },
  targetLang: {
    read: () => targetLang.value,
    show: (value) => {
      if (value && ![...targetLang.options].some((o) => o.value === value)) targetLang.append(new Option(value, value));
      targetLang.value = value;
    },
  },
  neverTranslate: {
    read: () => neverTranslate.value,
    show: (value) => showKeepingCaret(neverTranslate, value.join(", ")),
  },
  autoTranslate: {
    read: () => autoTranslate.value,
    show: (value) => showKeepingCaret(autoTranslate, value.join("\n")),
  },
  maxBatchChars: { read: () => numberIn(maxBatchChars), show: (value) => (maxBatchChars.value = String(value)) },
  maxConcurrent: { read: () => numberIn(maxConcurrent), show: (value) => (maxConcurrent.value = String(value)) },
  stallTimeoutSec: { read: () => numberIn(stallTimeoutSec), show: (value) => (stallTimeoutSec.value = String(value)) },
  instructionsInSystem: {
    read: () => instructionsInSystem.checked,
    show: (value) => (instructionsInSystem.checked = value),
  },
  writingModel: { read: () => writingModel.value, show: (value) => (writingModel.value = value) },
  glossary: { read: () => glossary.read(), show: (value) => glossary.show(value) },
  skipParts: { read: () => skipParts.read(), show: (value) => skipParts.show(value) },
  customInstructions: {
    read: () => customInstructions.value,
    show: (value) => (customInstructions.value = value),
  },
  displayMode: { read: () => displayMode.value, show: (value) => (displayMode.value = value) },
  bilingualStyle: {
    read: () => bilingualStyle.value,
    show: (value) => {
      bilingualStyle.value = value;
      showStyle();
    },
  },
  progressCue: { read: () => progressCue.checked, show: (value) => (progressCue.checked = value) },
  hoverTranslate: { read: () => hoverTranslate.checked, show: (value) => (hoverTranslate.checked = value) },
  readyOnEverySite: {
    read: () => readyOnEverySite.checked,
    show: (value) => (readyOnEverySite.checked = value),
  },
};

const FORM_KEYS = Object.keys(CONTROLS) as FormKey[];

/** The settings shown as tables of rows: an error there is the row's, and takes the keyboard to it. */
const TABLES: Partial<Record<FormKey, RowEditor<string>>> = { glossary, skipParts };

/** Each table's name where a line near Save speaks of one of its rows (as the userscript dialog's headings say it). */
const TABLE_TITLES: Partial<Record<FormKey, string>> = { glossary: "Glossary", skipParts: "Parts left untranslated" };

function showSetting<K extends FormKey>(key: K, settings: Settings): void {
  CONTROLS[key].show(settings[key]);
}

// The presets' names come from the settings module, like the userscript dialog's.
for (const p of SERVER_PRESETS) preset.append(new Option(PRESET_LABELS[p], p));
for (const s of BILINGUAL_STYLES) bilingualStyle.append(new Option(BILINGUAL_STYLE_LABELS[s], s));

/** The preview shows the look picked, before it is saved. */
function showStyle(): void {
  const picked = BILINGUAL_STYLES.find((s) => s === bilingualStyle.value);
  lookCopy(stylePreview, true, picked ?? "quiet");
}
bilingualStyle.addEventListener("change", showStyle);

/** Fields kept as typed though another window or browser changed them: said near Save, with their other values. */
const changedElsewhere = createChangedElsewhere(field("changed-elsewhere"), {
  controls: CONTROLS,
  field: (key) => document.getElementById(key),
});

/** Shows `settings` in the form (in the fields `keys`, by default all): what "changed" is measured against now. */
function fillForm(settings: Settings, keys: readonly FormKey[] = FORM_KEYS): void {
  for (const key of keys) showSetting(key, settings);
  baseline = settings;
  changedElsewhere.clear();
}

/** The settings version of the newer Gloss that stored the settings shown, if one did. */
let storedByNewer: number | undefined;

/** Says what could not be read of the settings stored (or nothing); not said again while it stays the same. */
function sayUnread(note: string): void {
  const status = field("load-status");
  if (status.textContent !== note) status.textContent = note;
}

/**
 * Shows settings a save or a restore just stored. The store wrote them whole, so what could not be read of the
 * settings loaded is stored now as shown, and the load's note on it is no longer true; but for a newer Gloss's values
 * this one refuses, which the store writes back as they were (heldForLater): the note on those stays, and storage's
 * change says what is left of it.
 */
function showStored(settings: Settings, keys?: readonly FormKey[]): void {
  fillForm(settings, keys);
  if (storedByNewer === undefined) sayUnread("");
}

/** The form as a settings patch; the validators accept the raw strings and normalise them. */
function draft(): Record<string, unknown> {
  return Object.fromEntries(FORM_KEYS.map((key) => [key, CONTROLS[key].read()]));
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The fields of a validated draft that differ from the settings the form started from (or last saved). */
function changesIn(patch: Partial<Settings>): Partial<Settings> {
  if (!baseline) return patch;
  const changed = changedSettings(patch, baseline);
  // A key is bound to the address it is saved with, and a new address alone drops it: the key shown in the form
  // goes with the new address.
  if (changed.baseUrl !== undefined && patch.apiKey !== undefined) changed.apiKey = patch.apiKey;
  return changed;
}

/** Whether the user has changed this field (an invalid value counts as changed). */
function edited(key: FormKey): boolean {
  const checked = validateSettingsPatch({ [key]: CONTROLS[key].read() });
  return !checked.ok || !baseline || !same(checked.patch[key], baseline[key]);
}

/**
 * Settings changed elsewhere (a site added from the popup or the context menu, another options tab, another browser
 * through sync): fields the user has not touched show them, their unsaved edits stay, and the lists and tables they
 * edited gain what was added there and lose what was removed (shared/stored-meanwhile.ts). An edit kept over a change
 * there is said near Save, which would undo it.
 */
function takeStoredSettings(settings: Settings, refused: ReadonlyArray<keyof Settings> = []): void {
  if (!baseline) return;
  // A key typed here goes with the address it was typed under, never with one saved elsewhere meanwhile (Save would
  // have sent it there, bound to that address).
  const held = new Set<keyof Settings>(edited("apiKey") ? ["preset", "baseUrl"] : []);
  const kept = takeInStored(
    {
      controls: CONTROLS,
      addRows: (key, entries) =>
        noteRowConflicts(
          changedElsewhere,
          TABLE_TITLES[key] ?? key,
          TABLES[key]?.addMissing(entries.map((entry) => ({ ...entry }))),
        ),
      // With the table as stored now: an entry there the same by the settings' measure was changed, not removed.
      removeRows: (key, entries) =>
        noteRowsRemoved(
          changedElsewhere,
          TABLE_TITLES[key] ?? key,
          TABLES[key]?.removeHeld(
            entries.map((entry) => ({ ...entry })),
            settings[key].map((entry) => ({ ...entry })),
          ),
        ),
      held,
    },
    baseline,
    settings,
  );
  // A default shown for a stored value this Gloss refused (a newer Gloss's) is no change made elsewhere: "Use that
  // instead" would save the default over it (the load's note says which fields show defaults).
  changedElsewhere.note(
    kept.filter((key) => !refused.includes(key)),
    baseline,
    settings,
  );
  baseline = settings;
}

/**
 * Marks the fields to fix and gives the first the focus. Their errors are no alerts: the focus reads a field's error
 * as its description, and an alert too said it twice. A table's is one: its focus goes to a row, not the error.
 */
function showErrors(errors: SettingsErrors, within: readonly (keyof Settings)[] = FORM_KEYS): void {
  const judged = (name: string | null) => within.includes(name as keyof Settings);
  for (const control of form.querySelectorAll<HTMLElement>("[name]")) {
    const name = control.getAttribute("name") as keyof Settings;
    if (!judged(name)) continue;
    const message = errors[name];
    control.setAttribute("aria-invalid", message ? "true" : "false");
    const slot = document.getElementById(`${name}-error`);
    if (slot) slot.textContent = message ?? "";
  }
  // A setting's own control (named), not a table's row still marked from the last save: that row may be fixed now.
  const first = [...form.querySelectorAll<HTMLElement>('[name][aria-invalid="true"]')].find((control) =>
    judged(control.getAttribute("name")),
  );
  // The row at fault is marked in every table, not only where the keyboard goes: the reader fixing one finds the next.
  for (const [key, table] of Object.entries(TABLES)) {
    if (!judged(key)) continue;
    if (errors[key as FormKey]) table.markEntry(faultyEntry(key as FormKey, table.read()));
    else table.clearMarks();
  }
  if (first) {
    first.closest("details")?.setAttribute("open", "");
    const key = first.getAttribute("name") as FormKey;
    // A table of fields: the row at fault takes the focus.
    const table = TABLES[key];
    if (table) table.focusEntry(faultyEntry(key, table.read()));
    else first.focus();
  }
}

preset.addEventListener("change", () => {
  const chosen = preset.value as ServerPreset;
  baseUrl.value = addressForPreset(baseUrl.value, chosen);
  showPreset(chosen);
});

field<HTMLButtonElement>("show-key").addEventListener("click", (event) => {
  const button = event.currentTarget as HTMLButtonElement;
  const showing = apiKey.type === "text";
  apiKey.type = showing ? "password" : "text";
  button.textContent = showing ? "Show" : "Hide";
  button.setAttribute("aria-pressed", String(!showing));
});

function hasUnsavedChanges(): boolean {
  return FORM_KEYS.some(edited);
}

/** A field marked invalid loses its mark and message once its value is valid: an error must not outlive its fix. */
function clearFixedErrors(): void {
  for (const marked of form.querySelectorAll<HTMLElement>('[name][aria-invalid="true"]')) {
    const key = marked.getAttribute("name") as FormKey;
    if (!(key in CONTROLS) || !validateSettingsPatch({ [key]: CONTROLS[key].read() }).ok) continue;
    marked.setAttribute("aria-invalid", "false");
    TABLES[key]?.clearMarks();
    const slot = document.getElementById(`${key}-error`);
    if (slot) slot.textContent = "";
  }
}

form.addEventListener("input", () => {
  clearFixedErrors();
  setSaveStatus(hasUnsavedChanges() ? "Unsaved changes." : "");
});

form.addEventListener("submit", (event) => {
  event.preventDefault();
  // Ctrl+S reaches the form while it is inert: not yet filled, it would be refused and marked, or saved whole over
  // the settings it could not read.
  if (!baseline) return;
  const checked = validateSettingsPatch(draft());
  if (!checked.ok) {
    showErrors(checked.errors);
    setSaveStatus("Not saved: fix the marked fields.", "fail");
    return;
  }
  showErrors({});
  // Ask for the hosts now, while the click is still a user gesture (before anything is awaited). Every listed site
  // and the server, not only new ones: "Save again to allow it" must work for a site refused before.
  const origins = hostsToAsk(checked.patch);
  // Hover translation listens on every page, and "ready on every site" loads with every page: both need every site.
  const everySiteFor = checked.patch.hoverTranslate
    ? "hover translation cannot work"
    : checked.patch.readyOnEverySite
      ? "Gloss cannot be ready on every site"
      : undefined;
  const permission = origins.length ? ext.permissions.request({ origins }).catch(() => false) : Promise.resolve(true);
  // Only what the user changed: sites added from the popup or the context menu meanwhile must survive this save.
  const patch = changesIn(checked.patch);
  // The answer comes a moment later (Ctrl+S, and typing on): a field typed in meanwhile keeps what was typed.
  const sent = draft();
  const untouchedSince = () => FORM_KEYS.filter((key) => same(CONTROLS[key].read(), sent[key]));
  void permission
    .then(async (granted) => {
      const denied = everySiteFor
        ? `Saved, but without access to all sites ${everySiteFor}. Save again to allow it.`
        : "Saved, but without access to the new sites Gloss cannot reach them. Save again to allow it.";
      if (!Object.keys(patch).length) {
        setSaveStatus(granted ? "No changes to save." : denied, granted ? "" : "fail");
        return;
      }
      const result = await call("saveSettings", { patch });
      if (!result.saved) {
        showErrors(result.errors);
        setSaveStatus("Not saved: fix the marked fields.", "fail");
        return;
      }
      showStored(result.settings, untouchedSince());
      if (!granted) setSaveStatus(denied, "fail");
      else if (result.autoTranslateProblem) setSaveStatus(`Saved, but ${result.autoTranslateProblem}`, "fail");
      else if (hasUnsavedChanges()) setSaveStatus("Unsaved changes.");
      else setSaveStatus("Saved.", "ok");
    })
    .catch((error: ReplyError) => setSaveStatus(error.message, "fail"));
});

// Closing or leaving the tab with unsaved changes is asked about first, as Restore does: the edits would be lost.
window.addEventListener("beforeunload", (event) => {
  if (baseline && hasUnsavedChanges()) event.preventDefault();
});

// Ctrl+S saves; not mid-word with an input method, whose field holds half a word until it is taken.
document.addEventListener("keydown", (event) => {
  if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "s" && !isComposing(event)) {
    event.preventDefault();
    form.requestSubmit();
  }
});

/**
 * Settings stored while the page waited for the saved ones (from the popup, another tab): the answer may have been
 * read before them, so they are shown once it has filled the form.
 */
let storedWhileLoading: { settings: Settings; refused: Array<keyof Settings>; note: string } | undefined;

ext.storage.onChanged.addListener((changes, area) => {
  const change = changes.settings;
  if (area !== "local" || !change) return;
  const { settings: stored, problems } = readSettings(change.newValue);
  const refused = Object.keys(problems) as Array<keyof Settings>;
  // What the note says follows storage too: a save here, a restore, another tab's save, another browser's through sync.
  storedByNewer = newerSettingsVersion(change.newValue);
  const note = unreadText(problems, storedByNewer);
  if (!baseline) storedWhileLoading = { settings: stored, refused, note };
  else sayUnread(note);
  takeStoredSettings(stored, refused);
  if (!hasUnsavedChanges() && saveStatus.textContent === "Unsaved changes.") setSaveStatus("");
});

/**
 * `options.html#auto=<rule>`: the context menu's "Always translate" opens this when it cannot ask for the site's
 * host itself. The rule is added to the list, unsaved; Save asks for the host and stores it.
 */
function offerRuleFromAddress(): void {
  const suggested = new URLSearchParams(location.hash.slice(1)).get("auto")?.trim();
  if (!suggested || !baseline) return;
  if (!isSiteRule(suggested)) {
    setSaveStatus(`“${suggested}” is not a site Gloss can translate automatically.`, "fail");
    return;
  }
  const rule = normalizeSiteRule(suggested);
  const listed = validateSettingsPatch({ autoTranslate: autoTranslate.value });
  const rules = listed.ok ? (listed.patch.autoTranslate ?? []) : [];
  autoTranslate.closest("section")?.scrollIntoView({ block: "center" });
  autoTranslate.focus();
  if (rules.includes(rule) && baseline.autoTranslate.includes(rule)) {
    setSaveStatus(`${rule} is already translated automatically.`);
    return;
  }
  if (!rules.includes(rule)) {
    autoTranslate.value = [autoTranslate.value.trimEnd(), rule].filter(Boolean).join("\n");
  }
  autoTranslate.setSelectionRange(autoTranslate.value.length - rule.length, autoTranslate.value.length);
  setSaveStatus(`Save to translate ${rule} automatically.`);
}

window.addEventListener("hashchange", offerRuleFromAddress);

void showWelcome();

setUpConnectionChecks({ draft, showErrors, servesItsOwnModel: () => preset.value === "llama-server" });
const showCache = setUpCacheSection();

setUpSettingsBackup({
  saved: () => baseline,
  hasUnsavedChanges,
  show(settings) {
    showStored(settings);
    showErrors({});
    setSaveStatus("");
  },
});

setUpSettingsSync();

const load = settingsLoad([form, field("backup")], field("load-status"));

async function loadSettings(): Promise<void> {
  try {
    const { settings, uiLanguage, unread = {}, newer } = await call("getSettings", {});
    fillLanguages(uiLanguage);
    fillForm(settings);
    // Settings stored meanwhile are newer than the answer: the note (and storedByNewer) are theirs.
    const note = storedWhileLoading?.note;
    if (storedWhileLoading) takeStoredSettings(storedWhileLoading.settings, storedWhileLoading.refused);
    else storedByNewer = newer;
    storedWhileLoading = undefined;
    load.loaded(note ?? unreadText(unread, newer));
    showCache();
    offerRuleFromAddress();
  } catch (error) {
    load.failed((error as Error).message, () => void loadSettings());
  }
}

void loadSettings();
