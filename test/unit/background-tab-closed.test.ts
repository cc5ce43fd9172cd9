// A tab closed while a command was on its way to its page: the background keeps nothing for it afterwards (no report,
// no badge), as it keeps nothing for a tab closed at any other time.
import { fakeChrome, resetFakeChrome } from "../helpers/fake-extension";
import { commandTab, forgetTab, tabState } from "../../src/background/tab-control";
import type { PageCommand } from "../../src/background/command-delivery";

const TAB = 5;
const noEvent = { addListener: () => undefined, removeListener: () => undefined };

/** A tab whose page answers nothing until it is closed; then the browser refuses everything for it. */
function slowTab() {
  let open = true;
  const held: Array<(error: Error) => void> = [];
  let reached!: () => void;
  const waiting = new Promise<void>((resolve) => (reached = resolve));
  const gone = () => new Error(`No tab with id: ${TAB}.`);
  const hold = () => {
    if (!open) return Promise.reject(gone());
    reached();
    return new Promise<never>((_resolve, reject) => held.push(reject));
  };
  Object.assign(chrome, {
    tabs: {
      onUpdated: noEvent,
      onRemoved: noEvent,
      get: async (id: number) => {
        if (!open) throw gone();
        return { id, status: "complete", url: "https://example.org/", active: true };
      },
      sendMessage: hold,
    },
  });
  Object.assign(chrome.scripting, { executeScript: hold });
  return {
    /** The reader closes the tab: the browser says so (tabs.onRemoved), and what was on its way fails. */
    close() {
      open = false;
      forgetTab(TAB);
      for (const reject of held.splice(0)) reject(gone());
    },
    /** Resolves once something waits on the tab's page. */
    waiting,
  };
}

beforeEach(() => resetFakeChrome());

it.each<PageCommand>(["translate", "restore"])(
  "%s pressed, then the tab closed before the page answered: nothing is kept or shown for the closed tab",
  async (command) => {
    const tab = slowTab();
    const pressed = commandTab(TAB, command);
    await tab.waiting;
    tab.close();
    await pressed;
    expect(fakeChrome.badgeTexts.get(TAB)).toBeUndefined();
    // Nothing kept from the page: a look says only that the tab is gone, as the command's own answer did.
    expect(await tabState(TAB)).toMatchObject({ status: "error", error: { kind: "tab-gone" }, translatable: false });
  },
);

it("a look at a tab closed while the popup showed it says the tab was closed, not that its page waits to be translated", async () => {
  const tab = slowTab();
  tab.close();
  const state = await tabState(TAB);
  expect(state).toMatchObject({ status: "error", error: { message: "The tab was closed." }, translatable: false });
  expect(state.siteRule).toBeUndefined();
});
