// A content script whose extension went away under it (Gloss updated, reloaded or turned off while the page stayed
// open, Chromium): what it tells the reader when it next asks the background. Reloading the extension, the old
// advice, cannot help; reloading the page does.
import "../helpers/fake-extension"; // the extension API, read as the module loads
import { ext } from "../../src/extension/api";
import { extensionGone } from "../../src/extension/cut-off";
import { send } from "../../src/extension/send";
import { isShadowRootOf } from "../../src/content/platform";
import { createContentLookups } from "../../src/content/reader-tools";
import { createPageSession } from "../../src/session/page-session";
import { createFakeTranslator } from "../helpers/fake-translator";

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

it("cut off, a word looked up says in its card to reload the page", async () => {
  delete runtime.id;
  runtime.sendMessage = throwing;
  document.body.innerHTML = `<p id="a">Ich habe lange im Stellwerk gearbeitet.</p>`;
  const session = createPageSession({
    document,
    translator: createFakeTranslator().translate,
    getConfig: async () => ({ targetLang: "en", neverTranslate: [], maxBatchChars: 500, maxConcurrent: 1 }),
    onReport: () => undefined,
  });
  const lookups = createContentLookups(
    { ask: send, detect: async () => undefined, context: () => undefined, shadowRootOf: () => null },
    session,
  );
  // The card's root is closed: kept as Gloss makes it.
  const attach = Element.prototype.attachShadow;
  let root: ShadowRoot | undefined;
  const spy = jest.spyOn(Element.prototype, "attachShadow").mockImplementation(function (this: Element, init) {
    return (root = attach.call(this, init));
  });
  try {
    const word = document.createRange();
    const text = document.getElementById("a")!.firstChild!;
    word.setStart(text, "Ich habe lange im ".length);
    word.setEnd(text, "Ich habe lange im Stellwerk".length);
    document.getSelection()!.addRange(word);
    await lookups.translateSelection(document);
  } finally {
    spy.mockRestore();
    session.restore();
  }
  const card = root!.querySelector<HTMLElement>(".card")!;
  expect(card.classList.contains("problem")).toBe(true);
  expect(card.textContent).toContain("Gloss was updated, reloaded or turned off while this page was open.");
  expect(root!.querySelector(".fix")!.textContent).toBe("Reload the page to use Gloss on it again.");
});
