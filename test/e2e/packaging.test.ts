// What ships: the two manifests derived from manifest.json, their permissions, and Mozilla's linter on the Firefox
// build (as AMO runs it).
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";

jest.setTimeout(120_000);

const root = resolve(__dirname, "../..");
const manifestOf = (target: string) =>
  JSON.parse(readFileSync(resolve(root, "dist", target, "manifest.json"), "utf8")) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe("extension packages", () => {
  it("derive a service-worker manifest for Chrome and a scripts manifest with gecko settings for Firefox", () => {
    const chromeManifest = manifestOf("chrome");
    const firefoxManifest = manifestOf("firefox");
    const pkg = JSON.parse(readFileSync(resolve(root, "package.json"), "utf8")) as { version: string };
    for (const manifest of [chromeManifest, firefoxManifest]) {
      expect(manifest.manifest_version).toBe(3);
      expect(manifest.version).toBe(pkg.version);
      expect(manifest.permissions.sort()).toEqual(["activeTab", "contextMenus", "scripting", "storage"]);
      expect(manifest.host_permissions.sort()).toEqual(["http://127.0.0.1/*", "http://localhost/*"]);
      expect(manifest.optional_host_permissions).toEqual(["*://*/*"]);
      expect(manifest).not.toHaveProperty("externally_connectable");
      expect(manifest).not.toHaveProperty("content_scripts"); // injected on demand or registered per granted site
      // Alt+T opened Firefox's Tools menu; see src/extension/shortcut.ts for why this key.
      expect(manifest.commands["toggle-translation"].suggested_key.default).toBe("Alt+Shift+G");
      for (const file of [
        "background.js",
        "content.js",
        "popup.html",
        "popup.js",
        "options.html",
        "options.js",
        "LICENSES.txt",
      ]) {
        expect(existsSync(resolve(root, "dist", manifest === chromeManifest ? "chrome" : "firefox", file))).toBe(true);
      }
    }
    expect(chromeManifest.background).toEqual({ service_worker: "background.js" });
    expect(chromeManifest.minimum_chrome_version).toBe("120");
    expect(firefoxManifest).not.toHaveProperty("minimum_chrome_version");
    const notices = readFileSync(resolve(root, "dist/chrome/LICENSES.txt"), "utf8");
    for (const name of ["Gloss", "dompurify", "eventsource-parser", "tinyld", "webextension-polyfill", "tldts"])
      expect(notices).toContain(name);
    expect(chromeManifest).not.toHaveProperty("browser_specific_settings");
    expect(chromeManifest.action).not.toHaveProperty("default_area");
    expect(firefoxManifest.action.default_area).toBe("navbar");
    expect(firefoxManifest.background).toEqual({ scripts: ["background.js"] });
    expect(firefoxManifest.browser_specific_settings.gecko).toMatchObject({
      id: expect.stringMatching(/@/),
      strict_min_version: expect.any(String),
      data_collection_permissions: { required: ["none"] },
    });
  });

  it("pass web-ext lint with no errors", () => {
    const run = spawnSync(
      "npx",
      ["web-ext", "lint", "--source-dir", "dist/firefox", "--output", "json", "--no-input"],
      {
        cwd: root,
        encoding: "utf8",
      },
    );
    const report = JSON.parse(run.stdout) as {
      summary: { errors: number };
      errors: unknown[];
      warnings: Array<{ code: string; file: string }>;
    };
    expect(report.errors).toEqual([]);
    expect(report.summary.errors).toBe(0);
    // The one warning left is DOMPurify's own innerHTML write into its inert document.
    expect(report.warnings.map((w) => `${w.code} ${w.file}`)).toEqual(["UNSAFE_VAR_ASSIGNMENT content.js"]);
  });
});
