// The README's Install and Troubleshooting steps against what the build really ships: the minimum browser versions
// and permissions a reader is told match the manifests, and the way to reload Gloss is one the browser offers.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(__dirname, "../..");
const readme = readFileSync(join(root, "README.md"), "utf8");
const manifest = JSON.parse(readFileSync(join(root, "manifest.json"), "utf8")) as {
  permissions: string[];
  host_permissions: string[];
  browser_specific_settings: { gecko: { strict_min_version: string } };
};
const install = readme.slice(readme.indexOf("## Install"), readme.indexOf("## Set up a server"));

describe("README: Install", () => {
  it("names the Chromium version the built manifest requires (build.mjs sets it for dist/chrome)", () => {
    const chrome = /minimum_chrome_version = "(\d+)"/.exec(readFileSync(join(root, "build.mjs"), "utf8"))?.[1];
    expect(chrome).toBeDefined();
    expect(install).toContain(`**Chrome / Chromium / Edge (${chrome}+):**`);
  });

  it("names the Firefox version the manifest requires", () => {
    const firefox = manifest.browser_specific_settings.gecko.strict_min_version.replace(/\.0$/, "");
    expect(install).toContain(`**Firefox (${firefox}+)`);
  });

  it("lists every permission and host the manifest asks for at install", () => {
    for (const permission of manifest.permissions) expect(install).toContain(`\`${permission}\``);
    for (const host of manifest.host_permissions) expect(install).toContain(`\`${host.replace(/\/\*$/, "")}\``);
  });
});

describe("README: reloading Gloss", () => {
  it("sends a reader to about:debugging's Reload only for a temporary add-on (Firefox offers it for no other)", () => {
    const lines = readme.split("\n").filter((line) => /about:debugging[^|]*\bReload\b/.test(line));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line).toMatch(/temporary add-on: `about:debugging` › \*This Firefox\* › \*Reload\*/);
      expect(line).toContain("`about:addons`");
    }
  });
});
