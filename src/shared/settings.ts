// Settings: DEFAULTS is the source of truth. Stored data is read as defaults + stored, migrated to the current
// schema, and every field is validated on its own with the default as fallback, so one bad value never costs the
// user the rest of their settings. Saving goes through `validateSettingsPatch`: bad values are reported, never saved.

import { BILINGUAL_STYLES, type BilingualStyle } from "./bilingual-styles";
import { DISPLAY_MODES, type DisplayMode } from "./display-modes";
import { MAX_GLOSSARY_ENTRIES, sameGlossaryEntry, validateGlossaryEntry, type GlossaryEntry } from "./glossary";
import { isLangTag, normalizeLangTag } from "./lang-tag";
import { namesPublicSuffix, normalizeSiteRule, siteRuleProblem } from "./site-rules";
import { MAX_SKIP_PARTS, sameSkipPart, validateSkipPart, type SkipPart } from "./skip-parts";

export { isLangTag, normalizeLangTag };

export type ServerPreset = "llama-server" | "ollama" | "lmstudio" | "custom";

export const SERVER_PRESETS: readonly ServerPreset[] = ["llama-server", "ollama", "lmstudio", "custom"];

export const PRESET_BASE_URLS: Readonly<Record<ServerPreset, string>> = {
  "llama-server": "http://127.0.0.1:8080",
  ollama: "http://127.0.0.1:11434/v1",
  lmstudio: "http://127.0.0.1:1234/v1",
  custom: "",
};

export const PRESET_LABELS: Readonly<Record<ServerPreset, string>> = {
  "llama-server": "llama.cpp llama-server",
  ollama: "Ollama",
  lmstudio: "LM Studio",
  custom: "Other OpenAI-compatible server",
};

/** The address to show after the user picks `preset`: its default, unless they typed an address of their own. */
export function addressForPreset(current: string, preset: ServerPreset): string {
  // With or without /v1, as the address field takes it, and 127.0.0.1 by the name most guides use: still a default.
  const bare = (address: string) =>
    address
      .trim()
      .toLowerCase()
      .replace(/\/+$/, "")
      .replace(/\/v1$/, "")
      .replace(/^http:\/\/localhost(?=:|$)/, "http://127.0.0.1");
  const typed = bare(current);
  const isDefault = !typed || SERVER_PRESETS.some((p) => PRESET_BASE_URLS[p] && bare(PRESET_BASE_URLS[p]) === typed);
  return isDefault ? PRESET_BASE_URLS[preset] : current;
}

export { BILINGUAL_STYLES, DISPLAY_MODES, type BilingualStyle, type DisplayMode };

export interface Settings {
  schemaVersion: number;
  preset: ServerPreset;
  /** Where the OpenAI-compatible API lives, with or without `/v1`. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer …`; stays in the background, never reaches a content script. */
  apiKey: string;
  /**
   * The server address the key was entered for. The key is only ever sent there: a new address (however it got into
   * storage) drops the key until it is entered again. Derived, never taken from a patch.
   */
  apiKeyFor: string;
  /** Model name for servers that need one (Ollama, LM Studio, remote APIs); llama-server ignores it. */
  model: string;
  /** BCP 47 tag; "" follows the browser's UI language. */
  targetLang: string;
  /** Languages the user reads: text detected in one of these is left alone. */
  neverTranslate: string[];
  /** Site rules translated automatically: `example.com`, `reddit.com/r/de`. */
  autoTranslate: string[];
  /**
   * Largest batch of compact HTML per request, in characters weighed by script (BATCH_UNIT; see
   * core/schedule/weighted-length.ts); 0 = automatic (from the server's context size).
   */
  maxBatchChars: number;
  /** Requests in flight at once; 0 = automatic (the server's slot count). */
  maxConcurrent: number;
  /** Put the instructions in a system message instead of the user turn (for models with a system role). */
  instructionsInSystem: boolean;
  /** Give up on a response that sends nothing for this long. */
  stallTimeoutSec: number;
  /** Model for translating what the user writes (sent as `model`, so llama-server's router mode, Ollama and LM
   * Studio load it); "" uses `model`. */
  writingModel: string;
  /** Terms kept as they are or always translated one way, per target language and site. */
  glossary: GlossaryEntry[];
  /** An extra instruction for every translation (tone, formality, dialect); "" for none. */
  customInstructions: string;
  /** How translations are shown on sites without a choice of their own. */
  displayMode: DisplayMode;
  /** The display mode chosen on a site (popup, context menu, shortcut), by site (`reddit.com`). */
  siteDisplayModes: Record<string, DisplayMode>;
  /**
   * How a translation looks under its original in the bilingual view. Added without a schema step: its default is the
   * look every copy had before, so stored settings need no change, and a backup that holds it stays readable by a
   * Gloss of the same schema that does not know it (a field it does not know is ignored).
   */
  bilingualStyle: BilingualStyle;
  /** A thin progress line at the top of the page while it is translated. */
  progressCue: boolean;
  /** Holding Alt while pointing at a paragraph translates just it (the extension then runs on every site). */
  hoverTranslate: boolean;
  /** Gloss's page script loads with every page, so a translation starts without waiting for it to be injected
   * (the extension then needs access to every site). */
  readyOnEverySite: boolean;
  /** Parts of sites the reader leaves untranslated (`.side` on `reddit.com`): excluded like a site adapter's. */
  skipParts: SkipPart[];
}

/** What the batch size counts (said with it where there is no room for the options page's hint): batches are cut by
 * weighted length, each script's character weighing what Gemma's tokenizer spends on it (shared/script-weight.ts). */
export const BATCH_UNIT =
  "in characters as English or German counts them: a Chinese, Japanese or Korean character counts as about 3, " +
  "a Greek, Hebrew, Hindi or Thai one as about 1.5";

export const SETTINGS_VERSION = 6;

export const DEFAULTS: Readonly<Settings> = Object.freeze({
  schemaVersion: SETTINGS_VERSION,
  preset: "llama-server",
  baseUrl: PRESET_BASE_URLS["llama-server"],
  apiKey: "",
  apiKeyFor: "",
  model: "",
  targetLang: "",
  neverTranslate: [],
  autoTranslate: [],
  maxBatchChars: 0,
  maxConcurrent: 0,
  instructionsInSystem: false,
  stallTimeoutSec: 60,
  writingModel: "",
  glossary: [],
  customInstructions: "",
  displayMode: "replace",
  siteDisplayModes: {},
  bilingualStyle: "quiet",
  progressCue: true,
  hoverTranslate: false,
  readyOnEverySite: false,
  skipParts: [],
});

/**
 * A value checked: `leftOut` says why entries of a list were dropped from `value` (the first reason, and how many). A
 * change from the options page with one is refused; stored or shared settings keep the rest of the list.
 */
type Validated<T> = { ok: true; value: T; leftOut?: LeftOut } | { ok: false; message: string };
interface LeftOut {
  message: string;
  count: number;
}
type FieldValidator<T> = (value: unknown) => Validated<T>;

const ok = <T>(value: T): Validated<T> => ({ ok: true, value });
const fail = <T>(message: string): Validated<T> => ({ ok: false, message });

function langTag(allowEmpty: boolean): FieldValidator<string> {
  return (value) => {
    if (typeof value !== "string") return fail("Choose a language.");
    if (allowEmpty && value.trim() === "") return ok("");
    if (!isLangTag(value)) return fail(`“${value}” is not a language code. Use a code such as en, de or pt-BR.`);
    return ok(normalizeLangTag(value));
  };
}

function integer(min: number, max: number, what: string): FieldValidator<number> {
  return (value) => {
    const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
    if (typeof n !== "number" || !Number.isInteger(n) || n < min || n > max) {
      return fail(`${what} must be a whole number from ${min} to ${max}.`);
    }
    return ok(n);
  };
}

function boolean(value: unknown): Validated<boolean> {
  return typeof value === "boolean" ? ok(value) : fail("Must be on or off.");
}

function oneOf<T extends string>(values: readonly T[], what: string): FieldValidator<T> {
  return (value) =>
    typeof value === "string" && (values as readonly string[]).includes(value)
      ? ok(value as T)
      : fail(`${what} must be one of: ${values.join(", ")}.`);
}

function text(maxLength: number, what: string): FieldValidator<string> {
  return (value) => {
    if (typeof value !== "string") return fail(`${what} must be text.`);
    const trimmed = value.trim();
    if (trimmed.length > maxLength) return fail(`${what} is too long (at most ${maxLength} characters).`);
    if (/[\r\n]/.test(trimmed)) return fail(`${what} must be on one line.`);
    return ok(trimmed);
  };
}

/**
 * An API key as it can be sent: printable ASCII. A key pasted with an invisible character (a zero-width space from a
 * web page) or a typographic one (…) made every request fail before it left the browser, said as "Gloss cannot reach
 * the server"; one with a letter such as é went in Latin-1, not the UTF-8 the server holds, and was always refused.
 * A key pasted with its "Bearer " went as "Bearer Bearer …", and one copied with its header ("Authorization: Bearer …",
 * from a curl command or a server's docs) as "Bearer Authorization: Bearer …".
 */
function apiKey(value: unknown): Validated<string> {
  const checked = text(4096, "API key")(value);
  if (!checked.ok) return checked;
  const key = checked.value.replace(/^(?:authorization\s*:\s*)?(?:bearer\s+)?/i, "");
  const odd = /[^ -~]/u.exec(key)?.[0];
  if (odd === undefined) return ok(key);
  const code = `U+${odd.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
  const shown = /[\p{L}\p{N}\p{P}\p{S}]/u.test(odd) ? `“${odd}” (${code})` : `an invisible character (${code})`;
  return fail(`The API key holds ${shown}, which cannot be sent to a server. Paste the key again, or type it.`);
}

/** A server address: http(s), no credentials, query or fragment. Trailing slashes are dropped. */
export function validateBaseUrl(value: unknown): Validated<string> {
  if (typeof value !== "string" || value.trim() === "") {
    return fail("Enter the server's address, for example http://127.0.0.1:8080.");
  }
  const raw = value.trim();
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return fail(`“${raw}” is not a web address. It should look like http://127.0.0.1:8080.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    // "localhost:8080" reads as the scheme "localhost:": it has no scheme of its own to name.
    return raw.toLowerCase().startsWith(`${url.protocol}//`)
      ? fail(`The address must start with http:// or https:// (not ${url.protocol}//).`)
      : fail(`The address must start with http:// or https://, for example http://${raw}.`);
  }
  if (url.username || url.password) return fail("Put the API key in its own field, not in the address.");
  if (url.search || url.hash) return fail("The address must not contain ? or #.");
  // How a server started for every network prints its address ("listening on http://0.0.0.0:8080", the README's
  // Docker command): no address to reach it at (Windows refuses to connect to it). This machine is what is meant.
  if (url.hostname === "0.0.0.0") url.hostname = "127.0.0.1";
  else if (url.hostname === "[::]") url.hostname = "[::1]";
  return ok(url.href.replace(/\/+$/, ""));
}

/** The most entries the settings hold in these lists (a merge of two browsers' changes keeps within them). */
export const MAX_AUTO_TRANSLATE = 500;
export const MAX_NEVER_TRANSLATE = 50;
export const MAX_SITE_MODES = 2000;

/**
 * Entries checked one by one, those that are not valid left out and counted; nothing kept of a list none of whose
 * entries is valid. Stored settings are read this way: a year's glossary was reset whole for one entry that a later
 * Gloss no longer takes (a site since listed as a public suffix), or a term typed twice in a storage editor.
 */
function sieve<T>(maxItems: number) {
  let leftOut: LeftOut | undefined;
  let kept = 0;
  return {
    /** Notes an entry left out; false once so many were that the list is not worth reading on. */
    drop(message: string): boolean {
      leftOut = { message: leftOut?.message ?? message, count: (leftOut?.count ?? 0) + 1 };
      return leftOut.count <= maxItems;
    },
    keep: () => void kept++,
    result(value: T): Validated<T> {
      if (!leftOut) return ok(value);
      return kept ? { ok: true, value, leftOut } : fail(leftOut.message);
    },
  };
}

function list<T>(item: FieldValidator<T>, maxItems: number, what: string): FieldValidator<T[]> {
  return (value) => {
    const items = typeof value === "string" ? value.split(/[\n,]/) : value;
    if (!Array.isArray(items)) return fail(`${what} must be a list.`);
    // A set, and no checking past the limit: a 1 MB settings file listing 100,000 sites held the page's thread for
    // seconds when each entry was looked for among those kept so far.
    const out = new Set<T>();
    const sieved = sieve<T[]>(maxItems);
    for (const raw of items) {
      if (typeof raw === "string" && raw.trim() === "") continue;
      const checked = item(raw);
      if (!checked.ok) {
        if (sieved.drop(checked.message)) continue;
        break;
      }
      out.add(checked.value);
      sieved.keep();
      if (out.size > maxItems) return fail(`${what}: at most ${maxItems} entries.`);
    }
    return sieved.result([...out]);
  };
}

/** Free text over a few lines: line breaks kept (at most `maxLines`), other whitespace runs collapsed. */
function paragraph(maxLength: number, maxLines: number, what: string): FieldValidator<string> {
  return (value) => {
    if (typeof value !== "string") return fail(`${what} must be text.`);
    const lines = value
      .split(/\r?\n/)
      .map((line) => line.replace(/\s+/g, " ").trim())
      .filter(Boolean);
    const joined = lines.join("\n");
    if (joined.length > maxLength) return fail(`${what} is too long (at most ${maxLength} characters).`);
    if (lines.length > maxLines) return fail(`${what}: at most ${maxLines} lines.`);
    return ok(joined);
  };
}

interface RowWords<T> {
  notList: string;
  twice(entry: T): string;
  tooMany: string;
}

/** A list of entries (the glossary's rows, the parts left untranslated), each checked on its own; one listed twice is
 * refused, said in words of the list's own. */
function rows<T>(
  check: (raw: unknown) => Validated<T>,
  same: (a: T, b: T) => boolean,
  maxItems: number,
  words: RowWords<T>,
): FieldValidator<T[]> {
  return (value) => {
    if (!Array.isArray(value)) return fail(words.notList);
    const out: T[] = [];
    const sieved = sieve<T[]>(maxItems);
    for (const raw of value) {
      const checked = check(raw);
      const twice = checked.ok && out.some((e) => same(e, checked.value));
      if (!checked.ok || twice) {
        if (sieved.drop(checked.ok ? words.twice(checked.value) : checked.message)) continue;
        break;
      }
      out.push(checked.value);
      sieved.keep();
      // Stopped here, not at the end: each entry is compared with those before it (see list()).
      if (out.length > maxItems) return fail(words.tooMany);
    }
    return sieved.result(out);
  };
}

const glossary = rows<GlossaryEntry>(validateGlossaryEntry, sameGlossaryEntry, MAX_GLOSSARY_ENTRIES, {
  notList: "The glossary must be a list.",
  twice: (e) => `“${e.term}” is in the glossary twice for the same language and site.`,
  tooMany: `The glossary holds at most ${MAX_GLOSSARY_ENTRIES} terms.`,
});

const skipParts = rows<SkipPart>(validateSkipPart, sameSkipPart, MAX_SKIP_PARTS, {
  notList: "Parts left untranslated must be a list.",
  twice: (e) => `“${e.selector}” on ${e.site} is listed twice.`,
  tooMany: `At most ${MAX_SKIP_PARTS} parts can be left untranslated.`,
});

function siteRule(value: unknown): Validated<string> {
  const problem = siteRuleProblem(typeof value === "string" ? value : String(value));
  return problem || typeof value !== "string" ? fail(problem ?? "A site must be text.") : ok(normalizeSiteRule(value));
}

// A site as siteOf gives it: a host name may hold "_" (a Docker service's name), which the browser accepts.
const SITE_KEY = /^[a-z0-9._:[\]-]{1,253}$/;

/** Display modes by site: `{ "reddit.com": "bilingual" }`. */
function siteModes(value: unknown): Validated<Record<string, DisplayMode>> {
  if (!value || typeof value !== "object" || Array.isArray(value)) return fail("Display modes by site must be a map.");
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > MAX_SITE_MODES) return fail(`Display modes by site: at most ${MAX_SITE_MODES} sites.`);
  // Built from entries: "__proto__" assigned to an object would not be kept as a site.
  const out: Array<[string, DisplayMode]> = [];
  const sieved = sieve<Record<string, DisplayMode>>(MAX_SITE_MODES);
  for (const [site, mode] of entries) {
    const checked = SITE_KEY.test(site)
      ? oneOf(DISPLAY_MODES, "Display mode")(mode)
      : fail<DisplayMode>(`“${site}” is not a site.`);
    if (checked.ok) {
      out.push([site, checked.value]);
      sieved.keep();
    } else sieved.drop(checked.message);
  }
  return sieved.result(Object.fromEntries(out));
}

const VALIDATORS: { [K in keyof Settings]: FieldValidator<Settings[K]> } = {
  schemaVersion: integer(0, 1000, "Schema version"),
  preset: oneOf(SERVER_PRESETS, "Server type"),
  baseUrl: validateBaseUrl,
  apiKey,
  apiKeyFor: (value) => (value === "" ? ok("") : validateBaseUrl(value)),
  model: text(256, "Model"),
  targetLang: langTag(true),
  neverTranslate: list(langTag(false), MAX_NEVER_TRANSLATE, "Languages never to translate"),
  autoTranslate: list(siteRule, MAX_AUTO_TRANSLATE, "Sites to translate automatically"),
  maxBatchChars: (value) => {
    if (value === 0 || value === "0" || value === "") return ok(0);
    const checked = integer(200, 20000, "Batch size")(value);
    // 0 is allowed too (from the server's context size): the message says so.
    return checked.ok
      ? checked
      : fail(
          `Batch size must be 0 (from the server's context size) or a whole number from 200 to 20000, ${BATCH_UNIT}.`,
        );
  },
  maxConcurrent: integer(0, 16, "Requests at once"),
  instructionsInSystem: boolean,
  stallTimeoutSec: integer(5, 600, "Stall timeout"),
  writingModel: text(256, "Writing model"),
  glossary,
  customInstructions: paragraph(600, 6, "Extra instructions"),
  displayMode: oneOf(DISPLAY_MODES, "Display mode"),
  siteDisplayModes: siteModes,
  bilingualStyle: oneOf(BILINGUAL_STYLES, "Look of translations below the original"),
  progressCue: boolean,
  hoverTranslate: boolean,
  readyOnEverySite: boolean,
  skipParts,
};

export const SETTINGS_KEYS = Object.keys(DEFAULTS) as Array<keyof Settings>;

type Raw = Record<string, unknown>;

/**
 * Ordered migrations: MIGRATIONS[i] turns schema version i into version i + 1.
 * Append only; never edit a migration that has shipped.
 */
export const MIGRATIONS: ReadonlyArray<(raw: Raw) => Raw> = [
  // 0 → 1: data without a version (written before versioning existed) needs no change; it is only stamped.
  (raw) => raw,
  // 1 → 2: a saved key belongs to the saved address (keys are bound to addresses from now on); a rule naming a public
  // suffix (github.io) covered every stranger's site under it, and is no longer a rule.
  (raw) => ({
    ...raw,
    ...(typeof raw.apiKey === "string" && raw.apiKey.trim() ? { apiKeyFor: raw.baseUrl } : {}),
    ...(Array.isArray(raw.autoTranslate)
      ? { autoTranslate: raw.autoTranslate.filter((rule) => typeof rule !== "string" || !namesPublicSuffix(rule)) }
      : {}),
  }),
  // 2 → 3: display modes (bilingual view) arrive, every page keeps being shown as before (replaced, the default);
  // the in-page progress line is new and on by default.
  (raw) => raw,
  // 3 → 4: hover translation arrives, off (it needs access to every site in the extension).
  (raw) => raw,
  // 4 → 5: "ready on every site" arrives, off (it too needs access to every site).
  (raw) => raw,
  // 5 → 6: the reader's parts of sites left untranslated arrive, none (every page is collected as before).
  (raw) => raw,
];

/** The display mode for a page of `site` (see siteOf): the site's own choice, else the default. */
export function displayModeFor(
  settings: Pick<Settings, "displayMode" | "siteDisplayModes">,
  site: string,
): DisplayMode {
  return (
    (site && Object.hasOwn(settings.siteDisplayModes, site) && settings.siteDisplayModes[site]) || settings.displayMode
  );
}

/** Brings stored data up to `target` by running the migrations after its version, in order. */
export function migrateSettings(raw: Raw, migrations = MIGRATIONS, target = SETTINGS_VERSION): Raw {
  const version = typeof raw.schemaVersion === "number" && Number.isInteger(raw.schemaVersion) ? raw.schemaVersion : 0;
  let data: Raw = { ...raw };
  for (let v = Math.max(0, version); v < target; v++) {
    const step = migrations[v];
    if (step) data = step(data);
  }
  return { ...data, schemaVersion: target };
}

export interface ReadResult {
  settings: Settings;
  /** Fields whose stored value was invalid and fell back to the default. */
  problems: Partial<Record<keyof Settings, string>>;
}

const leftOutText = ({ message, count }: LeftOut): string =>
  count > 1 ? `${message} (${count} entries left out)` : message;

/**
 * Each setting `raw` holds, checked on its own: the valid values, and why each invalid one was refused. Fields it
 * does not hold, and names that are no setting, are in neither.
 */
export function checkSettingsFields(raw: Raw): { values: Partial<Settings>; problems: SettingsErrors } {
  const values: Record<string, unknown> = {};
  const problems: SettingsErrors = {};
  for (const key of SETTINGS_KEYS) {
    // Own fields only: a page (the userscript's world) can put anything on Object.prototype.
    if (!Object.hasOwn(raw, key)) continue;
    const checked = VALIDATORS[key](raw[key]);
    if (checked.ok) values[key] = checked.value;
    // A list read without its entries that are not valid is in both: its value, and what was left out.
    if (checked.ok && checked.leftOut) problems[key] = leftOutText(checked.leftOut);
    else if (!checked.ok) problems[key] = checked.message;
  }
  return { values: values as Partial<Settings>, problems };
}

/** Reads whatever storage holds (possibly nothing, or garbage) into complete, valid settings. */
export function readSettings(stored: unknown): ReadResult {
  const raw: Raw = stored && typeof stored === "object" && !Array.isArray(stored) ? (stored as Raw) : {};
  const { values, problems } = checkSettingsFields(migrateSettings(raw));
  const settings = Object.fromEntries(
    SETTINGS_KEYS.map((key) => [key, Object.hasOwn(values, key) ? values[key] : structuredClone(DEFAULTS[key])]),
  ) as unknown as Settings;
  return { settings: bindApiKey(settings), problems };
}

/** The settings version `stored` says, when a newer Gloss than this one wrote it. */
export function newerSettingsVersion(stored: unknown): number | undefined {
  const version = stored && typeof stored === "object" ? (stored as Raw).schemaVersion : undefined;
  return Number.isInteger(version) && (version as number) > SETTINGS_VERSION ? (version as number) : undefined;
}

/**
 * What stored settings hold for a newer Gloss that this one cannot use, to be written back with every save: names it
 * does not know (a setting added without a schema step, or by a newer schema), and from a newer schema its version and
 * the values this one refuses (a newer Gloss may allow more). Without them, going back a version (or an older Gloss
 * sharing the profile) lost the newer settings at the first save, and the newer Gloss then misread the rest as
 * this older schema. Never the key or its address: those are bound here (see bindApiKey).
 */
export function heldForLater(stored: unknown): Raw {
  if (!stored || typeof stored !== "object" || Array.isArray(stored)) return {};
  const raw = stored as Raw;
  const newer = newerSettingsVersion(raw) !== undefined;
  const refused: SettingsErrors = newer ? checkSettingsFields(raw).problems : {};
  const kept = (key: string) =>
    !Object.hasOwn(VALIDATORS, key) ||
    (newer && (key === "schemaVersion" || (Object.hasOwn(refused, key) && key !== "apiKey" && key !== "apiKeyFor")));
  const held = Object.entries(raw).filter(([key]) => kept(key));
  // A list whose entries carry fields this Gloss does not know (a glossary term's `matchCase`), whatever the version:
  // the list as stored, so each entry keeps them (newer-lists.ts); of this schema, without the entries it refuses.
  const rich = Object.entries(raw).filter(
    ([key]) => !kept(key) && carriesUnknownFields(key as keyof Settings, raw[key]),
  );
  return Object.fromEntries([
    ...held,
    ...rich.map(([key, value]) => [key, newer ? value : entriesRead(key as keyof Settings, value as unknown[])]),
  ]);
}

/** The fields of a list's entry as stored that this Gloss does not read (none for an entry it refuses, or no object). */
export function unknownFields(key: keyof Settings, entry: unknown): Raw {
  const read = readListEntry(key, entry);
  if (!read || typeof read !== "object" || !entry || typeof entry !== "object") return {};
  return Object.fromEntries(Object.entries(entry).filter(([name]) => !Object.hasOwn(read, name)));
}

function carriesUnknownFields(key: keyof Settings, value: unknown): boolean {
  return Array.isArray(value) && value.some((entry) => Object.keys(unknownFields(key, entry)).length > 0);
}

/** The entries of a stored list that this Gloss keeps on reading it (in order, one of a pair not), each as stored. */
function entriesRead(key: keyof Settings, stored: unknown[]): unknown[] {
  const checked = VALIDATORS[key](stored);
  const values = checked.ok && Array.isArray(checked.value) ? checked.value : [];
  let next = 0;
  // The validator keeps entries in their order: each value read is the next stored entry that reads as it.
  return stored.filter((entry) => {
    const read = readListEntry(key, entry);
    if (next >= values.length || read === undefined || JSON.stringify(read) !== JSON.stringify(values[next])) {
      return false;
    }
    next++;
    return true;
  });
}

/** How this Gloss reads one entry of the list `key` as stored (undefined: it cannot, or `key` is no list). */
export function readListEntry(key: keyof Settings, entry: unknown): unknown {
  const checked = VALIDATORS[key]([entry]);
  return checked.ok && Array.isArray(checked.value) && !checked.leftOut ? checked.value[0] : undefined;
}

/**
 * The key and the address it is bound to, as storage holds them: a key without an address (set in a storage
 * editor) belongs to the stored address; a key bound to another address than the stored one is dropped — the address
 * changed without the key being entered again.
 */
function bindApiKey(settings: Settings): Settings {
  if (!settings.apiKey) return { ...settings, apiKeyFor: "" };
  if (!settings.apiKeyFor) return { ...settings, apiKeyFor: settings.baseUrl };
  if (settings.apiKeyFor !== settings.baseUrl) return { ...settings, apiKey: "", apiKeyFor: "" };
  return settings;
}

/**
 * `current` with a validated patch applied. A key in the patch is entered now, for the address it is saved with; a
 * new address without a key in the same patch drops the saved key.
 */
export function applySettingsPatch(current: Settings, patch: Partial<Settings>): Settings {
  const { apiKeyFor: _ignored, ...fields } = patch;
  const next: Settings = { ...current, ...fields };
  if (fields.apiKey !== undefined) next.apiKeyFor = next.apiKey ? next.baseUrl : "";
  else if (next.baseUrl !== current.baseUrl) Object.assign(next, { apiKey: "", apiKeyFor: "" });
  return next;
}

/** The fields of a checked patch whose values differ from `from` (the settings a form was filled from or last saved). */
export function changedSettings(patch: Partial<Settings>, from: Settings): Partial<Settings> {
  return Object.fromEntries(
    Object.entries(patch).filter(
      ([key, value]) => JSON.stringify(value) !== JSON.stringify(from[key as keyof Settings]),
    ),
  ) as Partial<Settings>;
}

/** The key to send to `settings.baseUrl`: the saved key when it was entered for that address, else none. */
export function apiKeyFor(settings: Pick<Settings, "apiKey" | "apiKeyFor" | "baseUrl">): string {
  return settings.apiKey && settings.apiKeyFor === settings.baseUrl ? settings.apiKey : "";
}

export type SettingsErrors = Partial<Record<keyof Settings, string>>;

export type PatchResult = { ok: true; patch: Partial<Settings> } | { ok: false; errors: SettingsErrors };

/** Checks a change from the options page. Unknown keys are errors too: nothing is silently dropped. */
export function validateSettingsPatch(patch: unknown): PatchResult {
  if (!patch || typeof patch !== "object" || Array.isArray(patch)) {
    return { ok: false, errors: { schemaVersion: "Settings must be an object." } };
  }
  // Errors as entries: a name such as "__proto__" assigned to an object would set its prototype, not be listed.
  const errors: Array<[string, string]> = [];
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) {
    // Derived fields: the version, and the address the key is bound to (see applySettingsPatch).
    if (key === "schemaVersion" || key === "apiKeyFor") continue;
    // Own names only: "constructor" or "toString" is in every object, and no setting.
    if (!Object.hasOwn(VALIDATORS, key)) {
      errors.push([key, `Unknown setting “${key}”.`]);
      continue;
    }
    const checked = VALIDATORS[key as keyof Settings](value);
    // The reader is at the form: an entry that is not valid is theirs to mend, not to lose.
    if (checked.ok && checked.leftOut) errors.push([key, checked.leftOut.message]);
    else if (checked.ok) out[key] = checked.value;
    else errors.push([key, checked.message]);
  }
  return errors.length
    ? { ok: false, errors: Object.fromEntries(errors) as SettingsErrors }
    : { ok: true, patch: out as Partial<Settings> };
}

/** The target language to use: the setting, or the browser's UI language when the setting is "follow browser". */
export function effectiveTargetLang(settings: Pick<Settings, "targetLang">, uiLanguage: string): string {
  if (settings.targetLang) return settings.targetLang;
  return isLangTag(uiLanguage) ? normalizeLangTag(uiLanguage) : "en";
}
