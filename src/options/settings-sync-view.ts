// The options page's "Keep in step": the checkbox that turns settings sync on or off in this browser, the question
// asked when the account already holds other Gloss settings, why the settings are not in step (too large, a newer
// Gloss elsewhere), what a merge of two browsers' changes could not keep (a full glossary), and the access this
// browser still has to give for settings that came from another one.
import { ext } from "../extension/api";
import { call } from "../extension/send";
import type { SyncKeep, SyncStatus } from "../shared/messages";
import { readSettings, type Settings } from "../shared/settings";
import { messageOf } from "../shared/settings-backup";
import { newestOnly } from "../shared/newest-only";
import { SYNC_STATE_KEY } from "../shared/settings-sync";
import { leftOutMessages } from "../shared/sync-left-out";
import { ALL_SITES, originsToRequest, serverOriginPattern } from "../shared/site-rules";
import { accessRequest } from "./access-request";
import { setUpSyncName } from "./sync-name-view";

const ON = "On: a change saved here reaches your other browsers, and theirs come here. Your API key stays here.";
const OFF = "Off: these settings are kept in this browser only.";
// storage.sync exists there but never leaves the phone (MDN; Mozilla bug 1625257): "On" would promise what cannot happen.
const ON_ANDROID =
  "Firefox for Android does not sync add-on settings with your account: these settings are kept in this browser only. To bring settings here from a computer, save a backup file there and restore it here.";

/** The access settings need that this browser has not given, each with what it is for, in the reader's words. */
async function missingAccess(settings: Settings): Promise<{ origins: string[]; uses: string[] }> {
  const server = serverOriginPattern(settings.baseUrl);
  const needs: Array<[string[], string]> = [
    [originsToRequest(settings.autoTranslate), `translating ${settings.autoTranslate.join(", ")} automatically`],
    [server ? [server] : [], `sending pages to ${settings.baseUrl}`],
    [
      settings.hoverTranslate || settings.readyOnEverySite ? [ALL_SITES] : [],
      settings.hoverTranslate ? "translating by pointing, on every site" : "being ready on every site",
    ],
  ];
  const origins: string[] = [];
  const uses: string[] = [];
  for (const [wanted, use] of needs) {
    if (!wanted.length || (await ext.permissions.contains({ origins: wanted }).catch(() => false))) continue;
    origins.push(...wanted);
    uses.push(use);
  }
  return { origins, uses };
}

export function setUpSettingsSync(): void {
  const view = syncView();
  const { box, confirmBox, keepAccount, keepBrowser, cancelButton } = view;
  const answer = (keep: SyncKeep) => () => {
    void turn(view, { on: true, keep });
    box.focus();
  };
  box.addEventListener("change", () => void turn(view, { on: box.checked }));
  keepAccount.addEventListener("click", answer("account"));
  keepBrowser.addEventListener("click", answer("browser"));
  cancelButton.addEventListener("click", () => cancelSync(view));
  confirmBox.addEventListener("keydown", (event) => {
    if (event.key === "Escape") cancelSync(view);
  });
  ext.storage.onChanged.addListener((changes, area) => {
    if (area !== "local") return;
    const state = changes[SYNC_STATE_KEY]?.newValue as SyncStatus | undefined;
    if (state) showSync(view, state);
    else if (changes.settings) void showAccess(view, readSettings(changes.settings.newValue).settings);
  });
  showFirstStatus(view);
}

const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** What the section's steps share: its elements, and what it last showed. */
interface SyncView {
  box: HTMLInputElement;
  confirmBox: HTMLDivElement;
  confirmText: HTMLParagraphElement;
  cancelButton: HTMLButtonElement;
  keepAccount: HTMLButtonElement;
  keepBrowser: HTMLButtonElement;
  status: HTMLDivElement;
  access: HTMLDivElement;
  on: boolean;
  /** Firefox for Android, where add-on settings do not sync. */
  android: boolean;
  shown: SyncStatus;
  /** The access checks begun: one that ends after a newer one began (older settings) shows nothing. */
  accessChecks: () => () => boolean;
}

function syncView(): SyncView {
  return {
    box: element("sync-on"),
    confirmBox: element("sync-confirm"),
    confirmText: element("sync-confirm-text"),
    cancelButton: element("sync-cancel"),
    keepAccount: element("sync-keep-account"),
    keepBrowser: element("sync-keep-browser"),
    status: element("sync-status"),
    access: element("sync-access"),
    on: false,
    android: false,
    shown: { on: false },
    accessChecks: newestOnly(),
  };
}

/** On Android, no sync and no name; elsewhere the name, then whether sync is on and how it is going. */
function showFirstStatus(view: SyncView): void {
  const onAndroid = ext.runtime.getPlatformInfo().then(
    (info) => info.os === "android",
    () => false,
  );
  void onAndroid
    .then((isAndroid) => {
      view.android = isAndroid;
      // No sync there: no other browser ever names this one.
      if (isAndroid) element("sync-name-row").hidden = true;
      else setUpSyncName();
      return call("settingsSync", {});
    })
    .then((state) => showSync(view, state))
    .catch((error: unknown) =>
      showSync(view, { on: false, problem: `Gloss could not tell whether sync is on: ${messageOf(error)}` }),
    );
}

/**
 * `failed`: what a request from this page could not do, said after the status the background last gave: said in its
 * place (as its `problem`), it took away why the settings are not in step, which the reader had yet to act on.
 */
function showSync(view: SyncView, state: SyncStatus, failed?: string): void {
  const { box, status, android, confirmBox } = view;
  // Turned on meanwhile (another options tab answered the same question): this one's question has no more to decide,
  // and the keyboard on its buttons goes to the checkbox.
  if (state.on && !confirmBox.hidden) {
    const answering = confirmBox.contains(document.activeElement);
    confirmBox.hidden = true;
    if (answering) box.focus();
  }
  view.shown = state;
  view.on = state.on;
  box.checked = state.on;
  // Turning it off stays possible, should it ever have been turned on here.
  box.disabled = android && !state.on;
  const line = Object.assign(document.createElement("p"), {
    textContent: android ? ON_ANDROID : state.on ? ON : OFF,
  });
  const notes = [failed, state.problem, state.othersBehind, state.keyRemoved, ...leftOutMessages(state.leftOut)].filter(
    (text): text is string => !!text,
  );
  const problems = notes.map((text) => Object.assign(document.createElement("p"), { textContent: text }));
  const dismiss = state.leftOut && leftOutMessages(state.leftOut).length ? [dismissButton(view)] : [];
  status.replaceChildren(...problems, ...dismiss, line);
  status.className = `backup-status ${problems.length ? "fail" : state.on ? "ok" : ""}`;
  void showAccess(view);
}

/** Stops naming, in this browser, the entries a merge could not keep; the rest of the status stays. */
function dismissButton(view: SyncView): HTMLButtonElement {
  const button = Object.assign(document.createElement("button"), { type: "button", textContent: "Dismiss" });
  button.setAttribute("aria-label", "Dismiss the list of entries not kept, in this browser");
  button.addEventListener("click", () => {
    void call("settingsSync", { dismissLeftOut: true }).then(
      (state) => showSync(view, state),
      (error: unknown) => showSync(view, view.shown, `The list was not dismissed: ${messageOf(error)}`),
    );
    // The button goes with the list: the keyboard stays in this section.
    view.box.focus();
  });
  return button;
}

/** While on, the access the synced settings need here and do not have, with the button that asks for it. */
async function showAccess(view: SyncView, stored?: Settings): Promise<void> {
  const newest = view.accessChecks();
  if (!view.on) return view.access.replaceChildren();
  let missing: Awaited<ReturnType<typeof missingAccess>>;
  try {
    missing = await missingAccess(stored ?? (await call("getSettings", {})).settings);
  } catch (error) {
    if (!newest()) return;
    const said = `Gloss could not check the access your settings need in this browser: ${messageOf(error)}`;
    const line = Object.assign(document.createElement("p"), { textContent: said });
    return view.access.replaceChildren(...(view.on ? [line] : []));
  }
  if (!newest()) return;
  const { origins, uses } = missing;
  if (!view.on || !origins.length) return view.access.replaceChildren();
  const words = {
    missing: `Your settings need access this browser has not given Gloss yet, for ${uses.join("; ")}.`,
    refused: "Your browser did not allow it: those settings do nothing here until you do.",
    allowed: "Gloss may now do everything your settings ask for in this browser.",
  };
  view.access.replaceChildren(accessRequest(origins, words, view.box));
}

/** Which settings to keep, when the account already holds others (or not all of them have arrived). */
function ask(view: SyncView, state: SyncStatus): void {
  view.box.checked = false;
  const cost = state.askLoss ? ` ${state.askLoss}` : "";
  const incomplete =
    "Your account's Gloss settings have not all arrived: another browser may still be sending them, or they are damaged. Wait a minute and turn this on again";
  const question = `Your account already holds Gloss settings from another browser (${state.ask}).${cost}`;
  view.confirmText.textContent = state.askNoReplace
    ? `${state.askIncomplete ? `${incomplete}.` : question} ${state.askNoReplace}`
    : state.askIncomplete
      ? `${incomplete}, or replace them with this browser's.`
      : `${question} Which should every browser keep?`;
  // Settings that have not all arrived cannot be used; settings a newer Gloss stored here cannot replace them.
  view.keepAccount.hidden = !!state.askIncomplete;
  view.keepBrowser.hidden = !!state.askNoReplace;
  view.confirmBox.hidden = false;
  // Keeping both sides as they are is the safe answer.
  view.cancelButton.focus();
}

async function turn(view: SyncView, request: { on: boolean; keep?: SyncKeep }): Promise<void> {
  view.confirmBox.hidden = true;
  try {
    const state = await call("settingsSync", request);
    if (state.ask !== undefined) ask(view, state);
    else showSync(view, state);
  } catch (error) {
    showSync(view, view.shown, `Sync was not changed: ${messageOf(error)}`);
  }
}

function cancelSync(view: SyncView): void {
  view.confirmBox.hidden = true;
  view.box.checked = false;
  view.box.focus();
  // Nothing changed: what the status said before the question stays (a key removed, entries not kept), as it would
  // on opening the page again.
  showSync(view, { ...view.shown, on: false });
}
