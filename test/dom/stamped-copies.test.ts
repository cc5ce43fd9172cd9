// A component that answers each translation written into it with a fresh copy of its content, stamped anew (the
// render's time, a count), must not make Gloss send for as long as it does; while content the page changes on its
// own clock, however like what was there (a live ticker's next item, a headline replaced in place, a feed's next
// posts, a comment the reader edits), is translated each time.

import type { PageTranslator } from "../../src/core";
import { sent, setup } from "../helpers/core-page";

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** 12:00:01.037, 12:00:02.074…: the n-th render's time. */
const renderTime = (n: number): string =>
  `12:00:${String(n % 60).padStart(2, "0")}.${String((n * 37) % 1000).padStart(3, "0")}`;

/**
 * Translates the page while a component answers each change of `box` (Gloss's write) with a fresh copy stamped with
 * its render's time: at once (a microtask later) or `delay` ms later (the next frame), at most 60 times; drawn by
 * `draw` (innerHTML by default). The number of renders.
 */
async function stampedOverEachWrite(
  page: PageTranslator,
  box: Element,
  copy: (n: number) => string,
  delay?: number,
  draw: (box: Element, html: string) => void = (el, html) => (el.innerHTML = html),
) {
  let renders = 0;
  let due = false;
  const render = (): void => {
    due = false;
    renders++;
    draw(box, copy(renders));
  };
  const component = new MutationObserver(() => {
    // Its own render is no change to answer.
    if (due || renders >= 60 || box.innerHTML === copy(renders)) return;
    if (delay === undefined) return render();
    due = true;
    setTimeout(render, delay);
  });
  component.observe(box, { subtree: true, characterData: true, childList: true });
  try {
    await page.translate();
    for (let seen = -1; seen !== renders;) {
      seen = renders;
      await page.whenSettled();
      await sleep((delay ?? 0) + 20);
    }
  } finally {
    component.disconnect();
  }
  return renders;
}

test.each([
  ["at once", undefined],
  ["in the next frame", 10],
])(
  "a component that answers each translation with a fresh copy stamped with its render's time (%s) is left alone after a few rounds",
  async (_, delay) => {
    const copy = (n: number): string => `<p>Gerendert um ${renderTime(n)} Uhr</p>`;
    const { page, fake } = setup(`<div id="app">${copy(0)}</div><p id="other">Anderer Absatz</p>`);
    const app = document.querySelector("#app") as Element;
    const renders = await stampedOverEachWrite(page, app, copy, delay);
    // Bounded: a few rounds, not one for every render the component would make.
    expect(renders).toBeLessThanOrEqual(10);
    expect(sent(fake).filter((html) => html.startsWith("Gerendert")).length).toBeLessThanOrEqual(renders + 1);
    // Readable: the component's last copy, whole and in the original.
    expect(app.innerHTML).toBe(copy(renders));
    expect(document.querySelector("#other")?.textContent).toBe("ANDERER ABSATZ");
    // Content the page adds beside it is still translated.
    app.append(Object.assign(document.createElement("p"), { textContent: "Neuer Absatz" }));
    await page.whenSettled();
    expect(app.lastElementChild?.textContent).toBe("NEUER ABSATZ");
    page.restore();
    expect(document.body.innerHTML).toBe(
      `<div id="app">${copy(renders)}<p>Neuer Absatz</p></div><p id="other">Anderer Absatz</p>`,
    );
  },
);

/** A renderer that puts the fresh copy in first, before (or after) the old one, then takes the old one out (Preact,
 * Lit, a hand-written one). */
const freshFirst =
  (before: boolean) =>
  (box: Element, html: string): void => {
    const fresh = document.createElement("template");
    fresh.innerHTML = html;
    const old = Array.from(box.childNodes);
    box.insertBefore(fresh.content, before ? box.firstChild : null);
    for (const n of old) n.remove();
  };

/** Translates `#app` holding `copy(0)` while it answers each write with `copy(n)` (drawn by `draw`), and checks that
 * it was left alone, in its last copy, after a few rounds; `stamped`: how its stamped text starts. */
async function leftAloneAfterAFewRounds(
  copy: (n: number) => string,
  stamped: string,
  draw?: (box: Element, html: string) => void,
): Promise<void> {
  const { page, fake } = setup(`<div id="app">${copy(0)}</div><p id="other">Anderer Absatz</p>`);
  const app = document.querySelector("#app") as Element;
  const renders = await stampedOverEachWrite(page, app, copy, undefined, draw);
  expect(renders).toBeLessThanOrEqual(10);
  expect(sent(fake).filter((html) => html.startsWith(stamped)).length).toBeLessThanOrEqual(renders + 1);
  expect(app.innerHTML).toBe(copy(renders));
  expect(document.querySelector("#other")?.textContent).toBe("ANDERER ABSATZ");
}

test.each([
  ["before", true],
  ["after", false],
])(
  "a component that puts its fresh stamped copy in %s the old one, then takes the old one out, is left alone after a few rounds",
  // A template's copy: its paragraph between the whitespace it was written with, each a node of its own.
  (_, before) =>
    leftAloneAfterAFewRounds((n) => `\n  <p>Gerendert um ${renderTime(n)} Uhr</p>\n`, "Gerendert", freshFirst(before)),
);

test.each([
  ["in one go", undefined],
  ["before the old one", freshFirst(true)],
])(
  "a component that answers a write with a fresh copy (%s) while the rest of the old one is still being translated is left alone after a few rounds",
  // Two paragraphs stamped with the render's time, each a request of its own: the first's write is answered while
  // the second is still being translated.
  (_, draw) =>
    leftAloneAfterAFewRounds(
      (n) => `<p>Gerendert um ${renderTime(n)} Uhr</p><p>Zuletzt geprüft um ${renderTime(n)}</p>`,
      "Zuletzt",
      draw,
    ),
);

test("a component that answers each write with a fresh copy of its loose stamped line (text beside a rule) is left alone after a few rounds", () =>
  // The line is a run of the box's inline content, not an element of its own: what is taken out is its text node.
  leftAloneAfterAFewRounds((n) => `Stand: ${renderTime(n)} Uhr<hr>`, "Stand"));

test.each([["replaced", "replace"] as const, ["bilingual", "bilingual"] as const])(
  "a component that re-renders its stamped line beside a static footer (%s) is left alone as soon as a stamped line alone",
  async (_, displayMode) => {
    // The footer's translation, from the cache, is written at once and answered with a render that takes the stamped
    // line out before it was even collected: that render is an answer to a write too.
    const copy = (n: number): string => `<p>Gerendert um ${renderTime(n)} Uhr</p><p>Fußzeile der Seite</p>`;
    const { page } = setup(`<div id="app">${copy(0)}</div><p id="other">Anderer Absatz</p>`, { displayMode });
    const app = document.querySelector("#app") as Element;
    const renders = await stampedOverEachWrite(page, app, copy);
    expect(renders).toBeLessThanOrEqual(7);
    expect(app.innerHTML).toBe(copy(renders));
    expect(document.querySelector("#other")?.textContent).toContain("ANDERER ABSATZ");
  },
);

test("a form that answers each write with a fresh copy of itself, its field named isConnected, is left alone after a few rounds", () =>
  // A form shows its controls by name in place of its own members (jsdom does not: shown here): a form taken out of
  // the page passed, by its field, as still in it.
  leftAloneAfterAFewRounds(
    (n) => `<form><p>Gerendert um ${renderTime(n)} Uhr</p><input name="isConnected"></form>`,
    "Gerendert",
    (box, html) => {
      box.innerHTML = html;
      const form = box.querySelector("form") as HTMLFormElement;
      Object.defineProperty(form, "isConnected", { value: form.querySelector("input") });
    },
  ));

test.each([["replaced", "replace"] as const, ["bilingual", "bilingual"] as const])(
  "a component that re-renders its stamped line at once after each write is left alone as soon on a slow machine (%s)",
  async (_, displayMode) => {
    // The rest of each write's task takes 100 ms (a slow machine; here a progress listener, on a clock moved on by
    // hand): the component's answer, at once after the task, still answers the write.
    const copy = (n: number): string => `<p>Gerendert um ${renderTime(n)} Uhr</p><p>Fußzeile der Seite</p>`;
    const now = performance.now.bind(performance);
    let slow = 0;
    const clock = jest.spyOn(performance, "now").mockImplementation(() => now() + slow);
    try {
      const onProgress = (): void => void (slow += 100);
      const { page } = setup(`<div id="app">${copy(0)}</div><p id="other">Anderer Absatz</p>`, {
        displayMode,
        onProgress,
      });
      const app = document.querySelector("#app") as Element;
      expect(await stampedOverEachWrite(page, app, copy)).toBeLessThanOrEqual(7);
      expect(document.querySelector("#other")?.textContent).toContain("ANDERER ABSATZ");
    } finally {
      clock.mockRestore();
    }
  },
);

test.each([
  [
    "a fresh copy of its card, a render count in it",
    "main",
    (n: number) =>
      `<div class="card"><h3>Wetter in Berlin</h3><p>Aktualisiert (Version ${n + 1}) um ${renderTime(n)}</p></div>`,
  ],
  ["the written paragraph's text stamped anew in place", "p", (n: number) => `Aktualisiert um ${renderTime(n)} Uhr`],
])("a component that answers each write with %s is left alone after a few rounds too", async (_, tag, copy) => {
  const { page, fake } = setup(`<${tag} id="app">${copy(0)}</${tag}><p id="other">Anderer Absatz</p>`);
  const app = document.querySelector("#app") as Element;
  const renders = await stampedOverEachWrite(page, app, copy);
  expect(renders).toBeLessThanOrEqual(10);
  expect(sent(fake).filter((html) => html.startsWith("Aktualisiert")).length).toBeLessThanOrEqual(renders + 1);
  expect(app.innerHTML).toBe(copy(renders));
  page.restore();
  expect(document.body.innerHTML).toBe(`<${tag} id="app">${copy(renders)}</${tag}><p id="other">Anderer Absatz</p>`);
});

// A new item every 20 ms, as the real-browser ticker's (test/e2e/runaway-input.test.ts, every 10 ms): an item is shown
// a quarter of a second, dropped soon after it was translated.
const TICK_MS = 20;
const item = (n: number): string =>
  `Meldung ${n}: Der Zug nach <b>Berlin</b> hat heute <a href="#${n}">Verspätung</a>.`;

test.each([
  ["an item like the last one and drops the oldest", 1, 12],
  // Short: an item is dropped soon after it was translated, and the next oldest with it.
  ["two items a tick and drops the two oldest", 2, 6],
])(
  "a live ticker that prepends %s has every item translated",
  async (_, perTick, shownAtMost) => {
    const { page, fake } = setup(`<h1>Liveticker</h1><div id="feed"></div>`);
    await page.translate();
    const feed = document.querySelector("#feed") as Element;
    const dropped: string[] = [];
    for (let n = 1; n <= 40;) {
      for (let k = 0; k < perTick; k++) {
        const p = document.createElement("p");
        p.innerHTML = item(n++);
        feed.prepend(p);
      }
      while (feed.children.length > shownAtMost) {
        dropped.push(feed.lastElementChild?.textContent ?? "");
        feed.lastElementChild?.remove();
      }
      await sleep(TICK_MS);
    }
    await page.whenSettled();
    const shown = Array.from(feed.children, (el) => el.textContent);
    // Each item was translated while it was shown, the ones dropped too.
    expect([...dropped, ...shown.reverse()]).toEqual(
      Array.from({ length: 40 }, (_, i) => `MELDUNG ${i + 1}: DER ZUG NACH BERLIN HAT HEUTE VERSPÄTUNG.`),
    );
    expect(sent(fake).filter((html) => html.startsWith("Meldung")).length).toBe(40);
  },
  30_000,
);

test("a component that answers each write with an identical fresh copy a moment later (200 ms) is left alone after a few rounds", async () => {
  // Not at once, so not an answer by its timing alone: its copy goes in as the old one leaves, which a status line the
  // page takes out on its own clock (below) does not.
  const copy = (): string => `<p>Hallo <b>Welt</b> da</p>`;
  const { page } = setup(`<div id="app">${copy()}</div><p id="other">Anderer Absatz</p>`);
  const app = document.querySelector("#app") as Element;
  expect(await stampedOverEachWrite(page, app, copy, 200)).toBeLessThanOrEqual(6);
  expect(app.innerHTML).toBe(copy());
  expect(document.querySelector("#other")?.textContent).toBe("ANDERER ABSATZ");
});

test("a status line the page shows and takes out again on its own clock, each time like the last, is translated each time", async () => {
  // "Anna schreibt gerade" comes and goes as she types, a fraction of a second apart: taken out well after Gloss wrote
  // it and with nothing put in its place, then shown again. No re-render answering a write, however soon it is back.
  const now = performance.now.bind(performance);
  let later = 0;
  const clock = jest.spyOn(performance, "now").mockImplementation(() => now() + later);
  const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve));
  try {
    const { page } = setup(`<div id="chat"><p>Hallo zusammen</p></div>`);
    await page.translate();
    const chat = document.querySelector("#chat") as Element;
    const shown: string[] = [];
    for (let i = 1; i <= 10; i++) {
      const typing = Object.assign(document.createElement("p"), { textContent: "Anna schreibt gerade" });
      chat.append(typing);
      await page.whenSettled();
      shown.push(typing.textContent ?? "");
      for (const step of ["shown", "taken out"]) {
        await nextTask();
        later += 300;
        if (step === "shown") typing.remove();
        await page.whenSettled();
      }
    }
    expect(shown).toEqual(Array(10).fill("ANNA SCHREIBT GERADE"));
  } finally {
    clock.mockRestore();
  }
});

test("a headline the page replaces in place on its own clock, each like the last, is translated each time", async () => {
  const headline = (n: number): string => `Eilmeldung ${n}: Sturm über Hamburg, Züge fallen aus`;
  const { page } = setup(`<div id="news"><h2>${headline(0)}</h2><p>Mehr dazu später.</p></div>`);
  await page.translate();
  const news = document.querySelector("#news") as Element;
  const seen: string[] = [];
  for (let n = 1; n <= 30; n++) {
    await sleep(200);
    seen.push(news.firstElementChild?.textContent ?? "");
    const h2 = document.createElement("h2");
    h2.textContent = headline(n);
    news.firstElementChild?.replaceWith(h2);
  }
  await page.whenSettled();
  seen.push(news.firstElementChild?.textContent ?? "");
  expect(seen).toEqual(Array.from({ length: 31 }, (_, n) => headline(n).toUpperCase()));
}, 30_000);

test("a feed that appends posts like the last ones as the reader scrolls has every post translated", async () => {
  const post = (n: number): string =>
    `<article><p>Beitrag Nummer ${n} im Verlauf</p><a href="#">Antworten</a></article>`;
  const { page } = setup(`<div id="feed">${post(0)}</div>`);
  await page.translate();
  const feed = document.querySelector("#feed") as Element;
  for (let n = 1; n <= 30; n += 3) {
    feed.insertAdjacentHTML("beforeend", post(n) + post(n + 1) + post(n + 2));
    await page.whenSettled();
  }
  expect(Array.from(feed.querySelectorAll("p"), (p) => p.textContent)).toEqual(
    Array.from({ length: 31 }, (_, n) => `BEITRAG NUMMER ${n} IM VERLAUF`),
  );
});

test("a comment the reader edits again and again, saved each time as a fresh copy in its place, is translated each time", async () => {
  const comment = (text: string): string => `<div class="comment"><p>${text}</p><span>bearbeitet</span></div>`;
  const { page } = setup(`<div id="thread">${comment("Ich finde die Bahn ganz okay.")}</div>`);
  await page.translate();
  const thread = document.querySelector("#thread") as Element;
  const edits = ["Ich finde die Bahn ganz okay!", "Ich finde die Bahn meistens ganz okay!"];
  for (let i = 0; i < 8; i++) {
    // The reader takes a moment to edit, not a frame.
    await sleep(100);
    const text = `${edits[i % 2]} (${i + 1}. Änderung)`;
    (thread.firstElementChild as Element).outerHTML = comment(text);
    await page.whenSettled();
    expect(thread.querySelector("p")?.textContent).toBe(text.toUpperCase());
  }
});

test("a route's view that answers Gloss's first write with one fresh copy of itself is translated on every route the reader visits", async () => {
  // Hydration: each route's view, rendered into the same <main>, is drawn once more (stamped with its render's time)
  // when Gloss first writes into it. Once per route is no loop, however many routes the reader goes through.
  const view = (n: number, render: number): string =>
    `<section><h2>Artikel ${n}</h2><p>Geladen um ${renderTime(n * 2 + render)}</p></section>`;
  const { page } = setup(`<main id="view">${view(0, 0)}</main>`);
  const main = document.querySelector("#view") as Element;
  let route = 0;
  let answered = -1;
  const component = new MutationObserver(() => {
    if (answered === route) return;
    answered = route;
    main.innerHTML = view(route, 1);
  });
  component.observe(main, { subtree: true, characterData: true, childList: true });
  try {
    await page.translate();
    const shown: string[] = [];
    // The reader reads a moment before following the next link.
    const settle = async (): Promise<void> => {
      await page.whenSettled();
      await sleep(100);
      await page.whenSettled();
    };
    await settle();
    shown.push(main.textContent ?? "");
    for (let next = 1; next <= 9; next++) {
      // The reader follows a link: the router renders the next route's view (the answer is for Gloss's write only).
      route = next;
      page.newRoute();
      main.innerHTML = view(route, 0);
      component.takeRecords();
      await settle();
      shown.push(main.textContent ?? "");
    }
    expect(shown).toEqual(
      Array.from({ length: 10 }, (_, n) => `ARTIKEL ${n}GELADEN UM ${renderTime(n * 2 + 1)}`.toUpperCase()),
    );
  } finally {
    component.disconnect();
  }
});
