// Starts the element picker (picker.js, src/picker) in a tab's page, from the popup or the context menu: injected on
// demand into the top frame, so pages never carry it until the reader asks. The click's activeTab grant covers it.
import { ext } from "../extension/api";
import type { Reply } from "../shared/messages";

/** Runs picker.js in the tab's top frame (tests stand in for the browser). */
export type PickerInjector = (tabId: number) => Promise<unknown>;

const browserInjector: PickerInjector = (tabId) =>
  ext.scripting.executeScript({ target: { tabId, frameIds: [0] }, files: ["picker.js"] });

export async function pickPartIn(tabId: number, inject: PickerInjector = browserInjector): Promise<Reply<null>> {
  try {
    await inject(tabId);
    return { ok: true, value: null };
  } catch {
    return {
      ok: false,
      error: {
        message: "Gloss cannot pick a part of this page.",
        fix: "Browser pages and extension galleries are off limits to extensions; on a web page, reload it and try again.",
        kind: "forbidden-page",
      },
    };
  }
}
