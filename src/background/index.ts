// Background entry (Chrome service worker / Firefox event page). Every listener is registered synchronously at the
// top level, so events that wake the worker find their handler.
import { ext } from "../extension/api";
import { isEnvelope, type Envelope, type MessageName, type Reply, type RequestOf } from "../shared/messages";
import { matchingSiteRule, originsToRequest, suggestSiteRule } from "../shared/site-rules";
import { syncAutoTranslateScripts } from "./auto-translate-scripts";
import { allowed, createHandlers, type HandlerMap } from "./handlers";
import { createMenus, MENU, updateAlwaysMenu } from "./menus";
import { classifySender } from "./sender";
import { loadSettings, watchSettings } from "./settings-store";
import { commandTab, forgetTab } from "./tab-control";
import { createTranslationService } from "./translation-service";
import { handleTranslationPort } from "./translation-ports";
import { unexpected } from "./user-error";

const service = createTranslationService();
const handlers: HandlerMap = createHandlers(service);

async function dispatch<N extends MessageName>(
  envelope: Envelope<N>,
  sender: chrome.runtime.MessageSender,
): Promise<Reply<unknown>> {
  const handler = handlers[envelope.name] as (
    request: RequestOf<N>,
    sender: chrome.runtime.MessageSender,
  ) => Promise<Reply<unknown>>;
  try {
    return await handler(envelope.request, sender);
  } catch (error) {
    console.error("Gloss: handler failed", envelope.name, error);
    return { ok: false, error: unexpected(error) };
  }
}

ext.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
  const kind = classifySender(sender);
  if (!kind || !isEnvelope(message) || !allowed(message.name, kind)) return false;
  void dispatch(message, sender).then(sendResponse);
  return true; // answer asynchronously
});

ext.runtime.onConnect.addListener((port) => handleTranslationPort(port, service));

function onCommand(command: string, tab?: chrome.tabs.Tab): Promise<unknown> {
  if (command === "toggle-translation" && tab?.id !== undefined) return commandTab(tab.id, "toggle");
  return Promise.resolve(undefined);
}

ext.commands.onCommand.addListener((command, tab) => void onCommand(command, tab));

function onMenuClick(info: chrome.contextMenus.OnClickData, tab?: chrome.tabs.Tab): Promise<unknown> {
  if (tab?.id === undefined) return Promise.resolve(undefined);
  const tabId = tab.id;
  switch (info.menuItemId) {
    case MENU.translate:
      return commandTab(tabId, "translate");
    case MENU.restore:
      return commandTab(tabId, "restore");
    case MENU.always: {
      const rule = suggestSiteRule(info.pageUrl ?? tab.url ?? "");
      if (!rule) return Promise.resolve(undefined);
      const enabled = info.checked === true;
      // Ask for the host first, while the click still counts as a user gesture.
      const origins = enabled ? originsToRequest([rule]) : [];
      const granted = origins.length ? ext.permissions.request({ origins }) : Promise.resolve(true);
      return granted
        .catch(() => false)
        .then(async (ok) => {
          if (!ok) return updateAlwaysMenu(tab.url, false);
          await handlers.setAutoTranslate({ rule, enabled }, { id: ext.runtime.id });
          if (enabled) await commandTab(tabId, "translate");
        });
    }
  }
  return Promise.resolve(undefined);
}

ext.contextMenus.onClicked.addListener((info, tab) => void onMenuClick(info, tab));

async function refreshMenuFor(url: string | undefined): Promise<void> {
  const settings = await loadSettings();
  await updateAlwaysMenu(url, !!url && !!matchingSiteRule(settings.autoTranslate, url));
}

ext.tabs.onActivated.addListener(({ tabId }) => {
  void ext.tabs
    .get(tabId)
    .then((tab) => refreshMenuFor(tab.url))
    .catch(() => undefined);
});

ext.tabs.onUpdated.addListener((tabId, change, tab) => {
  if (change.status === "loading") forgetTab(tabId);
  if (change.url && tab.active) void refreshMenuFor(change.url);
});

ext.tabs.onRemoved.addListener((tabId) => forgetTab(tabId));

ext.runtime.onInstalled.addListener(() => {
  void createMenus();
  void loadSettings().then(syncAutoTranslateScripts);
});

ext.runtime.onStartup.addListener(() => {
  void createMenus();
  void loadSettings().then(syncAutoTranslateScripts);
});

ext.permissions.onAdded.addListener(() => void loadSettings().then(syncAutoTranslateScripts));
ext.permissions.onRemoved.addListener(() => void loadSettings().then(syncAutoTranslateScripts));

watchSettings();

// The same entry points the browser's events use, reachable from the service worker's console (and e2e tests).
Object.assign(globalThis, { gloss: { onCommand, onMenuClick, handlers } });
