// The userscript's settings as its manager stores them: the JSON text Gloss writes, or an object a user wrote in the
// manager's storage editor; either way the user's values are read, never the defaults in their place.
import { readSettings, SETTINGS_VERSION } from "../../src/shared/settings";
import { parseStoredSettings, unreadableStoredSettings } from "../../src/userscript/stored-settings";

const stored = { schemaVersion: SETTINGS_VERSION, baseUrl: "http://127.0.0.1:9090", targetLang: "de" };

test("the JSON text Gloss writes", () => {
  expect(readSettings(parseStoredSettings(JSON.stringify(stored))).settings).toMatchObject(stored);
});

test("an object written in the manager's storage editor is read too, not replaced by the defaults", () => {
  expect(readSettings(parseStoredSettings(stored)).settings).toMatchObject(stored);
});

test.each([undefined, null, 42, "not json", "[1, 2"])("nothing usable (%j): the defaults", (raw) => {
  expect(readSettings(parseStoredSettings(raw)).settings.baseUrl).toBe("http://127.0.0.1:8080");
});

test.each([
  ['{ "baseUrl": "http://127.0.0.1:9090", }', true],
  ["[1, 2]", true],
  [42, true],
  [JSON.stringify(stored), false],
  [stored, false],
  [undefined, false],
])("a value that is not settings at all (%j) is told from one that is, or none: %j", (raw, unreadable) => {
  expect(unreadableStoredSettings(raw)).toBe(unreadable);
});
