// The userscript's "Leave a part untranslated…" menu command: the element picker (src/picker) over the page, saving
// the part into the script's own settings. Not in the page's world, where the settings are read-only (the page could
// save whatever it liked through it). A settings dialog open meanwhile steps aside, and gains the part as a row;
// Settings opened while it shows closes it first (showing-picker.ts).
import { startPicker, type Picker } from "../picker/element-picker";
import { savePart, type ShownPage } from "../picker/save-part";
import { addSkipPart, siteRuleForPart } from "../shared/add-skip-part";
import { PICKER_PROBLEMS, writeThePart } from "../shared/picker-problems";
import type { SettingsStore } from "../shared/settings-store";
import type { GmApi } from "./gm-api";
import { dialogAsideWhilePicking, showSavedInDialog } from "./settings-dialog";
import { pickerClosed, pickerShowing } from "./showing-picker";

export interface UserscriptPickerDeps {
  gm: Pick<GmApi, "registerMenuCommand">;
  store: SettingsStore;
  session: ShownPage;
  /** Tells the reader what the page cannot read or rewrite (the manager's notification). */
  notify(text: string): void;
  /** Whether a click or key is the reader's own (tests stand in for the browser's). */
  isTrusted?(event: Event): boolean;
}

export function registerPartPicker(deps: UserscriptPickerDeps): void {
  let picker: Picker | undefined;
  const save = async (request: { site: string; selector: string }) => {
    // Saved in another tab meanwhile: read again before adding to it.
    deps.store.invalidate();
    const added = await addSkipPart(deps.store.update, request, location.href);
    // A settings dialog open with unsaved edits to its table would save them without the part.
    if (added.ok) showSavedInDialog(document, await deps.store.load());
    return added.ok
      ? { ok: true as const, value: { part: added.part } }
      : { ok: false as const, error: { message: added.message } };
  };
  deps.gm.registerMenuCommand(
    "Leave a part untranslated…",
    () => {
      if (picker?.active) return;
      const dialogBack = dialogAsideWhilePicking(document);
      picker = startPicker(document, {
        site: siteRuleForPart(location.href),
        save: (part) => savePart(part, save, deps.session),
        // Kept out, or taken out while the reader picks: said where the page cannot reach, each time they ask.
        onBlocked: (reason) => deps.notify(`${PICKER_PROBLEMS[reason]} ${writeThePart("in Gloss's Settings")}`),
        onClose: () => {
          pickerClosed(document);
          dialogBack?.();
        },
        ...(deps.isTrusted ? { isTrusted: deps.isTrusted } : {}),
      });
      if (picker) pickerShowing(document, picker);
      else dialogBack?.();
    },
    "p",
  );
}
