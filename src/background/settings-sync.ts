// Settings sync (the browser's storage.sync), while the reader has it on: a saved change goes to the account once
// changes settle, and one arriving from another browser is read like stored settings (migrated, checked field by
// field, never an API key) and saved here. Turning it on never overwrites either side without the reader's choice.
import { ext } from "../extension/api";
import { syncAutoTranslateScripts } from "./auto-translate-scripts";
import { browserId } from "./browser-id";
import { syncName } from "./sync-name";
import { createBehindMarks } from "./sync-behind-marks";
import { createSeenRecord, type SyncedRecord } from "./sync-seen";
import { createSyncSteps } from "./sync-steps";
import { type SyncParts } from "./sync-parts";
import { push as pushTo } from "./sync-push";
import { turnOn } from "./sync-turn-on";
import { DAMAGED_FOR_MS, pull as pullFrom, reconcile } from "./sync-pull";
import { createStatusNotes } from "./sync-status-notes";
import type { SyncDeps } from "./sync-deps";
import { loadSettings, newerSettingsVersion, updateSettings } from "./settings-store";
import type { SyncKeep, SyncStatus } from "../shared/messages";
import { apiKeyFor, type Settings } from "../shared/settings";
import { messageOf, shareableSettings } from "../shared/settings-backup";
import { BEHIND_PREFIX } from "../shared/sync-behind";
import { SYNC_HEAD, SYNC_SEEN_KEY, SYNC_STATE_KEY } from "../shared/settings-sync";

export interface SettingsSync {
  /** The status, after turning sync on or off when asked. */
  status(request: { on?: boolean; keep?: SyncKeep; dismissLeftOut?: true }): Promise<SyncStatus>;
  /** Settings saved in this browser. */
  localChange(before: Settings, after: Settings): void;
  /** The account's items changed (another browser, or this one's own write). */
  remoteChange(keys: readonly string[]): void;
  /** At the background's start: what did not go out last time goes now (see `reconcile`). */
  resume(): void;
  /** The reader renamed this browser: a mark of its in the account says the new name. */
  renamed(): Promise<void>;
  /** Resolves once the changes so far are written and read (for tests and for the worker's last moments); `now`: what
   * waits for changes to rest goes at once. */
  settled(now?: boolean): Promise<void>;
}

export type { SyncedRecord };
export type { SyncArea, SyncDeps } from "./sync-deps";
export { DAMAGED_FOR_MS };

const refused = (error: unknown) =>
  `Your browser's sync did not take your settings (${messageOf(error)}). They are kept in this browser, and Gloss tries again with your next change or when the browser starts it again.`;

const sameShared = (a: Settings, b: Settings) =>
  JSON.stringify(shareableSettings(a)) === JSON.stringify(shareableSettings(b));

export function createSettingsSync(deps: SyncDeps): SettingsSync {
  const now = deps.now ?? Date.now;
  const notes = createStatusNotes(deps);
  const { state, note } = notes;
  const seen = createSeenRecord(deps);
  const marks = createBehindMarks(deps, now, notes);
  const { clearBehind, noteBehind } = marks;
  const parts: SyncParts = { deps, now, notes, seen, marks, untoldHere: false, carried: undefined };
  const { run, schedule, settled } = createSyncSteps({
    before: seen.read,
    failed: (error) => note({ problem: refused(error) }),
    settleMs: deps.settleMs,
  });

  const push = () => pushTo(parts);
  const pull = () => pullFrom(parts);

  return {
    async status({ on, keep, dismissLeftOut }) {
      if (on === true) {
        let result: SyncStatus = { on: false };
        await run(async () => {
          try {
            result = await turnOn(parts, keep);
          } catch (error) {
            result = { ...(await state()), problem: refused(error) };
            if (result.on) await note({ problem: result.problem });
          }
        });
        return result;
      }
      if (on === false) {
        await run(async () => {
          await note({ on: false, keyRemoved: undefined, leftOut: undefined, othersBehind: undefined });
          await clearBehind(); // not syncing: the others no longer wait for this browser's settings
        });
      }
      // Read: said no more here. Other browsers go on naming the entries (their own record, not synced), so that the
      // reader who dismissed them here can still find them there to add back.
      if (dismissLeftOut) await run(async () => note({ leftOut: undefined, problem: (await state()).problem }));
      return state();
    },
    localChange(before, after) {
      if (!sameShared(before, after)) schedule(push);
      // A key entered again: the note that it was removed has done its job.
      if (apiKeyFor(after) && !apiKeyFor(before)) void run(() => note({ keyRemoved: undefined }));
    },
    resume() {
      void run(() => reconcile(parts));
    },
    remoteChange(keys) {
      if (keys.some((key) => key.startsWith(SYNC_HEAD))) void run(pull);
      if (!keys.some((key) => key.startsWith(BEHIND_PREFIX))) return;
      void run(noteBehind);
      // Another browser's mark went (its settings fit again): there may be room now for the mark the account refused.
      if (parts.untoldHere) void run(push);
    },
    renamed() {
      return run(async () => {
        if ((await state()).on) await push();
      });
    },
    settled,
  };
}

/** The background's settings sync, over the browser's own storage.sync. */
export const settingsSync: SettingsSync = createSettingsSync({
  area: {
    get: () => ext.storage.sync.get(null),
    set: (items) => ext.storage.sync.set(items),
    remove: (keys) => ext.storage.sync.remove(keys),
  },
  readState: async () => (await ext.storage.local.get(SYNC_STATE_KEY))[SYNC_STATE_KEY] as SyncStatus | undefined,
  writeState: (value) => ext.storage.local.set({ [SYNC_STATE_KEY]: value }),
  readSeen: async () => (await ext.storage.local.get(SYNC_SEEN_KEY))[SYNC_SEEN_KEY] as SyncedRecord | undefined,
  writeSeen: (seen) =>
    seen ? ext.storage.local.set({ [SYNC_SEEN_KEY]: seen }) : ext.storage.local.remove(SYNC_SEEN_KEY),
  browserId,
  browserName: syncName,
  load: loadSettings,
  newerVersion: newerSettingsVersion,
  update: updateSettings,
  // A refusal is logged there; no one is at the options page's Save to be told.
  applied: async () => void (await syncAutoTranslateScripts()),
  settleMs: 3000,
});
