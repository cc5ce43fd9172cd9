// Settings live in storage.local under one key. Only the background reads and writes them; content scripts get a
// reduced view (ContentConfig) without the server address or API key.
import { ext } from "../extension/api";
import { readSettings, type Settings, type SettingsErrors } from "../shared/settings";
import { createSettingsStore, type SaveResult } from "../shared/settings-store";

const KEY = "settings";

const store = createSettingsStore({
  read: async () => (await ext.storage.local.get(KEY))[KEY],
  write: (settings: Settings) => ext.storage.local.set({ [KEY]: settings }),
});

export const loadSettings = (): Promise<Settings> => store.load();
export const saveSettings = (patch: unknown): Promise<SaveResult> => store.save(patch);
/** The stored settings that could not be read, with why (see SettingsStore.unread). */
export const unreadSettings = (): SettingsErrors => store.unread();
/** The settings version of a newer Gloss that stored the settings read (see SettingsStore.newerVersion). */
export const newerSettingsVersion = (): number | undefined => store.newerVersion();
/** Saves a change worked out from the settings as they are then (see SettingsStore.update). */
export const updateSettings = (change: (current: Settings) => unknown): Promise<SaveResult> => store.update(change);

/** The settings before and after a change in storage (as read: defaults, migrated, checked). */
export interface SettingsChange {
  before: Settings;
  after: Settings;
}

/** Settings changed (saved here, or by another context or a test): read them again, and tell `onChange`. */
export function watchSettings(onChange: (change: SettingsChange) => void): void {
  ext.storage.onChanged.addListener((changes, area) => {
    if (area !== "local" || !(KEY in changes)) return;
    store.invalidate();
    const { oldValue, newValue } = changes[KEY]!;
    onChange({ before: readSettings(oldValue).settings, after: readSettings(newValue).settings });
  });
}
