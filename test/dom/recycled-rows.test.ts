// A virtual list (lit-virtualizer, iron-list, some React lists) keeps a few row elements and refills them with the
// next posts as the reader scrolls: each row's content changes again and again, and faster than the churn guard
// allows a ticker to. Every post shown is still translated, once; a ticker in the same page (a clock, a counter, a
// score, a "typing…" indicator, a marquee) is still left alone after a few rounds, costing no more requests than before.

import { sent, setup } from "../helpers/core-page";

// Three lists with no word in common: posts that follow each other in a row (ten apart) share none of them.
const who = [
  "Meine Großmutter",
  "Unser Nachbar",
  "Die Lehrerin",
  "Ein Kollege",
  "Mein Bruder",
  "Die Bäckerin",
  "Der Hausmeister",
  "Eine Freundin",
  "Der Schaffner",
  "Meine Tochter",
  "Ein Fremder",
  "Die Ärztin",
  "Der Gärtner",
  "Unsere Vermieterin",
  "Ein Tourist",
  "Die Bürgermeisterin",
  "Der Briefträger",
];
const did = [
  "erzählte begeistert von",
  "beschwerte sich lautstark über",
  "fotografierte heimlich",
  "verkaufte gestern",
  "reparierte geduldig",
  "vergaß schon wieder",
  "bewunderte stundenlang",
  "verschenkte großzügig",
  "suchte verzweifelt",
  "malte liebevoll",
  "kritisierte scharf",
  "entdeckte zufällig",
  "bestellte online",
];
const what = [
  "alte Fahrräder",
  "seltsame Pilze",
  "das Stadtfest",
  "bunte Socken",
  "den Sonnenuntergang",
  "gebrauchte Bücher",
  "frische Erdbeeren",
  "einen Regenschirm",
  "die Straßenbahn",
  "ihr Lieblingscafé",
  "kaputte Uhren",
];
const post = (n: number): string => `${who[n % 17]} ${did[n % 13]} ${what[n % 11]}.`;

const ROWS = 10;
const ROUNDS = 12;

test.each([
  ["its text is set", (row: Element, text: string) => void ((row.querySelector("p") as Element).textContent = text)],
  [
    "its Text node is rewritten",
    (row: Element, text: string) => void ((row.querySelector("p")?.firstChild as Text).data = text),
  ],
  [
    "its inline markup is rebuilt",
    (row: Element, text: string) => void ((row.querySelector("p") as Element).innerHTML = `<b>Neu:</b> ${text}`),
  ],
  [
    "it is moved to the list's end and its text set",
    (row: Element, text: string) => {
      row.parentElement?.append(row);
      (row.querySelector("p") as Element).textContent = text;
    },
  ],
  [
    "its image's alt text is set",
    (row: Element, text: string) => void row.querySelector("img")?.setAttribute("alt", text),
  ],
])("a list that recycles its rows (%s) keeps translating every post it shows", async (_, refill) => {
  const rows = Array.from({ length: ROWS }, (_, i) => `<div class="row"><p>${post(i)}</p><img alt="${post(i)}"></div>`);
  const { page, fake } = setup(`<div id="list">${rows.join("")}</div>`);
  await page.translate();
  const list = Array.from(document.querySelectorAll(".row"));
  // Scrolled through 130 posts: each round, every row is refilled with the post ten further down.
  for (let round = 1; round <= ROUNDS; round++) {
    list.forEach((row, i) => refill(row, post(round * ROWS + i)));
    await page.whenSettled();
    const shown = list.map((row) => [
      row.querySelector("p")?.textContent,
      row.querySelector("img")?.getAttribute("alt"),
    ]);
    const expected = list.map((_, i) => post(round * ROWS + i).toUpperCase());
    // Each row's refilled place holds its post's translation.
    shown.forEach((texts, i) => expect(texts.some((t) => t?.endsWith(expected[i] as string))).toBe(true));
  }
  // Each post was sent once.
  expect(new Set(sent(fake)).size).toBe(sent(fake).length);
});

const clock = (i: number): string => `Stand: 12:10:${String(i).padStart(2, "0")} Uhr`;
const typing = ["Anna schreibt", "Anna schreibt.", "Anna schreibt..", "Anna schreibt...", ""];
const typers = ["Anna schreibt …", "Anna und Ben schreiben …", "Ben schreibt …", "Mehrere Leute schreiben …", ""];
const news = "Eilmeldung: Der Zug nach Berlin fällt heute aus +++ ";
const tickers: Array<[string, (i: number) => string, number]> = [
  // What each one cost before recycled rows were told apart: its first few texts.
  ["clock", clock, 5],
  ["countdown", (i) => `Noch ${60 - i} Sekunden`, 5],
  ["score", (i) => `${1234 + i * 7} Punkte`, 5],
  ["relative time", (i) => (i < 10 ? `vor ${i + 1} Minuten` : `vor ${i - 9} Stunden`), 5],
  ["typing indicator", (i) => typing[i % typing.length] as string, 4],
  ["who is typing", (i) => typers[i % typers.length] as string, 4],
  ["marquee", (i) => news.slice((i * 3) % news.length) + news.slice(0, (i * 3) % news.length), 5],
];

test("a clock, a counter, a score or a 'typing…' indicator beside a recycled list is still left alone after a few rounds", async () => {
  const spans = tickers.map(([name, text]) => `<div><span id="${name.replace(/ /g, "-")}">${text(0)}</span></div>`);
  const rows = Array.from({ length: 3 }, (_, i) => `<p class="row">${post(i)}</p>`);
  const { page, fake } = setup(`${rows.join("")}${spans.join("")}`);
  await page.translate();
  const list = Array.from(document.querySelectorAll(".row"));
  for (let i = 1; i < 20; i++) {
    for (const [name, text] of tickers)
      (document.getElementById(name.replace(/ /g, "-")) as Element).textContent = text(i);
    list.forEach((row, r) => (row.textContent = post(i * 3 + r)));
    await page.whenSettled();
  }
  const texts = new Set(sent(fake));
  const cost = (text: (i: number) => string): number =>
    new Set(Array.from({ length: 20 }, (_, i) => text(i).trim()).filter((t) => texts.has(t))).size;
  expect(tickers.filter(([, text, requests]) => cost(text) > requests).map(([name]) => name)).toEqual([]);
  expect(list.map((row) => row.textContent)).toEqual(list.map((_, r) => post(19 * 3 + r).toUpperCase()));
});

test("a list that keeps its rows out of the page and puts them back refilled shows every post translated", async () => {
  // A pool of rows: a row scrolled away leaves the page, is refilled with the next post while out, and comes back.
  const rows = Array.from({ length: 4 }, (_, i) => `<div class="row"><p>${post(i)}</p><img alt="${post(i)}"></div>`);
  const { page, fake } = setup(`<div id="list">${rows.join("")}</div>`);
  await page.translate();
  const list = document.querySelector("#list") as Element;
  const pool = Array.from(list.children);
  for (let round = 1; round <= 3; round++) {
    pool.forEach((row) => row.remove());
    await page.whenSettled();
    pool.forEach((row, i) => {
      (row.querySelector("p") as Element).textContent = post(round * 4 + i);
      row.querySelector("img")?.setAttribute("alt", post(round * 4 + i));
    });
    list.append(...pool);
    await page.whenSettled();
    pool.forEach((row, i) => {
      expect(row.querySelector("p")?.textContent).toBe(post(round * 4 + i).toUpperCase());
      expect(row.querySelector("img")?.getAttribute("alt")).toBe(post(round * 4 + i).toUpperCase());
    });
  }
  // A row put back as it left is not sent again.
  const requests = sent(fake).length;
  const row = pool[0] as Element;
  row.remove();
  await page.whenSettled();
  list.prepend(row);
  await page.whenSettled();
  expect(sent(fake).length).toBe(requests);
  expect(row.querySelector("p")?.textContent).toBe(post(12).toUpperCase());
  page.restore();
  expect(list.innerHTML).toBe(
    pool.map((_, i) => `<div class="row"><p>${post(12 + i)}</p><img alt="${post(12 + i)}"></div>`).join(""),
  );
});
