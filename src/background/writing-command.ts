// The keyboard command and context-menu items that translate what the user wrote: the content script goes into the
// frame the field is in (the menu knows it; the keyboard command reaches the top frame) and does the work there.
import { ext } from "../extension/api";
import type { ContentCommand } from "../shared/messages";

export { WRITE_COMMAND } from "../extension/shortcut";

type WritingCommand = Extract<ContentCommand, { command: "write" | "choose-language" }>["command"];

async function answers(tabId: number, frameId: number): Promise<boolean> {
  try {
    return !!(await ext.tabs.sendMessage(tabId, { command: "state" } satisfies ContentCommand, { frameId }));
  } catch {
    return false;
  }
}

/** Runs `command` in the tab's frame, injecting the content script there first when it is not running yet. */
export async function commandWriting(tabId: number, command: WritingCommand, frameId = 0): Promise<void> {
  if (!(await answers(tabId, frameId))) {
    try {
      await ext.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: ["content.js"] });
    } catch {
      return; // a page extensions may not touch (browser pages, the web store): there is no field to reach
    }
  }
  await ext.tabs.sendMessage(tabId, { command } satisfies ContentCommand, { frameId }).catch(() => undefined);
}
