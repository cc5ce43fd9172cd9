// What the userscript's settings dialog saves for the API key: the saved key never goes back into the page, so an
// empty field means "keep it", unless the user pressed "Remove key".
import { describeReport } from "../../src/userscript/settings-connection-test";
import { apiKeyPatch, keyStateText } from "../../src/userscript/settings-key-field";

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

describe("settings dialog: the line about the saved key", () => {
  const saved = { apiKey: "saved", apiKeyFor: "http://127.0.0.1:8080" };
  it("says a key is saved while the address is the one it was entered for", () => {
    expect(keyStateText(saved, "http://127.0.0.1:8080/", false)).toBe("A key is saved. Type a new one to replace it.");
  });
  it("says the key stays with its address when the address changes", () => {
    expect(keyStateText(saved, "https://elsewhere.example", false)).toBe(
      "The saved key is for http://127.0.0.1:8080, and Gloss never sends it anywhere else. Saving this address " +
        "removes it: type the key again to use it here.",
    );
  });
  it("says it will be removed after Remove key", () => {
    expect(keyStateText(saved, "http://127.0.0.1:8080", true)).toBe("The saved key will be removed when you save.");
  });
});

describe("settings dialog: Test connection's report", () => {
  it("ends with the model check: verdict, summary, figures and advice", () => {
    const text = describeReport({
      ok: true,
      kind: "llama-server",
      model: "gemma-2-2b-it",
      modelCheck: {
        at: 0,
        targetLang: "en",
        verdict: "too-weak",
        summary: "This model is too weak for formatted pages: it loses links and formatting.",
        advice: "Try a larger model.",
        tags: { kept: 1, total: 4, repaired: 1 },
        segments: { kept: 6, total: 6 },
        language: { correct: 6, total: 6 },
        tokensPerSecond: 21.5,
        firstTokenMs: 420,
        durationMs: 2300,
      },
    });
    expect(text).toBe(
      [
        "Connected.",
        "Model: gemma-2-2b-it",
        "",
        "Model check: too weak for formatted pages.",
        "This model is too weak for formatted pages: it loses links and formatting.",
        "Formatting kept: 1 of 4 sentences (1 repaired by Gloss)",
        "Passages in place: 6 of 6",
        "Target language: 6 of 6",
        "Speed: 21.5 tokens/s",
        "First token: after 0.4 s",
        "Took: 2.3 s",
        "Try a larger model.",
      ].join("\n"),
    );
  });
});
