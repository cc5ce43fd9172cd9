// The settings as the userscript reads them in the page's world, under the auditor's attack: the page has replaced
// JSON.parse and the methods of strings, arrays and objects, and put setters on Object.prototype, before Gloss runs.
// Nothing of the key, and no other site, may pass through anything the page replaced; this page's settings still
// come through whole.
import { readSettings, type Settings } from "../../src/shared/settings";
import { readPageWorldSettings, type PagePlace } from "../../src/userscript/page-world-settings";

const SECRET = "sk-gloss-hostile-page-secret";
const OTHER_SITE = "mybank.example";
const HERE: PagePlace = { host: "old.reddit.com", site: "reddit.com" };

const stored = {
  schemaVersion: 5,
  preset: "ollama",
  baseUrl: "http://127.0.0.1:11434/v1",
  apiKey: SECRET,
  apiKeyFor: "http://127.0.0.1:11434/v1",
  model: "gemma2:2b",
  targetLang: "en",
  neverTranslate: ["fr"],
  autoTranslate: [`${OTHER_SITE}/accounts`, "reddit.com/r/de", "news.example"],
  glossary: [
    { term: "Bahn", translation: "Deutsche Bahn", lang: "", site: "" },
    { term: "Konto", translation: "account", lang: "en", site: OTHER_SITE },
    { term: "Beitrag", translation: "post", lang: "en", site: "reddit.com/r/de" },
  ],
  customInstructions: 'Say "du".',
  displayMode: "replace",
  siteDisplayModes: { [OTHER_SITE]: "bilingual", "reddit.com": "bilingual" },
  bilingualStyle: "underline",
  hoverTranslate: true,
  skipParts: [
    { site: OTHER_SITE, selector: "#balance" },
    { site: "reddit.com", selector: ".side" },
  ],
};

/**
 * Runs `read` with the page's replacements in place, and returns what they saw that holds the key or names the other
 * site (in `this`, an argument, a value set or a text parsed).
 */
function underAttack(read: () => void): string[] {
  const seen: string[] = [];
  const reflect = Reflect.apply;
  const includes = String.prototype.includes;
  // The page's own bookkeeping goes through what it replaced too: it looks only from the outermost call.
  let inside = false;
  const look = (what: string, self: unknown, args: readonly unknown[]) => {
    if (inside) return;
    inside = true;
    try {
      for (const value of [self, ...args]) {
        let text = "";
        try {
          text = typeof value === "string" ? value : typeof value === "object" && value ? JSON.stringify(value) : "";
        } catch {
          // not something the page could read as text
        }
        if (reflect(includes, text, [SECRET]) || reflect(includes, text, [OTHER_SITE])) seen.push(`${what}: ${text}`);
      }
    } finally {
      inside = false;
    }
  };
  const restore: Array<() => void> = [];
  const replace = (owner: object, name: PropertyKey, label: string) => {
    const descriptor = Object.getOwnPropertyDescriptor(owner, name);
    if (!descriptor || typeof descriptor.value !== "function" || !descriptor.writable) return;
    const original = descriptor.value as (...args: unknown[]) => unknown;
    Object.defineProperty(owner, name, {
      ...descriptor,
      value: new Proxy(original, {
        apply(target, self, args: unknown[]) {
          look(label, self, args);
          return reflect(target, self, args);
        },
      }),
    });
    restore.push(() => Object.defineProperty(owner, name, descriptor));
  };
  const owners: Array<[object, string]> = [
    [JSON, "JSON"],
    [Object, "Object"],
    [String.prototype, "String.prototype"],
    [Array.prototype, "Array.prototype"],
    [RegExp.prototype, "RegExp.prototype"],
  ];
  // A setter on Object.prototype sees a value assigned to a plain object under that name.
  for (const name of ["apiKey", "authorization", "Authorization", OTHER_SITE]) {
    Object.defineProperty(Object.prototype, name, {
      configurable: true,
      set(value: unknown) {
        look(`set ${name}`, this, [value]);
        Object.defineProperty(this, name, { value, writable: true, enumerable: true, configurable: true });
      },
    });
    restore.push(() => delete (Object.prototype as Record<string, unknown>)[name]);
  }
  try {
    for (const [owner, label] of owners) {
      for (const name of Reflect.ownKeys(owner)) if (name !== "constructor") replace(owner, name, label);
    }
    read();
  } finally {
    for (const undo of restore.reverse()) undo();
  }
  return seen;
}

describe("userscript settings in the page's world", () => {
  it("reads this page's settings without the key or any other site passing through the page's functions", () => {
    const text = JSON.stringify(stored);
    let settings: Settings | undefined;
    const seen = underAttack(() => {
      settings = readSettings(readPageWorldSettings(text, HERE)).settings;
    });
    expect(seen).toEqual([]);
    expect(settings).toMatchObject({
      preset: "ollama",
      baseUrl: "http://127.0.0.1:11434/v1",
      apiKey: "",
      apiKeyFor: "",
      model: "gemma2:2b",
      targetLang: "en",
      neverTranslate: ["fr"],
      autoTranslate: ["reddit.com/r/de"],
      glossary: [
        { term: "Bahn", translation: "Deutsche Bahn", lang: "", site: "" },
        { term: "Beitrag", translation: "post", lang: "en", site: "reddit.com/r/de" },
      ],
      customInstructions: 'Say "du".',
      siteDisplayModes: { "reddit.com": "bilingual" },
      hoverTranslate: true,
      skipParts: [{ site: "reddit.com", selector: ".side" }],
    });
  });

  it("the attack itself works: the usual JSON.parse hands the page the key and the other site", () => {
    const text = JSON.stringify(stored);
    const seen = underAttack(() => void readSettings(JSON.parse(text)));
    expect(seen.join("\n")).toContain(SECRET);
    expect(seen.join("\n")).toContain(OTHER_SITE);
  });

  it("reads the same settings as the usual reader does, less the key, where nothing names another site", () => {
    const here = { ...stored, autoTranslate: ["reddit.com/r/de"], siteDisplayModes: { "reddit.com": "bilingual" } };
    here.glossary = [stored.glossary[0]!, stored.glossary[2]!];
    here.skipParts = [stored.skipParts[1]!];
    const text = JSON.stringify(here, null, 2);
    const usual = readSettings(JSON.parse(text)).settings;
    expect(readSettings(readPageWorldSettings(text, HERE)).settings).toEqual({ ...usual, apiKey: "", apiKeyFor: "" });
  });

  it("takes rules for the host or a domain above it, with a scheme or as a text list, and no lookalike", () => {
    const rules = (autoTranslate: unknown) =>
      readSettings(readPageWorldSettings(JSON.stringify({ autoTranslate }), HERE)).settings.autoTranslate;
    expect(rules(["https://Old.Reddit.com/r/de/", "*.reddit.com", "oldreddit.com", "reddit.co"])).toEqual([
      "old.reddit.com/r/de",
      "reddit.com",
    ]);
    expect(rules("reddit.com/r/de,\r\nmybank.example\nold.reddit.com:8080")).toEqual([
      "reddit.com/r/de",
      "old.reddit.com:8080",
    ]);
  });

  it("leaves out what it cannot read without decoding it, and reads nothing from what is not JSON", () => {
    const escaped =
      '{"glossary":[{"term":"a","site":"\\u006dybank.example"},{"term":"b","site":""}],"targetLang":"de"}';
    expect(readSettings(readPageWorldSettings(escaped, HERE)).settings).toMatchObject({
      targetLang: "de",
      glossary: [{ term: "b", translation: "", lang: "", site: "" }],
    });
    for (const bad of ['{"baseUrl": "http://x"', '{"a":1} x', "[1]", "", 42, undefined, '{"a":tru}']) {
      expect(readPageWorldSettings(bad, HERE)).toBeUndefined();
    }
    expect(readPageWorldSettings("{}", HERE)).toEqual({});
  });
});
