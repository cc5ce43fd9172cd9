// The bilingual switch in the manager's menu, pressed again before the first press's save is done: each press must
// flip what the last one left, and the page must end showing what is saved.
import { createDisplaySwitch, menuPress, type DisplaySwitchDeps } from "../../src/userscript/display-switch";
import { watchUnhandled } from "../helpers/unhandled";
import type { DisplayMode } from "../../src/shared/settings";

/** Storage whose writes land only when let go, as the manager's may; reads see what has landed. */
function slowStorage(initial: DisplayMode) {
  let stored = initial;
  const waiting: Array<() => void> = [];
  return {
    get stored() {
      return stored;
    },
    read: async () => stored,
    write: (mode: DisplayMode) => new Promise<void>((done) => waiting.push(() => ((stored = mode), done()))),
    /** Lets every write so far land, and those that follow, until none is left. */
    async drain(presses: Promise<void>[]) {
      const all = Promise.all(presses);
      let finished = false;
      void all.then(() => (finished = true));
      while (!finished) {
        waiting.splice(0).forEach((land) => land());
        await new Promise((next) => setTimeout(next, 0));
      }
    },
  };
}

describe("the bilingual switch pressed twice quickly", () => {
  it("flips twice, and the page shows what is saved", async () => {
    const storage = slowStorage("replace");
    const shown: DisplayMode[] = [];
    const press = createDisplaySwitch({
      current: () => storage.read(),
      keep: (mode) => storage.write(mode),
      show: (mode) => void shown.push(mode),
    });
    await storage.drain([press(), press()]);
    expect(shown).toEqual(["bilingual", "replace"]);
    expect(storage.stored).toBe("replace");
  });

  it("goes on after a press whose save failed, from what that press showed", async () => {
    const shown: DisplayMode[] = [];
    let mode: DisplayMode = "replace";
    let saves = 0;
    const press = createDisplaySwitch({
      current: async () => mode,
      keep: async (next) => {
        if (saves++ === 0) throw new Error("storage refused");
        mode = next;
      },
      show: (next) => void shown.push(next),
    });
    const [first, second] = [press(), press()];
    await expect(first).rejects.toThrow("for this page only");
    await second;
    expect(shown).toEqual(["bilingual", "replace"]);
    expect(mode).toBe("replace");
  });
});

/** The menu command over this storage: what it showed, and what it said outside the page. */
function menuSwitch(storage: Pick<DisplaySwitchDeps, "current" | "keep">) {
  const notes: string[] = [];
  const shown: DisplayMode[] = [];
  const press = menuPress(
    createDisplaySwitch({ ...storage, show: (mode) => void shown.push(mode) }),
    (text) => void notes.push(text),
  );
  return { press, notes, shown };
}

describe("the bilingual switch in the manager's menu", () => {
  it("switches the view when the manager's storage refused the choice, says it is for this page only, and the next press switches back", async () => {
    const unhandled = watchUnhandled();
    const { press, notes, shown } = menuSwitch({
      current: async () => "replace",
      keep: async () => {
        throw new Error("QuotaExceededError");
      },
    });
    press();
    press();
    expect(await unhandled()).toEqual([]);
    expect(shown).toEqual(["bilingual", "replace"]);
    expect(notes).toEqual([
      "Bilingual view turned on for this page only: your userscript manager did not store the choice for this site, so its " +
        "other pages show translations as before.",
      "Bilingual view turned off for this page only: your userscript manager did not store the choice for this site, so its " +
        "other pages show translations as before.",
    ]);
  });

  it("says nothing switched when the manager could not read the choice in effect", async () => {
    const unhandled = watchUnhandled();
    const { press, notes, shown } = menuSwitch({
      current: async () => {
        throw new Error("storage unreadable");
      },
      keep: async () => undefined,
    });
    press();
    expect(await unhandled()).toEqual([]);
    expect(shown).toEqual([]);
    expect(notes).toEqual([
      "Bilingual view not switched: your userscript manager did not read the choice for this site. Try again, or " +
        "reload the page.",
    ]);
  });
});
