// What the userscript's settings dialog saves for the API key: the saved key never goes back into the page, so an
// empty field means "keep it", unless the user pressed "Remove key".
import { apiKeyPatch } from "../../src/userscript/settings-dialog";

describe("settings dialog: API key on save", () => {
  it("keeps the saved key when the field is left empty", () => {
    expect(apiKeyPatch("", false)).toEqual({});
  });
  it("removes it only after Remove key", () => {
    expect(apiKeyPatch("", true)).toEqual({ apiKey: "" });
  });
  it("replaces it with a typed key, whether or not Remove key was pressed", () => {
    expect(apiKeyPatch("sk-new", false)).toEqual({ apiKey: "sk-new" });
    expect(apiKeyPatch("sk-new", true)).toEqual({ apiKey: "sk-new" });
  });
});
