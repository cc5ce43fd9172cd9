// The bilingual view and what the page does around its copies: fields named by labels holding a copy, the view
// switched while a translation streams, the page's nodes put into a copy.

import { setup } from "../helpers/core-page";

const COPY = 'span[translate="no"][lang="en"]';

test.each([
  ["before", false],
  ["after", true],
])("a node of the page's it put into a copy stays the page's on Show original (%s Gloss saw it)", async (_, seen) => {
  const html = `<p id="p">Der Zug ist heute pünktlich.</p><div id="tools"><img id="icon" alt=""></div>`;
  const { page } = setup(html, { displayMode: "bilingual" });
  await page.translate();
  const copy = document.querySelector(`#p ${COPY}`) as Element;
  const icon = document.getElementById("icon") as Element;
  // The page's script moves its own element into the copy's element, and adds a tooltip of its own there.
  copy.append(icon);
  const tip = Object.assign(document.createElement("span"), { id: "tip", textContent: "Mehr dazu" });
  copy.append(tip);
  // A highlighter marks a word of the copy: that word is Gloss's.
  const word = (copy.firstChild as Text).splitText(12);
  word.splitText(5);
  word.replaceWith(document.createElement("mark"));
  (copy.querySelector("mark") as Element).append(word);
  if (seen) await page.whenSettled();
  page.restore();
  expect(document.querySelectorAll(`${COPY}, mark`)).toHaveLength(0);
  // Where the copy stood.
  expect((document.getElementById("p") as Element).innerHTML).toBe(
    `Der Zug ist heute pünktlich.<img id="icon" alt=""><span id="tip">Mehr dazu</span>`,
  );
});

class Face extends HTMLElement {
  static formAssociated = true;
  readonly internals = this.attachInternals();
}
customElements.define("x-bilingual-face", Face);

test("a form-associated element named by its label is named by the label's translation alone", async () => {
  const html =
    `<form><label>Ihr voller Name <x-bilingual-face id="n"></x-bilingual-face></label>` +
    `<label for="e" style="display:block">Ihre E-Mail-Adresse</label><x-bilingual-face id="e"></x-bilingual-face>` +
    // Two labels: naming it from one copy would lose the other's words.
    `<label for="t">Telefon</label><label for="t" style="display:block">privat</label><x-bilingual-face id="t"></x-bilingual-face></form>`;
  const { page } = setup(html, { displayMode: "bilingual" });
  await page.translate();
  const name = (id: string): string => {
    const field = document.getElementById(id) as Face;
    const ids = (field.getAttribute("aria-labelledby") ?? "").split(/\s+/).filter(Boolean);
    if (ids.length) return ids.map((i) => document.getElementById(i)?.textContent?.trim()).join(" ");
    return Array.from(field.internals.labels, (l) => l.textContent?.trim()).join(" ");
  };
  expect([name("n"), name("e")]).toEqual(["IHR VOLLER NAME", "IHRE E-MAIL-ADRESSE"]);
  expect(document.getElementById("t")?.hasAttribute("aria-labelledby")).toBe(false);
  page.restore();
  expect(document.body.innerHTML).toBe(html);
});

test.each([
  ["bilingual", "replace"],
  ["replace", "bilingual"],
] as const)(
  "switched from %s to %s and back while a translation streams: nothing lost, no copy left",
  async (from, to) => {
    const html = ["Erster Absatz hier.", "Zweiter Absatz hier.", "Dritter Absatz hier.", "Vierter Absatz hier."]
      .map((t, i) => `<p id="p${i}">${t}</p>`)
      .join("");
    const { page, fake } = setup(html, { displayMode: from, maxBatchSegments: 1 }, { hold: true });
    const done = page.translate();
    await fake.nextBatch();
    fake.release();
    await fake.nextBatch();
    page.setDisplayMode(to);
    fake.release();
    await fake.nextBatch();
    page.setDisplayMode(from);
    page.setDisplayMode(to);
    fake.unhold();
    await done;
    await page.whenSettled();
    const texts = ["Erster Absatz hier.", "Zweiter Absatz hier.", "Dritter Absatz hier.", "Vierter Absatz hier."];
    expect(texts.map((_, i) => document.getElementById(`p${i}`)?.textContent)).toEqual(
      texts.map((t) => (to === "bilingual" ? t + t.toUpperCase() : t.toUpperCase())),
    );
    expect(document.querySelectorAll(COPY)).toHaveLength(to === "bilingual" ? 4 : 0);
    page.restore();
    expect(document.body.innerHTML).toBe(html);
  },
);

test("a button or link named by its own text is named by its translation alone, not both languages in one breath", async () => {
  const html =
    `<div><button>Jetzt kaufen</button> <button aria-label="Kaufen">Jetzt kaufen</button></div>` +
    `<div role="tab" tabindex="0">Erste Seite</div><a href="/a" style="display:block">Zur Startseite gehen</a>`;
  const { page } = setup(html, { displayMode: "bilingual" });
  await page.translate();
  const name = (el: Element): string => {
    const ids = (el.getAttribute("aria-labelledby") ?? "").split(/\s+/).filter(Boolean);
    if (ids.length) return ids.map((i) => document.getElementById(i)?.textContent).join(" ");
    return el.getAttribute("aria-label") ?? (el.textContent as string);
  };
  const [buy, named] = Array.from(document.querySelectorAll("button"));
  expect(
    [buy, document.querySelector("[role=tab]"), document.querySelector("a")].map((el) => name(el as Element)),
  ).toEqual(["JETZT KAUFEN", "ERSTE SEITE", "ZUR STARTSEITE GEHEN"]);
  // The page's own name for it stays its name.
  expect(name(named as Element)).toBe("Kaufen");
  page.restore();
  expect(document.body.innerHTML).toBe(html);
});
