// What settings sync needs from its browser: the sync area, this browser's own records, its settings and a clock. Its
// own module so the sync's parts can name it without importing the sync that wires them.
import type { SeenStore } from "./sync-seen";
import type { StatusStore } from "./sync-status-notes";
import type { Settings } from "../shared/settings";
import type { SaveResult } from "../shared/settings-store";
import type { SyncItems } from "../shared/settings-sync";

export interface SyncArea {
  /** Everything the area holds. */
  get(): Promise<SyncItems>;
  set(items: SyncItems): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

/** `StatusStore`: this browser's own record of sync (on or off, the last problem), never synced itself. */
export interface SyncDeps extends StatusStore, SeenStore {
  area: SyncArea;
  /** This browser's own lasting id among the account's browsers: names its mark when its settings are too large. */
  browserId(): Promise<string>;
  /** This browser's name as the others say it ("Firefox on Linux", or the reader's own): carried by its mark. */
  browserName(): Promise<string>;
  load(): Promise<Settings>;
  /** The settings version of the newer Gloss that stored the settings loaded, if one did (see SettingsStore). */
  newerVersion(): number | undefined;
  update(change: (current: Settings) => unknown): Promise<SaveResult>;
  /** Settings from another browser were saved here: what depends on them follows (content scripts for their sites). */
  applied(): Promise<void>;
  /** Now, in ms (tests move it on). */
  now?: () => number;
  /** How long changes must rest before they are written: the browser allows about one write every 2 s (1,800 an
   * hour), and a reader typing in the glossary saves many times a minute. */
  settleMs: number;
}
