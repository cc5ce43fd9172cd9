// The shortcut for 'Bilingual view on this site' pressed twice in quick succession flips the site's view twice (back to
// where it was), as two presses of the userscript's menu command do: each press reads the mode the last one saved.
import { fakeChrome } from "../helpers/fake-extension";
import { openStorage } from "../helpers/fake-extension-entry";
import "../../src/background/index";

type Gloss = { onCommand: (command: string, tab?: object) => Promise<unknown> };
const gloss = () => (globalThis as unknown as { gloss: Gloss }).gloss;

const siteModes = (): Record<string, string> | undefined =>
  (fakeChrome.storage.settings as { siteDisplayModes?: Record<string, string> } | undefined)?.siteDisplayModes;

it("two quick presses of the bilingual shortcut leave the site's view as it was; one more turns it on", async () => {
  openStorage();
  const url = "https://www.spiegel.de/politik/";
  const tab = { id: 7, url };
  Object.assign(chrome.tabs, { get: async (id: number) => ({ id, active: true, url }) });
  await Promise.all([gloss().onCommand("toggle-display-mode", tab), gloss().onCommand("toggle-display-mode", tab)]);
  expect(siteModes()?.["spiegel.de"]).toBe("replace");
  await gloss().onCommand("toggle-display-mode", tab);
  expect(siteModes()?.["spiegel.de"]).toBe("bilingual");
});
