// The reader's parts of sites left untranslated, as the settings hold them: what is refused and why, what a stored
// version before them becomes, and which parts apply to a page. (Node: no DOM, so a selector's shape is checked here;
// the browser's own parser is tried in the options page's test.)
import "../helpers/fake-extension"; // the background modules read the extension API as they load
import { contentConfigFor } from "../../src/background/content-config";
import { saveSettings } from "../../src/background/settings-store";
import type { TranslationService } from "../../src/connection/translation-service";
import { migrateSettings, readSettings, SETTINGS_VERSION, validateSettingsPatch } from "../../src/shared/settings";
import { skipPartsFor } from "../../src/shared/skip-parts";

const error = (skipParts: unknown) => {
  const checked = validateSettingsPatch({ skipParts });
  return checked.ok ? undefined : checked.errors.skipParts;
};

describe("a part left untranslated, as a setting", () => {
  it("is kept with its site written as auto-translate rules are (lower case, no scheme, no trailing slash)", () => {
    const checked = validateSettingsPatch({
      skipParts: [{ site: "https://Old.Reddit.com/r/de/", selector: "  div.side   > .titlebox " }],
    });
    expect(checked.ok && checked.patch.skipParts).toEqual([
      { site: "old.reddit.com/r/de", selector: "div.side > .titlebox" },
    ]);
  });

  it("needs a site, and one that is a site (not a public suffix), said with the part it is for", () => {
    expect(error([{ site: "", selector: ".side" }])).toBe(
      "Name the site where “.side” stays untranslated, e.g. reddit.com.",
    );
    expect(error([{ site: "not a site", selector: ".side" }])).toMatch(/“not a site” is not a site/);
    expect(error([{ site: "github.io", selector: ".side" }])).toMatch(/“github.io” is shared by many unrelated sites/);
  });

  it("needs a selector: not empty, not over-long, and one that reads as a selector", () => {
    expect(error([{ site: "reddit.com", selector: " " }])).toBe(
      "Name the part of reddit.com to leave untranslated as a CSS selector, e.g. .side.",
    );
    expect(error([{ site: "reddit.com", selector: `.${"a".repeat(300)}` }])).toMatch(/at most 300 characters/);
    for (const selector of ["div[class='side'", ":not(.side", ".side { color: red }", "a]", ".side; b"]) {
      expect(error([{ site: "reddit.com", selector }])).toBe(
        `“${selector}” is not a CSS selector Gloss can use. Write one such as .side, #sidebar or aside.`,
      );
    }
    // Brackets in a quoted value are text, not brackets.
    expect(error([{ site: "reddit.com", selector: 'a[title="(see ]"]' }])).toBeUndefined();
  });

  it("is refused when the same part of the same site is listed twice, and past 200 parts", () => {
    const side = { site: "reddit.com", selector: ".side" };
    expect(error([side, { site: "REDDIT.com", selector: ".side" }])).toBe("“.side” on reddit.com is listed twice.");
    const many = Array.from({ length: 201 }, (_, i) => ({ site: "reddit.com", selector: `#part-${i}` }));
    expect(error(many)).toBe("At most 200 parts can be left untranslated.");
    expect(error("reddit.com .side")).toBe("Parts left untranslated must be a list.");
  });

  it("comes to settings stored before it as none, and a stored list that is not valid falls back to none, said", () => {
    expect(SETTINGS_VERSION).toBe(6);
    const old = readSettings({ schemaVersion: 5, autoTranslate: ["reddit.com/r/de"] });
    expect(old.settings.skipParts).toEqual([]);
    expect(old.settings.autoTranslate).toEqual(["reddit.com/r/de"]);
    expect(old.problems).toEqual({});
    expect(migrateSettings({ schemaVersion: 5 }).schemaVersion).toBe(6);
    const stored = readSettings({ schemaVersion: 6, skipParts: [{ site: "reddit.com", selector: ".side" }] });
    expect(stored.settings.skipParts).toEqual([{ site: "reddit.com", selector: ".side" }]);
    const broken = readSettings({ schemaVersion: 6, skipParts: [{ site: "reddit.com", selector: "a[" }] });
    expect(broken.settings.skipParts).toEqual([]);
    expect(broken.problems.skipParts).toMatch(/“a\[” is not a CSS selector/);
  });
});

describe("the parts that apply to a page", () => {
  const parts = [
    { site: "reddit.com", selector: ".side" },
    { site: "reddit.com/r/de", selector: "#ticker" },
    { site: "example.com", selector: ".content" },
    { site: "old.reddit.com", selector: ".side" },
  ];

  it("are its site's (subdomains and paths as auto-translate rules match them), each selector once", () => {
    expect(skipPartsFor(parts, "https://old.reddit.com/r/de/comments/1/")).toEqual([".side", "#ticker"]);
    expect(skipPartsFor(parts, "https://www.reddit.com/r/denmark/")).toEqual([".side"]);
    expect(skipPartsFor(parts, "https://example.org/")).toEqual([]);
  });

  it("are what the extension's background tells the page, and no other site's", async () => {
    const service = { capacity: async () => ({ slots: 1, contextSize: 4096 }) } as unknown as TranslationService;
    await saveSettings({ skipParts: parts });
    expect((await contentConfigFor(service, "https://www.reddit.com/r/de/")).skipParts).toEqual([".side", "#ticker"]);
    expect((await contentConfigFor(service, "https://www.example.com/news")).skipParts).toEqual([".content"]);
    expect((await contentConfigFor(service, "https://lemonde.fr/")).skipParts).toEqual([]);
  });
});
