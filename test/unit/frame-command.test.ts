// "Translate what I wrote" and "Translate selection" from the menu, in a frame: a box or thread embedded from another
// site (Disqus) needs that site's permission, asked for in the click; without it the top page says which site and
// how to allow it, instead of nothing happening.
import "../helpers/fake-extension";
import {
  clickedFrame,
  commandInFrame,
  passageInFrame,
  restoreFrame,
  writeInFrame,
  type FrameChannel,
} from "../../src/background/frame-command";
import type { ContentCommand, FrameAccess } from "../../src/shared/messages";

const TAB = 7;
const FRAME = 3;
const PAGE = "https://news.example/article";
const DISQUS = "https://disqus.com/embed/comments/?base=default";

/** A tab whose frames run a content script once injected, where the browser lets Gloss in. */
function fakeTab(reachable: (frameId: number) => boolean) {
  const running = new Set<number>();
  const sent: Array<{ frameId: number; command: ContentCommand }> = [];
  const injected: number[] = [];
  const channel: FrameChannel = {
    async send(tabId, command, frameId) {
      expect(tabId).toBe(TAB);
      if (!running.has(frameId)) throw new Error("Could not establish connection. Receiving end does not exist.");
      sent.push({ frameId, command });
      return { status: "idle" };
    },
    async inject(tabId, frameId) {
      injected.push(frameId);
      if (!reachable(frameId)) throw new Error("Cannot access contents of the page.");
      running.add(frameId);
    },
  };
  const commands = () => sent.filter((entry) => entry.command.command !== "state");
  return { channel, commands, injected };
}

/** A menu click in the Disqus frame; `answer` is what the browser's prompt comes to. */
function clickInFrame(answer: () => Promise<boolean>) {
  const asked: string[][] = [];
  const target = clickedFrame({ frameId: FRAME, frameUrl: DISQUS, pageUrl: PAGE }, (origins) => {
    asked.push(origins);
    return answer();
  });
  return { target, asked };
}

describe("the menu in a frame of another site", () => {
  it("asks for the frame's site in the click itself, and translates there once it is granted", async () => {
    let granted = false;
    const tab = fakeTab((frameId) => frameId === 0 || granted);
    const { target, asked } = clickInFrame(async () => {
      granted = true;
      return true;
    });
    // Asked synchronously, while the click is a user gesture.
    expect(asked).toEqual([["https://disqus.com/*"]]);
    await commandInFrame(TAB, "write", target, tab.channel);
    expect(tab.commands()).toEqual([{ frameId: FRAME, command: { command: "write" } }]);
  });

  const answers: Array<[FrameAccess, () => Promise<boolean>]> = [
    ["refused", async () => false],
    ["unasked", () => Promise.reject(new Error("This function must be called during a user gesture"))],
  ];
  it.each(answers)("tells the page which site the box is on when access is %s", async (access, answer) => {
    const tab = fakeTab((frameId) => frameId === 0);
    await commandInFrame(TAB, "choose-language", clickInFrame(answer).target, tab.channel);
    expect(tab.commands()).toEqual([
      { frameId: 0, command: { command: "frame-out-of-reach", site: "disqus.com", access, about: "writing" } },
    ]);
  });

  it("a request that throws at once counts as not asked", async () => {
    const tab = fakeTab((frameId) => frameId === 0);
    const target = clickedFrame({ frameId: FRAME, frameUrl: DISQUS, pageUrl: PAGE }, () => {
      throw new Error("permissions.request may only be called from a user input handler");
    });
    await commandInFrame(TAB, "write", target, tab.channel);
    expect(tab.commands()).toEqual([
      {
        frameId: 0,
        command: { command: "frame-out-of-reach", site: "disqus.com", access: "unasked", about: "writing" },
      },
    ]);
  });

  it("a frame already running Gloss gets the command as it is", async () => {
    const tab = fakeTab(() => true);
    await tab.channel.inject(TAB, FRAME);
    await commandInFrame(TAB, "write", clickInFrame(async () => true).target, tab.channel);
    expect(tab.commands()).toEqual([{ frameId: FRAME, command: { command: "write" } }]);
  });
});

describe("Translate selection in a frame", () => {
  it("runs in the frame the selection is in, once its site is granted", async () => {
    let granted = false;
    const tab = fakeTab((frameId) => frameId === 0 || granted);
    const { target, asked } = clickInFrame(async () => (granted = true));
    expect(asked).toEqual([["https://disqus.com/*"]]);
    await commandInFrame(TAB, "passage", target, tab.channel);
    expect(tab.commands()).toEqual([{ frameId: FRAME, command: { command: "passage" } }]);
  });

  it("where Gloss may not go, the top page's status card is told the frame's site, for a selection", async () => {
    const tab = fakeTab((frameId) => frameId === 0);
    await commandInFrame(TAB, "passage", clickInFrame(async () => false).target, tab.channel);
    expect(tab.commands()).toEqual([
      {
        frameId: 0,
        command: { command: "frame-out-of-reach", site: "disqus.com", access: "refused", about: "selection" },
      },
    ]);
  });

  it("Show original reaches the frame's own session, and injects nothing where Gloss never ran", async () => {
    const tab = fakeTab(() => true);
    await restoreFrame(TAB, FRAME, tab.channel);
    expect(tab.injected).toEqual([]);
    expect(tab.commands()).toEqual([]);
    await tab.channel.inject(TAB, FRAME);
    await restoreFrame(TAB, FRAME, tab.channel);
    expect(tab.commands()).toEqual([{ frameId: FRAME, command: { command: "restore" } }]);
  });
});

describe("Translate selection in a frame of the page's own site", () => {
  /** A tab whose top frame answers frame-passage with `taken`. */
  function tabWithPage(taken: boolean) {
    const sent: Array<{ frameId: number; command: ContentCommand }> = [];
    const channel: FrameChannel = {
      async send(_tabId, command, frameId) {
        sent.push({ frameId, command });
        return command.command === "frame-passage" ? taken : { status: "idle" };
      },
      inject: async () => undefined,
    };
    return { channel, commands: () => sent.filter((entry) => entry.command.command !== "state") };
  }
  const own = () =>
    clickedFrame({ frameId: FRAME, frameUrl: "https://news.example/comments", pageUrl: PAGE }, jest.fn());

  it("goes to the page, whose engine translates that frame with it: the frame starts no engine of its own", async () => {
    const tab = tabWithPage(true);
    await passageInFrame(TAB, own(), tab.channel);
    expect(tab.commands()).toEqual([{ frameId: 0, command: { command: "frame-passage" } }]);
    // A srcdoc or blank frame has no address of its own: the page reads it too.
    const preview = tabWithPage(true);
    await passageInFrame(
      TAB,
      clickedFrame({ frameId: FRAME, frameUrl: "about:srcdoc", pageUrl: PAGE }, jest.fn()),
      preview.channel,
    );
    expect(preview.commands()).toEqual([{ frameId: 0, command: { command: "frame-passage" } }]);
  });

  it("a frame the page does not translate (hidden from it, sandboxed) translates it itself", async () => {
    const tab = tabWithPage(false);
    await passageInFrame(TAB, own(), tab.channel);
    expect(tab.commands()).toEqual([
      { frameId: 0, command: { command: "frame-passage" } },
      { frameId: FRAME, command: { command: "passage" } },
    ]);
  });

  it("another site's frame is not offered to the page", async () => {
    const tab = tabWithPage(true);
    await passageInFrame(TAB, clickInFrame(async () => true).target, tab.channel);
    expect(tab.commands()).toEqual([{ frameId: FRAME, command: { command: "passage" } }]);
  });
});

describe("what is not asked for", () => {
  it("the top frame, and a frame of the page's own site (the click's activeTab covers it)", () => {
    const request = jest.fn(async () => true);
    expect(clickedFrame({ frameId: 0, frameUrl: PAGE, pageUrl: PAGE }, request)).toEqual({ frameId: 0 });
    expect(clickedFrame({ pageUrl: PAGE }, request)).toEqual({ frameId: 0 });
    const own = clickedFrame({ frameId: FRAME, frameUrl: "https://news.example/comments", pageUrl: PAGE }, request);
    expect(own.frame?.site).toBe("news.example");
    expect(request).not.toHaveBeenCalled();
  });

  it("a page Gloss may not touch at all: nothing is sent anywhere", async () => {
    const tab = fakeTab(() => false);
    await commandInFrame(TAB, "write", { frameId: 0 }, tab.channel);
    await commandInFrame(TAB, "write", clickInFrame(async () => false).target, tab.channel);
    expect(tab.commands()).toEqual([]);
  });
});

describe("Translate what I wrote from the menu in a frame of the page's own site (a TinyMCE editor)", () => {
  /** A tab whose top frame answers frame-write with `taken`. */
  function tabWithPage(taken: boolean) {
    const sent: Array<{ frameId: number; command: ContentCommand }> = [];
    const channel: FrameChannel = {
      async send(_tabId, command, frameId) {
        sent.push({ frameId, command });
        return command.command === "frame-write" ? taken : { status: "idle" };
      },
      inject: async () => undefined,
    };
    return { channel, commands: () => sent.filter((entry) => entry.command.command !== "state") };
  }
  // The editor's frame was written by the page: it has the page's address, as the browser reports it.
  const editor = () => clickedFrame({ frameId: FRAME, frameUrl: PAGE, pageUrl: PAGE }, jest.fn());

  it("goes to the page, whose writer follows the focus into the frame and puts the card beside it", async () => {
    const tab = tabWithPage(true);
    await writeInFrame(TAB, "write", editor(), tab.channel);
    expect(tab.commands()).toEqual([{ frameId: 0, command: { command: "frame-write", choose: false } }]);
    const into = tabWithPage(true);
    await writeInFrame(TAB, "choose-language", editor(), into.channel);
    expect(into.commands()).toEqual([{ frameId: 0, command: { command: "frame-write", choose: true } }]);
  });

  it("a box the page does not reach (a sandboxed frame) is translated by the frame itself", async () => {
    const tab = tabWithPage(false);
    await writeInFrame(TAB, "write", editor(), tab.channel);
    expect(tab.commands()).toEqual([
      { frameId: 0, command: { command: "frame-write", choose: false } },
      { frameId: FRAME, command: { command: "write" } },
    ]);
  });

  it("another site's frame, and the page itself, are not asked", async () => {
    const tab = tabWithPage(true);
    await writeInFrame(TAB, "write", clickInFrame(async () => true).target, tab.channel);
    expect(tab.commands()).toEqual([{ frameId: FRAME, command: { command: "write" } }]);
    const top = tabWithPage(true);
    await writeInFrame(TAB, "write", { frameId: 0 }, top.channel);
    expect(top.commands()).toEqual([{ frameId: 0, command: { command: "write" } }]);
  });
});
