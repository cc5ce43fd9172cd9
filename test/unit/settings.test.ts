import { siteOf } from "../../src/shared/site-rules";
import {
  addressForPreset,
  displayModeFor,
  DEFAULTS,
  effectiveTargetLang,
  migrateSettings,
  readSettings,
  SETTINGS_VERSION,
  validateBaseUrl,
  validateSettingsPatch,
} from "../../src/shared/settings";

describe("reading stored settings", () => {
  it("gives the defaults when nothing is stored", () => {
    expect(readSettings(undefined).settings).toEqual(DEFAULTS);
    expect(readSettings("garbage").settings).toEqual(DEFAULTS);
  });

  it("keeps valid fields and falls back per field, reporting each bad one", () => {
    const { settings, problems } = readSettings({
      schemaVersion: SETTINGS_VERSION,
      baseUrl: "http://192.168.1.20:8080/",
      targetLang: "pt-br",
      maxConcurrent: 99,
      preset: "nonsense",
    });
    expect(settings.baseUrl).toBe("http://192.168.1.20:8080");
    expect(settings.targetLang).toBe("pt-BR");
    expect(settings.maxConcurrent).toBe(DEFAULTS.maxConcurrent);
    expect(settings.preset).toBe(DEFAULTS.preset);
    expect(Object.keys(problems).sort()).toEqual(["maxConcurrent", "preset"]);
  });

  it("one entry of a stored list that is not valid (now) costs that entry, not the whole list, and is named", () => {
    // A site that has since become a public suffix (the list is updated with Gloss), a term typed twice in a storage
    // editor: a year's glossary, sites and parts left untranslated were all reset for one such entry.
    const { settings, problems } = readSettings({
      schemaVersion: SETTINGS_VERSION,
      autoTranslate: ["spiegel.de", "github.io", "lemonde.fr"],
      neverTranslate: ["de", "klingon!", "fr"],
      glossary: [
        { term: "Bahn", translation: "railway", lang: "", site: "" },
        { term: "Zug", translation: "", lang: "klingon!", site: "" },
        { term: "bahn", translation: "train", lang: "", site: "" },
        { term: "Gloss", translation: "", lang: "", site: "" },
      ],
      skipParts: [
        { site: "reddit.com", selector: ".side" },
        { site: "reddit.com", selector: "" },
      ],
      siteDisplayModes: { "reddit.com": "bilingual", "lemonde.fr": "sideways" },
    });
    expect(settings.autoTranslate).toEqual(["spiegel.de", "lemonde.fr"]);
    expect(settings.neverTranslate).toEqual(["de", "fr"]);
    expect(settings.glossary.map((e) => e.term)).toEqual(["Bahn", "Gloss"]);
    expect(settings.skipParts).toEqual([{ site: "reddit.com", selector: ".side" }]);
    expect(settings.siteDisplayModes).toEqual({ "reddit.com": "bilingual" });
    expect(problems.autoTranslate).toMatch(/github\.io/);
    expect(problems.glossary).toMatch(/klingon!.*2 entries left out/);
    expect(Object.keys(problems).sort()).toEqual([
      "autoTranslate",
      "glossary",
      "neverTranslate",
      "siteDisplayModes",
      "skipParts",
    ]);
  });

  it("a change from the options page with one entry that is not valid is still refused whole", () => {
    const checked = validateSettingsPatch({ autoTranslate: ["spiegel.de", "github.io"] });
    expect(checked).toEqual({ ok: false, errors: { autoTranslate: expect.stringMatching(/github\.io/) } });
    expect(validateSettingsPatch({ glossary: [{ term: "a" }, { term: "A" }] }).ok).toBe(false);
  });

  it("never shares arrays with DEFAULTS", () => {
    const { settings } = readSettings({});
    settings.autoTranslate.push("example.com");
    expect(DEFAULTS.autoTranslate).toEqual([]);
  });
});

describe("migrations", () => {
  it("runs the migrations after the stored version, in order, and stamps the new version", () => {
    const calls: number[] = [];
    const migrations = [
      (raw: Record<string, unknown>) => (calls.push(0), { ...raw, a: 1 }),
      (raw: Record<string, unknown>) => (calls.push(1), { ...raw, b: (raw.a as number) + 1 }),
      (raw: Record<string, unknown>) => (calls.push(2), { ...raw, c: (raw.b as number) + 1 }),
    ];
    expect(migrateSettings({ schemaVersion: 1, a: 5 }, migrations, 3)).toEqual({ schemaVersion: 3, a: 5, b: 6, c: 7 });
    expect(calls).toEqual([1, 2]);
  });

  it("2: drops auto-translate rules that name a public suffix, keeps the others", () => {
    const { settings, problems } = readSettings({
      schemaVersion: 1,
      autoTranslate: ["github.io", "alice.github.io", "reddit.com/r/de", "co.uk"],
    });
    expect(settings.autoTranslate).toEqual(["alice.github.io", "reddit.com/r/de"]);
    expect(problems).toEqual({});
  });

  it("treats unversioned data as version 0", () => {
    const migrated = migrateSettings({ baseUrl: "http://localhost:9000" });
    expect(migrated.schemaVersion).toBe(SETTINGS_VERSION);
    expect(readSettings({ baseUrl: "http://localhost:9000" }).settings.baseUrl).toBe("http://localhost:9000");
  });
});

describe("validating a change from the options page", () => {
  it("normalises good values", () => {
    const result = validateSettingsPatch({
      baseUrl: " http://127.0.0.1:11434/v1/ ",
      neverTranslate: "FR, es ,",
      autoTranslate: "https://Old.Reddit.com/r/de/\nlemonde.fr",
      maxBatchChars: "2000",
      maxConcurrent: "0",
      instructionsInSystem: true,
    });
    expect(result).toEqual({
      ok: true,
      patch: {
        baseUrl: "http://127.0.0.1:11434/v1",
        neverTranslate: ["fr", "es"],
        autoTranslate: ["old.reddit.com/r/de", "lemonde.fr"],
        maxBatchChars: 2000,
        maxConcurrent: 0,
        instructionsInSystem: true,
      },
    });
  });

  it("explains every bad value and saves none of them", () => {
    const result = validateSettingsPatch({
      baseUrl: "127.0.0.1:8080",
      targetLang: "english",
      autoTranslate: "not a site",
      maxConcurrent: 2.5,
      favouriteColour: "blue",
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.baseUrl).toMatch(/http:\/\//);
    expect(result.errors.targetLang).toMatch(/language code/);
    expect(result.errors.autoTranslate).toMatch(/not a site/);
    expect(result.errors.maxConcurrent).toMatch(/whole number/);
    expect(result.errors).toHaveProperty("favouriteColour");
  });

  it.each([100, "8 000", 50_000])("a batch size of %j is refused, the message naming 0 (automatic) too", (value) => {
    const result = validateSettingsPatch({ maxBatchChars: value });
    expect(result).toEqual({
      ok: false,
      errors: {
        maxBatchChars:
          "Batch size must be 0 (from the server's context size) or a whole number from 200 to 20000, in characters " +
          "as English or German counts them: a Chinese, Japanese or Korean character counts as about 3, a Greek, Hebrew, " +
          "Hindi or Thai one as about 1.5.",
      },
    });
  });

  it.each(["constructor", "toString", "hasOwnProperty", "__proto__"])(
    "names %j as an unknown setting (a name every object has is no setting either)",
    (name) => {
      const result = validateSettingsPatch(JSON.parse(`{"${name}": "x", "model": "gemma"}`));
      expect(result).toEqual({ ok: false, errors: { [name]: `Unknown setting “${name}”.` } });
    },
  );

  it("takes an API key as it can be sent, without a pasted 'Bearer', keeping spaces a key was made with", () => {
    expect(validateSettingsPatch({ apiKey: " Bearer sk-1 " })).toEqual({ ok: true, patch: { apiKey: "sk-1" } });
    for (const pasted of ["Authorization: Bearer sk-1", "authorization:bearer  sk-1", "Authorization: sk-1"]) {
      expect(validateSettingsPatch({ apiKey: pasted })).toEqual({ ok: true, patch: { apiKey: "sk-1" } });
    }
    expect(validateSettingsPatch({ apiKey: "my long phrase" })).toEqual({
      ok: true,
      patch: { apiKey: "my long phrase" },
    });
  });

  it.each([
    ["sk-abc\u200bdef", "an invisible character (U+200B)"],
    ["sk-abc\u00a0def", "an invisible character (U+00A0)"],
    ["sk-abc…", "“…” (U+2026)"],
    ["clé", "“é” (U+00E9)"],
  ])("refuses the API key %j, which no request could carry, naming what is in it", (key, named) => {
    const result = validateSettingsPatch({ apiKey: key });
    expect(result).toEqual({
      ok: false,
      errors: {
        apiKey: `The API key holds ${named}, which cannot be sent to a server. Paste the key again, or type it.`,
      },
    });
  });

  it("refuses what the browser could not put in a request's header at all (the request failed as unreachable)", () => {
    for (const key of ["sk-abc\u200bdef", "sk-abc…"]) {
      expect(() => new Headers({ Authorization: `Bearer ${key}` })).toThrow();
      expect(validateSettingsPatch({ apiKey: key }).ok).toBe(false);
    }
  });

  it("takes the address a server prints when it listens on every network as this machine's, its key kept", () => {
    expect(validateSettingsPatch({ baseUrl: "http://0.0.0.0:8080/" })).toEqual({
      ok: true,
      patch: { baseUrl: "http://127.0.0.1:8080" },
    });
    expect(validateBaseUrl("http://[::]:11434/v1")).toEqual({ ok: true, value: "http://[::1]:11434/v1" });
    // Saved before: the key entered for it stays with it.
    const stored = { baseUrl: "http://0.0.0.0:11434/v1", apiKey: "sk-1", apiKeyFor: "http://0.0.0.0:11434/v1" };
    expect(readSettings(stored)).toMatchObject({
      settings: { baseUrl: "http://127.0.0.1:11434/v1", apiKey: "sk-1", apiKeyFor: "http://127.0.0.1:11434/v1" },
      problems: {},
    });
  });

  it.each([
    ["", /Enter the server's address/],
    ["ftp://host", /http:\/\/ or https:\/\/ \(not ftp:\/\/\)/],
    ["localhost:8080", /^The address must start with http:\/\/ or https:\/\/, for example http:\/\/localhost:8080\.$/],
    ["ollama.lan:11434/v1", /for example http:\/\/ollama\.lan:11434\/v1\.$/],
    ["http://user:pw@host", /API key/],
    ["http://host/?q=1", /\?/],
    ["not a url", /not a web address/],
  ])("rejects the server address %j", (value, message) => {
    const result = validateBaseUrl(value);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});

describe("target language", () => {
  it("follows the browser's UI language until the user picks one", () => {
    expect(effectiveTargetLang({ targetLang: "" }, "de-DE")).toBe("de-DE");
    expect(effectiveTargetLang({ targetLang: "fr" }, "de-DE")).toBe("fr");
    expect(effectiveTargetLang({ targetLang: "" }, "")).toBe("en");
  });
});

describe("changing the server type", () => {
  it("follows the preset's address unless the user typed their own", () => {
    expect(addressForPreset("http://127.0.0.1:8080", "ollama")).toBe("http://127.0.0.1:11434/v1");
    expect(addressForPreset("http://127.0.0.1:11434/v1/", "lmstudio")).toBe("http://127.0.0.1:1234/v1");
    expect(addressForPreset("", "llama-server")).toBe("http://127.0.0.1:8080");
    expect(addressForPreset("http://192.168.1.9:8080", "ollama")).toBe("http://192.168.1.9:8080");
    // A preset's own address written another way (with /v1, as localhost) is still that preset's, not the user's.
    expect(addressForPreset("http://127.0.0.1:8080/v1", "ollama")).toBe("http://127.0.0.1:11434/v1");
    expect(addressForPreset("http://localhost:11434/", "lmstudio")).toBe("http://127.0.0.1:1234/v1");
    expect(addressForPreset("http://LOCALHOST:1234", "llama-server")).toBe("http://127.0.0.1:8080");
    expect(addressForPreset("http://localhost.lan:1234", "llama-server")).toBe("http://localhost.lan:1234");
    expect(addressForPreset("http://127.0.0.1:8080/v2", "ollama")).toBe("http://127.0.0.1:8080/v2");
  });
});

describe("display modes (bilingual view)", () => {
  it("settings saved before display modes existed keep replacing the original, on every site", () => {
    const { settings, problems } = readSettings({ schemaVersion: 2, targetLang: "en" });
    expect(settings.schemaVersion).toBe(SETTINGS_VERSION);
    expect(settings.displayMode).toBe("replace");
    expect(settings.siteDisplayModes).toEqual({});
    expect(problems).toEqual({});
  });

  it("a site's own choice wins over the default", () => {
    const { settings } = readSettings({ displayMode: "replace", siteDisplayModes: { "reddit.com": "bilingual" } });
    expect(displayModeFor(settings, "reddit.com")).toBe("bilingual");
    expect(displayModeFor(settings, "example.com")).toBe("replace");
    expect(displayModeFor({ ...settings, displayMode: "bilingual" }, "")).toBe("bilingual");
    // Not fooled by keys every object has.
    expect(displayModeFor(settings, "constructor")).toBe("replace");
  });

  it("keeps the choice for any site a page can be on, a host with an underscore too (a Docker service's name)", () => {
    const site = siteOf("http://web_app:8080/");
    const checked = validateSettingsPatch({ siteDisplayModes: { "reddit.com": "bilingual", [site]: "bilingual" } });
    expect(checked).toEqual({
      ok: true,
      patch: { siteDisplayModes: { "reddit.com": "bilingual", web_app: "bilingual" } },
    });
    // A name every object has is kept as a site's own entry, not taken as the map's prototype.
    const odd = validateSettingsPatch(JSON.parse(`{"siteDisplayModes": {"__proto__": "bilingual"}}`));
    expect(odd.ok && Object.hasOwn(odd.patch.siteDisplayModes!, "__proto__")).toBe(true);
    expect(odd.ok && Object.getPrototypeOf(odd.patch.siteDisplayModes)).toBe(Object.prototype);
  });

  it("rejects unknown modes and malformed site maps with a reason, keeping the rest", () => {
    const checked = validateSettingsPatch({ displayMode: "sideways", siteDisplayModes: { "reddit.com": "both" } });
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(Object.keys(checked.errors).sort()).toEqual(["displayMode", "siteDisplayModes"]);
    const { settings, problems } = readSettings({ siteDisplayModes: ["reddit.com"], displayMode: "bilingual" });
    expect(settings.siteDisplayModes).toEqual({});
    expect(settings.displayMode).toBe("bilingual");
    expect(Object.keys(problems)).toEqual(["siteDisplayModes"]);
  });
});

describe("the look of translations in the bilingual view", () => {
  it("settings saved before there was a choice keep today's quiet look, with no new schema version", () => {
    const { settings, problems } = readSettings({ schemaVersion: SETTINGS_VERSION, displayMode: "bilingual" });
    expect(settings.bilingualStyle).toBe("quiet");
    expect(problems).toEqual({});
    expect(migrateSettings({ schemaVersion: SETTINGS_VERSION, bilingualStyle: "blur" })).toEqual({
      schemaVersion: SETTINGS_VERSION,
      bilingualStyle: "blur",
    });
  });

  it("takes each style, and refuses an unknown one with a reason, falling back to quiet", () => {
    for (const style of ["quiet", "plain", "underline", "highlight", "blur"]) {
      expect(validateSettingsPatch({ bilingualStyle: style })).toEqual({ ok: true, patch: { bilingualStyle: style } });
    }
    const checked = validateSettingsPatch({ bilingualStyle: "sparkles" });
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.errors.bilingualStyle).toMatch(/quiet, plain, underline, highlight, blur/);
    const { settings, problems } = readSettings({ bilingualStyle: 3, displayMode: "bilingual" });
    expect(settings.bilingualStyle).toBe("quiet");
    expect(settings.displayMode).toBe("bilingual");
    expect(Object.keys(problems)).toEqual(["bilingualStyle"]);
  });
});
