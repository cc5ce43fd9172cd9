// The background modules load the extension API (webextension-polyfill): give them the fake one first.
import "../helpers/fake-extension";
import { badgeFor } from "../../src/background/badge";
import { batchCharsFor } from "../../src/connection/capacity";
import { isContentCommand, isEnvelope, isPortRequest } from "../../src/shared/messages";

describe("message shapes", () => {
  it("accepts only known messages with an object request", () => {
    expect(isEnvelope({ name: "getSettings", request: {} })).toBe(true);
    expect(isEnvelope({ name: "getSettings" })).toBe(false);
    expect(isEnvelope({ name: "deleteEverything", request: {} })).toBe(false);
    expect(isEnvelope("getSettings")).toBe(false);
    expect(isContentCommand({ command: "toggle" })).toBe(true);
    expect(isContentCommand({ command: "eval" })).toBe(false);
  });

  it("checks what a content script sends over the translation port", () => {
    const segments = [{ id: "u1", html: "Hallo" }];
    expect(isPortRequest({ type: "translate", segments, targetLang: "en" })).toBe(true);
    expect(isPortRequest({ type: "translate", segments, targetLang: "en", sourceLang: "de" })).toBe(true);
    expect(isPortRequest({ type: "translate", segments: [], targetLang: "en" })).toBe(false);
    expect(isPortRequest({ type: "translate", segments, targetLang: 5 })).toBe(false);
    expect(isPortRequest({ type: "translate", segments: [{ id: 5, html: "x" }], targetLang: "en" })).toBe(false);
    expect(
      isPortRequest({ type: "translate", segments: [{ id: "u", html: "x".repeat(60_000) }], targetLang: "en" }),
    ).toBe(false);
    expect(isPortRequest({ type: "setServer", url: "http://evil" })).toBe(false);
  });
});

describe("toolbar badge", () => {
  const progress = { total: 40, done: 12, failed: 0 };
  it("shows progress, then the target language, and ! on error", () => {
    expect(badgeFor({ status: "translating", progress }, "en").text).toBe("12/40");
    expect(badgeFor({ status: "translating", progress: { total: 1200, done: 300, failed: 0 } }, "en").text).toBe("25%");
    expect(badgeFor({ status: "translated", progress }, "pt-BR").text).toBe("PT");
    expect(badgeFor({ status: "error", progress }, "en").text).toBe("!");
    expect(badgeFor({ status: "original", progress }, "en").text).toBe("");
  });
});

describe("automatic batch size", () => {
  it("fits a batch and its reply into the server's per-slot context", () => {
    expect(batchCharsFor(undefined)).toBe(1500);
    expect(batchCharsFor(1024)).toBeLessThan(1024 * 3);
    expect(batchCharsFor(8192)).toBe(1500);
    expect(batchCharsFor(512)).toBeGreaterThanOrEqual(300);
  });
});
