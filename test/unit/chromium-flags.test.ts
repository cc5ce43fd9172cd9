// The flags the browser tests start Chromium with must not undo Playwright's own (test/e2e/chromium-flags.ts): Chromium
// keeps only the last --disable-features switch, so ours has to name every feature Playwright switches off.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { CHROMIUM_FLAGS, PLAYWRIGHT_DISABLED_FEATURES } from "../e2e/chromium-flags";

const ROOT = resolve(__dirname, "..", "..");

/** The names in playwright-core's `disabledFeatures = [...]`, read from the installed package's code. */
function playwrightDisabledFeatures(): string[] {
  const lib = join(dirname(require.resolve("playwright-core/package.json")), "lib");
  const files = readdirSync(lib, { recursive: true, encoding: "utf8" }).filter((name) => name.endsWith(".js"));
  for (const name of files) {
    const code = readFileSync(join(lib, name), "utf8");
    const list = /disabledFeatures = \[([\s\S]*?)\]/.exec(code);
    if (list && code.includes("chromiumSwitches")) return [...list[1]!.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
  }
  throw new Error("playwright-core's list of disabled Chromium features was not found: read chromiumSwitches anew");
}

function launchSources(dir: string): Array<{ path: string; text: string }> {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: "utf8" })
    .filter((name) => /\.(ts|mjs)$/.test(name))
    .map((name) => ({ path: `${dir}/${name}`, text: readFileSync(join(ROOT, dir, name), "utf8") }));
}

describe("Chromium flags for the browser tests", () => {
  it("repeats every feature the installed Playwright disables", () => {
    const playwright = playwrightDisabledFeatures();
    expect(playwright.length).toBeGreaterThan(5);
    expect(PLAYWRIGHT_DISABLED_FEATURES).toEqual(expect.arrayContaining(playwright));
  });

  it("passes one --disable-features switch, and no test or bench adds another", () => {
    expect(CHROMIUM_FLAGS.filter((flag) => flag.startsWith("--disable-features="))).toHaveLength(1);
    const others = [...launchSources("test/e2e"), ...launchSources("bench")]
      .filter(({ path }) => !path.endsWith("chromium-flags.ts"))
      .filter(({ text }) => text.includes("--disable-features"))
      .map(({ path }) => path);
    expect(others).toEqual([]);
  });

  it("every Chromium the tests and benches launch starts with these flags", () => {
    const launches = [...launchSources("test/e2e"), ...launchSources("bench")].flatMap(({ path, text }) =>
      [...text.matchAll(/chromium\.launch(?:PersistentContext)?\(([\s\S]*?)\}\);/g)].map((m) => ({
        path,
        call: m[1]!,
      })),
    );
    expect(launches.length).toBeGreaterThan(3);
    expect(launches.filter(({ call }) => !call.includes("CHROMIUM_FLAGS")).map(({ path }) => path)).toEqual([]);
  });
});
