// The userscript's settings in the manager's storage: read and saved as the value "settings"; in the page's world
// only this page's share is read, without the key, and nothing is saved (see page-world.ts).
import { createSettingsStore, type SettingsStore } from "../shared/settings-store";
import { newerSettingsVersion, readSettings, type Settings } from "../shared/settings";
import type { KeptPage } from "../session/kept-page";
import { keptPageGm, type GmApi } from "./gm-api";
import { filteredSettingsValue, readPageWorldSettings, type PagePlace } from "./page-world-settings";
import { parseStoredSettings, unreadableStoredSettings } from "./stored-settings";
import { storedNoteText } from "./settings-unread-note";

/** The manager's value that holds the settings, as JSON. */
export const SETTINGS_KEY = "settings";

export interface UserscriptSettingsStore extends SettingsStore {
  /** Whether the value read last was not settings at all (see unreadableStoredSettings), and no save has replaced it
   * since: the settings dialog says so, as it says which fields were refused (SettingsStore.unread). */
  unparsed(): boolean;
}

/** Settings read apart from the settings store: what the dialog's note says of them, and which show defaults. */
export interface StoredAfresh {
  settings: Settings;
  note: string;
  /** The settings whose stored values were refused (a newer Gloss's): their defaults are no change made elsewhere. */
  refused: Array<keyof Settings>;
}

/** The stored settings read afresh, apart from the store's copy, with what the dialog's note says of them. */
export async function readStoredAfresh(gm: Pick<GmApi, "getValue">): Promise<StoredAfresh> {
  const raw = await gm.getValue<unknown>(SETTINGS_KEY, undefined);
  const stored = parseStoredSettings(raw);
  const { settings, problems } = readSettings(stored);
  const note = storedNoteText({
    unparsed: unreadableStoredSettings(raw),
    unread: problems,
    newer: newerSettingsVersion(stored),
  });
  return { settings, note, refused: Object.keys(problems) as Array<keyof Settings> };
}

/** The store; `site` is the page's site, read from the public-suffix list only when asked (site-rules.ts). */
export function userscriptSettingsStore(
  gm: Pick<GmApi, "getValue" | "setValue">,
  pageWorld: boolean,
  site: () => string,
): UserscriptSettingsStore {
  let unparsed = false;
  const store = createSettingsStore(
    pageWorld
      ? {
          // No key, no other site's rules, and no saving: the page could fill in the dialog and "save" it.
          read: async () =>
            readPageWorldSettings(await gm.getValue<unknown>(SETTINGS_KEY, undefined), {
              host: location.hostname,
              site: site(),
            }),
          write: () => Promise.reject(new Error("Gloss saves no settings while it runs in the page's world.")),
        }
      : {
          read: async () => {
            const raw = await gm.getValue<unknown>(SETTINGS_KEY, undefined);
            unparsed = unreadableStoredSettings(raw);
            return parseStoredSettings(raw);
          },
          write: async (settings: Settings) => {
            await gm.setValue(SETTINGS_KEY, JSON.stringify(settings));
            unparsed = false;
          },
        },
  );
  return { ...store, unparsed: () => unparsed };
}

/**
 * The manager's API the settings store reads through in the page's world: the value that holds the settings comes
 * filtered to this page's share (filteredSettingsValue) before it goes through anything else, the kept page included.
 */
export function pageWorldStoreGm(gm: GmApi, kept: KeptPage, place: () => PagePlace): GmApi {
  const getValue = <T>(key: string, fallback: T): Promise<T> =>
    key === SETTINGS_KEY
      ? (filteredSettingsValue(gm.getValue(key, fallback), place) as Promise<T>)
      : gm.getValue(key, fallback);
  return keptPageGm({ ...gm, getValue }, kept);
}
