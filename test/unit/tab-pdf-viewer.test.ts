// A tab showing a PDF in the browser's own viewer (Chromium's, Firefox's pdf.js): the tab's address is the PDF's, but
// no content script answers there and none may be put in. The popup says it is a PDF that Gloss cannot translate, and
// offers no button, rather than "Translate page" and then that Gloss could not get into the page. A selection's
// translation, or of what the reader wrote, asked from the popup there (a phone's) fails with why, rather than closing
// the popup on nothing.
import { resetFakeChrome } from "../helpers/fake-extension";
import { commandTab, tabState } from "../../src/background/tab-control";
import { tabHandlers } from "../../src/background/tab-handlers";

/** A tab of its own for each test: the background keeps what a press on one found. */
let TAB = 10;
const noEvent = { addListener: () => undefined, removeListener: () => undefined };
const refuse = (message: string) => () => Promise.reject(new Error(message));

/** A tab on `url` where no content script answers, and the browser refuses to run one. */
function viewerOn(url: string): void {
  Object.assign(chrome, {
    tabs: {
      onUpdated: noEvent,
      onRemoved: noEvent,
      get: async (id: number) => ({ id, status: "complete", url, active: true }),
      sendMessage: refuse("Could not establish connection. Receiving end does not exist."),
    },
  });
  Object.assign(chrome.scripting, { executeScript: refuse("Missing host permission for the tab") });
}

/** The popup's messages come from no tab. */
const FROM_POPUP = {} as Parameters<typeof tabHandlers.translateSelection>[1];

beforeEach(() => {
  resetFakeChrome();
  TAB++;
});

it("a look at a tab showing a PDF says it is a PDF Gloss cannot translate, and offers no button", async () => {
  viewerOn("https://example.org/papers/Report.PDF?download=0#page=2");
  const state = await tabState(TAB);
  expect(state).toMatchObject({ status: "error", error: { kind: "pdf-viewer" }, translatable: false });
  expect(state.error?.message).toMatch(/PDF/);
});

it("a press on a tab showing a PDF says so, not that Gloss could not get into the page", async () => {
  viewerOn("https://example.org/papers/report.pdf");
  const state = await commandTab(TAB, "translate");
  expect(state).toMatchObject({ status: "error", error: { kind: "pdf-viewer" }, translatable: false });
  // The look after it says the same.
  expect(await tabState(TAB)).toMatchObject({ error: { kind: "pdf-viewer" }, translatable: false });
});

it("a web page whose address does not end in .pdf is still offered Translate page", async () => {
  viewerOn("https://example.org/pdf/viewer.html?file=report.pdf");
  expect(await tabState(TAB)).toMatchObject({ status: "idle", translatable: true });
});

it("a page at a .pdf address whose content script answers goes by what the page says", async () => {
  viewerOn("https://example.org/report.pdf");
  Object.assign(chrome.tabs, {
    sendMessage: async () => ({ status: "translated", progress: { total: 2, done: 2, failed: 0 } }),
  });
  expect(await tabState(TAB)).toMatchObject({ status: "translated", translatable: true });
});

it("Translate selection from the popup on a page Gloss could not get into fails with why: the popup stays to say it", async () => {
  viewerOn("https://example.org/papers/report.pdf");
  const reply = await tabHandlers.translateSelection({ tabId: TAB }, FROM_POPUP);
  expect(reply).toMatchObject({ ok: false, error: { kind: "pdf-viewer" } });
  viewerOn("https://example.org/article");
  expect(await tabHandlers.translateSelection({ tabId: TAB }, FROM_POPUP)).toMatchObject({
    ok: false,
    error: { message: "Gloss could not get into this page." },
  });
});

it("Translate what I wrote from the popup on a page Gloss could not get into fails with why: the popup stays to say it", async () => {
  viewerOn("https://example.org/papers/report.pdf");
  expect(await tabHandlers.translateWriting({ tabId: TAB }, FROM_POPUP)).toMatchObject({
    ok: false,
    error: { kind: "pdf-viewer" },
  });
  viewerOn("https://example.org/article");
  expect(await tabHandlers.translateWriting({ tabId: TAB }, FROM_POPUP)).toMatchObject({
    ok: false,
    error: { message: "Gloss could not get into this page." },
  });
});
