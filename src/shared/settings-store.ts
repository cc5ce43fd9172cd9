// Loading and saving settings over any key-value storage (extension storage.local, userscript GM storage):
// read = defaults + stored, migrated and validated per field; save = validated patch merged over the current
// settings (a new address drops a key not entered with it), or the list of problems and nothing saved.
import {
  applySettingsPatch,
  readSettings,
  validateSettingsPatch,
  type Settings,
  type SettingsErrors,
} from "./settings";

export interface SettingsStorage {
  read(): Promise<unknown>;
  write(settings: Settings): Promise<void>;
}

export type SaveResult = { saved: true; settings: Settings } | { saved: false; errors: SettingsErrors };

export interface SettingsStore {
  load(): Promise<Settings>;
  save(patch: unknown): Promise<SaveResult>;
  /** Storage changed behind our back: read it again next time. */
  invalidate(): void;
}

export function createSettingsStore(storage: SettingsStorage): SettingsStore {
  let cached: Promise<Settings> | undefined;
  const load = () => {
    cached ??= storage.read().then((stored) => {
      const { settings, problems } = readSettings(stored);
      if (Object.keys(problems).length)
        console.warn("Gloss: some stored settings were invalid and were reset", problems);
      return settings;
    });
    return cached;
  };
  return {
    load,
    async save(patch) {
      const checked = validateSettingsPatch(patch);
      if (!checked.ok) return { saved: false, errors: checked.errors };
      const next = applySettingsPatch(await load(), checked.patch);
      await storage.write(next);
      cached = Promise.resolve(next);
      return { saved: true, settings: next };
    },
    invalidate() {
      cached = undefined;
    },
  };
}
