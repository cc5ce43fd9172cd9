// Mastodon's web app (a thread on chaos.social, German): statuses are translated in reading order before the app's
// chrome; names, handles, ages, counts and buttons are never sent; mentions, hashtags and shown addresses stay exactly
// as they are, inside their translated sentence; a content warning's words are translated, the text behind it when
// the reader opens it; statuses the timeline adds later are translated once; Show original gives the page back.
import { siteAdapterFor, siteRulesFor } from "../../src/sites";
import { expectExactRoundTrip, loadFixture } from "../helpers/core-fixtures";
import { sent, setup } from "../helpers/core-page";

const URL = "https://chaos.social/@anna/113590000000000002";

function translator(options: Parameters<typeof setup>[1] = {}, fakeOptions: Parameters<typeof setup>[2] = {}) {
  return setup(null, { site: siteRulesFor(document, URL)!, maxConcurrent: 1, ...options }, fakeOptions);
}

const text = (selector: string, root: ParentNode = document) => root.querySelector(selector)?.textContent;

beforeEach(() => loadFixture("mastodon-thread-de"));

test("Mastodon is recognised by its markup, on any domain", () => {
  expect(siteAdapterFor(document, "https://norden.social/@bernd/113590000000000003")?.name).toBe("mastodon");
  expect(siteAdapterFor(document, URL)?.name).toBe("mastodon");
});

test("Mastodon: the statuses are sent first, in reading order, without names, handles, ages, counts or buttons", async () => {
  const { page, fake } = translator();
  await page.translate();
  const order = sent(fake);
  expect(order.slice(0, 6)).toEqual([
    "Zugausfälle im Rheinland heute Morgen: Zwischen Köln und Düsseldorf fährt wegen einer Stellwerksstörung kaum etwas.",
    "Heute früh in Köln Hbf: Die Anzeigetafel zeigt für jeden Zug „Fällt aus“, aber die Durchsagen behaupten das Gegenteil. Hat jemand verlässliche Infos, ob der RE 5 nach Koblenz fährt?",
    // The shown address is one placeholder in its sentence, not a cut that makes two pieces of it.
    "weißt du mehr? Die App der Bahn sagt nur „Störung“. Laut <x1></x1> dauert es bis mittags.",
    "Laut Fahrdienstleiter fährt der RE 5 ab Mittag wieder im Stundentakt. Bis dahin lieber mit der <x1></x1> nach Bonn und dort umsteigen.",
    "Wut auf die Bahn, Schimpfwörter",
    "Der Schienenersatzverkehr ab Deutz ist eine Zumutung, nehmt lieber das Fahrrad.",
  ]);
  for (const chrome of ["Std.", "Antworten", "Favorisieren", "Mehr anzeigen", "Geteilte", "Ivory", "DE", ":ice:"]) {
    expect(order.filter((html) => html.includes(chrome) && !html.includes(", 5. Dez., "))).toEqual([]);
  }
  // No handle, hashtag or display name goes to the model, but in the screen-reader summary Mastodon gives each
  // status (its aria-label: name, whole text, date, account) where it does not repeat the status's text (a content
  // warning's label), which is translated after the statuses: it is what a screen reader says when the status takes
  // focus, and it should say what the translated status shows. A label that repeats the text is not sent (see below).
  const labels = order.filter((html) => html.includes(", 5. Dez., "));
  expect(labels).toEqual(["Clara, Wut auf die Bahn, Schimpfwörter, 5. Dez., 11:02, clara@social.anoxinon.de"]);
  for (const label of labels) expect(order.indexOf(label)).toBeGreaterThan(5);
  for (const name of ["@", "#", "Bahnchaos", "Anna Schmidt", "Bernd", "Dieter"]) {
    expect(order.filter((html) => html.includes(name) && !labels.includes(html))).toEqual([]);
  }
});

/** The status's wrapper, which carries what a screen reader says as the status takes focus. */
const wrapperOf = (id: string): Element =>
  document.querySelector(`[data-id='${id}'] .status__wrapper, [data-id='${id}'] .detailed-status__wrapper`)!;
const label = (id: string): string | null => wrapperOf(id).getAttribute("aria-label");

const DBWATCH = "113590000000000001";
const ANNA = "113590000000000002";
const BERND = "113590000000000003";
const CLARA = "113590000000000004";
const DIETER = "113590000000000005";

/** Each status's label as the page has it, by status. */
const labels = (): Map<string, string | null> =>
  new Map([DBWATCH, ANNA, BERND, CLARA, DIETER].map((id) => [id, label(id)]));

test("Mastodon: a status's label, which repeats its text, is not sent: the thread costs 1,107 characters, not 2,021", async () => {
  const { page, fake } = translator();
  await page.translate();
  const order = sent(fake);
  // Name, text, date and account: the text is translated once, in the status; only the content warning's label,
  // which says the warning and not the text, is sent (below).
  expect(order.filter((html) => html.includes(", 5. Dez., "))).toEqual([
    "Clara, Wut auf die Bahn, Schimpfwörter, 5. Dez., 11:02, clara@social.anoxinon.de",
  ]);
  // Each status's words go to the model once.
  for (const words of ["Zugausfälle", "Anzeigetafel", "weißt du mehr", "Fahrdienstleiter", "Schienenersatzverkehr"]) {
    expect(order.filter((html) => html.includes(words))).toHaveLength(1);
  }
  // 2,021 characters when every label was sent as well (in as many requests: 4, each smaller now).
  expect(order.join("").length).toBe(1107);
  expect(fake.batches.length).toBe(4);
});

test("Mastodon: a screen reader hears the translated text in the status's label, with the name, date and account as they were", async () => {
  const before = labels();
  const { page } = translator();
  await page.translate();
  expect(label(DBWATCH)).toBe(
    "Deutsche Bahn Watch :ice:, ZUGAUSFÄLLE IM RHEINLAND HEUTE MORGEN: ZWISCHEN KÖLN UND DÜSSELDORF FÄHRT WEGEN EINER " +
      "STELLWERKSSTÖRUNG KAUM ETWAS. #Bahnchaos #Köln, 5. Dez., 09:12, dbwatch@norden.social",
  );
  // Paragraphs apart, as Mastodon's own label has them once they are its own lines.
  expect(label(ANNA)).toBe(
    "Anna Schmidt, HEUTE FRÜH IN KÖLN HBF: DIE ANZEIGETAFEL ZEIGT FÜR JEDEN ZUG „FÄLLT AUS“, ABER DIE DURCHSAGEN " +
      "BEHAUPTEN DAS GEGENTEIL. HAT JEMAND VERLÄSSLICHE INFOS, OB DER RE 5 NACH KOBLENZ FÄHRT? @dbwatch WEISST DU MEHR? " +
      "DIE APP DER BAHN SAGT NUR „STÖRUNG“. LAUT https://www.tagesschau.de/inland/stellwerk-koeln-stoerung-100.html " +
      "DAUERT ES BIS MITTAGS. #Bahnchaos #Pendeln, 5. Dez., 10:03, anna",
  );
  expect(label(BERND)).toBe(
    "Bernd 🚲, @anna LAUT FAHRDIENSTLEITER FÄHRT DER RE 5 AB MITTAG WIEDER IM STUNDENTAKT. BIS DAHIN LIEBER MIT DER " +
      "#S11 NACH BONN UND DORT UMSTEIGEN., 5. Dez., 10:41, bernd@norden.social",
  );
  expect(label(DIETER)).toBe(
    "Dieter, @anna @bernd DER SCHIENENERSATZVERKEHR AB DEUTZ IST EINE ZUMUTUNG, NEHMT LIEBER DAS FAHRRAD., 5. Dez., " +
      "11:30, dieter@pleroma.example.de",
  );
  // Show original gives each label back exactly.
  page.restore();
  expect(labels()).toEqual(before);
});

test("Mastodon: in the bilingual view the labels stay as the page wrote them; shown in place, they say the translation", async () => {
  const before = labels();
  const { page, fake } = translator({ displayMode: "bilingual" });
  await page.translate();
  expect(labels()).toEqual(before);
  page.setDisplayMode("replace");
  expect(label(BERND)).toBe(
    "Bernd 🚲, @anna LAUT FAHRDIENSTLEITER FÄHRT DER RE 5 AB MITTAG WIEDER IM STUNDENTAKT. BIS DAHIN LIEBER MIT DER " +
      "#S11 NACH BONN UND DORT UMSTEIGEN., 5. Dez., 10:41, bernd@norden.social",
  );
  page.setDisplayMode("bilingual");
  expect(labels()).toEqual(before);
  expect(sent(fake).filter((html) => html.includes("Fahrdienstleiter"))).toHaveLength(1);
  page.restore();
  expect(labels()).toEqual(before);
});

test("Mastodon: a label that says a content warning instead of the text, or whose text was not translated, is translated whole", async () => {
  const { page } = translator(
    {},
    {
      fail: (s) =>
        s.html.includes("Schienenersatzverkehr") && !s.html.startsWith("Dieter")
          ? { kind: "timeout", message: "Too slow." }
          : undefined,
    },
  );
  await page.translate();
  expect(label(CLARA)).toBe("CLARA, WUT AUF DIE BAHN, SCHIMPFWÖRTER, 5. DEZ., 11:02, CLARA@SOCIAL.ANOXINON.DE");
  // Never half in one language, half in the other: Dieter's text stays German, so his whole label is translated.
  expect(text(`[data-id='${DIETER}'] .status__content__text p`)).toContain("Der Schienenersatzverkehr");
  expect(label(DIETER)).toBe(
    "DIETER, @ANNA @BERND DER SCHIENENERSATZVERKEHR AB DEUTZ IST EINE ZUMUTUNG, NEHMT LIEBER DAS FAHRRAD., 5. DEZ., " +
      "11:30, DIETER@PLEROMA.EXAMPLE.DE",
  );
  expect(label(BERND)).toMatch(/^Bernd 🚲, @anna LAUT FAHRDIENSTLEITER .*, 5\. Dez\., 10:41, bernd@norden\.social$/);
});

test("Mastodon: a label the page changes as the translation is written is the page's, and is derived again from it", async () => {
  const wrapper = wrapperOf(BERND);
  const content = wrapper.querySelector(".status__content__text")!;
  const rebuilt = label(BERND)!.replace("5. Dez., 10:41", "5. Dez. 2026, 10:41");
  // The page answers the translation of the text by rebuilding the label (another date format) before Gloss writes
  // the label it derived from the old one.
  const page$ = new MutationObserver(() => {
    page$.disconnect();
    wrapper.setAttribute("aria-label", rebuilt);
  });
  page$.observe(content, { subtree: true, characterData: true, childList: true });
  const written: Array<string | null> = [];
  const watch = new MutationObserver((records) => records.forEach(() => written.push(label(BERND))));
  watch.observe(wrapper, { attributes: true, attributeFilter: ["aria-label"] });
  const { page, fake } = translator();
  await page.translate();
  expect(label(BERND)).toBe(
    "Bernd 🚲, @anna LAUT FAHRDIENSTLEITER FÄHRT DER RE 5 AB MITTAG WIEDER IM STUNDENTAKT. BIS DAHIN LIEBER MIT DER " +
      "#S11 NACH BONN UND DORT UMSTEIGEN., 5. Dez. 2026, 10:41, bernd@norden.social",
  );
  watch.disconnect();
  // The label Gloss derived from the page's old one was never written over the page's.
  expect(written.filter((value) => value?.includes("5. Dez., 10:41"))).toEqual([]);
  expect(sent(fake).filter((html) => html.includes("Fahrdienstleiter"))).toHaveLength(1);
});

/** Resolves when the element's attribute becomes `value` (now or by a later write). */
function attributeBecomes(el: Element, name: string, value: string): Promise<void> {
  return new Promise((resolve) => {
    const done = (): boolean => el.getAttribute(name) === value;
    if (done()) return resolve();
    const watch = new MutationObserver(() => {
      if (!done()) return;
      watch.disconnect();
      resolve();
    });
    watch.observe(el, { attributes: true, attributeFilter: [name] });
  });
}

test("Mastodon: a label the page keeps updating (the status's age) says the translation after every update, at no request", async () => {
  const wrapper = wrapperOf(BERND);
  const original = label(BERND)!;
  const { page, fake } = translator();
  await page.translate();
  const translated = label(BERND)!;
  expect(translated).toContain("LAUT FAHRDIENSTLEITER");
  const requests = fake.batches.length;
  // More updates in a minute than a ticker may make before it is left alone: each one is the page's, derived again.
  for (let minutes = 1; minutes <= 8; minutes++) {
    const age = `vor ${minutes} Min.`;
    wrapper.setAttribute("aria-label", original.replace("10:41", age));
    await attributeBecomes(wrapper, "aria-label", translated.replace("10:41", age));
  }
  expect(fake.batches.length).toBe(requests);
});

test("Mastodon: mentions, hashtags, addresses and names stay exactly as they are, inside translated sentences", async () => {
  const { page } = translator();
  await page.translate();
  const anna = document.querySelector("[data-status-by='anna'] .status__content__text")!;
  expect(text("p:nth-child(2)", anna)).toBe(
    "@dbwatch WEISST DU MEHR? DIE APP DER BAHN SAGT NUR „STÖRUNG“. LAUT https://www.tagesschau.de/inland/stellwerk-koeln-stoerung-100.html DAUERT ES BIS MITTAGS.",
  );
  expect(text("p:nth-child(3)", anna)).toBe("#Bahnchaos #Pendeln");
  const pleroma = document.querySelector("[data-id='113590000000000005'] .status__content__text")!;
  expect(text("p", pleroma)).toBe(
    "@anna @bernd DER SCHIENENERSATZVERKEHR AB DEUTZ IST EINE ZUMUTUNG, NEHMT LIEBER DAS FAHRRAD.",
  );
  expect(text("[data-id='113590000000000003'] .status__content__text")).toContain(" MIT DER #S11 NACH BONN ");
  expect(document.querySelector("[data-id='113590000000000003'] .status__info time")?.textContent).toBe("3 Std.");
  expect(text("[data-id='113590000000000003'] .display-name")).toBe("Bernd  @bernd@norden.social");
  expect(document.querySelector("[data-id='113590000000000003'] img.emojione")?.getAttribute("title")).toBe(
    ":bicycle:",
  );
  expect(document.querySelector("[data-id='113590000000000003'] .status__display-name")?.getAttribute("title")).toBe(
    "@bernd@norden.social",
  );
  expect(
    document.querySelector("[data-id='113590000000000003'] .status__action-bar button")?.getAttribute("title"),
  ).toBe("Antworten");
});

test("Mastodon: a content warning's words are translated, the text behind it once the reader opens it, and once only", async () => {
  const { page, fake } = translator();
  await page.translate();
  const status = document.querySelector("[data-id='113590000000000004'] .status__content")!;
  const hidden = status.querySelector(".status__content__text")!;
  // The warning says what the text is about, so the reader can choose to open it; what it hides is the reader's
  // choice to read, and waits for it (most warnings are never opened).
  expect(text("p > span", status)).toBe("WUT AUF DIE BAHN, SCHIMPFWÖRTER");
  expect(text("button", status)).toBe("Mehr anzeigen");
  expect(sent(fake).some((html) => html.includes("Bahnsteig"))).toBe(false);
  // "Mehr anzeigen", as Mastodon 4.2 renders it: the text's class shows it, the button says "Weniger anzeigen".
  // Its label says the warning while the text is hidden, the text once it is shown (after the blank lines that
  // followed the warning in what Mastodon cut it from).
  const wrapper = status.closest(".status__wrapper")!;
  const account = ", 5. Dez., 11:02, clara@social.anoxinon.de";
  const open = (shown: boolean) => {
    hidden.classList.toggle("status__content__text--visible", shown);
    status.querySelector("button")!.textContent = shown ? "Weniger anzeigen" : "Mehr anzeigen";
    const words = shown ? `\n\n${hidden.textContent}` : "Wut auf die Bahn, Schimpfwörter";
    wrapper.setAttribute("aria-label", `Clara, ${words}${account}`);
  };
  expect(wrapper.getAttribute("aria-label")).toBe(`CLARA, WUT AUF DIE BAHN, SCHIMPFWÖRTER${account.toUpperCase()}`);
  open(true);
  await page.whenSettled();
  expect(text("p", hidden)).toBe(
    "DREI STUNDEN AUF DEM BAHNSTEIG GEFROREN, UND DANN FÄHRT DER ERSATZBUS EINFACH AN UNS VORBEI. ICH BIN SO UNFASSBAR WÜTEND.",
  );
  // What a screen reader says of the opened status is the translation the reader sees, and was not sent again.
  expect(wrapper.getAttribute("aria-label")).toBe(`Clara, \n\n${text("p", hidden)}${account}`);
  const requests = fake.batches.length;
  open(false);
  await page.whenSettled();
  open(true);
  await page.whenSettled();
  expect(fake.batches.length).toBe(requests);
  expect(sent(fake).filter((html) => html.includes("Bahnsteig"))).toHaveLength(1);
  expect(text("button", status)).toBe("Weniger anzeigen");
});

test("Mastodon 4.3: a content warning's words are translated, and the text it renders only once opened is translated then", async () => {
  // 4.3 draws the warning as a banner and renders the status's text only when the reader opens it.
  const status = document.querySelector("[data-id='113590000000000004']")!;
  status.querySelector(".status__content")!.outerHTML =
    `<div class="content-warning"><p>Wut auf die Bahn, Schimpfwörter</p>` +
    `<button type="button" class="link-button">Trotzdem anzeigen</button></div>`;
  const { page, fake } = translator();
  await page.translate();
  expect(text(".content-warning p", status)).toBe("WUT AUF DIE BAHN, SCHIMPFWÖRTER");
  expect(text(".content-warning button", status)).toBe("Trotzdem anzeigen");
  const banner = status.querySelector(".content-warning")!;
  banner.querySelector("button")!.textContent = "Beitrag ausblenden";
  banner.insertAdjacentHTML(
    "afterend",
    `<div class="status__content status__content--with-action" tabindex="0"><div class="status__content__text ` +
      `status__content__text--visible translate" lang="de"><p>Drei Stunden auf dem Bahnsteig gefroren.</p></div></div>`,
  );
  await page.whenSettled();
  expect(text(".status__content__text", status)).toBe("DREI STUNDEN AUF DEM BAHNSTEIG GEFROREN.");
  expect(text(".content-warning button", status)).toBe("Beitrag ausblenden");
  expect(sent(fake).filter((html) => html.includes("anzeigen") || html.includes("ausblenden"))).toEqual([]);
});

/** A status as the timeline adds it while the reader scrolls (an `article` of the feed). */
function newStatus(id: string, words: string): Element {
  const article = document
    .querySelector("[data-id='113590000000000005']")!
    .closest("article")!
    .cloneNode(true) as Element;
  article.setAttribute("data-id", id);
  article.querySelector(".status__content__text")!.innerHTML =
    `<p>${words} <a href="https://chaos.social/tags/Bahn" class="mention hashtag" rel="tag">#<span>Bahn</span></a></p>`;
  return article;
}

test("Mastodon: statuses the timeline adds are translated once, also when it renders one again after scrolling", async () => {
  const { page, fake } = translator();
  await page.translate();
  const feed = document.querySelector("#thread")!;
  feed.append(newStatus("1", "Endlich wieder ein pünktlicher Zug nach Bonn."));
  await page.whenSettled();
  const added = feed.querySelector("[data-id='1'] .status__content__text")!;
  expect(added.textContent).toBe("ENDLICH WIEDER EIN PÜNKTLICHER ZUG NACH BONN. #Bahn");
  // Mastodon empties a status scrolled far out of view and renders it afresh (the original text) when it is back.
  const article = feed.querySelector("[data-id='1']")!;
  article.replaceChildren();
  await page.whenSettled();
  article.replaceChildren(...newStatus("1", "Endlich wieder ein pünktlicher Zug nach Bonn.").childNodes);
  await page.whenSettled();
  expect(text("[data-id='1'] .status__content__text")).toBe("ENDLICH WIEDER EIN PÜNKTLICHER ZUG NACH BONN. #Bahn");
  expect(sent(fake).filter((html) => html.includes("pünktlicher"))).toHaveLength(1);
});

test("Mastodon: Show original gives back the page exactly, the same nodes", async () => {
  await expectExactRoundTrip(translator().page);
});

/**
 * What Mastodon's timeline renders for a status scrolled far out of view (IntersectionObserverArticle): a transparent
 * box of its height holding the author's name and the status's HTML source as text.
 */
function unrender(article: Element, author: string, original: Element): void {
  const html = original.querySelector(".status__content__text")!.innerHTML;
  const wrapper = document.createElement("div");
  wrapper.className = "status__wrapper focusable";
  wrapper.tabIndex = 0;
  for (const text of [author, html]) wrapper.appendChild(document.createElement("span")).textContent = text;
  article.setAttribute("style", "height: 164px; opacity: 0; overflow: hidden;");
  article.replaceChildren(wrapper);
}

test("Mastodon: a status scrolled out of view, kept as its HTML source in a transparent box, is not sent; back in view it is translated once", async () => {
  const { page, fake } = translator();
  await page.translate();
  const feed = document.querySelector("#thread")!;
  feed.append(newStatus("1", "Endlich wieder ein pünktlicher Zug nach Bonn."));
  await page.whenSettled();
  const article = feed.querySelector("[data-id='1']")!;
  const rendered = newStatus("1", "Endlich wieder ein pünktlicher Zug nach Bonn.");
  unrender(article, "Dieter", rendered);
  await page.whenSettled();
  // Nobody sees it, and what a screen reader finds there is markup, not a sentence: nothing of it goes to the model.
  expect(sent(fake).filter((html) => html.includes("pünktlicher"))).toHaveLength(1);
  expect(sent(fake).filter((html) => html.includes("href") || html.includes("&lt;"))).toEqual([]);
  article.removeAttribute("style");
  article.replaceChildren(...rendered.childNodes);
  await page.whenSettled();
  expect(text("[data-id='1'] .status__content__text")).toBe("ENDLICH WIEDER EIN PÜNKTLICHER ZUG NACH BONN. #Bahn");
  expect(sent(fake).filter((html) => html.includes("pünktlicher"))).toHaveLength(1);
});

test("Mastodon: a boosted status's line names who boosted it as written; only the app's words around the name are sent", async () => {
  // A boost on a timeline (4.0 to 4.4): the line above the status links to the booster, as "{name} hat geteilt".
  const prepend = document.createElement("div");
  prepend.className = "status__prepend";
  prepend.innerHTML =
    `<div class="status__prepend-icon-wrapper"><svg class="icon icon-retweet status__prepend-icon"></svg></div>` +
    `<span><a data-id="1091" href="/@weichensteller@norden.social" class="status__display-name muted"><bdi>` +
    `<strong>Weichensteller</strong></bdi></a> hat geteilt</span>`;
  wrapperOf(DBWATCH).prepend(prepend);
  const { page, fake } = translator();
  await page.translate();
  expect(sent(fake).filter((html) => html.includes("Weichensteller"))).toEqual([]);
  expect(text(".status__prepend")).toBe("Weichensteller HAT GETEILT");
});

test("Mastodon: a poll's options are translated; its count of voters, which changes as people vote, is not sent", async () => {
  // A poll under a status's text (4.3), with the results shown: the footer says how many voted and how long it runs.
  const poll = document.createElement("div");
  poll.className = "poll";
  poll.innerHTML =
    `<ul><li><span class="poll__option"><span class="poll__number">62%</span>` +
    `<span class="poll__option__text translate" lang="de">Mit dem Fahrrad</span></span></li>` +
    `<li><span class="poll__option"><span class="poll__number">38%</span>` +
    `<span class="poll__option__text translate" lang="de">Mit dem Bus über Deutz</span></span></li></ul>` +
    `<div class="poll__footer"><button class="poll__link">Aktualisieren</button> · 213 Personen` +
    `<span> · <time datetime="2026-12-06T09:12:00.000Z" title="6. Dez. 2026, 09:12">noch 1 Tag</time></span></div>`;
  document.querySelector(`[data-id='${DBWATCH}'] .status__content`)!.after(poll);
  const { page, fake } = translator();
  await page.translate();
  const order = sent(fake);
  expect(order).toEqual(expect.arrayContaining(["Mit dem Fahrrad", "Mit dem Bus über Deutz"]));
  expect(order.filter((html) => /21\d Personen/.test(html))).toEqual([]);
  expect(text(".poll__footer")).toBe("Aktualisieren · 213 Personen · noch 1 Tag");
  // A vote comes in: Mastodon writes the new count, which is not sent either.
  poll.querySelector(".poll__footer")!.childNodes[1]!.textContent = " · 214 Personen";
  await page.whenSettled();
  expect(sent(fake).filter((html) => /21\d Personen/.test(html))).toEqual([]);
});

test("Mastodon: the trends beside the timeline are not sent: a hashtag's counter is a number the app rewrites, not words", async () => {
  const { page, fake } = translator();
  await page.translate();
  const order = sent(fake);
  // "312 Profile in 2 Tagen" is rendered again as people use the tag: translated, the app wrote it back over and
  // over, each time a request.
  expect(order.filter((html) => /Profile? (in|seit)|\b312\b|1\.024/.test(html))).toEqual([]);
  expect(text(".trends__item__name")).toBe("#Bahnstreik312 Profile in 2 Tagen");
  // The panel's heading is the app's word like its navigation, which goes as chrome.
  expect(order).toContain("Angesagt");
});

test("Mastodon: a trending link's share count and author line are not sent; its title is", async () => {
  // Explore › News as Mastodon's Story component renders it: who wrote the article (a link to their account when
  // they have one), and how many posts shared it, a counter the app rewrites as it changes.
  document.body.innerHTML =
    `<div id="mastodon" class="app-holder"><div class="explore__links"><div class="story"><div class="story__details">` +
    `<div class="story__details__publisher"><span lang="de">tagesschau.de</span> · <time datetime="2026-12-05T09:00:00Z" ` +
    `title="5. Dez. 2026, 09:00">2 Std.</time></div><a class="story__details__title" lang="de" ` +
    `href="https://www.tagesschau.de/inland/stellwerk-koeln-stoerung-100.html" target="blank" rel="noopener">` +
    `Stellwerksstörung legt Bahnverkehr in Köln lahm</a><div class="story__details__shared"><span ` +
    `class="story__details__shared__author">Von <a class="story__details__shared__author-link" href="/@anna">` +
    `<bdi>Anna Schmidt</bdi></a></span><a class="story__details__shared__pill" href="/links/https%3A%2F%2Fwww.tagesschau.de">` +
    `<strong>123</strong> Beiträge</a></div></div></div></div></div>`;
  const { page, fake } = setup(null, { site: siteRulesFor(document, "https://chaos.social/explore/links")! });
  await page.translate();
  const order = sent(fake);
  expect(order).toContain("Stellwerksstörung legt Bahnverkehr in Köln lahm");
  expect(order.filter((html) => /Beiträge|Anna|Von /.test(html))).toEqual([]);
  expect(text(".story__details__shared")).toBe("Von Anna Schmidt123 Beiträge");
});
