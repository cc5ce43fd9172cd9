// Forum engines (XenForo 2, phpBB 3, WoltLab Suite, vBulletin 5) on thread pages as they render them: the thread's
// title and the posts are sent first, the posts are translated with their links and formatting, and who wrote each
// post (name, rank, join date, post count), when, the name above a quote, the names under a post and the signature
// are not sent and keep their text. Show original gives back the page exactly.
import { siteAdapterFor } from "../../src/sites";
import { FIXTURES, type FixtureName, FORUM_FIXTURES, loadFixture } from "../helpers/core-fixtures";
import { expectOriginal, sentOnSite, shownText as text, translatedFixture as translated } from "../helpers/site-page";

describe("XenForo 2", () => {
  const URL = "https://www.golf-forum.example/threads/golf-7-gti-klappern-an-der-hinterachse-bei-kaelte.4567/";

  test("the thread's title goes first, then the posts, before the user cells and the forum's navigation", async () => {
    const { order } = await translated("xenforo-thread-de", URL);
    expect(order.slice(0, 8)).toEqual([
      "<s1>Frage</s1><x2></x2>Golf 7 GTI: Klappern an der Hinterachse bei Kälte",
      expect.stringMatching(/^Hallo zusammen,.* Was ich schon geprüft habe:$/),
      "Koppelstangen hinten (laut Werkstatt in Ordnung)",
      "Auspuffaufhängung und Hitzeschutzblech",
      "Reserveradmulde ausgeräumt, Wagenheber festgezurrt",
      expect.stringMatching(/^Im <a1>Anleitungs-Thema zu den Koppelstangen<\/a1> steht, .* Danke schon mal!$/),
      "Hat jemand Erfahrung damit, ob sich das bei Kälte so äußert?",
      "Zum Vergrößern anklicken....",
    ]);
    expect(order[8]).toMatch(/^Ja, das kenne ich\. /);
  });

  test("names, dates, user cells, quote headers, reaction names and signatures are not sent and keep their text; posts keep their links", async () => {
    const { page, fake, order, before, nodes } = await translated("xenforo-thread-de", URL);
    const all = order.join("\n");
    for (const kept of ["Max Mustermann", "Schrauber_Toni", "GTI-Jens", "Golfine", "bahnfahrer", "schrieb:"]) {
      expect(all).not.toContain(kept);
    }
    for (const kept of ["Registriert", "Erfahrenes Mitglied", "März 2024", "Mittwoch um", "Viele Grüße", "DSG"]) {
      expect(all).not.toContain(kept);
    }
    // Nothing asked twice: the buttons under every post are one request.
    expect([...fake.requests.values()].filter((n) => n > 1)).toEqual([]);
    expect(text(".message-name", 1)).toBe("Schrauber_Toni");
    expect(text(".message-userExtras dd")).toBe("12. Mai 2016");
    expect(text("article.message time", 2)).toBe("Mittwoch um 07:48");
    expect(text(".bbCodeBlock-title")).toBe("Max Mustermann schrieb:");
    expect(text(".bbCodeBlock-expandContent")).toBe("HAT JEMAND ERFAHRUNG DAMIT, OB SICH DAS BEI KÄLTE SO ÄUSSERT?");
    expect(text(".reactionsBar-link")).toBe("Schrauber_Toni, GTI-Jens UND 3 WEITERE PERSONEN");
    expect(text(".message-signature", 1)).toBe("Viele Grüße aus dem Allgäu – Jens");
    const link = document.querySelector<HTMLAnchorElement>(".bbWrapper a.link--internal")!;
    expect(link.textContent).toBe("ANLEITUNGS-THEMA ZU DEN KOPPELSTANGEN");
    expect(link.getAttribute("href")).toBe(
      "https://www.golf-forum.example/threads/koppelstangen-tauschen-anleitung.3120/",
    );
    expect(text(".bbWrapper code")).toBe("5Q0 505 145 B");
    page.restore();
    expectOriginal(before, nodes);
  });

  test("a quote that names its writer without a link to the post keeps its header: the name is bare text there", async () => {
    // `[QUOTE="Max Mustermann"]` typed by hand, or quoted from outside the thread: XenForo writes "… schrieb:"
    // straight into the quote's title, without the link to a post.
    loadFixture("xenforo-thread-de");
    document.querySelector(".bbCodeBlock--quote > .bbCodeBlock-title")!.replaceChildren("Max Mustermann schrieb:");
    const sent = await sentOnSite(URL);
    expect(sent.join("\n")).not.toContain("Max Mustermann");
    expect(text(".bbCodeBlock-title")).toBe("Max Mustermann schrieb:");
  });
});

describe("phpBB 3", () => {
  const URL = "https://www.aquaristik-treff.example/viewtopic.php?t=9876";

  test("the topic's title goes first, then the posts, before the profiles, the buttons and the navigation", async () => {
    const { order } = await translated("phpbb-thread-de", URL);
    expect(order.slice(0, 8)).toEqual([
      "Aquarium trüb nach Wasserwechsel",
      expect.stringMatching(/^Hallo,.* Meine Werte laut <a5>Tröpfchentest<\/a5>:$/),
      "pH 7,4",
      "KH 6",
      "Nitrit nicht nachweisbar",
      expect.stringMatching(/^Ich habe das Wasser diesmal .* Bakterienblüte\?$/),
      "Liegt es daran, oder ist das eine Bakterienblüte?",
      expect.stringMatching(/^Das ist fast sicher eine <i1>Bakterienblüte<\/i1>\. /),
    ]);
  });

  test("profiles, author lines, quote headers and signatures are not sent and keep their text; a quote is sent without its header", async () => {
    const { page, fake, order, before, nodes } = await translated("phpbb-thread-de", URL);
    const all = order.join("\n");
    for (const kept of ["Neonsalmler", "Registriert", "Wohnort", "Feb 2024", "hat geschrieben", "Lieber einmal mehr"]) {
      expect(all).not.toContain(kept);
    }
    expect(all).not.toMatch(/<a\d+>Wasserfloh<\/a\d+>|^Wasserfloh$/m);
    expect([...fake.requests.values()].filter((n) => n > 1)).toEqual([]);
    expect(text(".postprofile .username-coloured")).toBe("Wasserfloh");
    expect(text(".profile-joined")).toBe("Registriert: Sa 4. Nov 2023, 20:11");
    expect(text(".postbody .author", 1)).toBe("Beitrag von Wasserfloh » So 18. Feb 2024, 18:12");
    expect(text("blockquote cite")).toBe("Neonsalmler hat geschrieben: So 18. Feb 2024, 17:40");
    expect(text("blockquote")).toBe(
      "Neonsalmler hat geschrieben: So 18. Feb 2024, 17:40LIEGT ES DARAN, ODER IST DAS EINE BAKTERIENBLÜTE?",
    );
    expect(text(".signature")).toBe(
      "120 l Südamerika-Becken · 54 l GarnelenbeckenLieber einmal mehr testen als einmal zu wenig.",
    );
    const link = document.querySelector<HTMLAnchorElement>(".content a.postlink")!;
    expect(link.textContent).toBe("TRÖPFCHENTEST");
    expect(link.getAttribute("href")).toBe("https://www.aquaristik-treff.example/viewtopic.php?t=2210");
    // A name the writer used in their own words is part of their sentence.
    expect(text(".content", 2)).toMatch(/^DANKE, WASSERFLOH! /);
    page.restore();
    expectOriginal(before, nodes);
  });
});

describe("WoltLab Suite", () => {
  const URL = "https://www.haustechnik-forum.example/thread/3456-gastherme-taktet-st%C3%A4ndig-im-teillastbetrieb/";

  test("the thread's title goes first, then the posts; the sidebars, dates, quote headers and signatures are not sent and keep their text", async () => {
    const { page, fake, order, before, nodes } = await translated("woltlab-thread-de", URL);
    expect(order.slice(0, 6)).toEqual([
      "Gastherme taktet ständig im Teillastbetrieb",
      "Hallo,",
      expect.stringMatching(/^unsere Gastherme .*<b1>alle paar Minuten<\/b1>.*<a2>Brennwertgeräten<\/a2> normal\.$/),
      "Stimmt das, oder lohnt es sich, die Heizkurve flacher einzustellen?",
      expect.stringMatching(/^Takten im Teillastbetrieb /),
      expect.stringMatching(/^Fang mit Neigung 1,2 an /),
    ]);
    const all = order.join("\n");
    for (const kept of ["Altbau-Paul", "Thermenflüsterer", "Anfänger", "Mitglied seit", "Oktober 2024", "Zitat von"]) {
      expect(all).not.toContain(kept);
    }
    expect(all).not.toContain("140 m²");
    // The quoted question is the first post's paragraph: one request for both.
    expect([...fake.requests.values()].filter((n) => n > 1)).toEqual([]);
    expect(text(".quoteBoxContent")).toBe("STIMMT DAS, ODER LOHNT ES SICH, DIE HEIZKURVE FLACHER EINZUSTELLEN?");
    expect(text(".quoteBoxTitle")).toBe("Zitat von Altbau-Paul");
    expect(text(".messageSidebar .username", 1)).toBe("Thermenflüsterer");
    expect(text(".messagePublicationTime")).toBe("14. Oktober 2024");
    expect(text(".messageSignature")).toBe("Altbau von 1961, 140 m², Gas-Brennwert + Solarthermie");
    expect(document.querySelector(".messageText a.externalURL")?.getAttribute("href")).toBe(
      "https://de.wikipedia.org/wiki/Brennwerttechnik",
    );
    page.restore();
    expectOriginal(before, nodes);
  });
});

describe("vBulletin 5", () => {
  const URL = "https://www.modellbahn-treff.example/forum/h0/digital/4711-weichenantrieb-brummt";

  test("the thread's title goes first, then the posts; user infos, dates, quote headers and signatures are not sent and keep their text", async () => {
    const { page, fake, order, before, nodes } = await translated("vbulletin-thread-de", URL);
    expect(order.slice(0, 4)).toEqual([
      "Weichenantrieb brummt nach Umbau auf Digital",
      expect.stringMatching(
        /^Hallo zusammen,.*<a4>Weichendecoder<\/a4> mit vier Ausgängen\..* Endabschaltungen machen\?$/,
      ),
      "Muss ich da etwas an den Endabschaltungen machen?",
      expect.stringMatching(/^Nein, das Brummen kommt vom Decoder, .*<i1>250 ms<\/i1> herunter, /),
    ]);
    const all = order.join("\n");
    for (const kept of [
      "Dampflok-Fan",
      "Lokführer_Heinz",
      "Registriert seit",
      "Erfahrener Benutzer",
      "schrieb",
      "Gruß Heinz",
    ]) {
      expect(all).not.toContain(kept);
    }
    expect([...fake.requests.values()].filter((n) => n > 1)).toEqual([]);
    expect(text(".bbcode_postedby")).toBe("Dampflok-Fan schrieb:");
    expect(text(".bbcode_quote .message")).toBe("MUSS ICH DA ETWAS AN DEN ENDABSCHALTUNGEN MACHEN?");
    expect(text(".b-userinfo .usertitle", 1)).toBe("Erfahrener Benutzer");
    expect(text(".b-post__timestamp", 1)).toBe("05.04.2024, 13:16");
    expect(text(".post-signature", 1)).toBe("Gruß Heinz – seit 1978 auf der Schiene");
    page.restore();
    expectOriginal(before, nodes);
  });
});

test("each engine knows its own pages by their markup, on any address, and no other page", () => {
  const known = (name: FixtureName) => {
    loadFixture(name);
    return siteAdapterFor(document, "https://forum.example.org/t/1")?.name;
  };
  expect(FORUM_FIXTURES.map(known)).toEqual(["xenforo", "phpbb", "woltlab", "vbulletin"]);
  expect(FIXTURES.map(known)).toEqual(["old-reddit", "new-reddit", undefined]);
});
