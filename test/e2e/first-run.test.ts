// The first run in both browsers: installing Gloss opens the options page's welcome, which says where the button is
// (Chromium hides it in the Extensions menu until pinned; Firefox puts it on the toolbar) and which key translates.
import { launchWithExtension, type ExtensionBrowser } from "./chromium";
import { extensionPage, launchFirefoxWithExtension, type FirefoxWithExtension } from "./firefox";

jest.setTimeout(120_000);

describe("Chromium", () => {
  let browser: ExtensionBrowser;
  beforeAll(async () => {
    browser = await launchWithExtension();
  });
  afterAll(async () => browser?.close());

  it("opens the welcome on install: pin the button from the Extensions menu, and the real shortcut", async () => {
    const isWelcome = (url: string) => url.endsWith("/options.html#welcome");
    const welcome =
      browser.context.pages().find((page) => isWelcome(page.url())) ??
      (await browser.context.waitForEvent("page", { predicate: (page) => isWelcome(page.url()) }));
    await welcome.getByRole("heading", { name: "Gloss is installed" }).waitFor();
    await welcome.getByText(/hidden in the Extensions menu .* click the pin next to Gloss/).waitFor();
    const shortcut = welcome.locator("#welcome-shortcut");
    await shortcut.getByText("on a page to translate it, and again to show the original", { exact: false }).waitFor();
    expect(await shortcut.locator("kbd").allInnerTexts()).toEqual(["Alt", "Shift", "G"]);
    expect(await shortcut.getByRole("link").innerText()).toBe("chrome://extensions/shortcuts");
    // Opened later (not the first run), the page keeps the shortcut line and no welcome.
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.locator("#shortcut-line kbd").first().waitFor();
    expect(await options.locator("#shortcut-line").innerText()).toContain("Alt+Shift+G on a page to translate it");
    expect(await options.locator("#welcome").isHidden()).toBe(true);
  });
});

describe("Firefox ESR", () => {
  let firefox: FirefoxWithExtension;
  beforeAll(async () => {
    firefox = await launchFirefoxWithExtension();
  });
  afterAll(async () => firefox?.close());

  it("opens the welcome on install, with the button already on the toolbar and the real shortcut", async () => {
    const welcome = await extensionPage(firefox.browser, "/options.html#welcome");
    await welcome.waitForFunction(() => !!document.querySelector("#welcome-shortcut kbd"));
    const text = await welcome.evaluate(() => ({
      heading: document.getElementById("welcome-heading")?.textContent,
      pin: document.getElementById("pin-text")?.textContent,
      keys: [...document.querySelectorAll("#welcome-shortcut kbd")].map((kbd) => kbd.textContent),
      where: document.querySelector("#welcome-shortcut a")?.textContent,
    }));
    expect(text).toEqual({
      heading: "Gloss is installed",
      pin: "Gloss's button is on the toolbar; its badge shows the progress while Gloss translates.",
      keys: ["Alt", "Shift", "G"],
      where: "Manage Extension Shortcuts (about:addons, ⚙ menu)",
    });
  });
});
