// The message handlers the popup sends for one tab: its state, the commands it gives the tab's page (translate,
// restore, toggle, a selection, writing, the part picker) and its display mode.
import { isDisplayMode, type Reply, type TabState } from "../shared/messages";
import type { PageCommand } from "./command-delivery";
import { setTabDisplayMode } from "./display-mode";
import { commandInFrame } from "./frame-command";
import { bad, isTabId, ok, type HandlerMap } from "./handler-reply";
import { forgetMenuProblem } from "./menu-problem";
import { pickPartIn, popupStart } from "./part-picker";
import { commandPage, commandTab, reportedUrl, tabState, tabUrl, whyUnreached } from "./tab-control";

/** The handler of a command the popup gives the tab's page. */
const commanding =
  (command: PageCommand) =>
  async (request: { tabId: number }): Promise<Reply<TabState>> => {
    if (!isTabId(request.tabId)) return bad("No tab given.");
    return ok(await commandTab(request.tabId, command));
  };

export const tabHandlers: Pick<
  HandlerMap,
  | "getTabState"
  | "translateTab"
  | "retryTab"
  | "restoreTab"
  | "toggleTab"
  | "translateSelection"
  | "translateWriting"
  | "pickPart"
  | "setDisplayMode"
> = {
  async getTabState(request) {
    if (!isTabId(request.tabId)) return bad("No tab given.");
    return ok(await tabState(request.tabId));
  },
  translateTab: commanding("translate"),
  retryTab: commanding("retry"),
  restoreTab: commanding("restore"),
  toggleTab: commanding("toggle"),
  async translateSelection(request) {
    if (!isTabId(request.tabId)) return bad("No tab given.");
    // The popup closes once the page has the selection, whose card shows there: one that never reached the page
    // fails, so the popup stays to say why (it closed, and the reader was left with nothing).
    const { state, unreached } = await commandPage(request.tabId, "passage");
    return unreached ? { ok: false, error: unreached } : ok(state);
  },
  async translateWriting(request) {
    if (!isTabId(request.tabId)) return bad("No tab given.");
    // The top frame, as the keyboard command. The popup closes once the page has it; one that never got there fails,
    // so the popup stays to say why (it closed, and the reader was left with nothing).
    if (!(await commandInFrame(request.tabId, "write"))) return { ok: false, error: await whyUnreached(request.tabId) };
    return ok(null);
  },
  async pickPart(request) {
    if (!isTabId(request.tabId)) return bad("No tab given.");
    // The popup says itself why the picker did not show.
    forgetMenuProblem(request.tabId);
    return pickPartIn(request.tabId, popupStart((await tabUrl(request.tabId)) ?? reportedUrl(request.tabId)));
  },
  async setDisplayMode(request) {
    if (!isTabId(request.tabId) || !isDisplayMode(request.mode)) return bad("No tab or display mode given.");
    return ok(await setTabDisplayMode(request.tabId, request.mode));
  },
};
