// The background modules load the extension API (webextension-polyfill): give them the fake one first.
import { resetFakeChrome } from "../helpers/fake-extension";
import { badgeFor, forgetBadge, PACE_MS, showBadge } from "../../src/background/badge";
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
    expect(isContentCommand({ command: "bilingual-style", style: "highlight" })).toBe(true);
    expect(isContentCommand({ command: "bilingual-style", style: "neon" })).toBe(false);
    expect(isContentCommand({ command: "bilingual-style" })).toBe(false);
    expect(isContentCommand({ command: "frame-write", choose: true })).toBe(true);
    expect(isContentCommand({ command: "frame-write" })).toBe(false);
    const refused = { command: "frame-out-of-reach", site: "disqus.com", access: "refused" };
    expect(isContentCommand({ ...refused, about: "writing" })).toBe(true);
    expect(isContentCommand({ ...refused, about: "selection" })).toBe(true);
    expect(isContentCommand({ ...refused, about: "page" })).toBe(false);
    expect(isContentCommand(refused)).toBe(false);
    expect(
      isContentCommand({ command: "frame-out-of-reach", site: "disqus.com", access: "yes", about: "writing" }),
    ).toBe(false);
    expect(isContentCommand({ command: "frame-out-of-reach", site: "", access: "unasked", about: "writing" })).toBe(
      false,
    );
    expect(
      isContentCommand({ command: "frame-out-of-reach", site: "x".repeat(254), access: "granted", about: "writing" }),
    ).toBe(false);
  });

  it("checks what a content script sends over the translation port", () => {
    const segments = [{ id: "u1", html: "Hallo" }];
    expect(isPortRequest({ type: "translate", segments, targetLang: "en" })).toBe(true);
    expect(isPortRequest({ type: "translate", segments, targetLang: "en", sourceLang: "de" })).toBe(true);
    expect(isPortRequest({ type: "translate", segments: [], targetLang: "en" })).toBe(false);
    expect(isPortRequest({ type: "translate", segments, targetLang: 5 })).toBe(false);
    expect(isPortRequest({ type: "translate", segments, targetLang: "en", hidden: true })).toBe(true);
    expect(isPortRequest({ type: "translate", segments, targetLang: "en", hidden: "yes" })).toBe(false);
    expect(isPortRequest({ type: "translate", segments: [{ id: 5, html: "x" }], targetLang: "en" })).toBe(false);
    expect(
      isPortRequest({ type: "translate", segments: [{ id: "u", html: "x".repeat(60_000) }], targetLang: "en" }),
    ).toBe(false);
    expect(isPortRequest({ type: "setServer", url: "http://evil" })).toBe(false);
  });

  it("takes a look-up (ahead of every page's batches) only as one short text", () => {
    const word = [{ id: "lookup", html: "Zug" }];
    expect(isPortRequest({ type: "translate", segments: word, targetLang: "en", lookup: true })).toBe(true);
    expect(isPortRequest({ type: "translate", segments: word, targetLang: "en", lookup: 1 })).toBe(false);
    const two = [...word, { id: "b", html: "Bahn" }];
    expect(isPortRequest({ type: "translate", segments: two, targetLang: "en", lookup: true })).toBe(false);
    expect(isPortRequest({ type: "translate", segments: two, targetLang: "en", lookup: false })).toBe(true);
    const long = [{ id: "lookup", html: "x".repeat(2_001) }];
    expect(isPortRequest({ type: "translate", segments: long, targetLang: "en", lookup: true })).toBe(false);
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
    expect(batchCharsFor(undefined, "en")).toBe(1500);
    expect(batchCharsFor(1024, "en")).toBeLessThan(1024 * 3);
    expect(batchCharsFor(8192, "en")).toBe(1500);
    // Not the floor of 300 it had: that did not fit a 512-token slot with the instructions and the reply; what fits
    // each slot size is checked against the translator's own check in batch-budget.test.ts.
    expect(batchCharsFor(512, "en")).toBeLessThan(300);
  });
});

describe("toolbar badge, as a page reports", () => {
  const report = (done: number, total: number, status: "translating" | "translated" = "translating") => ({
    status,
    progress: { total, done, failed: 0 },
  });

  it("is set once for reports that change nothing on it (a page's start reports a dozen times)", async () => {
    const chrome = resetFakeChrome();
    for (let i = 0; i < 12; i++) await showBadge(1, report(0, 40), "en");
    expect(chrome.badgeTexts.get(1)).toEqual(["0/40"]);
    expect(chrome.actionCalls).toBe(3);
    forgetBadge(1);
  });

  it("shows progress at most every PACE_MS, the latest when its turn comes, and the result at once", async () => {
    jest.useFakeTimers();
    try {
      const chrome = resetFakeChrome();
      await showBadge(2, report(0, 40), "en");
      for (let done = 1; done <= 5; done++) await showBadge(2, report(done, 40), "en");
      expect(chrome.badgeTexts.get(2)).toEqual(["0/40"]);
      await jest.advanceTimersByTimeAsync(PACE_MS);
      expect(chrome.badgeTexts.get(2)).toEqual(["0/40", "5/40"]);
      await showBadge(2, report(6, 40), "en");
      await showBadge(2, report(40, 40, "translated"), "en");
      await jest.advanceTimersByTimeAsync(PACE_MS);
      // 6/40 was overtaken by the result, which is never held back.
      expect(chrome.badgeTexts.get(2)).toEqual(["0/40", "5/40", "EN"]);
      forgetBadge(2);
    } finally {
      jest.useRealTimers();
    }
  });

  it("keeps following the progress after the computer's clock is set back an hour", async () => {
    jest.useFakeTimers();
    try {
      const chrome = resetFakeChrome();
      await showBadge(4, report(0, 40), "en");
      jest.setSystemTime(Date.now() - 3_600_000);
      await showBadge(4, report(7, 40), "en");
      await jest.advanceTimersByTimeAsync(PACE_MS);
      expect(chrome.badgeTexts.get(4)).toEqual(["0/40", "7/40"]);
      forgetBadge(4);
    } finally {
      jest.useRealTimers();
    }
  });

  it("sets its colors only when they change: a translation's progress sets only the text", async () => {
    jest.useFakeTimers();
    try {
      const chrome = resetFakeChrome();
      for (let done = 0; done <= 20; done++) {
        await showBadge(5, report(done, 40), "en");
        await jest.advanceTimersByTimeAsync(PACE_MS);
      }
      await showBadge(5, report(40, 40, "translated"), "en");
      expect(chrome.badgeTexts.get(5)).toHaveLength(22);
      expect(chrome.badgeColors.get(5)).toEqual(["#2563eb", "#15803d"]); // working, then done
      expect(chrome.actionCalls).toBe(22 + 2 + 1); // texts, colors, and the text's color once
      forgetBadge(5);
      // A new page: the browser showed it without Gloss's badge, colors and all.
      await showBadge(5, report(0, 40), "en");
      expect(chrome.badgeColors.get(5)).toEqual(["#2563eb", "#15803d", "#2563eb"]);
      expect(chrome.actionCalls).toBe(25 + 3);
      forgetBadge(5);
    } finally {
      jest.useRealTimers();
    }
  });

  it("is set again on a new page, which the browser showed without it", async () => {
    const chrome = resetFakeChrome();
    await showBadge(3, report(40, 40, "translated"), "en");
    forgetBadge(3);
    await showBadge(3, report(40, 40, "translated"), "en");
    expect(chrome.badgeTexts.get(3)).toEqual(["EN", "EN"]);
    forgetBadge(3);
  });
});
