// Extension entry of the element picker (picker.js): injected into the tab's page when the reader asks to leave a
// part untranslated (popup, context menu), it starts the picker there and saves the part through the background.
// It shares the content script's isolated world, where the page's translation session (if any) follows the new rule.
import { send } from "../extension/send";
import { isShadowRootOf } from "../content/platform";
import { siteRuleForPart } from "../shared/add-skip-part";
import { startPicker, type Picker } from "./element-picker";
import { savePart, type ShownPage } from "./save-part";

type PickerGlobals = { __glossPicker?: Picker; __glossContentSession?: ShownPage };

/** An own global only: a page element named like it shows through `window` too, and must not pass for it. */
function own<K extends keyof PickerGlobals>(key: K): PickerGlobals[K] | undefined {
  return Object.hasOwn(globalThis, key) ? (globalThis as PickerGlobals)[key] : undefined;
}

// A second press while the picker is showing leaves that one be.
if (!own("__glossPicker")?.active) {
  const picker = startPicker(document, {
    site: siteRuleForPart(location.href),
    save: (part) => savePart(part, (request) => send("addSkipPart", request), own("__glossContentSession")),
    verify: isShadowRootOf,
  });
  if (picker) (globalThis as PickerGlobals).__glossPicker = picker;
}
