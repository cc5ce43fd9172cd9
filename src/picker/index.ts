// Extension entry of the element picker (picker.js): injected into the tab's page when the reader asks to leave a
// part untranslated (popup, context menu), it offers the background a way to start the picker there (openPicker),
// saving the part through the background. It shares the content script's isolated world, where the page's
// translation session (if any) follows the new rule and the last right-click is remembered.
import { firefoxMenus } from "../extension/api";
import { send } from "../extension/send";
import type { ContextTarget } from "../content/context-target";
import { isShadowRootOf } from "../content/platform";
import type { PickOutcome, PickStart } from "../shared/messages";
import type { Picker } from "./element-picker";
import { openPicker } from "./open-picker";
import type { ShownPage } from "./save-part";
import { startInTab } from "./start-in-tab";

type PickerGlobals = {
  __glossPicker?: Picker;
  __glossContentSession?: ShownPage;
  __glossContextTarget?: ContextTarget;
  __glossOpenPicker?: (start: PickStart) => PickOutcome;
};

/** An own global only: a page element named like it shows through `window` too, and must not pass for it. */
function own<K extends keyof PickerGlobals>(key: K): PickerGlobals[K] | undefined {
  return Object.hasOwn(globalThis, key) ? (globalThis as PickerGlobals)[key] : undefined;
}

(globalThis as PickerGlobals).__glossOpenPicker = (start) => {
  const contextTarget = own("__glossContextTarget");
  const { outcome, picker } = openPicker(
    start,
    own("__glossPicker"),
    {
      ...(firefoxMenus?.getTargetElement ? { byId: (id: number) => firefoxMenus!.getTargetElement(id) } : {}),
      ...(contextTarget ? { take: () => contextTarget.take() } : {}),
    },
    (startAt) =>
      startInTab(document, start.site, startAt, {
        send,
        page: () => own("__glossContentSession"),
        verify: isShadowRootOf,
      }),
  );
  if (picker) (globalThis as PickerGlobals).__glossPicker = picker;
  return outcome;
};
