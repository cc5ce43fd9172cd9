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

/** Sentences of `n` words, as long as a post of that size. */
const words = (n: number, word: string) => Array.from({ length: n }, () => word).join(" ") + ".";

/** A forum thread with no landmarks and no adapter (an old board's tables of divs): a header, the posts, a footer. */
const forum = (sizes: number[]) =>
  `<div class="kopf"><a href="/">Forum</a> <a href="/suche">Suche</a><p>Willkommen, Gast!</p></div>` +
  `<div class="thread">` +
  sizes
    .map(
      (n, i) =>
        `<div class="post" id="p${i}"><div class="autor">nutzer${i}</div>` +
        `<div class="inhalt"><p>${words(n, "Zug")}</p><p>${words(n, "Bahn")}</p></div></div>`,
    )
    .join("") +
  `</div><div class="fuss"><p>Impressum · Datenschutz · Kontakt</p></div>`;

test("a forum thread without landmarks: every post is main content, not only the longest; header and footer are not", () => {
  document.body.innerHTML = forum([30, 12, 8, 20, 5]);
  const main = new MainContent(document, undefined);
  const check = main.check();
  for (const p of Array.from(document.querySelectorAll(".post p"))) expect(check(p)).toBe(true);
  expect(check(document.querySelector(".kopf p")!)).toBe(false);
  expect(check(document.querySelector(".fuss p")!)).toBe(false);
  expect(main.roots(document)).toEqual([document.querySelector(".thread")]);
});

test("a thread whose first post holds most of its text: the replies beside it are main content too", () => {
  document.body.innerHTML = forum([200, 6, 4, 5]);
  const check = new MainContent(document, undefined).check();
  for (const p of Array.from(document.querySelectorAll(".post p"))) expect(check(p)).toBe(true);
  expect(check(document.querySelector(".fuss p")!)).toBe(false);
});

test("an article without landmarks: its body is the main content, not its teasers, sidebar or footer", () => {
  const teaser = (t: string) => `<div class="teaser"><p>${t}</p></div>`;
  document.body.innerHTML =
    `<div class="kopf"><p>Die Zeitung für das Rheinland</p></div>` +
    `<div class="seite"><div class="artikel"><h1>Nachtzüge kehren zurück</h1>` +
    `<div class="absatz"><p>${words(60, "Nachtzug")}</p></div><div class="absatz"><p>${words(60, "Schlafwagen")}</p>` +
    `</div></div><div class="leiste">${teaser("Auch lesenswert")}${teaser("Meistgelesen")}${teaser("Neu")}</div></div>` +
    `<div class="fuss"><p>${words(20, "Impressum")}</p></div>`;
  const main = new MainContent(document, undefined);
  const check = main.check();
  for (const p of Array.from(document.querySelectorAll(".artikel p"))) expect(check(p)).toBe(true);
  for (const p of Array.from(document.querySelectorAll(".leiste p, .kopf p, .fuss p"))) expect(check(p)).toBe(false);
  expect(main.roots(document)).toEqual([document.querySelector(".artikel")]);
});
