// The main-content check sends the reader's content before the page's chrome. Units found together (a thread's
// comments, deep in the page) share their ancestors: each is matched once per check, and a later check sees what the
// page changed meanwhile.

import { MainContent } from "../../src/core/schedule/main-content";

/** Calls of Element.matches made while `fn` runs. */
function matchesDuring(fn: () => void): number {
  const matches = jest.spyOn(Element.prototype, "matches");
  try {
    fn();
    return matches.mock.calls.length;
  } finally {
    matches.mockRestore();
  }
}

/** `<main>` holding twenty nested divs, the innermost holding `count` paragraphs. */
function deepThread(count: number): Element[] {
  document.body.innerHTML = "<main></main>";
  let parent = document.querySelector("main") as Element;
  for (let i = 0; i < 20; i++) parent = parent.appendChild(document.createElement("div"));
  return Array.from({ length: count }, () => parent.appendChild(document.createElement("p")));
}

/** Each element `selector` finds, with its text and whether `check` takes it for main content. */
const answersOf = (selector: string, check: (el: Element) => boolean) =>
  Array.from(document.querySelectorAll(selector), (el) => [el.textContent, check(el)]);

test("a hundred comments twenty levels deep: their shared ancestors are matched once, not once per comment", () => {
  const comments = deepThread(100);
  const check = new MainContent(document, undefined).check();
  let answers: boolean[] = [];
  const calls = matchesDuring(() => (answers = comments.map((p) => check(p))));
  expect(answers.every(Boolean)).toBe(true);
  // Two selectors per element: each comment, and its 21 ancestors once (the walk up each time made 4,400 calls).
  expect(calls).toBeLessThanOrEqual(2 * 100 + 2 * 21);
});

test("a region the page turns into navigation after a check is chrome for the units found later", () => {
  document.body.innerHTML = "<main><section><p>Erster Absatz</p></section><p>Haupttext</p></main>";
  const main = new MainContent(document, undefined);
  const section = document.querySelector("section") as Element;
  expect(main.check()(section.querySelector("p") as Element)).toBe(true);

  section.setAttribute("role", "navigation");
  const added = section.appendChild(document.createElement("p"));
  const check = main.check();
  expect(check(added)).toBe(false);
  expect(check(document.querySelector("main > p") as Element)).toBe(true);
});

test("chrome inside main content is not main, and what its answer was shared with stays right", () => {
  document.body.innerHTML =
    "<main><nav><a>Start</a><a>Forum</a></nav><p>Haupttext</p><div><p>Antwort</p></div></main><p>Fußzeile</p>";
  expect(answersOf("a, p", new MainContent(document, undefined).check())).toEqual([
    ["Start", false],
    ["Forum", false],
    ["Haupttext", true],
    ["Antwort", true],
    ["Fußzeile", false],
  ]);
});

test("a site's posts rendered after the translation started are its main content, and the page's chrome is not", () => {
  // A web app's first paint (Mastodon's): the compose box and the column its statuses will be rendered into.
  document.body.innerHTML =
    `<div class="compose-panel"><p>Was gibt's Neues?</p></div><div class="column"></div>` +
    `<div class="trends"><p>Angesagt</p></div>`;
  const main = new MainContent(document, [".status"]);
  main.check();
  const status = document.querySelector(".column")!.appendChild(document.createElement("article"));
  status.className = "status";
  status.innerHTML = "<p>Zugausfälle im Rheinland heute Morgen.</p>";
  const check = main.check();
  expect(check(status.querySelector("p")!)).toBe(true);
  expect(check(document.querySelector(".compose-panel p")!)).toBe(false);
  expect(check(document.querySelector(".trends p")!)).toBe(false);
  expect(main.roots(document)).toEqual([status]);
});

test("a sidebar's teasers are chrome, though each is an <article> like the page's own", () => {
  document.body.innerHTML =
    `<main><article><h1>Nachtzüge kehren zurück</h1><p>Haupttext</p></article>` +
    `<aside><article><p>Auch lesenswert: Fahrradmitnahme</p></article></aside></main>` +
    `<div role="complementary"><article><p>Meistgelesen</p></article></div>`;
  const main = new MainContent(document, undefined);
  expect(answersOf("h1, p", main.check())).toEqual([
    ["Nachtzüge kehren zurück", true],
    ["Haupttext", true],
    ["Auch lesenswert: Fahrradmitnahme", false],
    ["Meistgelesen", false],
  ]);
  expect(main.roots(document)).toEqual([document.querySelector("main")]);
});
