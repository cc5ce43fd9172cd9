// Commands that go to the frame a menu click came from: translating what the user wrote (the keyboard command reaches
// the top frame, the menu the frame the field is in) and translating a selection made inside a frame. The content
// script goes into that frame and does the work there. A menu click's activeTab covers the page's own site only: a
// frame embedded from another site (a Disqus comment box or thread) needs that site's permission, asked for in the
// click itself. Without it, the top page says which site and how to allow it.
import { ext } from "../extension/api";
import type { ContentCommand, FrameAccess } from "../shared/messages";

export { WRITE_COMMAND } from "../extension/shortcut";

type FrameCommand = Extract<ContentCommand, { command: "write" | "choose-language" | "passage" }>["command"];

/** The browser, as a frame command sees it (tests stand in for it). */
export interface FrameChannel {
  /** Rejects when no content script listens in that frame. */
  send(tabId: number, command: ContentCommand, frameId: number): Promise<unknown>;
  /** Runs the content script in that frame; rejects when the browser does not allow it. */
  inject(tabId: number, frameId: number): Promise<unknown>;
}

const browserChannel: FrameChannel = {
  send: (tabId, command, frameId) => ext.tabs.sendMessage(tabId, command, { frameId }),
  inject: (tabId, frameId) =>
    ext.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: ["content.js"] }),
};

/** Where the user clicked: a frame, and for a frame of another site than the page, that site and its access. */
export interface FrameTarget {
  frameId: number;
  frame?: { site: string; access: Promise<FrameAccess> };
  /** The page may read the frame (its own site's, or a `srcdoc` or blank one): Translate page translates it. */
  pageReads?: true;
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
): FrameTarget {
  const frameId = info.frameId ?? 0;
  if (frameId === 0) return { frameId };
  const frame = originOf(info.frameUrl);
  if (!frame) return { frameId, pageReads: true };
  const site = frame.hostname;
  // The page's own site is the one activeTab covers.
  if (frame.origin === originOf(info.pageUrl)?.origin)
    return { frameId, frame: { site, access: unasked }, pageReads: true };
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

async function answers(channel: FrameChannel, tabId: number, frameId: number): Promise<boolean> {
  try {
    return !!(await channel.send(tabId, { command: "state" }, frameId));
  } catch {
    return false;
  }
}

/** The frame's content script, injected first when it is not running yet; false when the browser does not allow it. */
async function reach(channel: FrameChannel, tabId: number, frameId: number): Promise<boolean> {
  if (await answers(channel, tabId, frameId)) return true;
  try {
    await channel.inject(tabId, frameId);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs `command` in the frame the user asked from; where Gloss may not go, the page's top frame says why. False when
 * it reached neither that frame nor the page to say so: the caller says why (the popup stays open to).
 */
export async function commandInFrame(
  tabId: number,
  command: FrameCommand,
  target: FrameTarget = { frameId: 0 },
  channel: FrameChannel = browserChannel,
): Promise<boolean> {
  const { frameId, frame } = target;
  // The user's answer comes first: a frame of another site lets Gloss in only once it is given.
  const access = await frame?.access;
  if (!(await reach(channel, tabId, frameId))) {
    // A page extensions may not touch (browser pages, the web store, a PDF) has nothing to reach to say so.
    if (!frame || !access || !(await reach(channel, tabId, 0))) return false;
    const about = command === "passage" ? "selection" : "writing";
    const outOfReach: ContentCommand = { command: "frame-out-of-reach", site: frame.site, access, about };
    await channel.send(tabId, outOfReach, 0).catch(() => undefined);
    return true;
  }
  await channel.send(tabId, { command }, frameId).catch(() => undefined);
  return true;
}

/**
 * Translate selection from the menu in a frame. A frame the page translates with it (its own site's) has its text
 * written by the page's engine: the page's session takes the selection, so one engine writes each text and Show
 * original from the page gives it back. Any other frame (another site's, a sandboxed one) translates it itself.
 */
export async function passageInFrame(
  tabId: number,
  target: FrameTarget,
  channel: FrameChannel = browserChannel,
): Promise<void> {
  if (target.frameId !== 0 && target.pageReads && (await takenByPage(channel, tabId, { command: "frame-passage" }))) {
    return;
  }
  await commandInFrame(tabId, "passage", target, channel);
}

/** Whether the page's top frame takes `ask` (a command done there for a frame it reads) for that frame. */
async function takenByPage(channel: FrameChannel, tabId: number, ask: ContentCommand): Promise<boolean> {
  if (!(await reach(channel, tabId, 0))) return false;
  const taken = await channel.send(tabId, ask, 0).catch(() => false);
  return taken === true;
}

/**
 * Translate what I wrote (or …into) from the menu in a frame. A frame the page can read (its own site's, a blank one a
 * rich editor such as TinyMCE writes in) is the page's to answer: its writer follows the focus into the frame and puts
 * the card beside the frame on the page, where a writer in the frame would show it inside the editor's small window.
 * Where the page does not take it (the box is not in a frame it can read), the frame's own writer does. False as
 * commandInFrame's.
 */
export async function writeInFrame(
  tabId: number,
  command: "write" | "choose-language",
  target: FrameTarget,
  channel: FrameChannel = browserChannel,
): Promise<boolean> {
  if (target.frameId !== 0 && target.pageReads && (await takenByPage(channel, tabId, writeByPage(command))))
    return true;
  return commandInFrame(tabId, command, target, channel);
}

const writeByPage = (command: "write" | "choose-language"): ContentCommand => ({
  command: "frame-write",
  choose: command === "choose-language",
});

/**
 * "Show original" from the menu in a frame: the frame's own session (a selection translated there) shows its
 * original. A frame where Gloss never ran has nothing to put back, so nothing is injected or asked for.
 */
export async function restoreFrame(
  tabId: number,
  frameId: number,
  channel: FrameChannel = browserChannel,
): Promise<void> {
  if (frameId === 0 || !(await answers(channel, tabId, frameId))) return;
  await channel.send(tabId, { command: "restore" }, frameId).catch(() => undefined);
}
