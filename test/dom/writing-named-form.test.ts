// "Translate what I wrote" in a site's comment form whose controls are named after the DOM's members (`<input
// name="querySelectorAll">`...): the form shows them by name in place of its own members, in the content script's
// world too, so what Gloss reads of the form goes through the DOM's own getters and methods (core/dom.ts). jsdom has
// no named properties: the test shows the control as the form's member, as a browser does (see clobbered-walks).
import { createWriter } from "../../src/writing/writer";
import { postLanguageNote } from "../../src/writing/post-language";
import { overLimitNote } from "../../src/writing/site-counter";
import type { Translator } from "../../src/shared/translator";
import { laidOutAt, noLayout } from "../helpers/laid-out";

/** Shows `named` as `owner`'s member `name`, in front of the DOM's. */
function nameAfter(owner: Node, name: string, named: Element): void {
  Object.defineProperty(owner, name, { configurable: true, get: () => named });
}

afterEach(noLayout);

/** A comment form (its text a label of its own, which the page's language is read from) with the reader's reply. */
function replyForm(member: string): { form: HTMLFormElement; box: HTMLTextAreaElement; posted: () => number } {
  document.body.innerHTML =
    `<main><p>Ein Beitrag über Bäume und Wälder in unserer Stadt.</p>` +
    `<form id="f" style="overflow: hidden">Ihr Kommentar: <textarea id="t"></textarea>` +
    `<input id="c" name="${member}"><button>Senden</button></form></main>`;
  const form = document.getElementById("f") as HTMLFormElement;
  const box = document.getElementById("t") as HTMLTextAreaElement;
  let posted = 0;
  form.addEventListener("submit", (event) => {
    posted++;
    event.preventDefault();
  });
  laidOutAt(document.documentElement, new DOMRect(0, 0, 1024, 768));
  laidOutAt(form, new DOMRect(90, 90, 420, 200));
  laidOutAt(box, new DOMRect(100, 100, 300, 80));
  box.value = "Thanks for the tip!";
  box.focus();
  nameAfter(form, member, document.getElementById("c")!);
  return { form, box, posted: () => posted };
}

/** The writer as the content script makes it, its page language left to the detector; what its card says. */
function writer(): { translateField(): Promise<void>; said(): string[] } {
  let cardRoot: ShadowRoot | undefined;
  const translator: Translator = async function* (batch) {
    for (const segment of batch) yield { id: segment.id, html: `Danke: ${segment.html}` };
  };
  const made = createWriter({
    document,
    translator,
    detectLang: async (text) => (/Bäume|Danke/.test(text) ? "de" : "en"),
    getShadowRoot: (element) => element.shadowRoot,
    isOwnUi: () => false,
    remembered: { get: async () => undefined, set: async () => undefined },
    page: { pageLang: undefined, active: false },
    context: () => undefined,
    card: { onBlocked: () => undefined, verify: (_host, root) => Boolean((cardRoot = root)), isTrusted: () => true },
  });
  return {
    translateField: () => made.translateField(),
    said: () => [...(cardRoot?.querySelectorAll(".message") ?? [])].map((line) => line.textContent ?? ""),
  };
}

test.each([
  ["querySelectorAll", "the card, placed clear of the form's buttons"],
  ["getBoundingClientRect", "the box, seen inside the form that clips it"],
  ["closest", "the page's language, read from its text and the form's own"],
])("a reply in a form with a control named %s is translated into the box (%s)", async (member) => {
  const { box, posted } = replyForm(member);
  const { translateField, said } = writer();
  await translateField();
  expect(box.value).toBe("Danke: Thanks for the tip!");
  expect(said()[0]).toMatch(/^Translated into German\./);
  expect(posted()).toBe(0);
});

test("a Mastodon compose form that is itself the editor, its control named ownerDocument: the card still says what is over the limit and the post's language to set", () => {
  document.body.innerHTML =
    `<div id="mastodon" class="app-holder"><form class="compose-form" contenteditable="true">Danke!` +
    `<input id="c" name="ownerDocument"><div class="privacy-dropdown__value"><button class="text-icon-button">DE` +
    `</button></div><span class="character-counter">-3</span></form></div>`;
  const form = document.querySelector("form")!;
  const control = document.getElementById("c")!;
  // As a browser shows it to scripts; jsdom's own selector engine reads the member too, where a browser's does not.
  Object.defineProperty(form, "ownerDocument", {
    configurable: true,
    get: () => (new Error().stack?.includes("nwsapi") ? document : control),
  });
  expect(overLimitNote(form)).toBe(
    "It is 3 characters over this site's limit, as the counter beside the box says: shorten it before you post.",
  );
  expect(postLanguageNote(form, "en")).toMatch(/^Set the post's language to English /);
});
