// What the options page says of other browsers whose settings are too large for sync: which browser, since when, and
// in older Gloss's marks (no name) what it said before; the names browsers are given; and the marks' bounded size.
import { browserName, cleanName, NAME_MAX_BYTES } from "../../src/shared/browser-name";
import { behindKey, behindMessage, BROWSER_ID_MAX, MARK_BYTES, markFor } from "../../src/shared/sync-behind";
import { itemBytes } from "../../src/shared/sync-quota";

const now = new Date(2026, 11, 6, 12).getTime();
const dec3 = new Date(2026, 11, 3, 12).getTime();
const limit = "your browser's sync holds 99 KB of Gloss's settings";

describe("what the options page says of browsers that are behind", () => {
  it("says the old words for an older Gloss's mark, which names no browser", () => {
    expect(behindMessage([{ over: 12 * 1024, at: now }], now)).toBe(
      `The settings of another of your browsers could not be synced: they are 12 KB too large (${limit}), so its changes stay in that browser and its settings may not be the same as these until they fit.`,
    );
    expect(
      behindMessage(
        [
          { over: 1, at: now },
          { over: 2, at: now },
        ],
        now,
      ),
    ).toMatch(/^The settings of 2 of your other browsers could not be synced/);
    expect(behindMessage([], now)).toBeUndefined();
  });

  it("names each browser, earliest behind first, the year when it is not this one's, and counts the unnamed", () => {
    const marks = [
      { over: 5, at: now, since: dec3, name: "Firefox on Linux" },
      { over: 5, at: now },
      { over: 5, at: now, since: new Date(2025, 10, 20, 12).getTime(), name: "Chrome on Windows" },
    ];
    expect(behindMessage(marks, now)).toBe(
      `Chrome on Windows (since 20 Nov 2025), Firefox on Linux (since 3 Dec) and another of your browsers could not sync their settings: they are too large (${limit}), so their changes stay in those browsers and their settings may not be the same as these until they fit.`,
    );
  });
});

describe("browsers of one name that are behind (the same browser and system, never renamed)", () => {
  const linux = "Chromium on Linux";
  const tail = `could not sync their settings: they are too large (${limit}), so their changes stay in those browsers and their settings may not be the same as these until they fit.`;

  it("are told apart by the day, and by the time when it is the same day", () => {
    const at = (hour: number, minute: number, date = 3) => new Date(2026, 11, date, hour, minute).getTime();
    const twoDays = [
      { over: 5, at: now, since: at(9, 0, 4), name: linux },
      { over: 5, at: now, since: at(16, 40), name: linux },
    ];
    expect(behindMessage(twoDays, now)).toBe(`${linux} (since 3 Dec) and another ${linux} (since 4 Dec) ${tail}`);
    const oneDay = [
      { over: 5, at: now, since: at(16, 40), name: linux },
      { over: 5, at: now, since: at(9, 5), name: linux },
      { over: 5, at: now, since: at(12, 0), name: "Firefox on Linux" },
    ];
    expect(behindMessage(oneDay, now)).toBe(
      `${linux} (since 3 Dec, 09:05), Firefox on Linux (since 3 Dec) and another ${linux} (since 3 Dec, 16:40) ${tail}`,
    );
  });

  it("are told apart from the reader's own browser of that name", () => {
    const one = [{ over: 12 * 1024, at: now, since: dec3, name: linux }];
    expect(behindMessage(one, now, { own: linux })).toMatch(
      new RegExp(`^Another ${linux} could not sync its settings since 3 Dec: `),
    );
    expect(behindMessage(one, now, { own: "Firefox on Linux" })).toMatch(new RegExp(`^${linux} could not sync`));
    const two = [...one, { over: 5, at: now, since: now, name: "Firefox on Linux" }];
    expect(behindMessage(two, now, { own: linux })).toBe(
      `Another ${linux} (since 3 Dec) and Firefox on Linux (since 6 Dec) ${tail}`,
    );
  });

  it("and beyond those named, that the account has no room to name more", () => {
    const one = [{ over: 5, at: now, since: dec3, name: linux }];
    expect(behindMessage(one, now, { full: true })).toMatch(
      / until they fit\. Your browser's sync has no room left to name more: any other of your browsers whose settings are too large says so on its own options page\.$/,
    );
    expect(behindMessage(one, now)).toMatch(/until they fit\.$/);
  });
});

describe("a browser's name", () => {
  it("is made from the browser and its system", () => {
    const chrome =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
    expect(
      browserName({
        name: "Firefox",
        userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Firefox/128.0",
        os: "linux",
      }),
    ).toBe("Firefox on Linux");
    expect(browserName({ brands: ["Chromium", "Microsoft Edge", "Not_A Brand"], userAgent: chrome, os: "win" })).toBe(
      "Edge on Windows",
    );
    expect(browserName({ brands: ["Chromium", "Google Chrome"], userAgent: chrome, os: "mac" })).toBe(
      "Chrome on macOS",
    );
    expect(browserName({ userAgent: `${chrome} OPR/115.0`, os: "cros" })).toBe("Opera on ChromeOS");
    expect(browserName({ userAgent: "Something else" })).toBe("A browser");
  });

  it("as typed is kept on one line and cut to its room, never within a character", () => {
    expect(cleanName("  Work\n\tlaptop  ")).toBe("Work laptop");
    expect(cleanName("   ")).toBe("");
    const long = cleanName("😀".repeat(40));
    expect(long).toBe("😀".repeat(NAME_MAX_BYTES / 4));
  });
});

describe("a mark's size", () => {
  it("never passes what the account keeps for it, with the longest id and name", () => {
    const name = cleanName("\u0001\u2028😀語".repeat(50));
    const mark = markFor(undefined, Number.MAX_SAFE_INTEGER, name, 9_999_999_999_999);
    expect(itemBytes(behindKey(crypto.randomUUID()), mark)).toBeLessThanOrEqual(MARK_BYTES);
    expect(crypto.randomUUID()).toHaveLength(BROWSER_ID_MAX);
  });
});
