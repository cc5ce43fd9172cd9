// The userscript's settings in the manager's storage: read and saved as the value "settings"; in the page's world
// only this page's share is read, without the key, and nothing is saved (see page-world.ts).
import { createSettingsStore, type SettingsStore } from "../shared/settings-store";
import type { Settings } from "../shared/settings";
import type { GmApi } from "./gm-api";
import { readPageWorldSettings } from "./page-world-settings";
import { parseStoredSettings } from "./stored-settings";

/** The manager's value that holds the settings, as JSON. */
export const SETTINGS_KEY = "settings";

/** The store; `site` is the page's site, read from the public-suffix list only when asked (site-rules.ts). */
export function userscriptSettingsStore(
  gm: Pick<GmApi, "getValue" | "setValue">,
  pageWorld: boolean,
  site: () => string,
): SettingsStore {
  return createSettingsStore(
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
          read: async () => parseStoredSettings(await gm.getValue<unknown>(SETTINGS_KEY, undefined)),
          write: (settings: Settings) => gm.setValue(SETTINGS_KEY, JSON.stringify(settings)),
        },
  );
}
