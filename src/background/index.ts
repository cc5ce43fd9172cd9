// Background entry (Chrome service worker / Firefox event page). Every listener is registered synchronously at the
// top level, so events that wake the worker find their handler.
import { ext, firefoxMenus, onRuntimeMessage, type Menus, type Runtime, type Tabs } from "../extension/api";
import {
  isEnvelope,
  WATCH_TAB_PORT,
  type Envelope,
  type MessageName,
  type Reply,
  type RequestOf,
} from "../shared/messages";
import { displayModeFor, type Settings } from "../shared/settings";
import { originsToRequest, siteOf } from "../shared/site-rules";
import { setTabDisplayMode, switchTabDisplayMode } from "./display-mode";
import { syncAutoTranslateScripts } from "./auto-translate-scripts";
import { handoverKey } from "./handover-key";
import { allowed, createHandlers, type HandlerMap } from "./handlers";
import { alwaysRuleFor, createMenus, MENU, updateAlwaysMenu } from "./menus";
import { browserLookChannel, pushLook } from "./look-push";
import { menuSetFor, menuShows, menuUnknown } from "./menu-shown";
import { settleChoice } from "./menu-choice-failure";
import { forgetMenuProblem, noteMenuProblem } from "./menu-problem";
import { inView, onWindowTurnedTo } from "./menu-window";
import { classifySender } from "./sender";
import { contentPresence } from "./content-presence";
import { loadSettings, watchSettings } from "./settings-store";
import { settingsSync } from "./settings-sync";
import { commandTab, forgetTab, onReport, reportedUrl, tabUpdated, whyUnreached } from "./tab-control";
import { unsavedModeOf } from "./unsaved-mode";
import { translatedTabs } from "./translated-tabs";
import { service } from "./service";
import { handleTranslationPort } from "./translation-ports";
import { handleWatchPort, tabChanged } from "./tab-watch";
import { pickPartFromMenu } from "./part-picker";
import { unexpected } from "./user-error";
import {
  clickedFrame,
  commandInFrame,
  passageInFrame,
  restoreFrame,
  writeInFrame,
  WRITE_COMMAND,
} from "./frame-command";

const handlers: HandlerMap = createHandlers(service);

async function dispatch<N extends MessageName>(
  envelope: Envelope<N>,
  sender: Runtime.MessageSender,
): Promise<Reply<unknown>> {
  const handler = handlers[envelope.name] as (
    request: RequestOf<N>,
    sender: Runtime.MessageSender,
  ) => Promise<Reply<unknown>>;
  try {
    return await handler(envelope.request, sender);
  } catch (error) {
    console.error("Gloss: handler failed", envelope.name, error);
    return { ok: false, error: unexpected(error) };
  }
}

onRuntimeMessage((message, sender) => {
  const kind = classifySender(sender);
  if (!kind || !isEnvelope(message) || !allowed(message.name, kind)) return undefined;
  if (kind === "content-script" && sender.frameId === 0 && sender.tab?.id !== undefined) {
    contentPresence.heard(sender.tab.id);
  }
  return dispatch(message, sender);
});

ext.runtime.onConnect.addListener((port) =>
  port.name === WATCH_TAB_PORT ? handleWatchPort(port) : handleTranslationPort(port, service),
);

function onCommand(command: string, tab?: Tabs.Tab): Promise<unknown> {
  if (tab?.id === undefined) return Promise.resolve(undefined);
  const tabId = tab.id;
  return settleChoice(
    tabId,
    () => runCommand(command, tabId, tab.url),
    () => refreshMenuFor(tabId, tab.url),
  );
}

function runCommand(command: string, tabId: number, url?: string): Promise<unknown> {
  if (command === "toggle-translation") return commandTab(tabId, "toggle");
  if (command === WRITE_COMMAND) return sayIfUnreached(tabId, commandInFrame(tabId, "write"));
  if (command === "toggle-display-mode") return switchDisplayMode(tabId, url);
  if (command === "translate-selection") return commandTab(tabId, "passage");
  return Promise.resolve(undefined);
}

/** Translate what I wrote where Gloss got into no frame of the page, nor the page to say so there: the badge shows "!"
 * and the popup says why, as for a selection. It did nothing, and nothing said so. */
async function sayIfUnreached(tabId: number, reached: Promise<boolean>): Promise<void> {
  forgetMenuProblem(tabId); // asked something new, as a press does (tab-control.ts)
  if (!(await reached)) await noteMenuProblem(tabId, await whyUnreached(tabId));
}

/** The shortcut for display modes: bilingual ⇄ replace on the tab's site, translating the page if it is original. */
async function switchDisplayMode(tabId: number, url?: string): Promise<unknown> {
  await switchTabDisplayMode(tabId, url);
  return refreshMenuFor(tabId, url);
}

// Firefox for Android has neither keyboard commands nor context menus: guard them so the rest still registers.
ext.commands?.onCommand.addListener((command, tab) => void onCommand(command, tab));

/** The frame a menu click came from; its site is asked for now, while the click is a user gesture (see clickedFrame). */
const frameOf = (info: Menus.OnClickData) => clickedFrame(info, (origins) => ext.permissions.request({ origins }));

function onMenuClick(info: Menus.OnClickData, tab?: Tabs.Tab): Promise<unknown> {
  menuUnknown(); // a checkbox clicked shows its new state, whatever Gloss then does
  if (tab?.id === undefined) return Promise.resolve(undefined);
  const tabId = tab.id;
  const url = info.pageUrl ?? tab.url;
  return settleChoice(
    tabId,
    () => runMenuChoice(info, tabId, url),
    () => refreshMenuFor(tabId, url),
  );
}

function runMenuChoice(info: Menus.OnClickData, tabId: number, url: string | undefined): Promise<unknown> {
  switch (info.menuItemId) {
    case MENU.translate:
      return commandTab(tabId, "translate");
    case MENU.selection: {
      // A selection in a frame: the page's session takes it where the page translates that frame, else the frame's.
      const target = frameOf(info);
      return target.frameId === 0 ? commandTab(tabId, "passage") : passageInFrame(tabId, target);
    }
    case MENU.restore:
      // A selection translated in the frame the menu was opened in goes back too, with the page around it.
      return Promise.all([restoreFrame(tabId, info.frameId ?? 0), commandTab(tabId, "restore")]);
    case MENU.pick:
      return pickPartFromMenu(tabId, info, url);
    case MENU.write:
    case MENU.writeInto:
      return sayIfUnreached(
        tabId,
        writeInFrame(tabId, info.menuItemId === MENU.write ? "write" : "choose-language", frameOf(info)),
      );
    case MENU.bilingual:
      return setTabDisplayMode(tabId, info.checked === true ? "bilingual" : "replace", { translate: true }).then(() =>
        refreshMenuFor(tabId, url),
      );
    case MENU.always: {
      const enabled = info.checked === true;
      // Turning off asks for nothing, so it can wait for the saved rules: the ones kept at hand are still being read
      // when this click woke the worker, and the rule it then offered (not the one covering the page) stayed on.
      if (!enabled) {
        return readRules().then(async (rules) => {
          const covering = alwaysRuleFor(url, rules);
          if (covering?.on)
            await handlers.setAutoTranslate({ rule: covering.rule, enabled, tabId }, { id: ext.runtime.id });
          await refreshMenuFor(tabId, url);
        });
      }
      const always = alwaysRuleFor(url, knownRules);
      if (!always) return Promise.resolve(undefined);
      const origins = originsToRequest([always.rule], url);
      // Ask for the host while the click still counts as a user gesture: synchronously, before anything else. Where
      // the browser cannot show the prompt from here, the options page asks instead.
      let granted: Promise<boolean>;
      try {
        granted = origins.length ? ext.permissions.request({ origins }) : Promise.resolve(true);
      } catch (error) {
        granted = Promise.reject(error);
      }
      return granted.then(
        async (ok) => {
          if (ok) await handlers.setAutoTranslate({ rule: always.rule, enabled, tabId }, { id: ext.runtime.id });
          await refreshMenuFor(tabId, url);
        },
        () => ext.tabs.create({ url: ext.runtime.getURL(`options.html#auto=${encodeURIComponent(always.rule)}`) }),
      );
    }
  }
  return Promise.resolve(undefined);
}

ext.contextMenus?.onClicked.addListener((info, tab) => void onMenuClick(info, tab));

/**
 * The saved rules, kept at hand: a menu click must ask for permissions synchronously, before it could read them.
 * Read again whenever the settings change.
 */
let knownRules: readonly string[] = [];
let knownSettings: Settings | undefined;
const readSettings = () =>
  loadSettings().then((settings) => {
    knownRules = settings.autoTranslate;
    knownSettings = settings;
    return settings;
  });
const readRules = () => readSettings().then(() => knownRules);
/** A read that fails (storage damaged or locked) keeps the rules known before; the next change reads again. */
const keepRulesAtHand = () => void readRules().catch(() => undefined);
keepRulesAtHand();

const bilingualOn = (url: string | undefined, settings = knownSettings): boolean =>
  !!settings && displayModeFor(settings, siteOf(url)) === "bilingual";

/** Without the "tabs" permission the address is often unknown; the content script reports it where it runs. */
async function refreshMenuFor(tabId: number, url?: string): Promise<void> {
  const settings = await readSettings();
  const where = url ?? reportedUrl(tabId);
  const failed = menuSetFor(tabId, where, settings);
  // The menu's Bilingual view box shows the page's view, also one that could not be saved (unsaved-mode.ts).
  const unsaved = await unsavedModeOf(tabId);
  const bilingual = unsaved ? unsaved === "bilingual" : bilingualOn(where, settings);
  if (!(await updateAlwaysMenu(where, settings.autoTranslate, bilingual))) failed();
}

ext.tabs.onActivated.addListener(({ tabId }) => {
  void ext.tabs
    .get(tabId)
    .then(async (tab) => ((await inView(tab)) ? refreshMenuFor(tabId, tab.url) : undefined))
    .catch(() => undefined);
});

onWindowTurnedTo((tab) => void refreshMenuFor(tab.id, tab.url).catch(() => undefined));

ext.tabs.onUpdated.addListener((tabId, change, tab) => {
  tabUpdated(tabId, change);
  if (!change.url) return;
  const url = change.url;
  void inView(tab)
    .then((shown) => (shown ? refreshMenuFor(tabId, url) : undefined))
    .catch(() => undefined);
});

ext.tabs.onRemoved.addListener((tabId) => forgetTab(tabId));

onReport((tabId) => tabChanged(tabId));

// A report sets the menu for its tab's page, unless it was last set for that very page under the same settings.
onReport((tabId, report) => {
  const url = report.url;
  if (!url) return;
  void loadSettings()
    .then((settings) => (menuShows(tabId, url, settings) ? undefined : ext.tabs.get(tabId)))
    .then(async (tab) => (tab && (await inView(tab)) ? refreshMenuFor(tabId, tab.url ?? url) : undefined))
    .catch(() => undefined);
});

// Firefox tells the page's address as the menu opens: the title can name the site even without any grant. Set as
// any refresh is, from the settings read now: a menu opened on a suspended event page wakes it before its first read,
// and the rules at hand were none (the boxes showed off, offering a narrower rule than the one saved for the site).
firefoxMenus?.onShown.addListener((info, tab) => {
  menuUnknown();
  const set =
    tab?.id !== undefined
      ? refreshMenuFor(tab.id, info.pageUrl)
      : readSettings().then((settings) =>
          updateAlwaysMenu(info.pageUrl, settings.autoTranslate, bilingualOn(info.pageUrl, settings)),
        );
  void set.then(() => firefoxMenus?.refresh()).catch(() => undefined);
});

/**
 * The menus made anew (Gloss installed, updated or reloaded, the browser started) show their defaults, unchecked and
 * naming no site: set them at once for the page the reader sees, not at their next tab switch or the page's report.
 */
function makeMenus(): void {
  void createMenus()
    .then(() => ext.tabs.query({ active: true, lastFocusedWindow: true }))
    .then(([tab]) => (tab?.id !== undefined ? refreshMenuFor(tab.id, tab.url) : undefined))
    .catch(() => undefined);
}

ext.runtime.onInstalled.addListener(({ reason }) => {
  makeMenus();
  // Before the scripts it registers start: each reads the key it will be handed the page back by (handover-key.ts).
  void handoverKey().catch(() => undefined);
  void syncAutoTranslateScripts();
  // First run: where the button is (Chromium hides it until pinned), the shortcut, and the server to set up.
  if (reason === "install") void ext.tabs.create({ url: ext.runtime.getURL("options.html#welcome") });
});

ext.runtime.onStartup.addListener(() => {
  makeMenus();
  void syncAutoTranslateScripts();
  // Tab ids begin again with the browser: a tab translated in its last run is not one of this run's.
  void translatedTabs.clear();
});

ext.permissions.onAdded.addListener(() => void syncAutoTranslateScripts());
ext.permissions.onRemoved.addListener(() => void syncAutoTranslateScripts());

watchSettings((change) => {
  keepRulesAtHand();
  void pushLook(browserLookChannel, change);
  settingsSync.localChange(change.before, change.after);
});

// Settings from the reader's other browsers (and this one's own writes, which the sync module recognises).
ext.storage.onChanged.addListener((changes, area) => {
  if (area === "sync") settingsSync.remoteChange(Object.keys(changes));
});

// What did not go out before the worker last stopped goes now (a refused write, a change that had not settled).
settingsSync.resume();

// The same entry points the browser's events use, reachable from the service worker's console (and e2e tests).
Object.assign(globalThis, { gloss: { onCommand, onMenuClick, handlers } });
