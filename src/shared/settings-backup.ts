// Settings backups (the options page's "Back up settings"): the file "Save to a file…" writes, and reading one back —
// checked, migrated and validated field by field — into a patch for the settings store, with each field that keeps
// its current value and why. No DOM, no extension API: the options page does the clicking, reading and saving.
import {
  apiKeyFor,
  checkSettingsFields,
  migrateSettings,
  SETTINGS_KEYS,
  SETTINGS_VERSION,
  type Settings,
  type SettingsErrors,
} from "./settings";
import { parseHandEditedJson } from "./hand-edited-json";
import type { SaveResult } from "./settings-store";
import { checkWritingLanguages } from "./writing-languages";

export const BACKUP_FORMAT = "gloss-settings";

/**
 * A larger file is refused before it is read. A backup of everyday settings is a few KB, and one with every list at
 * its limit (300 glossary terms, 500 sites, 500 reply languages, 2,000 sites with their own display mode) and long
 * names is under 300 KB (see the unit test); anything much bigger is not Gloss's.
 */
export const MAX_BACKUP_BYTES = 1024 * 1024;

/** Never written: backups get shared and mailed. The address the key is bound to is derived from the key. */
type NotBackedUp = "apiKey" | "apiKeyFor";

/** The settings a backup holds: everything stored but the key, `schemaVersion` included for later migrations. */
export type BackedUpSettings = Omit<Settings, NotBackedUp>;

export type RestoredKey = Exclude<keyof BackedUpSettings, "schemaVersion">;

/**
 * Every setting a backup restores, named as the status line names it ("Kept your current glossary"). A setting added
 * to Settings must be added here too (the compiler says so), which is the moment to decide whether it belongs in a
 * file others may see.
 */
const LABELS: Record<RestoredKey, string> = {
  preset: "server type",
  baseUrl: "server address",
  model: "model",
  targetLang: "language to translate into",
  neverTranslate: "languages you read",
  autoTranslate: "sites to translate automatically",
  maxBatchChars: "batch size",
  maxConcurrent: "number of requests at once",
  instructionsInSystem: "choice of sending instructions as a system message",
  stallTimeoutSec: "time to wait for a silent response",
  writingModel: "writing model",
  glossary: "glossary",
  customInstructions: "extra instructions",
  displayMode: "way of showing translations",
  siteDisplayModes: "display choices for each site",
  bilingualStyle: "look of translations below the original",
  progressCue: "choice for the progress line",
  hoverTranslate: "choice for translating by pointing",
  readyOnEverySite: "choice for keeping Gloss ready on every site",
  skipParts: "parts of sites left untranslated",
};

const RESTORED_KEYS = Object.keys(LABELS) as RestoredKey[];

/** A setting as the status line names it ("glossary", "server address"). */
export const backupLabel = (key: RestoredKey): string => LABELS[key];

/** The stored settings that could not be read, each with why ("your glossary (…); your …"); "" for none. */
export function unreadFields(unread: SettingsErrors): string {
  return Object.entries(unread)
    .flatMap(([key, reason]) => {
      const label = key === "apiKey" ? "API key" : LABELS[key as RestoredKey];
      return label ? [`your ${label} (${reason})`] : [];
    })
    .join("; ");
}

/**
 * What the options page and the userscript's dialog say of stored settings that could not be read (see
 * SettingsStore.unread); `newer`, the settings version of a newer Gloss that stored them (SettingsStore.newerVersion).
 */
export function unreadText(unread: SettingsErrors, newer?: number): string {
  const named = unreadFields(unread);
  if (!named) return "";
  if (newer === undefined) {
    return `Gloss could not read all of your saved settings, and shows what it could keep: ${named}. Saving stores the settings as shown.`;
  }
  // A newer Gloss's values are written back with every save (heldForLater): saving here does not store the defaults.
  return (
    `Your settings were last saved by a newer Gloss (settings version ${newer}; this one reads up to ` +
    `${SETTINGS_VERSION}), and this one cannot show all of them: ${named}. The form shows the defaults there; saving ` +
    "here keeps the newer Gloss's values for those you leave as they are."
  );
}

export interface SettingsBackup {
  format: typeof BACKUP_FORMAT;
  /** The Gloss that wrote it (its manifest's version), for people; migrations go by `settings.schemaVersion`. */
  glossVersion: string;
  savedAt: string;
  settings: BackedUpSettings;
  /** Reply languages: the language chosen for the user's messages, by subreddit or site (`reddit.com/r/de` → `de`). */
  writingLanguages: Record<string, string>;
}

/**
 * The settings that may leave this browser (a backup file, the browser's sync): all but the key. Listed field by
 * field rather than the key deleted, so nothing stored later leaks out by default.
 */
export function shareableSettings(settings: Settings): BackedUpSettings {
  return Object.fromEntries([
    ["schemaVersion", settings.schemaVersion],
    ...RESTORED_KEYS.map((key) => [key, settings[key]]),
  ]) as BackedUpSettings;
}

export function createBackup(
  settings: Settings,
  writingLanguages: Readonly<Record<string, string>>,
  glossVersion: string,
  now: Date,
): SettingsBackup {
  return {
    format: BACKUP_FORMAT,
    glossVersion,
    savedAt: now.toISOString(),
    settings: shareableSettings(settings),
    writingLanguages: { ...writingLanguages },
  };
}

/** The file as written: indented, so a person can read what they share. */
export const backupText = (backup: SettingsBackup): string => `${JSON.stringify(backup, null, 2)}\n`;

/** `gloss-settings-2026-12-03.json`, by the reader's own calendar. */
export function backupFileName(now: Date): string {
  const two = (n: number) => String(n).padStart(2, "0");
  return `gloss-settings-${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}.json`;
}

/** A setting the file had but that was not valid: the current value stays; or, `partly`, a list restored without
 * its entries that were not valid. */
export interface KeptField {
  label: string;
  reason: string;
  partly?: true;
}

export interface RestoredBackup {
  ok: true;
  /** The file's valid settings, for the store's save (the same path as the form's Save). */
  patch: Partial<Settings>;
  writingLanguages: Record<string, string>;
  kept: KeptField[];
  /** Names in the file's settings that are no setting of this Gloss's (a newer Gloss's, of the same schema). */
  unknown?: string[];
}

export type BackupRead = RestoredBackup | { ok: false; message: string };

const notBackup = (reason: string): BackupRead => ({
  ok: false,
  message: `This file is not a Gloss settings file: ${reason}.`,
});

const isObject = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === "object" && !Array.isArray(value);

/** Why a file of this many bytes is refused unread, or undefined when its size is fine. */
export function tooLargeMessage(bytes: number): string | undefined {
  if (bytes <= MAX_BACKUP_BYTES) return undefined;
  const size = `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `This file is not a Gloss settings file: it is ${size}, and Gloss's settings files are never larger than 1 MB.`;
}

/**
 * Shared settings (a file's, another browser's) as a patch for the settings store: migrated from their schema version
 * (not newer than this Gloss's: the caller refuses those), each checked on its own. An invalid one keeps the current
 * value and is named in `kept`; an API key among them is never taken; names that are no setting are ignored.
 */
export function readSharedSettings(shared: Record<string, unknown>): { patch: Partial<Settings>; kept: KeptField[] } {
  const { apiKey: _key, apiKeyFor: _boundTo, ...fields } = shared;
  const { values, problems } = checkSettingsFields(migrateSettings(fields));
  const patch: Record<string, unknown> = {};
  const kept: KeptField[] = [];
  for (const key of RESTORED_KEYS) {
    if (Object.hasOwn(values, key)) patch[key] = values[key];
    const reason = problems[key];
    if (reason) kept.push({ label: LABELS[key], reason, ...(Object.hasOwn(values, key) ? { partly: true } : {}) });
  }
  return { patch: patch as Partial<Settings>, kept };
}

/**
 * A file's text as settings to restore. Only a Gloss settings file is taken; it is migrated from its schema version,
 * and each setting is checked on its own: an invalid one keeps the current value and is named, one the file does not
 * have keeps the current value, and anything else in the file is ignored. An API key in a file (written by hand,
 * or by someone who wants yours sent elsewhere) is never taken.
 */
export function readBackup(text: string): BackupRead {
  const tooLarge = tooLargeMessage(text.length);
  if (tooLarge) return { ok: false, message: tooLarge };
  let data: unknown;
  try {
    data = parseHandEditedJson(text);
  } catch (error) {
    return notBackup(`it is not JSON (${(error as Error).message})`);
  }
  if (!isObject(data) || data.format !== BACKUP_FORMAT) return notBackup(`it does not say "format": "gloss-settings"`);
  if (!isObject(data.settings)) return notBackup("it holds no settings");
  const version = data.settings.schemaVersion;
  if (typeof version === "number" && version > SETTINGS_VERSION) {
    const by = typeof data.glossVersion === "string" ? ` (${data.glossVersion.slice(0, 40)})` : "";
    return {
      ok: false,
      message: `This file was saved by a newer Gloss${by}, whose settings this one cannot read: update Gloss, then restore it.`,
    };
  }
  const { patch, kept } = readSharedSettings(data.settings);
  let writingLanguages: Record<string, string> = {};
  if (data.writingLanguages !== undefined) {
    const checked = checkWritingLanguages(data.writingLanguages);
    if (checked) writingLanguages = checked;
    else kept.push({ label: "reply languages", reason: "Each must be a site and a language code, at most 500." });
  }
  // Said, not dropped unsaid: the reader who restores a newer Gloss's file in an older one should know what stays out.
  const unknown = Object.keys(data.settings).filter((key) => !(SETTINGS_KEYS as string[]).includes(key));
  return {
    ok: true,
    patch: patch as Partial<Settings>,
    writingLanguages,
    kept,
    ...(unknown.length ? { unknown } : {}),
  };
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "14 settings, 3 sites, 12 glossary terms, 1 part left untranslated, 2 reply languages": what a backup holds or
 * restored (parts only when there are some). */
export function backupContents(patch: Partial<Settings>, writingLanguages: Readonly<Record<string, string>>): string {
  const parts = [count(Object.keys(patch).length, "setting", "settings")];
  if (patch.autoTranslate) parts.push(count(patch.autoTranslate.length, "site", "sites"));
  if (patch.glossary) parts.push(count(patch.glossary.length, "glossary term", "glossary terms"));
  if (patch.skipParts?.length) {
    parts.push(count(patch.skipParts.length, "part left untranslated", "parts left untranslated"));
  }
  const languages = Object.keys(writingLanguages).length;
  if (languages) parts.push(count(languages, "reply language", "reply languages"));
  return parts.join(", ");
}

/** What a backup restores, in the terms of the file it came from (for "Saved …" and counts alike). */
export const backupPatch = (backup: SettingsBackup): Partial<Settings> =>
  Object.fromEntries(RESTORED_KEYS.map((key) => [key, backup.settings[key]])) as Partial<Settings>;

/** Whether the file had anything to restore. */
export const restoresAnything = (read: RestoredBackup): boolean =>
  Object.keys(read.patch).length > 0 || Object.keys(read.writingLanguages).length > 0;

const keptLine = (k: KeptField): string =>
  k.partly
    ? `Restored your ${k.label} without what was not valid in it: ${k.reason}`
    : `Kept your current ${k.label}: the file's value was not valid. ${k.reason}`;

/** "Not restored: “a” and “b”, …", the names quoted short and at most a few of them. */
function unknownLine(names: string[]): string {
  const SHOWN = 5;
  const quoted = names.slice(0, SHOWN).map((name) => `“${name.slice(0, 40)}”`);
  if (names.length > SHOWN) quoted.push(`${names.length - SHOWN} more`);
  const listed = quoted.length > 1 ? `${quoted.slice(0, -1).join(", ")} and ${quoted.at(-1)!}` : quoted[0]!;
  return `Not restored: ${listed}, which this Gloss does not know (a newer Gloss may have saved them: update Gloss, then restore the file again).`;
}

/** The status line after a restore, then one line per setting that kept its current value. */
export function restoredLines(fileName: string, read: RestoredBackup): string[] {
  const head = restoresAnything(read)
    ? `Restored settings from ${fileName}: ${backupContents(read.patch, read.writingLanguages)}.`
    : `Restored nothing from ${fileName}: it holds no setting this Gloss can use.`;
  return [head, ...read.kept.map(keptLine), ...(read.unknown ? [unknownLine(read.unknown)] : [])];
}

/**
 * What restoring would lose, to ask about before anything changes: edits in the form not saved yet, and an API key
 * bound to the current address when the file names another server (a new address drops the key: it is only ever
 * sent where it was entered). With `everyNewServer`, another server is asked about even with no key to lose: where
 * no browser permission stands between a new address and the pages sent to it (the userscript).
 */
export function restoreLosses(
  read: RestoredBackup,
  current: Settings,
  unsavedEdits: boolean,
  { everyNewServer = false } = {},
): string[] {
  const losses: string[] = [];
  if (unsavedEdits) losses.push("Restoring replaces the changes you have not saved.");
  const newServer = read.patch.baseUrl !== undefined && read.patch.baseUrl !== current.baseUrl;
  if (newServer && apiKeyFor(current)) {
    losses.push(
      `This file's server is ${read.patch.baseUrl}. Your API key is only ever sent to ${current.baseUrl}, where it was entered, so restoring removes it: enter it again if the new server needs one.`,
    );
  } else if (newServer && everyNewServer) {
    losses.push(
      `This file's server is ${read.patch.baseUrl}: after restoring, the pages you translate are sent there instead of ${current.baseUrl}.`,
    );
  }
  return losses;
}

/** The status line after "Save to a file…": what the file holds, and that the key is not in it. */
export const savedToFileText = (fileName: string, backup: SettingsBackup): string =>
  `Downloading ${fileName}: ${backupContents(backupPatch(backup), backup.writingLanguages)}. Your API key is not in it.`;

/** Where a restore saves: the same paths as the settings form's Save and the writer's reply languages. */
export interface RestoreTarget {
  save(patch: Partial<Settings>): Promise<SaveResult>;
  addWritingLanguages(choices: Readonly<Record<string, string>>): Promise<void>;
}

export interface RestoreOutcome {
  /** Whether anything was restored: false when the file had nothing to restore or the save failed. */
  restored: boolean;
  kind: "ok" | "fail";
  /** The status line's sentences. */
  sentences: string[];
  /** The settings that kept their current value, one line each. */
  kept: string[];
  /** The settings now saved; undefined when none were (nothing to save, or the save failed). */
  after?: Settings;
}

/** What went wrong, in words a status line can show (a thrown value need not be an Error). */
export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Restores a read backup over `before`: the settings first, then the reply languages; says what came of it. */
export async function applyRestore(
  fileName: string,
  read: RestoredBackup,
  before: Settings,
  target: RestoreTarget,
): Promise<RestoreOutcome> {
  const [head = "", ...kept] = restoredLines(fileName, read);
  if (!restoresAnything(read)) return { restored: false, kind: "fail", sentences: [head], kept };
  let after: Settings | undefined;
  if (Object.keys(read.patch).length) {
    try {
      const result = await target.save(read.patch);
      if (!result.saved) {
        const errors = Object.values(result.errors);
        return { restored: false, kind: "fail", sentences: [`Nothing was restored from ${fileName}:`], kept: errors };
      }
      after = result.settings;
    } catch (error) {
      const sentences = [`Nothing was restored from ${fileName}: ${messageOf(error)}`];
      return { restored: false, kind: "fail", sentences, kept: [] };
    }
  }
  const sentences = [head];
  let kind: "ok" | "fail" = "ok";
  if (Object.keys(read.writingLanguages).length) {
    await target.addWritingLanguages(read.writingLanguages).catch((error: unknown) => {
      sentences.push(`Your reply languages were not restored: ${messageOf(error)}`);
      kind = "fail";
    });
  }
  const keyNote = keyRemovedNote(before, after ?? before);
  if (keyNote) sentences.push(keyNote);
  return { restored: true, kind, sentences, kept, ...(after ? { after } : {}) };
}

/** Said after a restore that dropped the key with the old address, or nothing. */
export function keyRemovedNote(before: Settings, after: Settings): string | undefined {
  if (!apiKeyFor(before) || apiKeyFor(after)) return undefined;
  return `Your API key was for ${before.baseUrl} and was removed: enter it again if ${after.baseUrl} needs one.`;
}
