// Starts the element picker (picker.js, src/picker) in a tab's page, from the popup or the context menu: injected on
// demand into the top frame, so pages never carry it until the reader asks. The click's activeTab grant covers it.
// A page that keeps Gloss's overlay out gets a reason the reader sees: in the popup, or (from the menu) the badge; so
// does one that takes the picker out while the reader picks (the badge, as the popup is closed by then).
import { ext } from "../extension/api";
import { siteRuleForPart } from "../shared/add-skip-part";
import { PICKER_PROBLEMS, writeThePart } from "../shared/picker-problems";
import type { PickOutcome, PickStart, Reply } from "../shared/messages";
import { forgetMenuProblem, noteMenuProblem } from "./menu-problem";

/** Runs picker.js in the tab's top frame and starts it there (tests stand in for the browser). */
export type PickerInjector = (tabId: number, start: PickStart) => Promise<PickOutcome | undefined>;

/** Runs in the page's isolated world, serialised: it may use nothing from around it. */
function openInPage(start: PickStart): unknown {
  const own = globalThis as { __glossOpenPicker?: (start: PickStart) => unknown };
  return Object.hasOwn(own, "__glossOpenPicker") ? own.__glossOpenPicker?.(start) : undefined;
}

const browserInjector: PickerInjector = async (tabId, start) => {
  const target = { tabId, frameIds: [0] };
  await ext.scripting.executeScript({ target, files: ["picker.js"] });
  const [run] = await ext.scripting.executeScript({
    target,
    func: openInPage as (...args: unknown[]) => unknown,
    args: [start],
  });
  return run?.result as PickOutcome | undefined;
};

export const PICKER_BLOCKED = {
  message: PICKER_PROBLEMS.unverified,
  fix: writeThePart("on Gloss's options page"),
  kind: "ui-blocked",
};

/** The page took the picker out while the reader picked (it removes what it did not make). */
export const PICKER_TAKEN_OUT = { ...PICKER_BLOCKED, message: PICKER_PROBLEMS.removed };

/** The start from the popup on the page at `url` (the tab's address as the background knows it). */
export const popupStart = (url: string | undefined): PickStart => ({
  fromMenu: false,
  site: siteRuleForPart(url ?? ""),
});

export async function pickPartIn(
  tabId: number,
  start: PickStart,
  inject: PickerInjector = browserInjector,
): Promise<Reply<null>> {
  let outcome: PickOutcome | undefined;
  try {
    outcome = await inject(tabId, start);
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
  return outcome === "blocked" ? { ok: false, error: PICKER_BLOCKED } : { ok: true, value: null };
}

/**
 * "Leave a part untranslated…" from the right-click menu: the picker starts on the element right-clicked in the top
 * frame (in a frame it starts as from the popup: it picks in the top frame only). What keeps it from the page is said
 * by the badge and the popup, the only places the page cannot reach.
 */
export async function pickPartFromMenu(
  tabId: number,
  info: { frameId?: number; targetElementId?: number },
  url: string | undefined,
  inject?: PickerInjector,
): Promise<void> {
  forgetMenuProblem(tabId);
  const inTop = (info.frameId ?? 0) === 0;
  const id = inTop ? info.targetElementId : undefined;
  const start = { ...popupStart(url), fromMenu: inTop, ...(id !== undefined ? { targetElementId: id } : {}) };
  const reply = await pickPartIn(tabId, start, inject);
  if (!reply.ok) await noteMenuProblem(tabId, reply.error);
}
