// `npm start` opens the browser the user names, or finds one, or says how to name one.
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findChromium, findFirefox } from "../../scripts/find-browser";

const saved = { ...process.env };
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "gloss-browser-"));
});
afterEach(() => {
  process.env = { ...saved };
  rmSync(dir, { recursive: true, force: true });
});

function executable(name: string): string {
  const path = join(dir, name);
  writeFileSync(path, "#!/bin/sh\n");
  chmodSync(path, 0o755);
  return path;
}

test("CHROMIUM_PATH wins, and a wrong one is named rather than ignored", () => {
  const mine = executable("my-chromium");
  process.env.CHROMIUM_PATH = mine;
  expect(findChromium()).toEqual({ path: mine });
  process.env.CHROMIUM_PATH = join(dir, "missing");
  expect(findChromium()).toEqual({ problem: expect.stringContaining(`CHROMIUM_PATH is ${join(dir, "missing")}`) });
});

test("without CHROMIUM_PATH, a Chromium is found where it is installed or on PATH", () => {
  delete process.env.CHROMIUM_PATH;
  process.env.PATH = dir;
  const onPath = executable("chromium");
  // Debian's /usr/bin/chromium comes first where it is installed (here, and in CI); otherwise the one on PATH.
  const expected = existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : onPath;
  expect(findChromium()).toEqual({ path: expected });
});

test("Firefox: FIREFOX wins, then firefox-esr on PATH, then web-ext's own 'firefox'", () => {
  process.env.FIREFOX = "/opt/firefox/firefox";
  expect(findFirefox()).toBe("/opt/firefox/firefox");
  delete process.env.FIREFOX;
  process.env.PATH = dir;
  expect(findFirefox()).toBe("firefox");
  const esr = executable("firefox-esr");
  expect(findFirefox()).toBe(esr);
});
