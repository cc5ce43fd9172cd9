// Backing up settings to a file and restoring them: what a reader gets back, what is refused and why, and that the
// API key never leaves in a file nor comes back from one.
import {
  backupFileName,
  backupText,
  createBackup,
  keyRemovedNote,
  MAX_BACKUP_BYTES,
  readBackup,
  restoredLines,
  restoreLosses,
  tooLargeMessage,
  type RestoredBackup,
} from "../../src/shared/settings-backup";
import { DEFAULTS, SETTINGS_VERSION, type Settings } from "../../src/shared/settings";
import { createSettingsStore } from "../../src/shared/settings-store";
import { createWritingLanguages } from "../../src/shared/writing-languages";

const KEY = "sk-secret-0123456789";

/** Settings that differ from the defaults everywhere, as a reader who set Gloss up would have them. */
const MINE: Settings = {
  schemaVersion: SETTINGS_VERSION,
  preset: "ollama",
  baseUrl: "http://127.0.0.1:11434/v1",
  apiKey: KEY,
  apiKeyFor: "http://127.0.0.1:11434/v1",
  model: "gemma2:2b",
  targetLang: "en-GB",
  neverTranslate: ["fr", "es"],
  autoTranslate: ["reddit.com/r/de", "lemonde.fr", "spiegel.de"],
  maxBatchChars: 3000,
  maxConcurrent: 2,
  instructionsInSystem: true,
  stallTimeoutSec: 90,
  writingModel: "gemma2:9b",
  glossary: [
    { term: "Bahn", translation: "Deutsche Bahn", lang: "", site: "" },
    { term: "r/de", translation: "", lang: "en", site: "reddit.com" },
  ],
  customInstructions: "Write British English.\nKeep it informal.",
  displayMode: "bilingual",
  siteDisplayModes: { "reddit.com": "replace" },
  bilingualStyle: "blur",
  progressCue: false,
  hoverTranslate: true,
  readyOnEverySite: true,
  skipParts: [{ site: "reddit.com", selector: ".side" }],
};

const REPLY_LANGUAGES = { "reddit.com/r/de": "de", "reddit.com/r/france": "fr" };
const DAY = new Date(2026, 11, 3, 14, 30);

function memoryStorage(initial?: unknown) {
  let value = initial;
  return {
    read: async () => value,
    write: async (settings: Settings) => void (value = settings),
  };
}

/** The file as a reader would save it, then changed as `edit` says (a hand edit, an older Gloss). */
function fileWith(edit: (file: Record<string, unknown> & { settings: Record<string, unknown> }) => void): string {
  const file = JSON.parse(backupText(createBackup(MINE, REPLY_LANGUAGES, "0.1.0", DAY)));
  edit(file);
  return JSON.stringify(file);
}

function restored(text: string): RestoredBackup {
  const read = readBackup(text);
  if (!read.ok) throw new Error(read.message);
  return read;
}

describe("saving settings to a file", () => {
  it("names the file by the day, and marks it as Gloss's with the version that wrote it", () => {
    expect(backupFileName(DAY)).toBe("gloss-settings-2026-12-03.json");
    const file = JSON.parse(backupText(createBackup(MINE, REPLY_LANGUAGES, "0.1.0", DAY)));
    expect(file).toMatchObject({ format: "gloss-settings", glossVersion: "0.1.0", savedAt: DAY.toISOString() });
    expect(file.settings.schemaVersion).toBe(SETTINGS_VERSION);
    expect(file.writingLanguages).toEqual(REPLY_LANGUAGES);
  });

  it("never writes the API key, nor the address it is bound to", () => {
    const text = backupText(createBackup(MINE, {}, "0.1.0", DAY));
    expect(text).not.toContain(KEY);
    expect(text).not.toMatch(/apiKey/);
  });

  it("comes back as the same settings, without the key", async () => {
    const text = backupText(createBackup(MINE, REPLY_LANGUAGES, "0.1.0", DAY));
    const read = restored(text);
    expect(read.kept).toEqual([]);
    expect(read.writingLanguages).toEqual(REPLY_LANGUAGES);

    // Restored on a fresh install, through the store's save (the options page's Save path).
    const store = createSettingsStore(memoryStorage());
    const saved = await store.save(read.patch);
    expect(saved).toEqual({ saved: true, settings: { ...MINE, apiKey: "", apiKeyFor: "" } });
  });

  it("says what it restored", () => {
    const read = restored(backupText(createBackup(MINE, REPLY_LANGUAGES, "0.1.0", DAY)));
    expect(restoredLines("gloss-settings-2026-12-03.json", read)).toEqual([
      "Restored settings from gloss-settings-2026-12-03.json: 20 settings, 3 sites, 2 glossary terms, 1 part left untranslated, 2 reply languages.",
    ]);
  });

  it("stays far under the size limit with every list full and long names", () => {
    const host = (i: number) => `forum-${String(i).padStart(4, "0")}.example-newspaper-site.com`;
    const full: Settings = {
      ...MINE,
      autoTranslate: Array.from({ length: 500 }, (_, i) => `${host(i)}/section/politics`),
      glossary: Array.from({ length: 300 }, (_, i) => ({
        term: `${"Langer Fachbegriff ".repeat(4)}${i}`,
        translation: `${"Long technical term ".repeat(4)}${i}`,
        lang: "en-GB",
        site: `${host(i)}/section`,
      })),
      siteDisplayModes: Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [host(i), "bilingual" as const])),
      customInstructions: "x".repeat(600),
      skipParts: Array.from({ length: 200 }, (_, i) => ({
        site: `${host(i)}/section`,
        selector: `${"main > div.sidebar-column ".repeat(11)}#part-${i}`,
      })),
    };
    const languages = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`${host(i)}/r/deutsch`, "de-AT"]));
    const text = backupText(createBackup(full, languages, "0.1.0", DAY));
    expect(text.length).toBeGreaterThan(250_000);
    expect(text.length).toBeLessThan(MAX_BACKUP_BYTES / 2);
    const read = restored(text);
    expect(read.kept).toEqual([]);
    expect(read.patch.glossary).toHaveLength(300);
    expect(read.patch.skipParts).toHaveLength(200);
  });
});

describe("restoring settings from a file", () => {
  it("brings a file from an older Gloss up to date with the settings migrations", () => {
    const read = restored(
      fileWith((file) => {
        file.settings = {
          schemaVersion: 1,
          baseUrl: "http://127.0.0.1:8080",
          // Rules for a public suffix covered strangers' sites; version 2 dropped them.
          autoTranslate: ["github.io", "reddit.com/r/de"],
        };
      }),
    );
    expect(read.patch).toEqual({ baseUrl: "http://127.0.0.1:8080", autoTranslate: ["reddit.com/r/de"] });
    expect(read.kept).toEqual([]);
  });

  it("keeps the current value of each invalid setting and names it, and restores the rest", async () => {
    const read = restored(
      fileWith((file) => {
        file.settings.maxConcurrent = 99;
        file.settings.glossary = [{ term: "Bahn", translation: "", lang: "klingon!", site: "" }];
      }),
    );
    expect(read.patch.maxConcurrent).toBeUndefined();
    expect(read.patch.glossary).toBeUndefined();
    expect(read.patch.model).toBe("gemma2:2b");
    const lines = restoredLines("old.json", read);
    expect(lines[0]).toBe(
      "Restored settings from old.json: 18 settings, 3 sites, 1 part left untranslated, 2 reply languages.",
    );
    expect(lines.slice(1)).toEqual([
      "Kept your current number of requests at once: the file's value was not valid. Requests at once must be a whole number from 0 to 16.",
      "Kept your current glossary: the file's value was not valid. “klingon!” is not a language code (glossary entry “Bahn”).",
    ]);

    const current = { ...DEFAULTS, maxConcurrent: 4, glossary: [{ term: "Zug", translation: "", lang: "", site: "" }] };
    const store = createSettingsStore(memoryStorage(current));
    const saved = await store.save(read.patch);
    expect(saved.saved && saved.settings.maxConcurrent).toBe(4);
    expect(saved.saved && saved.settings.glossary).toEqual(current.glossary);
    expect(saved.saved && saved.settings.model).toBe("gemma2:2b");
  });

  it("restores a list's valid entries and names those left out (a hand-edited glossary with one bad row)", () => {
    const read = restored(
      fileWith((file) => {
        file.settings.glossary = [
          { term: "Bahn", translation: "railway", lang: "", site: "" },
          { term: "Zug", translation: "", lang: "klingon!", site: "" },
        ];
      }),
    );
    expect(read.patch.glossary).toEqual([{ term: "Bahn", translation: "railway", lang: "", site: "" }]);
    expect(restoredLines("edited.json", read).slice(1)).toEqual([
      "Restored your glossary without what was not valid in it: “klingon!” is not a language code (glossary entry “Zug”).",
    ]);
  });

  it("brings back the look of translations below the original, and keeps the current one when the file's is unknown", () => {
    expect(restored(fileWith(() => undefined)).patch.bilingualStyle).toBe("blur");
    const read = restored(fileWith((file) => (file.settings.bilingualStyle = "sparkles")));
    expect(read.patch.bilingualStyle).toBeUndefined();
    expect(restoredLines("mine.json", read).slice(1)).toEqual([
      "Kept your current look of translations below the original: the file's value was not valid. Look of translations below the original must be one of: quiet, plain, underline, highlight, blur.",
    ]);
  });

  it("keeps what the file does not have (a glossary shared on its own)", () => {
    const read = restored(
      JSON.stringify({ format: "gloss-settings", settings: { glossary: [{ term: "Bahn", translation: "DB" }] } }),
    );
    expect(read.patch).toEqual({ glossary: [{ term: "Bahn", translation: "DB", lang: "", site: "" }] });
    expect(restoredLines("glossary.json", read)[0]).toBe(
      "Restored settings from glossary.json: 1 setting, 1 glossary term.",
    );
  });

  it("ignores what it does not know", () => {
    const text = fileWith((file) => {
      file.theme = "dark";
      file.settings.fontSize = 14;
    }).replace('"settings":{', '"settings":{"__proto__":{"polluted":true},');
    expect(text).toContain("__proto__");
    const read = restored(text);
    expect(read.kept).toEqual([]);
    expect(Object.keys(read.patch)).toHaveLength(20);
    expect(Object.keys(read.patch)).not.toContain("fontSize");
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    expect((read.patch as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it("never takes an API key from a file", () => {
    const read = restored(
      fileWith((file) => {
        file.settings.baseUrl = "https://collector.example";
        file.settings.apiKey = "sk-theirs";
        file.settings.apiKeyFor = "https://collector.example";
      }),
    );
    expect(read.patch).not.toHaveProperty("apiKey");
    expect(read.patch).not.toHaveProperty("apiKeyFor");
  });

  it("keeps the reader's key when the server stays, and asks first when the file would move it elsewhere", async () => {
    const current: Settings = { ...DEFAULTS, baseUrl: "http://192.168.1.20:8080", apiKey: KEY, apiKeyFor: "" };
    current.apiKeyFor = current.baseUrl;
    const sameServer = restored(fileWith((file) => (file.settings.baseUrl = current.baseUrl)));
    expect(restoreLosses(sameServer, current, false)).toEqual([]);
    const store = createSettingsStore(memoryStorage(current));
    const kept = await store.save(sameServer.patch);
    expect(kept.saved && kept.settings.apiKey).toBe(KEY);

    const otherServer = restored(fileWith((file) => (file.settings.baseUrl = "https://llm.example/v1")));
    expect(restoreLosses(otherServer, current, false)).toEqual([
      "This file's server is https://llm.example/v1. Your API key is only ever sent to http://192.168.1.20:8080, where it was entered, so restoring removes it: enter it again if the new server needs one.",
    ]);
    const moved = await createSettingsStore(memoryStorage(current)).save(otherServer.patch);
    expect(moved.saved && moved.settings.apiKey).toBe("");
    expect(moved.saved && keyRemovedNote(current, moved.settings)).toBe(
      "Your API key was for http://192.168.1.20:8080 and was removed: enter it again if https://llm.example/v1 needs one.",
    );
    expect(keyRemovedNote(current, current)).toBeUndefined();
  });

  it("asks first when the form has changes not saved yet", () => {
    const read = restored(fileWith(() => undefined));
    expect(restoreLosses(read, DEFAULTS, true)).toEqual(["Restoring replaces the changes you have not saved."]);
  });

  it("restores a file edited by hand: comments, commas before a closing bracket, Windows line ends, a BOM", () => {
    const text = [
      "\uFEFF{",
      '  "format": "gloss-settings", // as saved',
      '  "settings": {',
      '    /* my home server */ "baseUrl": "http://192.168.1.20:8080",',
      '    "model": "// not a comment, /* nor this */",',
      '    "autoTranslate": ["spiegel.de", "lemonde.fr",],',
      "  },",
      "}",
    ].join("\r\n");
    expect(restored(text).patch).toEqual({
      baseUrl: "http://192.168.1.20:8080",
      model: "// not a comment, /* nor this */",
      autoTranslate: ["spiegel.de", "lemonde.fr"],
    });
    // Cut short (a download that stopped): refused, with where the file breaks off.
    const cut = readBackup(text.slice(0, text.indexOf("lemonde")));
    expect(cut.ok ? "restored" : cut.message).toMatch(
      /^This file is not a Gloss settings file: it is not JSON \([^\uFEFF]+\)\.$/,
    );
  });

  it("names the file's settings this Gloss does not know (a newer Gloss's), rather than drop them unsaid", () => {
    const read = restored(
      fileWith((file) => {
        file.settings.pageTheme = "sepia";
        file.settings.readingRuler = true;
      }),
    );
    expect(read.patch.model).toBe("gemma2:2b");
    expect(restoredLines("new.json", read).slice(1)).toEqual([
      "Not restored: “pageTheme” and “readingRuler”, which this Gloss does not know (a newer Gloss may have saved them: update Gloss, then restore the file again).",
    ]);
  });

  it("refuses what is not a Gloss settings file, saying why", () => {
    const refusal = (text: string) => {
      const read = readBackup(text);
      return read.ok ? "restored" : read.message;
    };
    expect(refusal("hello")).toMatch(/^This file is not a Gloss settings file: it is not JSON \(.+\)\.$/);
    expect(refusal("")).toMatch(/^This file is not a Gloss settings file: it is not JSON/);
    expect(refusal(JSON.stringify({ settings: {} }))).toBe(
      'This file is not a Gloss settings file: it does not say "format": "gloss-settings".',
    );
    expect(refusal("[1, 2]")).toBe(
      'This file is not a Gloss settings file: it does not say "format": "gloss-settings".',
    );
    expect(refusal(JSON.stringify({ format: "gloss-settings", settings: [] }))).toBe(
      "This file is not a Gloss settings file: it holds no settings.",
    );
    expect(refusal(fileWith((file) => (file.settings.schemaVersion = SETTINGS_VERSION + 1)))).toBe(
      "This file was saved by a newer Gloss (0.1.0), whose settings this one cannot read: update Gloss, then restore it.",
    );
  });

  it("refuses a file larger than 1 MB without reading it", () => {
    expect(tooLargeMessage(MAX_BACKUP_BYTES)).toBeUndefined();
    expect(tooLargeMessage(5 * 1024 * 1024)).toBe(
      "This file is not a Gloss settings file: it is 5.0 MB, and Gloss's settings files are never larger than 1 MB.",
    );
    const huge = fileWith((file) => (file.padding = "x".repeat(MAX_BACKUP_BYTES)));
    expect(readBackup(huge)).toEqual({ ok: false, message: expect.stringMatching(/never larger than 1 MB/) });
  });

  it("refuses a list past its limit by the limit, without reading on (a 1 MB file of endless lists is quick)", () => {
    // The settings page (or, for the userscript, the page being read) waits on this. Before, every entry was checked,
    // each against all those before it, and a file just under 1 MB listing 100,000 sites held the thread for
    // seconds. What comes after the limit is not looked at: an entry there that is not valid is not the reason given.
    const sites = [...Array.from({ length: 100_000 }, (_, i) => `${i.toString(36)}.io`), "not a site!"];
    const terms = [
      ...Array.from({ length: 28_000 }, (_, i) => ({ term: `t${i}`, translation: "x" })),
      { term: "t0", translation: "x" }, // twice: would be the reason if it were reached
    ];
    for (const [name, list, limit] of [
      ["autoTranslate", sites, /at most 500 entries/],
      ["glossary", terms, /at most \d+ terms/],
    ] as const) {
      const text = JSON.stringify({ format: "gloss-settings", settings: { [name]: list } });
      expect(text.length).toBeLessThan(MAX_BACKUP_BYTES);
      const read = restored(text);
      expect(read.patch).toEqual({});
      const [, kept] = restoredLines("f.json", read);
      expect(kept).toMatch(/^Kept your current (sites to translate automatically|glossary):/);
      expect(kept).toMatch(limit);
    }
  });

  it("names reply languages it cannot use and restores the rest", () => {
    const read = restored(fileWith((file) => (file.writingLanguages = { "github.io": "de" })));
    expect(read.writingLanguages).toEqual({});
    expect(read.patch.model).toBe("gemma2:2b");
    expect(restoredLines("f.json", read)[1]).toBe(
      "Kept your current reply languages: the file's value was not valid. Each must be a site and a language code, at most 500.",
    );
  });

  it("says so when nothing in the file could be used", () => {
    const read = restored(JSON.stringify({ format: "gloss-settings", settings: { maxConcurrent: "lots" } }));
    expect(restoredLines("f.json", read)[0]).toBe(
      "Restored nothing from f.json: it holds no setting this Gloss can use.",
    );
  });
});

describe("reply languages in a backup", () => {
  it("lists the remembered choices, and restoring adds the file's over those of the same places", async () => {
    let stored: unknown = {
      "reddit.com/r/de": { lang: "de", at: 1 },
      "example.com": { lang: "fr", at: 2 },
      "not a site": { lang: "de", at: 3 },
    };
    const languages = createWritingLanguages(
      { read: async () => stored, write: async (value) => void (stored = value) },
      () => 10,
    );
    expect(await languages.all()).toEqual({ "example.com": "fr", "reddit.com/r/de": "de" });
    await languages.add({ "reddit.com/r/de": "de-AT", "reddit.com/r/france": "fr" });
    expect(await languages.all()).toEqual({
      "reddit.com/r/de": "de-AT",
      "reddit.com/r/france": "fr",
      "example.com": "fr",
    });
    expect(await languages.get("https://old.reddit.com/r/france/comments/1")).toBe("fr");
  });
});
