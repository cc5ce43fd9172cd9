// The picker as picker.js starts it in a tab's page: Save goes through the background, and a page that takes the
// picker out while the reader picks is told to the background, whose badge and popup say so where the page cannot
// reach (the popup is closed while the reader picks, and the picker's own panel went with the page's removal).
import type { MessageName, Reply, RequestOf, ResponseOf } from "../shared/messages";
import type { UiHostOptions } from "../session/ui-host";
import { startPicker, type Picker, type PickerOptions } from "./element-picker";
import { savePart, type ShownPage } from "./save-part";

export interface TabPickerDeps {
  send<N extends MessageName>(name: N, request: RequestOf<N>): Promise<Reply<ResponseOf<N>>>;
  /** The page's translation session, if the content script runs in it. */
  page(): ShownPage | undefined;
  verify: UiHostOptions["verify"];
  /** Tests stand in for the browser's elementsFromPoint and isTrusted. */
  options?: Partial<PickerOptions>;
}

export function startInTab(
  doc: Document,
  site: string,
  startAt: Element | undefined,
  deps: TabPickerDeps,
): Picker | undefined {
  return startPicker(doc, {
    site,
    save: (part) => savePart(part, (request) => deps.send("addSkipPart", request), deps.page()),
    // Kept out from the start is answered to the start itself ("blocked"), and said by the popup or the badge.
    onBlocked: (reason) => {
      if (reason === "removed") void deps.send("pickerTakenOut", {});
    },
    ...(deps.verify ? { verify: deps.verify } : {}),
    ...(startAt ? { startAt } : {}),
    ...deps.options,
  });
}
