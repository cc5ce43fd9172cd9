// Loading and saving settings over any key-value storage (extension storage.local, userscript GM storage):
// read = defaults + stored, migrated and validated per field; save = validated patch merged over the current
// settings (a new address drops a key not entered with it), or the list of problems and nothing saved. What a newer
// Gloss stored that this one cannot use is written back untouched.
import { changeAsStored } from "./newer-lists";
import { oneAtATime } from "./one-at-a-time";
import {
  applySettingsPatch,
  heldForLater,
  newerSettingsVersion,
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
  /** Saves the patch `change` makes of the settings as they are when this save's turn comes (a list grown by one). */
  update(change: (current: Settings) => unknown): Promise<SaveResult>;
  /** Storage changed behind our back: read it again next time. */
  invalidate(): void;
  /** The stored settings that could not be read as of the last load (each shows its default, or a list what was
   * kept of it) and that no save has stored since, with why: for the options page to say. */
  unread(): SettingsErrors;
  /** The settings version of the settings read last when a newer Gloss wrote them: its values this one refuses
   * stay stored through every save here (see heldForLater), and the reader is told so. */
  newerVersion(): number | undefined;
}

/**
 * What is held for a newer Gloss after a save of `patch`: a setting set here is this Gloss's value from now on, but
 * for a list or map it read only partly, which takes the change made here and keeps the entries it could not read
 * (a site added from the popup lost the newer Gloss's sites this one does not know).
 */
function heldAfter(
  later: Record<string, unknown>,
  current: Settings,
  next: Settings,
  patch: object,
): Record<string, unknown> {
  const held = Object.entries(later).map(([key, value]): [string, unknown] =>
    Object.hasOwn(patch, key)
      ? [key, changeAsStored(key as keyof Settings, value, current[key as keyof Settings], next[key as keyof Settings])]
      : [key, value],
  );
  return Object.fromEntries(held.filter(([, value]) => value !== undefined));
}

export function createSettingsStore(storage: SettingsStorage): SettingsStore {
  let cached: Promise<Settings> | undefined;
  /** What storage holds for a newer Gloss (see heldForLater), written back with the settings. */
  let later: Record<string, unknown> = {};
  let unread: SettingsErrors = {};
  let newer: number | undefined;
  const write = (settings: Settings) => storage.write({ ...settings, ...later });
  const load = () => {
    if (cached) return cached;
    const reading: Promise<Settings> = storage
      .read()
      .then(async (stored) => {
        const { settings, problems } = readSettings(stored);
        later = heldForLater(stored);
        newer = newerSettingsVersion(stored);
        unread = problems;
        if (Object.keys(problems).length)
          console.warn("Gloss: some stored settings were invalid and were reset or left out", problems);
        // A key just bound to the stored address (set in a storage editor, or saved before keys were bound), or just
        // dropped because the address changed: storage must say so too, or a later change of address in storage
        // would look like a key set together with it.
        const raw = (stored ?? {}) as { apiKey?: unknown; apiKeyFor?: unknown };
        if ((raw.apiKey ?? "") !== settings.apiKey || (raw.apiKeyFor ?? "") !== settings.apiKeyFor) {
          await write(settings);
        }
        return settings;
      })
      .catch((error: unknown) => {
        // A failed read or write is not kept: the next load tries again (every later load and save failed).
        if (cached === reading) cached = undefined;
        throw error;
      });
    cached = reading;
    return reading;
  };
  // One save at a time: two saves that both read the settings before either wrote them (a site's display mode from
  // the context menu while the options page saves) would each write their own change over the same old settings,
  // and the first change would be lost.
  const inTurn = oneAtATime();
  const update = (change: (current: Settings) => unknown): Promise<SaveResult> =>
    inTurn(async (): Promise<SaveResult> => {
      const current = await load();
      const checked = validateSettingsPatch(change(current));
      if (!checked.ok) return { saved: false, errors: checked.errors };
      const next = applySettingsPatch(current, checked.patch);
      later = heldAfter(later, current, next, checked.patch);
      await write(next);
      // Stored as shown now, but for a newer Gloss's values kept as they were.
      // (Of this schema, a list is held only for its entries' unknown fields, without those refused: stored now.)
      unread = Object.fromEntries(
        Object.entries(unread).filter(([key]) => newer !== undefined && Object.hasOwn(later, key)),
      );
      cached = Promise.resolve(next);
      return { saved: true, settings: next };
    });
  return {
    load,
    save: (patch) => update(() => patch),
    update,
    invalidate() {
      cached = undefined;
    },
    unread: () => unread,
    newerVersion: () => newer,
  };
}
