// A rich editor straight inside a comment form whose control is named isContentEditable: the form shows the control in
// place of its own member (see writing-named-form.test.ts), so a walk up from the editor to its editing host took the
// form for editable and wrote the translation over the whole form, its controls and labels gone.
import type { createWriter as CreateWriter } from "../../src/writing/writer";
import { useClipboardStub } from "../helpers/clipboard-stub";

// jsdom knows no contenteditable: the DOM's own getter, as a browser has it, before Gloss's modules read it.
Object.defineProperty(HTMLElement.prototype, "isContentEditable", {
  configurable: true,
  get(this: HTMLElement) {
    const at = this.closest("[contenteditable]");
    return at !== null && at.getAttribute("contenteditable") !== "false";
  },
});

useClipboardStub();

test("a reply in a rich editor inside a form with a control named isContentEditable: the editor alone is written, the form's controls kept", async () => {
  // Loaded after the getter above is in place, as in a browser.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createWriter } = require("../../src/writing/writer") as { createWriter: typeof CreateWriter };
  document.body.innerHTML =
    `<main><p>Ein Beitrag über Bäume und Wälder in unserer Stadt.</p><form id="f">Ihr Kommentar: ` +
    `<div id="e" contenteditable="true" tabindex="0">Thanks for the tip!</div>` +
    `<input id="c" name="isContentEditable"><button>Senden</button></form></main>`;
  const form = document.getElementById("f")!;
  const editor = document.getElementById("e")!;
  editor.focus();
  // As a browser shows the control in place of the form's member (jsdom has no named properties).
  Object.defineProperty(form, "isContentEditable", { configurable: true, get: () => document.getElementById("c") });
  let cardRoot: ShadowRoot | undefined;
  const writer = createWriter({
    document,
    translator: async function* (batch) {
      for (const segment of batch) yield { id: segment.id, html: `Danke: ${segment.html}` };
    },
    getShadowRoot: (element) => element.shadowRoot,
    isOwnUi: () => false,
    remembered: { get: async () => "de", set: async () => undefined },
    page: { pageLang: undefined, active: false },
    context: () => undefined,
    card: { onBlocked: () => undefined, verify: (_host, root) => Boolean((cardRoot = root)), isTrusted: () => true },
  });
  await writer.translateField();
  expect(editor.textContent).toBe("Danke: Thanks for the tip!");
  expect(form.firstChild?.textContent).toBe("Ihr Kommentar: ");
  expect(form.querySelector("button")?.textContent).toBe("Senden");
  expect(cardRoot?.querySelector(".message")?.textContent).toMatch(/^Translated into German\./);
});
