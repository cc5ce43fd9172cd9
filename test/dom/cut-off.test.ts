// A content script whose extension went away under it (Gloss updated, reloaded or turned off while the page stayed
// open, Chromium): what it tells the reader when it next asks the background. Reloading the extension, the old
// advice, cannot help; reloading the page does.
import "../helpers/fake-extension"; // the extension API, read as the module loads
import { ext } from "../../src/extension/api";
import { extensionGone } from "../../src/extension/cut-off";
import { send } from "../../src/extension/send";
import { isShadowRootOf } from "../../src/content/platform";

const runtime = ext.runtime as unknown as { id?: string; sendMessage: (message: unknown) => Promise<unknown> };
const id = runtime.id;
const sendMessage = runtime.sendMessage;
afterEach(() => Object.assign(runtime, { id, sendMessage }));

const throwing = async () => {
  throw new Error("Extension context invalidated.");
};

it("cut off, a question to the background says to reload the page", async () => {
  delete runtime.id;
  runtime.sendMessage = throwing;
  expect(await send("getContentConfig", { url: "https://example.org/" })).toMatchObject({
    ok: false,
    error: {
      message: "Gloss was updated, reloaded or turned off while this page was open.",
      fix: "Reload the page to use Gloss on it again.",
    },
  });
});

it("a background that is not there while the extension is keeps its own message", async () => {
  runtime.sendMessage = throwing;
  const reply = await send("getContentConfig", { url: "https://example.org/" });
  expect(!reply.ok && reply.error.message).toBe(
    "Gloss's background is not reachable. Reload the extension and try again.",
  );
});

it("an extension API that throws on use counts as gone, as one with no id does", () => {
  expect(extensionGone(() => ({ id: "gloss" }))).toBe(false);
  expect(extensionGone(() => ({}))).toBe(true);
  expect(extensionGone(() => undefined)).toBe(true);
  expect(
    extensionGone(() => {
      throw new Error("Extension context invalidated.");
    }),
  ).toBe(true);
});

it("cut off, chrome.dom throws: Gloss's own card still shows, not counted as blocked by the page", () => {
  const host = document.createElement("div");
  const root = host.attachShadow({ mode: "closed" });
  const dom = {
    openOrClosedShadowRoot: () => {
      throw new Error("Extension context invalidated.");
    },
  };
  Object.assign(chrome, { dom });
  try {
    expect(isShadowRootOf(host, root)).toBe(false); // the extension is there: a failing look is the page's doing
    delete runtime.id;
    expect(isShadowRootOf(host, root)).toBe(true);
  } finally {
    delete (chrome as { dom?: unknown }).dom;
  }
});
