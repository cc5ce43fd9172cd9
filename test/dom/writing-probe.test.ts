import { editorText } from "../../src/writing/field";
import { createWriter } from "../../src/writing/writer";
import type { Translator } from "../../src/shared/translator";
import { useClipboardStub } from "../helpers/clipboard-stub";
import { laidOutAt, noLayout } from "../helpers/laid-out";

function writerWith(reply: (html: string) => string, translator?: Translator) {
  let cardRoot: ShadowRoot | undefined;
  const tr: Translator = translator ?? (async function* (batch) {
    for (const s of batch) yield { id: s.id, html: reply(s.html) };
  });
  const writer = createWriter({
    document, translator: tr, getShadowRoot: (e) => e.shadowRoot, isOwnUi: () => false,
    remembered: { get: async () => "de", set: async () => undefined },
    page: { pageLang: undefined, active: false }, context: () => undefined,
    card: { onBlocked: () => undefined, verify: (_h, root) => Boolean((cardRoot = root)), isTrusted: () => true },
  });
  const said = () => [...(cardRoot?.querySelectorAll(".message, .notes p") ?? [])].map((l) => l.textContent ?? "");
  return { writer, said };
}
useClipboardStub();
afterEach(noLayout);

it("P1 dom write caret", async () => {
  const editor = document.createElement("div");
  editor.contentEditable = "true";
  Object.defineProperty(editor, "isContentEditable", { value: true });
  editor.tabIndex = 0;
  editor.innerHTML = "<p>I think the train is late.</p>";
  document.body.replaceChildren(editor);
  editor.focus();
  document.getSelection()!.collapse(editor.firstChild!.firstChild!, 26);
  const { writer, said } = writerWith((h) => h.replace("I think", "Ich denke"));
  await writer.translateField();
  console.log(editor.innerHTML, said());
  const sel = document.getSelection()!;
  console.log(sel.anchorNode?.nodeName, sel.anchorOffset, sel.isCollapsed, document.activeElement === editor);
});

it("P2 details closed", async () => {
  document.body.innerHTML = "<details open><summary>Reply</summary><textarea>Thanks for the tip!</textarea></details>";
  const box = document.querySelector("textarea")!;
  laidOutAt(document.documentElement, new DOMRect(0, 0, 1024, 768));
  laidOutAt(box, new DOMRect(10, 10, 300, 80));
  box.focus();
  const { writer, said } = writerWith((h) => {
    document.querySelector("details")!.open = false;
    return "Danke!";
  });
  await writer.translateField();
  console.log(box.value, said());
});

it("P5 react remount same text", async () => {
  document.body.innerHTML = "<form><textarea>Thanks for the tip!</textarea></form>";
  const box = document.querySelector("textarea")!;
  box.focus();
  let fresh: HTMLTextAreaElement | undefined;
  const { writer, said } = writerWith((h) => {
    fresh = document.createElement("textarea");
    fresh.value = box.value;
    box.replaceWith(fresh);
    fresh.focus();
    return "Danke!";
  });
  await writer.translateField();
  console.log(fresh!.value, said(), document.activeElement === fresh);
});
