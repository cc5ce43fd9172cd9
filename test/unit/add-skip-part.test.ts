// A part picked on a page and saved from the picker's panel: added to the settings for the page's own site, refused
// with a clear reason when it is already there, when the rule is for another site, or when the selector is not one.
import { addSkipPart, siteRuleForPart } from "../../src/shared/add-skip-part";
import { DEFAULTS, type Settings } from "../../src/shared/settings";
import { createSettingsStore } from "../../src/shared/settings-store";

function store(initial: Partial<Settings> = {}) {
  let saved: Settings = { ...DEFAULTS, ...initial };
  const settings = createSettingsStore({
    read: async () => saved,
    write: async (next) => void (saved = next),
  });
  return { update: settings.update, saved: () => saved };
}

const PAGE = "https://old.reddit.com/r/de/comments/1/";

test("the part is offered for the page's whole site, with its port", () => {
  expect(siteRuleForPart(PAGE)).toBe("reddit.com");
  expect(siteRuleForPart("http://localhost:8080/a")).toBe("localhost:8080");
  expect(siteRuleForPart("about:blank")).toBe("");
});

test("a part picked on the page is saved for its site, or a part of it", async () => {
  const s = store();
  await expect(addSkipPart(s.update, { site: "reddit.com", selector: ".side" }, PAGE)).resolves.toEqual({
    ok: true,
    part: { site: "reddit.com", selector: ".side" },
  });
  await addSkipPart(s.update, { site: "reddit.com/r/de", selector: ".titlebox" }, PAGE);
  expect(s.saved().skipParts).toEqual([
    { site: "reddit.com", selector: ".side" },
    { site: "reddit.com/r/de", selector: ".titlebox" },
  ]);
});

test("the same part twice is refused, and the settings keep one", async () => {
  const s = store({ skipParts: [{ site: "reddit.com", selector: ".side" }] });
  const again = await addSkipPart(s.update, { site: "reddit.com", selector: " .side " }, PAGE);
  expect(again).toEqual({ ok: false, message: "“.side” is already left untranslated on reddit.com." });
  expect(s.saved().skipParts).toHaveLength(1);
});

test("a part already left untranslated on the whole site is not saved again for a part of it", async () => {
  const s = store({ skipParts: [{ site: "reddit.com", selector: ".side" }] });
  for (const site of ["reddit.com/r/de", "old.reddit.com"]) {
    const again = await addSkipPart(s.update, { site, selector: ".side" }, PAGE);
    expect(again).toEqual({ ok: false, message: "“.side” is already left untranslated on reddit.com." });
  }
  expect(s.saved().skipParts).toEqual([{ site: "reddit.com", selector: ".side" }]);
  // Another part of the site, or the same selector on a part of the site the known rule does not cover, is saved.
  const t = store({ skipParts: [{ site: "reddit.com/r/en", selector: ".side" }] });
  await expect(addSkipPart(t.update, { site: "reddit.com/r/de", selector: ".side" }, PAGE)).resolves.toMatchObject({
    ok: true,
  });
  await expect(addSkipPart(t.update, { site: "reddit.com", selector: ".side" }, PAGE)).resolves.toMatchObject({
    ok: true,
  });
});

test("a rule for another site than the page's, or a broken selector, is refused with the reason", async () => {
  const s = store();
  const elsewhere = await addSkipPart(s.update, { site: "example.com", selector: ".side" }, PAGE);
  expect(elsewhere).toEqual({
    ok: false,
    message: "example.com is not this page's site: name reddit.com, or a part of it.",
  });
  const broken = await addSkipPart(s.update, { site: "reddit.com", selector: ".side {" }, PAGE);
  expect(broken.ok).toBe(false);
  expect(!broken.ok && broken.message).toContain("is not a CSS selector");
  expect(s.saved().skipParts).toEqual([]);
});
