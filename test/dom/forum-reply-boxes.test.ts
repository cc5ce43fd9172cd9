// "Translate what I wrote" in the reply boxes of forum engines, on their thread pages as they render them: XenForo's
// rich editor (Froala, a contenteditable beside a hidden textarea and a placeholder), XenForo's BB-code mode and
// phpBB's quick reply (textareas). jsdom has no editing commands, no clipboard events and no DataTransfer: the write
// takes the last-resort path here (the editing path in real browsers is test/e2e's).
import { editorText } from "../../src/writing/field";
import { createWriter } from "../../src/writing/writer";
import type { Translator } from "../../src/shared/translator";
import { useClipboardStub } from "../helpers/clipboard-stub";
import { loadFixture } from "../helpers/core-fixtures";

useClipboardStub();

/** A writer into German whose model answers from `replies` (English → German, by the text sent). */
function writer(replies: Record<string, string>, detectLang?: (text: string) => Promise<string | undefined>) {
  const sent: string[] = [];
  const sourceLangs: Array<string | undefined> = [];
  const translator: Translator = async function* (batch, opts) {
    sourceLangs.push(opts.sourceLang);
    for (const segment of batch) {
      sent.push(segment.html);
      yield { id: segment.id, html: replies[segment.html] ?? segment.html };
    }
  };
  const w = createWriter({
    document,
    translator,
    getShadowRoot: (element) => element.shadowRoot,
    isOwnUi: () => false,
    remembered: { get: async () => undefined, set: async () => undefined },
    page: { pageLang: "de", active: false },
    context: () => undefined,
    card: { onBlocked: () => undefined, verify: () => true, isTrusted: () => true },
    ...(detectLang ? { detectLang } : {}),
  });
  return { sent, sourceLangs, translateField: () => w.translateField() };
}

/** A stand-in for the browser's detector: the language most of the text's common words are in. */
async function mostWords(text: string): Promise<string | undefined> {
  const count = (words: RegExp) => text.match(words)?.length ?? 0;
  const german = count(/\b(?:der|die|das|und|ist|es|seit|immer|zu|bei|nicht|ich|wir)\b/gi);
  const english = count(/\b(?:the|and|is|it|for|me|too|same|had|new|thanks|here)\b/gi);
  return german > english ? "de" : english > german ? "en" : undefined;
}

test("XenForo: the reply in its rich editor is found, read without the editor's placeholder, and written back in German", async () => {
  loadFixture("xenforo-thread-de");
  const editor = document.querySelector<HTMLElement>(".fr-element")!;
  // jsdom knows no contenteditable focus.
  Object.defineProperty(editor, "isContentEditable", { value: true });
  editor.innerHTML = "<p>I had the same noise last winter.</p><p>New bushings fixed it.</p>";
  editor.focus();
  const { sent, translateField } = writer({
    "I had the same noise last winter.": "Ich hatte letzten Winter dasselbe Geräusch.",
    "New bushings fixed it.": "Neue Buchsen haben es behoben.",
  });
  await translateField();
  expect(sent).toEqual(["I had the same noise last winter.", "New bushings fixed it."]);
  expect(editorText(editor)).toBe("Ich hatte letzten Winter dasselbe Geräusch.\nNeue Buchsen haben es behoben.");
  expect(document.querySelector(".fr-placeholder")?.textContent).toBe("Schreibe deine Antwort...");
  expect(document.querySelector<HTMLTextAreaElement>("textarea.js-editor")?.value).toBe("");
});

test("phpBB: the quick reply's textarea is found and written back in German; the subject stays", async () => {
  loadFixture("phpbb-thread-de");
  const box = document.querySelector<HTMLTextAreaElement>("#qr_postform textarea[name='message']")!;
  box.value = "Thanks, that helped!\nThe water is clear again.";
  box.focus();
  const { sent, translateField } = writer({
    "Thanks, that helped!": "Danke, das hat geholfen!",
    "The water is clear again.": "Das Wasser ist wieder klar.",
  });
  await translateField();
  expect(sent).toEqual(["Thanks, that helped!", "The water is clear again."]);
  expect(box.value).toBe("Danke, das hat geholfen!\nDas Wasser ist wieder klar.");
  expect(document.querySelector<HTMLInputElement>("#subject")?.value).toBe("Re: Aquarium trüb nach Wasserwechsel");
});

test("phpBB: a reply under a quote sends only the user's words; the quote and the BBCode come back exactly", async () => {
  loadFixture("phpbb-thread-de");
  const box = document.querySelector<HTMLTextAreaElement>("#qr_postform textarea[name='message']")!;
  // What phpBB's Quote button puts in the box, and the reply written under it.
  const quote =
    '[quote="Neonsalmler" post_id=412301 time=1708274422 user_id=5521]Liegt es daran, oder ist das eine Bakterienblüte?[/quote]';
  box.value = `${quote}\n\nI think so too. See [url=https://example.com/faq]the [b]FAQ[/b][/url] first.`;
  box.focus();
  const { sent, translateField } = writer({
    "I think so too. See <a1>the <b2>FAQ</b2></a1> first.": "Denke ich auch. Lies zuerst <a1>die <b2>FAQ</b2></a1>.",
  });
  await translateField();
  expect(sent).toEqual(["I think so too. See <a1>the <b2>FAQ</b2></a1> first."]);
  expect(box.value).toBe(`${quote}\n\nDenke ich auch. Lies zuerst [url=https://example.com/faq]die [b]FAQ[/b][/url].`);
});

/** `value` translated in XenForo's reply box in its BB-code mode (a plain text box in the editor's place). */
async function translatedInXenForoBBCodeBox(
  value: string,
  replies: Record<string, string>,
  detectLang?: (text: string) => Promise<string | undefined>,
) {
  loadFixture("xenforo-thread-de");
  const box = document.createElement("textarea");
  box.name = "message";
  box.value = value;
  document.querySelector(".message-editorWrapper")!.replaceChildren(box);
  box.focus();
  const { sent, sourceLangs, translateField } = writer(replies, detectLang);
  await translateField();
  return { sent, sourceLangs, written: box.value };
}

test("XenForo: a reply with no tags yet is BBCode: stars are text, and an indented line is words, not code", async () => {
  const { sent, written } = await translatedInXenForoBBCodeBox(
    "Take the 5*20 screws, not the 4*16 ones.\n\n    Then tighten them crosswise.",
    {
      "Take the 5*20 screws, not the 4*16 ones.": "Nimm die 5*20-Schrauben, nicht die 4*16er.",
      "Then tighten them crosswise.": "Dann zieh sie über Kreuz an.",
    },
  );
  expect(sent).toEqual(["Take the 5*20 screws, not the 4*16 ones.", "Then tighten them crosswise."]);
  expect(written).toBe("Nimm die 5*20-Schrauben, nicht die 4*16er.\n\n    Dann zieh sie über Kreuz an.");
});

test("XenForo: a mention of @Max goes to the model as a placeholder and comes back as written", async () => {
  const { sent, written } = await translatedInXenForoBBCodeBox(
    "[quote=Max]Es klappert bei Kälte.[/quote]\nThanks @Max, that [b]fixed it[/b].",
    {
      "Thanks <x1></x1>, that <b2>fixed it</b2>.": "Danke <x1></x1>, das <b2>hat es behoben</b2>.",
      // A model that is given the name as a word makes it another one.
      "Thanks @Max, that <b1>fixed it</b1>.": "Danke @Maximilian, das <b1>hat es behoben</b1>.",
    },
  );
  expect(sent).toEqual(["Thanks <x1></x1>, that <b2>fixed it</b2>."]);
  expect(written).toBe("[quote=Max]Es klappert bei Kälte.[/quote]\nDanke @Max, das [b]hat es behoben[/b].");
});

test("Discourse: a reply under a quote from its Quote button sends the reply's Markdown as placeholders and never the quote, which comes back exactly", async () => {
  loadFixture("discourse-topic-de");
  const box = document.querySelector<HTMLTextAreaElement>("#reply-control textarea.d-editor-input")!;
  // What the Quote button puts in the composer, and the reply written under it.
  const quote = '[quote="bernd, post:3, topic:7"]\nDer Zug kommt immer zu spät, seit Wochen.\n[/quote]';
  box.value = `${quote}\n\nI **agree**, see [the timetable](https://bahn.example/winter).`;
  box.focus();
  const { sent, translateField } = writer({
    "I <b1>agree</b1>, see <a2>the timetable</a2>.": "Sehe ich <b1>auch so</b1>, siehe <a2>den Fahrplan</a2>.",
  });
  await translateField();
  expect(sent).toEqual(["I <b1>agree</b1>, see <a2>the timetable</a2>."]);
  expect(box.value).toBe(`${quote}\n\nSehe ich **auch so**, siehe [den Fahrplan](https://bahn.example/winter).`);
});

test("XenForo: an English reply under a long German quote is translated: the language is told from the reply, not the quote", async () => {
  const quote =
    "[quote=Max]Es klappert bei Kälte immer vorne links, seit Wochen schon. Ich habe die Koppelstangen getauscht und es ist nicht besser, die Werkstatt findet nichts und wir sind ratlos.[/quote]";
  const { sent, sourceLangs, written } = await translatedInXenForoBBCodeBox(
    `${quote}\nI had the same rattle, and new [b]bushings[/b] fixed it for me.`,
    {
      "I had the same rattle, and new <b1>bushings</b1> fixed it for me.":
        "Ich hatte dasselbe Klappern, und neue <b1>Buchsen</b1> haben es bei mir behoben.",
    },
    mostWords,
  );
  expect(sent).toEqual(["I had the same rattle, and new <b1>bushings</b1> fixed it for me."]);
  expect(sourceLangs).toEqual(["en"]);
  expect(written).toBe(`${quote}\nIch hatte dasselbe Klappern, und neue [b]Buchsen[/b] haben es bei mir behoben.`);
});

test("Discourse: a short reply under a German quote from its Quote button is translated, not called German or guessed from the quote's letters", async () => {
  loadFixture("discourse-topic-de");
  const box = document.querySelector<HTMLTextAreaElement>("#reply-control textarea.d-editor-input")!;
  const quote =
    '[quote="bernd, post:3, topic:7"]\nDer Zug kommt immer zu spät, seit Wochen ist das so und es wird nicht besser.\n[/quote]';
  // Too few letters for a detector to tell: translated without asking it, as when the box holds the reply alone.
  box.value = `${quote}\n\nSame here :+1: **thanks**!`;
  box.focus();
  const { sent, sourceLangs, translateField } = writer(
    { "Same here <x1></x1> <b2>thanks</b2>!": "Geht mir auch so <x1></x1> <b2>danke</b2>!" },
    mostWords,
  );
  await translateField();
  expect(sent).toEqual(["Same here <x1></x1> <b2>thanks</b2>!"]);
  expect(sourceLangs).toEqual([undefined]);
  expect(box.value).toBe(`${quote}\n\nGeht mir auch so :+1: **danke**!`);
});
