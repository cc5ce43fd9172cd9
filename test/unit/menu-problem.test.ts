// Why the badge shows "!" after a right-click menu choice could not show in the page (the picker kept out): the popup
// still says why after the idle worker was stopped and started again, and forgets it when the tab moves on or closes.
import { fakeChrome, resetFakeChrome } from "../helpers/fake-extension"; // the module reads the extension API as it loads
import { createMenuProblems, type ProblemStore } from "../../src/background/menu-problem";
import { pickPartFromMenu, PICKER_BLOCKED, PICKER_TAKEN_OUT } from "../../src/background/part-picker";
import { createHandlers } from "../../src/background/handlers";
import type { TranslationService } from "../../src/connection/translation-service";
import { forgetTab, tabState, tabUpdated } from "../../src/background/tab-control";

/** Session storage as the browser keeps it: one record shared by every life of the worker. */
function sessionStore(): ProblemStore & { saved: unknown } {
  const store = {
    saved: undefined as unknown,
    load: async () => store.saved,
    save: async (problems: unknown) => void (store.saved = problems),
  };
  return store;
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));
const REMOVED = { message: "The page took Gloss's picker out.", kind: "ui-blocked" };

beforeEach(() => resetFakeChrome());

it("a worker started again still says why the badge shows “!”, for that tab only", async () => {
  const store = sessionStore();
  const before = createMenuProblems(store);
  await before.note(3, PICKER_BLOCKED);
  await before.note(5, REMOVED);
  before.forget(5);
  await settled();
  const after = createMenuProblems(store);
  expect(await after.of(3)).toEqual(PICKER_BLOCKED);
  expect(await after.of(5)).toBeUndefined();
  expect(await after.of(4)).toBeUndefined();
});

it("a tab that moved on before the kept reasons were read is not given its old reason back", async () => {
  const store = sessionStore();
  store.saved = { 3: PICKER_BLOCKED, 7: REMOVED, 8: { message: 42 } };
  let release = () => {};
  const problems = createMenuProblems({
    load: () => new Promise((resolve) => (release = () => resolve(store.saved))),
    save: store.save,
  });
  problems.forget(7); // the tab loaded a page while the new worker was reading
  const answer = problems.of(7);
  release();
  expect(await answer).toBeUndefined();
  expect(await problems.of(3)).toEqual(PICKER_BLOCKED);
  expect(await problems.of(8)).toBeUndefined(); // not a reason: dropped
  await settled();
  expect(store.saved).toEqual({ 3: PICKER_BLOCKED });
});

it("the background keeps the reason in session storage, and drops it when the tab loads a page or closes", async () => {
  const blocked = async () => "blocked" as const;
  await pickPartFromMenu(3, { frameId: 0 }, "https://www.reddit.com/r/de", blocked);
  await pickPartFromMenu(4, { frameId: 0 }, "https://www.reddit.com/r/de", blocked);
  await settled();
  expect(fakeChrome.session["menuProblems"]).toEqual({ 3: PICKER_BLOCKED, 4: PICKER_BLOCKED });
  expect(fakeChrome.badgeTexts.get(3)).toEqual(["!"]);
  expect((await tabState(3)).problem).toEqual(PICKER_BLOCKED);
  tabUpdated(3, { status: "loading" });
  forgetTab(4);
  await settled();
  expect(fakeChrome.session["menuProblems"]).toEqual({});
  expect((await tabState(3)).problem).toBeUndefined();
});

it("a page that took the picker out while the reader picked: the badge shows “!” and the popup says why", async () => {
  const handlers = createHandlers({} as TranslationService);
  const from = (frameId: number) => ({ tab: { id: 6 } as chrome.tabs.Tab, frameId });
  // Only the tab's page shows the picker: a frame's word is not taken.
  expect((await handlers.pickerTakenOut({}, from(2))).ok).toBe(false);
  expect((await tabState(6)).problem).toBeUndefined();
  expect(await handlers.pickerTakenOut({}, from(0))).toEqual({ ok: true, value: null });
  expect(fakeChrome.badgeTexts.get(6)).toEqual(["!"]);
  expect((await tabState(6)).problem).toEqual(PICKER_TAKEN_OUT);
});
