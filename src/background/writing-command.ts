// The keyboard command and context-menu items that translate what the user wrote: the content script goes into the
// frame the field is in (the menu knows it; the keyboard command reaches the top frame) and does the work there.
// A menu click's activeTab covers the page's own site only: a box embedded from another site (a Disqus comment box)
// needs that site's permission, asked for in the click itself. Without it, the page's writing card says why.
import { ext } from "../extension/api";
import type { ContentCommand, FrameAccess } from "../shared/messages";

export { WRITE_COMMAND } from "../extension/shortcut";

type WritingCommand = Extract<ContentCommand, { command: "write" | "choose-language" }>["command"];

/** The browser, as the writing command sees it (tests stand in for it). */
export interface WritingChannel {
  /** Rejects when no content script listens in that frame. */
  send(tabId: number, command: ContentCommand, frameId: number): Promise<unknown>;
  /** Runs the content script in that frame; rejects when the browser does not allow it. */
  inject(tabId: number, frameId: number): Promise<unknown>;
}

const browserChannel: WritingChannel = {
  send: (tabId, command, frameId) => ext.tabs.sendMessage(tabId, command, { frameId }),
  inject: (tabId, frameId) =>
    ext.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: ["content.js"] }),
};

/** Where the user clicked: a frame, and for a frame of another site than the page, that site and its access. */
export interface WritingTarget {
  frameId: number;
  frame?: { site: string; access: Promise<FrameAccess> };
}

const unasked = Promise.resolve<FrameAccess>("unasked");

const originOf = (url: string | undefined): URL | undefined => {
  try {
    const parsed = new URL(url ?? "");
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed : undefined;
  } catch {
    return undefined;
  }
};

/**
 * The frame a menu click came from. A frame of another site than the page's gets its site asked for, here and
 * synchronously: only while the click still counts as a user gesture may the browser prompt (and it does not prompt
 * for a site already granted).
 */
export function clickedFrame(
  info: { frameId?: number; frameUrl?: string; pageUrl?: string },
  request: (origins: string[]) => Promise<boolean>,
): WritingTarget {
  const frameId = info.frameId ?? 0;
  const frame = originOf(info.frameUrl);
  if (frameId === 0 || !frame) return { frameId };
  const site = frame.hostname;
  // The page's own site is the one activeTab covers.
  if (frame.origin === originOf(info.pageUrl)?.origin) return { frameId, frame: { site, access: unasked } };
  let answer: Promise<boolean>;
  try {
    answer = request([`${frame.protocol}//${frame.hostname}/*`]);
  } catch (error) {
    answer = Promise.reject(error);
  }
  // A browser that cannot prompt from here (no gesture, no prompt in this context) rejects: nobody was asked.
  const access = answer.then<FrameAccess, FrameAccess>(
    (granted) => (granted ? "granted" : "refused"),
    () => "unasked",
  );
  return { frameId, frame: { site, access } };
}

async function answers(channel: WritingChannel, tabId: number, frameId: number): Promise<boolean> {
  try {
    return !!(await channel.send(tabId, { command: "state" }, frameId));
  } catch {
    return false;
  }
}

/** The frame's content script, injected first when it is not running yet; false when the browser does not allow it. */
async function reach(channel: WritingChannel, tabId: number, frameId: number): Promise<boolean> {
  if (await answers(channel, tabId, frameId)) return true;
  try {
    await channel.inject(tabId, frameId);
    return true;
  } catch {
    return false;
  }
}

/** Runs `command` in the frame the user asked from; where Gloss may not go, the page's top frame says why. */
export async function commandWriting(
  tabId: number,
  command: WritingCommand,
  target: WritingTarget = { frameId: 0 },
  channel: WritingChannel = browserChannel,
): Promise<void> {
  const { frameId, frame } = target;
  // The user's answer comes first: a frame of another site lets Gloss in only once it is given.
  const access = await frame?.access;
  if (!(await reach(channel, tabId, frameId))) {
    // A page extensions may not touch (browser pages, the web store) has no field to reach and nowhere to say so.
    if (!frame || !access || !(await reach(channel, tabId, 0))) return;
    const outOfReach: ContentCommand = { command: "frame-out-of-reach", site: frame.site, access };
    await channel.send(tabId, outOfReach, 0).catch(() => undefined);
    return;
  }
  await channel.send(tabId, { command }, frameId).catch(() => undefined);
}
