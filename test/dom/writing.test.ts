// The reply-box writer in jsdom: which field it finds (through open shadow roots), what it reads (the selection or
// all), what it sends (the user's message, into the page's language, with the page's context), and that anything
// but a good translation leaves the user's text exactly as it was. jsdom has no editing commands, so the write takes
// the last-resort path here; the real editing path (input events, undo) is tested in real browsers (test/e2e).
import { editorText, focusedField } from "../../src/writing/field";
import { createWriter, type WriterDeps } from "../../src/writing/writer";
import type { TranslateError, TranslateOptions, Translator } from "../../src/shared/translator";

const noShadow = () => null;
const notOurs = () => false;

function writerWith(
  reply: (html: string) => { html: string } | { error: TranslateError },
  overrides: Partial<WriterDeps> = {},
): { calls: Array<{ htmls: string[]; opts: TranslateOptions }>; translateField(): Promise<void> } {
  const calls: Array<{ htmls: string[]; opts: TranslateOptions }> = [];
  const translator: Translator = async function* (batch, opts) {
    calls.push({ htmls: batch.map((segment) => segment.html), opts });
    for (const segment of batch) yield { id: segment.id, ...reply(segment.html) };
  };
  const writer = createWriter({
    document,
    translator,
    getShadowRoot: (element) => element.shadowRoot,
    isOwnUi: notOurs,
    remembered: { get: async () => "de", set: async () => undefined },
    page: { pageLang: undefined, active: false },
    context: () => "Subreddit: r/de",
    card: { onBlocked: () => undefined },
    ...overrides,
  });
  return { calls, translateField: () => writer.translateField() };
}

function textarea(value: string): HTMLTextAreaElement {
  const box = document.createElement("textarea");
  box.value = value;
  document.body.replaceChildren(box);
  box.focus();
  return box;
}

describe("the field being written in", () => {
  it("is found through open shadow roots, and a read-only or missing one is named", () => {
    const host = document.createElement("div");
    document.body.replaceChildren(host);
    const root = host.attachShadow({ mode: "open" });
    // (jsdom knows no contenteditable focus: a textarea stands for the editor in the component.)
    const editor = document.createElement("textarea");
    root.append(editor);
    editor.focus();
    const found = focusedField(document, (element) => element.shadowRoot, notOurs);
    expect("field" in found && found.field.element).toBe(editor);

    const locked = document.createElement("input");
    locked.readOnly = true;
    document.body.replaceChildren(locked);
    locked.focus();
    expect(focusedField(document, noShadow, notOurs)).toEqual({ problem: "read-only" });

    (document.activeElement as HTMLElement | null)?.blur();
    expect(focusedField(document, noShadow, notOurs)).toEqual({ problem: "none" });
  });

  it("reads a textarea's selection, or all of it when nothing is selected", () => {
    const box = textarea("Hello!\nI agree.\nThanks");
    box.setSelectionRange(7, 15);
    const found = focusedField(document, noShadow, notOurs);
    if (!("field" in found)) throw new Error("no field");
    expect(found.field.read()).toEqual({ text: "I agree.", whole: false });
    box.setSelectionRange(3, 3);
    expect(found.field.read()).toEqual({ text: "Hello!\nI agree.\nThanks", whole: true });
  });

  it("reads a rich editor's text as the user sees it: a line per block, <br> a break, the last <br> of a block none", () => {
    const editor = document.createElement("div");
    editor.contentEditable = "true";
    const line = (...nodes: Array<Node | string>) => {
      const div = document.createElement("div");
      div.append(...nodes);
      return div;
    };
    editor.append(
      line("First ", Object.assign(document.createElement("b"), { textContent: "bold" })),
      line(document.createElement("br")),
      line("two", document.createElement("br"), "lines\u00a0here", document.createElement("br")),
    );
    expect(editorText(editor)).toBe("First bold\n\ntwo\nlines here");
  });
});

describe("the writer", () => {
  it("sends the user's text as their own message into the page's language, with the page's context, and writes the translation", async () => {
    const box = textarea("I think the **train** is late.");
    const { calls, translateField } = writerWith((html) => ({
      html: html.replace("train", "Zug").replace("I think the", "Ich denke der").replace("is late", "ist spät"),
    }));
    await translateField();
    expect(calls).toHaveLength(1);
    expect(calls[0]!.opts).toMatchObject({ targetLang: "de", writing: true, context: "Subreddit: r/de" });
    // Markdown went as placeholders, not as asterisks.
    expect(calls[0]!.htmls[0]).not.toContain("**");
    expect(box.value).toBe("Ich denke der **Zug** ist spät.");
  });

  it("leaves the text as it was when the model's reply is bad", async () => {
    const box = textarea("I think the train is late.");
    const { translateField } = writerWith(() => ({
      error: { kind: "bad-reply", reason: "refusal", message: "The model refused to translate this text." },
    }));
    await translateField();
    expect(box.value).toBe("I think the train is late.");
  });

  it("leaves the text as it was when the translation loses a link", async () => {
    const box = textarea("See [this post](https://example.com/post) today.");
    const { calls, translateField } = writerWith((html) => ({ html: html.replace(/<\/?a\d+>/g, "") }));
    await translateField();
    // Asked once more, then given up.
    expect(calls).toHaveLength(2);
    expect(box.value).toBe("See [this post](https://example.com/post) today.");
  });

  it("keeps what the user typed meanwhile instead of the translation", async () => {
    const box = textarea("I think the train is late.");
    const { translateField } = writerWith((html) => {
      box.value = "I changed my mind.";
      return { html: html.replace("I think", "Ich denke") };
    });
    await translateField();
    expect(box.value).toBe("I changed my mind.");
  });

  it("asks no model about an empty box", async () => {
    textarea("   ");
    const { calls, translateField } = writerWith((html) => ({ html }));
    await translateField();
    expect(calls).toEqual([]);
  });
});
