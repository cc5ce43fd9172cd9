// The settings dialog's fields: each made with its label, hints and error; read for a draft; shown from stored
// settings through the reader's fields (reader-fields.ts); marked with the errors a save or a test found.
import { languageChoices } from "../extension/language-choices";
import type { ReaderFields } from "../session/reader-fields";
import { BILINGUAL_STYLE_LABELS, BILINGUAL_STYLES } from "../shared/bilingual-styles";
import { languageName } from "../shared/languages";
import { PRESET_LABELS, SERVER_PRESETS, type SettingsErrors } from "../shared/settings";
import type { FormControls } from "../shared/stored-meanwhile";
import type { Make } from "./make-element";
import { KEY_WARNING } from "./settings-key-field";

export type FieldName =
  | "preset"
  | "baseUrl"
  | "apiKey"
  | "model"
  | "targetLang"
  | "neverTranslate"
  | "displayMode"
  | "bilingualStyle"
  | "hoverTranslate"
  | "autoTranslate";

type FieldControl = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

export interface SettingsFields {
  /** Each field's control, in the order the form shows them (no key field when read-only). */
  controls: Record<FieldName, FieldControl>;
  errors: Record<FieldName, HTMLParagraphElement>;
  preset: HTMLSelectElement;
  target: HTMLSelectElement;
}

const isCheckbox = (control: Element): control is HTMLInputElement =>
  control.tagName === "INPUT" && (control as HTMLInputElement).type === "checkbox";

/** Makes the fields into `form`; `keyLine` goes under the key field, which only a dialog that saves has. */
export function createSettingsFields(
  make: Make,
  form: HTMLFormElement,
  options: { readOnly: boolean; uiLanguage: string; keyLine: HTMLElement },
): SettingsFields {
  const controls = {} as Record<FieldName, FieldControl>;
  const errors = {} as Record<FieldName, HTMLParagraphElement>;
  function addField(name: FieldName, label: string, control: FieldControl, hint?: string | HTMLElement[]) {
    const wrapper = make("div", { className: "field" });
    control.id = `gloss-${name}`;
    control.name = name;
    const labelEl = make("label", { textContent: label, htmlFor: control.id });
    const error = make("p", { className: "error" });
    error.id = `gloss-${name}-error`;
    // Not an alert: a field with an error takes the focus, which reads its description, the error; an alert as well
    // would say it twice.
    const notes = typeof hint === "string" ? [make("p", { className: "hint", textContent: hint })] : (hint ?? []);
    notes.forEach((note, i) => (note.id ||= `gloss-${name}-note${i}`));
    control.setAttribute("aria-describedby", [...notes.map((note) => note.id), error.id].join(" "));
    wrapper.append(labelEl, control, ...notes, error);
    form.append(wrapper);
    controls[name] = control;
    errors[name] = error;
  }

  const preset = make("select");
  for (const p of SERVER_PRESETS) preset.append(new Option(PRESET_LABELS[p], p));
  addField("preset", "Server type", preset);
  addField("baseUrl", "Address", make("input", { type: "url", spellcheck: false }), "e.g. http://127.0.0.1:8080");
  // Read-only, Gloss does not use the key at all (the note above the fields says so).
  if (!options.readOnly)
    addField("apiKey", "API key (if the server needs one)", make("input", { type: "password", autocomplete: "off" }), [
      options.keyLine,
      make("p", { className: "warning", textContent: KEY_WARNING }),
    ]);
  addField("model", "Model (Ollama, LM Studio, remote servers)", make("input", { spellcheck: false }));
  const target = make("select");
  target.append(new Option(`Browser language (${languageName(options.uiLanguage)})`, ""));
  for (const lang of languageChoices()) target.append(new Option(lang.label, lang.code));
  addField("targetLang", "Translate into", target);
  addField("neverTranslate", "Languages I read (never translated)", make("input", { placeholder: "e.g. fr, es" }));
  const mode = make("select");
  mode.append(
    new Option("Instead of the original", "replace"),
    new Option("Below the original (bilingual)", "bilingual"),
  );
  addField(
    "displayMode",
    "Show translations",
    mode,
    "The default for every site; the manager's menu switches the site you are on.",
  );
  const look = make("select");
  for (const s of BILINGUAL_STYLES) look.append(new Option(BILINGUAL_STYLE_LABELS[s], s));
  addField(
    "bilingualStyle",
    "Look of translations below the original",
    look,
    "In the bilingual view. Translations shown take the new look as soon as you save: in this tab, and in Tampermonkey and Violentmonkey in your other open tabs too (in Greasemonkey, those when you next translate them).",
  );
  addField(
    "hoverTranslate",
    "Translate a paragraph by pointing at it while holding Alt",
    make("input", { type: "checkbox" }),
  );
  addField(
    "autoTranslate",
    "Translate automatically on (one per line)",
    make("textarea", { rows: 3, placeholder: "reddit.com/r/de" }),
    "The script only runs where your manager lets it: add other sites to its @match list in the manager first.",
  );
  return { controls, errors, preset, target };
}

/** What each field but the key holds, by name: a checkbox whether it is ticked, others their text. */
export const fieldValues = (controls: SettingsFields["controls"]): Array<[string, string | boolean]> =>
  Object.entries(controls)
    .filter(([name]) => name !== "apiKey")
    .map(([name, control]) => [name, isCheckbox(control) ? control.checked : control.value]);

/** Marks each field with its error in `found` (or none); the first to fix takes the focus. Whether one did. */
export function showFieldErrors({ controls, errors }: SettingsFields, found: SettingsErrors): boolean {
  for (const name of Object.keys(controls) as FieldName[]) {
    errors[name].textContent = found[name] ?? "";
    controls[name].setAttribute("aria-invalid", found[name] ? "true" : "false");
  }
  const firstInvalid = (Object.keys(controls) as FieldName[]).find((name) => found[name]);
  if (firstInvalid) controls[firstInvalid].focus();
  return !!firstInvalid;
}

/**
 * Each setting the fields edit (all but the key) as a control: what it holds, and showing a stored value through
 * `reader` (reader-fields.ts). `root` is the dialog's shadow root, where the focused field is found.
 */
export function fieldControls(
  { controls, target }: SettingsFields,
  reader: ReaderFields,
  root: ShadowRoot,
): FormControls {
  /** A text shown in a field; where the reader is in it (a merged list while they edit it) stays where it was. */
  const showText = (name: FieldName, text: string) => {
    const control = controls[name] as HTMLInputElement | HTMLTextAreaElement;
    const focused = root.activeElement === control;
    const { selectionStart, selectionEnd } = control;
    reader.set(control, text);
    if (focused && selectionStart !== null) control.setSelectionRange(selectionStart, selectionEnd);
  };
  const showValue = (name: FieldName) => (value: string) => reader.set(controls[name], value);
  const read = (name: FieldName) => () => controls[name].value;
  return {
    preset: { read: read("preset"), show: showValue("preset") },
    baseUrl: { read: read("baseUrl"), show: (value) => showText("baseUrl", value) },
    model: { read: read("model"), show: (value) => showText("model", value) },
    targetLang: {
      read: read("targetLang"),
      show(value) {
        if (value && ![...target.options].some((o) => o.value === value)) target.append(new Option(value, value));
        reader.set(target, value);
      },
    },
    neverTranslate: { read: read("neverTranslate"), show: (value) => showText("neverTranslate", value.join(", ")) },
    displayMode: { read: read("displayMode"), show: showValue("displayMode") },
    bilingualStyle: { read: read("bilingualStyle"), show: showValue("bilingualStyle") },
    hoverTranslate: {
      read: () => (controls.hoverTranslate as HTMLInputElement).checked,
      show: (value) => reader.set(controls.hoverTranslate, String(value)),
    },
    autoTranslate: { read: read("autoTranslate"), show: (value) => showText("autoTranslate", value.join("\n")) },
  };
}
