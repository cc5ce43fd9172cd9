// A new look for bilingual translations reaches the pages already open: every frame of every tab whose page runs
// Gloss's content script is told, and restyles the copies it shows in place (no request, no redraw). Tabs without
// Gloss get nothing. Only this cosmetic setting is pushed: a new target language or server must never retranslate
// a page behind the reader's back, so pages take those at their next translation.
import { ext } from "../extension/api";
import type { ContentCommand } from "../shared/messages";
import { contentPresence } from "./content-presence";
import type { SettingsChange } from "./settings-store";

/** The browser, as the push sees it (tests stand in for it). */
export interface LookChannel {
  /** Tabs whose current page has run Gloss's content script. */
  tabs(): Promise<number[]>;
  /** Sends to every frame of the tab; rejects when none listens. */
  send(tabId: number, command: ContentCommand): Promise<unknown>;
}

/** Tells every tab with Gloss the new look when the change is one; a tab that does not answer is left alone. */
export async function pushLook(channel: LookChannel, { before, after }: SettingsChange): Promise<void> {
  if (before.bilingualStyle === after.bilingualStyle) return;
  const command: ContentCommand = { command: "bilingual-style", style: after.bilingualStyle };
  const tabs = await channel.tabs();
  await Promise.all(tabs.map((tabId) => channel.send(tabId, command).catch(() => undefined)));
}

export const browserLookChannel: LookChannel = {
  tabs: () => contentPresence.listening(),
  // No frameId: every frame of the tab where the content script runs (the top one, and one a reply box took it to).
  send: (tabId, command) => ext.tabs.sendMessage(tabId, command),
};
