// Item 14: dynamic pages. New content is translated while the session is active; our own writes never trigger
// re-translation; a unit that changes while in flight has its stale reply dropped and is sent again; a translated
// unit is never translated twice (also when the page re-inserts it); live counters do not cause endless work.

import type { PageTranslator } from "../../src/core";
import { loadFixture } from "../helpers/core-fixtures";
import { sent, setup, WHOLE_PAGE_TIMEOUT_MS } from "../helpers/core-page";

test("content added after translate() is translated automatically", async () => {
  const s = setup(`<div id="comments"><p>Erster Kommentar</p></div>`);
  await s.page.translate();
  const more = document.createElement("div");
  more.className = "comment";
  more.innerHTML = `<p>Ein <b>neuer</b> Kommentar</p><p>Noch einer</p>`;
  document.querySelector("#comments")?.appendChild(more);
  await s.progressWhere((p) => p.total === 3);
  expect(s.page.state).toBe("translating");
  const summary = await s.page.whenSettled();
  expect(s.page.state).toBe("translated");
  expect(document.querySelector("#comments")?.innerHTML).toBe(
    `<p lang="en">ERSTER KOMMENTAR</p><div class="comment"><p lang="en">EIN <b>NEUER</b> KOMMENTAR</p><p lang="en">NOCH EINER</p></div>`,
  );
  expect(summary).toMatchObject({ found: 3, translated: 3 });
  expect(s.progress[s.progress.length - 1]).toMatchObject({ total: 3, done: 3 });
});

test("text typed into an empty element and inline content added to a paragraph are picked up", async () => {
  const { page } = setup(`<p id="a"></p><p id="b">Hallo</p>`);
  await page.translate();
  (document.querySelector("#a") as Element).textContent = "Jetzt mit Text";
  const b = document.querySelector("#b") as Element;
  b.appendChild(document.createElement("em")).textContent = " und mehr";
  await page.whenSettled();
  expect(document.querySelector("#a")?.textContent).toBe("JETZT MIT TEXT");
  expect(b.innerHTML).toBe("HALLO<em> UND MEHR</em>");
});

test(
  "new content inside shadow roots is translated (new Reddit: more comments arrive)",
  async () => {
    loadFixture("new-reddit-de");
    const { page } = setup(null);
    await page.translate();
    const tree = document.querySelector("shreddit-comment-tree") as Element;
    const comment = document.createElement("shreddit-comment");
    comment.innerHTML = `<div slot="comment"><p>Ich vermisse das Wort <em>Kaffeeklatsch</em> sehr.</p></div>`;
    tree.appendChild(comment);
    await page.whenSettled();
    expect(comment.querySelector("p")?.innerHTML).toBe("ICH VERMISSE DAS WORT <em>KAFFEEKLATSCH</em> SEHR.");
    expect(comment.shadowRoot?.querySelector("summary")?.textContent).toBe("ANTWORTEN AUSBLENDEN");
    // A change inside an existing shadow root is seen too.
    const post = document.querySelector("shreddit-post") as Element;
    const award = post.shadowRoot?.querySelector(".award") as Element;
    award.appendChild(document.createElement("span")).textContent = "Neue Auszeichnung";
    await page.whenSettled();
    expect(award.lastElementChild?.textContent).toBe("NEUE AUSZEICHNUNG");
  },
  WHOLE_PAGE_TIMEOUT_MS,
);

test(
  "our own writes never trigger a re-translation",
  async () => {
    loadFixture("old-reddit-de");
    const { page, fake } = setup(null);
    await page.translate();
    const requests = sent(fake).length;
    // Give the observer every chance to see our writes, then some unrelated page activity.
    document.body.appendChild(document.createComment("tick"));
    await page.whenSettled();
    expect(sent(fake).length).toBe(requests);
    // Nothing we produced was ever sent back.
    for (const html of sent(fake)) expect(html).not.toBe(html.toUpperCase());
  },
  WHOLE_PAGE_TIMEOUT_MS,
);

test("a unit whose source changes while in flight: the stale reply is dropped and the unit is sent again", async () => {
  const { page, fake } = setup(`<p id="a">Alter Text</p><p id="b">Anderer Absatz</p>`, {}, { hold: true });
  const done = page.translate();
  const batch = await fake.nextBatch();
  expect(batch.map((s) => s.html)).toEqual(["Alter Text"]);
  (document.querySelector("#a")?.firstChild as Text).data = "Neuer Text";
  fake.unhold();
  await done;
  await page.whenSettled();
  expect(document.querySelector("#a")?.textContent).toBe("NEUER TEXT");
  expect(document.querySelector("#b")?.textContent).toBe("ANDERER ABSATZ");
  expect(sent(fake)).toEqual(["Alter Text", "Anderer Absatz", "Neuer Text"]);
});

test("a unit replaced while in flight: the reply for the detached nodes is dropped, the new ones are translated", async () => {
  const { page, fake } = setup(`<div id="box"><p>Lade Inhalt</p></div>`, {}, { hold: true });
  const done = page.translate();
  await fake.nextBatch();
  const box = document.querySelector("#box") as Element;
  box.replaceChildren(Object.assign(document.createElement("p"), { textContent: "Geladener Inhalt" }));
  fake.unhold();
  await done;
  await page.whenSettled();
  expect(box.innerHTML).toBe(`<p lang="en">GELADENER INHALT</p>`);
});

test("a translated unit is never translated again, also when the page re-inserts it", async () => {
  const { page, fake } = setup(
    `<div id="list"><div class="c"><p>Eins</p><p>Zwei <a href="#">mehr</a></p></div><p id="solo">Drei</p></div>`,
  );
  await page.translate();
  const requests = sent(fake).length;
  const list = document.querySelector("#list") as Element;
  const comment = document.querySelector(".c") as Element;
  const solo = document.querySelector("#solo") as Element;
  // Virtualised lists and "collapse thread" remove nodes and put the same ones back.
  comment.remove();
  solo.remove();
  list.prepend(solo);
  list.append(comment);
  await page.whenSettled();
  expect(sent(fake).length).toBe(requests);
  expect(list.innerHTML).toBe(
    `<p id="solo" lang="en">DREI</p><div class="c"><p lang="en">EINS</p><p lang="en">ZWEI <a href="#">MEHR</a></p></div>`,
  );
});

test("text the page changes in a translated unit becomes the new source: translated again, restored to the new text", async () => {
  const { page, fake } = setup(`<p>Es gibt <b>3</b> neue Kommentare</p>`);
  await page.translate();
  expect(document.body.innerHTML).toBe(`<p lang="en">ES GIBT <b>3</b> NEUE KOMMENTARE</p>`);
  const text = document.querySelector("p")?.lastChild as Text;
  text.data = " neue Antworten";
  await page.whenSettled();
  expect(document.body.innerHTML).toBe(`<p lang="en">ES GIBT <b>3</b> NEUE ANTWORTEN</p>`);
  expect(sent(fake)).toEqual(["Es gibt <b1>3</b1> neue Kommentare", "Es gibt <b1>3</b1> neue Antworten"]);
  page.restore();
  expect(document.body.innerHTML).toBe("<p>Es gibt <b>3</b> neue Antworten</p>");
});

test("a page that writes our own output back is not re-translated", async () => {
  const { page, fake } = setup(`<p id="a">Hallo Welt</p><p id="b">Guten Tag</p><img id="i" alt="Ein Bild">`);
  await page.translate();
  const requests = sent(fake).length;
  // A framework re-renders with the text it now finds in the DOM.
  const a = document.querySelector("#a")?.firstChild as Text;
  a.data = "HALLO WELT";
  (document.querySelector("#b") as Element).firstChild?.replaceWith(document.createTextNode("HALLO WELT"));
  document.querySelector("#i")?.setAttribute("alt", "EIN BILD");
  await page.whenSettled();
  expect(sent(fake).length).toBe(requests);
});

test("a changed attribute is translated again", async () => {
  const { page } = setup(`<button title="Speichern">💾</button>`);
  await page.translate();
  const button = document.querySelector("button") as Element;
  expect(button.getAttribute("title")).toBe("SPEICHERN");
  button.setAttribute("title", "Gespeichert");
  await page.whenSettled();
  expect(button.getAttribute("title")).toBe("GESPEICHERT");
  page.restore();
  expect(button.getAttribute("title")).toBe("Gespeichert");
});

test("content revealed later (hidden, display:none) is translated when it appears", async () => {
  const { page } = setup(
    `<div id="more" hidden><p>Versteckte Antworten</p></div><p id="tip" style="display:none">Tipp</p>`,
  );
  await page.translate();
  expect(document.querySelector("#more p")?.textContent).toBe("Versteckte Antworten");
  document.querySelector("#more")?.removeAttribute("hidden");
  document.querySelector("#tip")?.setAttribute("style", "");
  await page.whenSettled();
  expect(document.querySelector("#more p")?.textContent).toBe("VERSTECKTE ANTWORTEN");
  expect(document.querySelector("#tip")?.textContent).toBe("TIPP");
});

test("a live counter that keeps changing is left alone after a few rounds", async () => {
  const { page, fake } = setup(`<p><span id="n">Noch 10 Sekunden</span></p>`);
  await page.translate();
  const span = document.querySelector("#n") as Element;
  for (let i = 9; i > 0; i--) {
    span.textContent = `Noch ${i} Sekunden`;
    await page.whenSettled();
  }
  const counterRequests = sent(fake).filter((h) => h.startsWith("Noch"));
  expect(counterRequests.length).toBeLessThanOrEqual(6);
  expect(span.textContent).toBe("Noch 1 Sekunden");
});

test("changes inside excluded parts of a unit (e.g. a live timestamp) do not re-translate the unit", async () => {
  const { page, fake } = setup(`<p>Gepostet <time>vor 2 Minuten</time> von Anna</p>`, { site: { exclude: ["time"] } });
  await page.translate();
  const requests = sent(fake).length;
  const time = document.querySelector("time") as Element;
  for (let i = 3; i < 8; i++) {
    time.textContent = `vor ${i} Minuten`;
    await page.whenSettled();
  }
  expect(sent(fake).length).toBe(requests);
  expect(document.querySelector("p")?.innerHTML).toBe("GEPOSTET <time>vor 7 Minuten</time> VON ANNA");
});

test("observeMutations: false leaves later content alone", async () => {
  const { page } = setup(`<p>Erster</p>`, { observeMutations: false });
  await page.translate();
  document.body.appendChild(document.createElement("p")).textContent = "Später";
  await page.whenSettled();
  expect(document.body.innerHTML).toBe(`<p lang="en">ERSTER</p><p>Später</p>`);
});

test("after restore() nothing is observed any more", async () => {
  const { page, fake } = setup(`<p>Erster</p>`);
  await page.translate();
  page.restore();
  document.body.appendChild(document.createElement("p")).textContent = "Später";
  await page.whenSettled();
  expect(document.body.innerHTML).toBe("<p>Erster</p><p>Später</p>");
  expect(sent(fake)).toEqual(["Erster"]);
});

test(
  "old Reddit: 'load more comments' inserts new comments that get translated, the rest is untouched",
  async () => {
    loadFixture("old-reddit-de");
    const { page, fake } = setup(null, { site: { exclude: [".tagline", ".flat-list.buttons", ".midcol"] } });
    await page.translate();
    const requests = sent(fake).length;
    const more = document.querySelector(".morechildren") as Element;
    const comment = document.createElement("div");
    comment.className = "thing comment";
    comment.innerHTML = `<div class="entry"><p class="tagline"><a class="author">neu_hier</a> <span class="score">1 Punkt</span></p><form class="usertext"><div class="usertext-body"><div class="md"><p>Ich finde die Bahn eigentlich <em>ganz okay</em>.</p></div></div></form></div>`;
    more.replaceWith(comment);
    await page.whenSettled();
    expect(comment.querySelector(".md p")?.innerHTML).toBe("ICH FINDE DIE BAHN EIGENTLICH <em>GANZ OKAY</em>.");
    expect(comment.querySelector(".tagline")?.textContent).toBe("neu_hier 1 Punkt");
    expect(sent(fake).slice(requests)).toEqual(["Ich finde die Bahn eigentlich <i1>ganz okay</i1>."]);
  },
  WHOLE_PAGE_TIMEOUT_MS,
);

test("restore() right after a page change keeps the page's change", async () => {
  const { page } = setup(`<div id="box"><p>Alter Text mit <b>Markup</b></p></div>`);
  await page.translate();
  const p = document.querySelector("p") as Element;
  (p.firstChild as Text).data = "Neuer Text mit ";
  document.querySelector("#box")?.appendChild(document.createElement("p")).append("Nachgeladen");
  page.restore();
  expect(document.querySelector("#box")?.innerHTML).toBe("<p>Neuer Text mit <b>Markup</b></p><p>Nachgeladen</p>");
});

test(
  "a ticking counter in an excluded element costs no walk of the page",
  async () => {
    // Text-less boxes are not units: a walk of their container would look at every one of them again.
    const paragraphs = Array.from({ length: 200 }, (_, i) => `<p>Absatz ${i}</p><div class="gap"><i></i></div>`).join(
      "",
    );
    const { page, fake } = setup(`<div>${paragraphs}<span class="count">1 neue Antwort</span></div>`, {
      site: { exclude: [".count"] },
    });
    await page.translate();
    const requests = sent(fake).length;
    const original = window.getComputedStyle;
    let calls = 0;
    window.getComputedStyle = (...args: Parameters<typeof original>) => {
      calls++;
      return original(...args);
    };
    try {
      const count = document.querySelector(".count") as Element;
      for (let i = 2; i < 7; i++) {
        (count.firstChild as Text).data = `${i} neue Antworten`;
        await page.whenSettled();
      }
    } finally {
      window.getComputedStyle = original;
    }
    expect(sent(fake).length).toBe(requests);
    expect(calls).toBeLessThan(50);
  },
  WHOLE_PAGE_TIMEOUT_MS,
);

/**
 * Translates the page while a framework answers each change in `box` with a fresh copy (`render(n)`: its HTML for the
 * n-th render, or null when what is there is its own), at most `most` times; the number of renders.
 */
async function reRenderedOverEachWrite(
  page: PageTranslator,
  box: Element,
  most: number,
  render: (n: number) => string | null,
  attributes = false,
): Promise<number> {
  let renders = 0;
  const framework = new MutationObserver(() => {
    const html = renders < most ? render(renders + 1) : null;
    if (html === null) return;
    renders++;
    box.innerHTML = html;
  });
  framework.observe(box, { subtree: true, characterData: true, childList: true, attributes });
  try {
    await page.translate();
    // Each round: Gloss writes, the framework re-renders (a microtask later), Gloss sees the change. Until Gloss
    // stops writing there, or the framework gives up.
    for (let seen = -1; seen !== renders;) {
      seen = renders;
      await page.whenSettled();
    }
  } finally {
    framework.disconnect();
  }
  return renders;
}

test.each([
  ["the element", "#app"],
  ["the container around it", "main"],
])(
  "a page that re-renders a fresh copy of %s over every translation is left alone after a few rounds, not flickered forever",
  async (_, rendered) => {
    // E.g. a framework repairing what it sees as a hydration mismatch: each write of Gloss's is answered by a
    // fresh, untranslated copy.
    const html = `<p class="x">Hallo <b>Welt</b> da</p>`;
    const { page, fake } = setup(`<main><div id="app">${html}</div></main><p id="other">Anderer Absatz</p>`);
    const box = document.querySelector(rendered) as Element;
    const source = box.innerHTML;
    const renders = await reRenderedOverEachWrite(page, box, 30, () => (box.innerHTML === source ? null : source));
    expect(renders).toBeLessThanOrEqual(6);
    expect(sent(fake)).toEqual(["Hallo <b1>Welt</b1> da", "Anderer Absatz"]);
    expect(document.body.innerHTML).toBe(
      `<main><div id="app">${html}</div></main><p id="other" lang="en">ANDERER ABSATZ</p>`,
    );
    // Content the page adds next to it is still translated.
    const app = document.querySelector("#app") as Element;
    app.append(Object.assign(document.createElement("p"), { textContent: "Neuer Absatz" }));
    await page.whenSettled();
    expect(app.lastElementChild?.textContent).toBe("NEUER ABSATZ");
    page.restore();
    expect(document.body.innerHTML).toBe(
      `<main><div id="app">${html}<p>Neuer Absatz</p></div></main><p id="other">Anderer Absatz</p>`,
    );
  },
);

test.each([
  ["its title", `<p class="x" title="Ein kurzer Hinweis">Hallo <b>Welt</b> da</p>`],
  ["an image's alt in it", `<p class="x">Hallo <b>Welt</b> da <img src="a.png" alt="Ein rotes Haus"></p>`],
  ["a title and no text", `<button type="button" title="Fenster schließen">×</button>`],
])("a page that re-renders a fresh copy over every write is left alone after a few rounds, %s too", async (_, html) => {
  // The framework answers any change in its DOM, an attribute's too: once the text is left alone, the fresh copy's
  // attribute written from the saved translations must not start the loop again.
  const { page } = setup(`<div id="app">${html}</div><p id="other">Anderer Absatz</p>`);
  const app = document.querySelector("#app") as Element;
  const renders = await reRenderedOverEachWrite(page, app, 30, () => (app.innerHTML === html ? null : html), true);
  expect(renders).toBeLessThanOrEqual(8);
  expect(app.innerHTML).toBe(html);
  page.restore();
  expect(app.innerHTML).toBe(html);
});

test("a feed that drops translated posts and adds new ones, or the same ones again, keeps translating them", async () => {
  const post = (text: string): string => `<article><p>${text}</p><div class="share">Teilen</div></article>`;
  const { page, fake } = setup(`<div id="feed">${post("Beitrag 0")}</div>`);
  await page.translate();
  const feed = document.querySelector("#feed") as Element;
  // A virtualised list: each step the post in view is replaced by a fresh one, every other time a fresh copy of a
  // post seen before (the reader scrolls back).
  for (let i = 1; i <= 8; i++) {
    feed.innerHTML = post(`Beitrag ${i % 2 ? i : 0}`);
    await page.whenSettled();
    expect(feed.innerHTML).toBe(
      `<article><p lang="en">BEITRAG ${i % 2 ? i : 0}</p><div class="share" lang="en">TEILEN</div></article>`,
    );
  }
  // Answered from the session's translations: each source was sent once.
  expect(new Set(sent(fake)).size).toBe(sent(fake).length);
});

test("a feed's loading line, shown again for each page of posts, is translated each time", async () => {
  // The line comes and goes within a second of being translated, as a re-render's copies do; but it comes back
  // seconds later, when the reader reaches the end again, not at once.
  const now = performance.now.bind(performance);
  let later = 0;
  const clock = jest.spyOn(performance, "now").mockImplementation(() => now() + later);
  try {
    const { page } = setup(`<div id="feed"><p>Beitrag Nummer 0 im Verlauf</p></div>`);
    await page.translate();
    const feed = document.querySelector("#feed") as Element;
    for (let i = 1; i <= 8; i++) {
      const loading = Object.assign(document.createElement("div"), { textContent: "Weitere Beiträge werden geladen" });
      feed.append(loading);
      await page.whenSettled();
      expect(loading.textContent).toBe("WEITERE BEITRÄGE WERDEN GELADEN");
      loading.remove();
      feed.append(Object.assign(document.createElement("p"), { textContent: `Beitrag Nummer ${i} im Verlauf` }));
      await page.whenSettled();
      later += 2000;
    }
    expect(feed.lastElementChild?.textContent).toBe("BEITRAG NUMMER 8 IM VERLAUF");
  } finally {
    clock.mockRestore();
  }
});

test("a feed whose label counts its posts keeps translating new posts; only the label is left alone", async () => {
  const { page, fake } = setup(`<div id="feed" role="feed" aria-label="Neue Beiträge: 1"><p>Erster Beitrag</p></div>`);
  await page.translate();
  const feed = document.querySelector("#feed") as Element;
  for (let i = 2; i <= 10; i++) {
    feed.setAttribute("aria-label", `Neue Beiträge: ${i}`);
    feed.append(Object.assign(document.createElement("p"), { textContent: `Beitrag Nummer ${i}` }));
    await page.whenSettled();
    expect(feed.lastElementChild?.textContent).toBe(`BEITRAG NUMMER ${i}`);
  }
  expect(sent(fake).filter((html) => html.startsWith("Neue")).length).toBeLessThanOrEqual(6);
});

test("edits to a few texts that share a parent with others leave new content in that parent translated", async () => {
  // Runs of text between blocks, as in a comment list: each edit is a change of a different unit.
  const items = Array.from({ length: 8 }, (_, i) => `Beitrag Nummer ${i}<hr>`).join("");
  const { page } = setup(`<div id="feed">${items}</div>`);
  await page.translate();
  const feed = document.querySelector("#feed") as Element;
  const texts = Array.from(feed.childNodes).filter((n): n is Text => n.nodeType === Node.TEXT_NODE);
  for (const [i, text] of texts.slice(0, 6).entries()) {
    text.data = `Beitrag Nummer ${i} (bearbeitet)`;
    await page.whenSettled();
  }
  feed.append("Ganz neuer Beitrag");
  await page.whenSettled();
  expect(feed.innerHTML).toBe(
    [0, 1, 2, 3, 4, 5].map((i) => `BEITRAG NUMMER ${i} (BEARBEITET)<hr>`).join("") +
      "BEITRAG NUMMER 6<hr>BEITRAG NUMMER 7<hr>GANZ NEUER BEITRAG",
  );
});

test("a counter ticking inside text that shares its parent is left alone after a few rounds, not its neighbours", async () => {
  const { page, fake } = setup(`<div id="box">Noch <b>10</b> Sekunden<p>Ein Absatz</p>Mehr Text</div>`);
  await page.translate();
  const count = document.querySelector("#box b") as Element;
  for (let i = 9; i > 0; i--) {
    count.textContent = String(i);
    await page.whenSettled();
  }
  expect(sent(fake).filter((html) => html.startsWith("Noch")).length).toBeLessThanOrEqual(6);
  const box = document.querySelector("#box") as Element;
  expect(box.innerHTML).toBe(`Noch <b>1</b> Sekunden<p lang="en">EIN ABSATZ</p>MEHR TEXT`);
  box.append(" und noch mehr");
  await page.whenSettled();
  expect(box.innerHTML).toBe(`Noch <b>1</b> Sekunden<p lang="en">EIN ABSATZ</p>MEHR TEXT UND NOCH MEHR`);
});

test("an item added to a feed of display-less wrappers is collected on its own, not with the whole feed", async () => {
  const item = (i: number): string =>
    `<feed-item><div class="post"><p>Beitrag Nummer ${i} im Verlauf</p></div></feed-item>`;
  const { page } = setup(`<div id="feed">${Array.from({ length: 30 }, (_, i) => item(i)).join("")}</div>`);
  await page.translate();
  const feed = document.querySelector("#feed") as Element;
  const before = new Set(Array.from(feed.querySelectorAll("*")));
  const looked: Element[] = [];
  const getStyle = window.getComputedStyle;
  const spy = jest.spyOn(window, "getComputedStyle").mockImplementation((el, pseudo) => {
    looked.push(el);
    return getStyle.call(window, el, pseudo);
  });
  try {
    feed.insertAdjacentHTML("beforeend", item(30));
    await page.whenSettled();
  } finally {
    spy.mockRestore();
  }
  expect(feed.lastElementChild?.textContent).toBe("BEITRAG NUMMER 30 IM VERLAUF");
  // The walk looked at the new item, not at the thirty items already translated.
  expect(looked.filter((el) => before.has(el))).toEqual([]);
});
