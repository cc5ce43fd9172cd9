// WordPress blogs in a classic theme (core's HTML5 comment list) and a block theme (the Comments block): the post's
// title and text are sent first, then the comments, before the byline, the navigation and the sidebar; who wrote each
// comment, when, its avatar's label and its Reply link are not sent and keep their text. Show original gives back the
// page exactly.
import { siteAdapterFor, siteRulesFor } from "../../src/sites";
import { FIXTURES, FORUM_FIXTURES, type FixtureName, loadFixture } from "../helpers/core-fixtures";
import { sent, setup } from "../helpers/core-page";
import { expectOriginal, sentOnSite, shownText as text, translatedFixture } from "../helpers/site-page";

const URL = "https://brotzeit.example/2024/03/sauerteig-ohne-stress/";

const translated = (name: FixtureName) => translatedFixture(name, URL);

afterEach(() => {
  document.head.innerHTML = "";
});

describe("a classic theme", () => {
  test("the post's title and text go first, then the comments, before the byline, the menu and the sidebar", async () => {
    const { order } = await translated("wordpress-classic-de");
    expect(order.slice(0, 10)).toEqual([
      "Sauerteig ohne Stress: mein Wochenplan",
      expect.stringMatching(/^Viele geben beim Sauerteig .*<i1>jeden Tag<\/i1>/),
      "Der Plan",
      "Montag: Anstellgut aus dem Kühlschrank holen und auffrischen",
      "Mittwoch: zweimal füttern, abends den Vorteig ansetzen",
      "Samstag: Teig kneten, über Nacht im Kühlschrank gehen lassen",
      "Mehr zur Temperatur steht in meinem Beitrag über <a1>die richtige Gare im Winter</a1>.",
      expect.stringMatching(/^Danke für den Plan! /),
      expect.stringMatching(/^Ja, das ist Hunger\. /),
      expect.stringMatching(/^Funktioniert das auch mit Dinkel /),
    ]);
    // The byline is translated, after them.
    expect(order.slice(10)).toContainEqual(expect.stringMatching(/Veröffentlicht am .* von <a\d>Anna<\/a\d>/));
  });

  test("names, 'sagt:', dates and Reply links are not sent and keep their text; the comment form is translated", async () => {
    const { page, fake, order, before, nodes } = await translated("wordpress-classic-de");
    const all = order.join("\n");
    for (const kept of ["Jonas", "sagt:", "um 10:12 Uhr", "März 2024 um", "Antworte auf", "Antworten"]) {
      expect(all).not.toContain(kept);
    }
    expect([...fake.requests.values()].filter((n) => n > 1)).toEqual([]);
    expect(text(".comment-author", 2)).toBe("Marlene K. sagt:");
    expect(text(".comment-metadata time")).toBe("3. März 2024 um 10:12 Uhr");
    const reply = document.querySelector(".comment-reply-link")!;
    expect(reply.textContent).toBe("Antworten");
    expect(reply.getAttribute("aria-label")).toBe("Antworte auf Jonas");
    expect(text(".comment-content", 1)).toBe("JA, DAS IST HUNGER. EINMAL MEHR FÜTTERN, DANN VERSCHWINDET DER GERUCH.");
    // Its Cancel link is hidden until the reader answers a comment.
    expect(text(".comment-reply-title")).toBe("SCHREIBE EINEN KOMMENTAR Antworten abbrechen");
    expect(text("label[for='comment']")).toBe("KOMMENTAR *");
    page.restore();
    expectOriginal(before, nodes);
  });
});

describe("a block theme", () => {
  test("the post's title and text go first, then the comments, before the byline and the menu", async () => {
    const { order } = await translated("wordpress-block-de");
    expect(order.slice(0, 6)).toEqual([
      "Mit dem Nachtzug nach Split",
      expect.stringMatching(/^Der Nachtzug von München nach Split /),
      "Was ich mitnehmen würde",
      expect.stringMatching(/^Wasser, ein leichtes Abendessen und <b1>Ohrstöpsel<\/b1>/),
      expect.stringMatching(/^Wie lange dauert die Fahrt ungefähr\? /),
      expect.stringMatching(/^Bei uns waren es sechzehn Stunden/),
    ]);
    expect(order.slice(6)).toContain("12. Mai 2024");
  });

  test("names, avatars' labels, dates and Reply links are not sent and keep their text", async () => {
    const { page, fake, order, before, nodes } = await translated("wordpress-block-de");
    const all = order.join("\n");
    for (const kept of ["Tobias", "Avatar von", "um 21:04 Uhr", "Antworte auf"]) {
      expect(all).not.toContain(kept);
    }
    expect(order).not.toContain("Antworten");
    // The post's author alone on a line of the byline, and the commenter of the same name.
    expect(order).not.toContain("Lea");
    expect([...fake.requests.values()].filter((n) => n > 1)).toEqual([]);
    expect(text(".wp-block-comment-author-name")).toBe("Tobias");
    expect(text(".wp-block-comment-date", 1)).toBe("13. Mai 2024 um 8:15 Uhr");
    expect(document.querySelector(".wp-block-avatar img")?.getAttribute("alt")).toBe("Avatar von Tobias");
    expect(document.querySelector(".comment-reply-link")?.getAttribute("aria-label")).toBe("Antworte auf Tobias");
    expect(text(".wp-block-comment-reply-link")).toBe("Antworten");
    expect(text(".wp-block-post-author-name")).toBe("Lea");
    expect(text(".wp-block-comment-content")).toBe(
      "WIE LANGE DAUERT DIE FAHRT UNGEFÄHR? IM FAHRPLAN STEHT ETWAS VON FÜNFZEHN STUNDEN.",
    );
    page.restore();
    expectOriginal(before, nodes);
  });
});

test("core's comment markup for themes without HTML5 support: only the comment's text is sent", async () => {
  document.head.innerHTML = `<meta name="generator" content="WordPress 6.7.1">`;
  document.body.innerHTML =
    `<ol class="commentlist"><li class="comment even thread-even depth-1" id="comment-3">` +
    `<div id="div-comment-3" class="comment-body"><div class="comment-author vcard">` +
    `<img alt="" src="/avatar.png" class="avatar avatar-32 photo" height="32" width="32">` +
    `<cite class="fn">Jonas</cite> <span class="says">sagt:</span></div>` +
    `<div class="comment-meta commentmetadata"><a href="/sauerteig/#comment-3">3. März 2024 um 10:12 Uhr</a>` +
    `&nbsp;&nbsp;<a class="comment-edit-link" href="/wp-admin/comment.php?action=editcomment&amp;c=3">(Bearbeiten)</a>` +
    `</div><p>Mein Anstellgut riecht nach Aceton.</p><div class="reply"><a rel="nofollow" class="comment-reply-link" ` +
    `href="#comment-3" aria-label="Antworte auf Jonas">Antworten</a></div></div></li></ol>`;
  expect(await sentOnSite(URL)).toEqual(["Mein Anstellgut riecht nach Aceton."]);
  expect(text(".comment-author")).toBe("Jonas sagt:");
  expect(text(".commentmetadata")).toBe("3. März 2024 um 10:12 Uhr (Bearbeiten)");
});

test.each([
  ["a classic theme", "wordpress-classic-de", ".entry-title", ".entry-content", 7, 8, ".comment-content"],
  [
    "a block theme",
    "wordpress-block-de",
    ".wp-block-post-title",
    ".wp-block-post-content",
    21,
    22,
    ".wp-block-comment-content",
  ],
] as const)(
  "in %s, on an English blog, a German one-line reply to a German comment is translated",
  async (_, fixture, title, content, question, answer, comment) => {
    loadFixture(fixture);
    document.querySelector(title)!.textContent = "By night train to Split";
    document.querySelector(content)!.innerHTML =
      "<p>The night train from Munich to Split only runs in summer, and the couchettes are often sold out weeks " +
      "ahead. We were lucky and got two places in a six-berth compartment.</p><p>The border check is at two in the " +
      "morning and the lights go on, so bring earplugs and a light dinner. It is a long night, and it is worth it.</p>";
    // A German question, and the answer to it in a line too short for a detector to tell.
    document.querySelector(`#comment-${question} ${comment}`)!.innerHTML =
      "<p>Wie lange dauert die Fahrt ungefähr? Im Fahrplan steht etwas von fünfzehn Stunden, das ist nicht wenig.</p>";
    document.querySelector(`#comment-${answer} ${comment}`)!.innerHTML = "<p>Bei uns sechzehn, leider.</p>";
    // A toy detector: sure only where the text has common words of one language, as detectors are on short text.
    const detectLang = async (sample: string) => {
      const english = sample.match(/\b(the|and|is|with|this|it)\b/gi)?.length ?? 0;
      const german = sample.match(/\b(der|die|das|und|ist|mit|nicht|ich)\b/gi)?.length ?? 0;
      return english === german ? undefined : english > german ? "en" : "de";
    };
    const { page, fake } = setup(null, { site: siteRulesFor(document, URL), detectLang });
    expect((await page.translate()).pageLang).toBe("en");
    expect(sent(fake)).toContain("Bei uns sechzehn, leider.");
    expect(sent(fake)).not.toContainEqual(expect.stringMatching(/night train from Munich/));
    expect(text(`#comment-${answer} ${comment}`)).toBe("BEI UNS SECHZEHN, LEIDER.");
  },
);

test("WordPress is known by its generator tag, its REST API's link or core's styles, and no other page is", () => {
  const known = (head: string) => {
    document.head.innerHTML = head;
    document.body.innerHTML = "<main><p>Hallo</p></main>";
    return siteAdapterFor(document, "https://blog.example/")?.name;
  };
  expect(known(`<meta name="generator" content="WordPress 6.7.1">`)).toBe("wordpress");
  expect(known(`<meta name="generator" content="WordPress.com">`)).toBe("wordpress");
  expect(known(`<link rel="https://api.w.org/" href="https://blog.example/wp-json/">`)).toBe("wordpress");
  expect(known(`<link rel="stylesheet" id="wp-block-library-css" href="/wp-includes/style.min.css">`)).toBe(
    "wordpress",
  );
  expect(known(`<style id="global-styles-inline-css">:root{}</style>`)).toBe("wordpress");
  expect(known(`<meta name="generator" content="Hugo 0.121.0">`)).toBeUndefined();
  expect(known("")).toBeUndefined();
  const fixture = (name: FixtureName) => {
    loadFixture(name);
    return siteAdapterFor(document, URL)?.name;
  };
  expect((["wordpress-classic-de", "wordpress-block-de"] as const).map(fixture)).toEqual(["wordpress", "wordpress"]);
  expect([...FIXTURES, ...FORUM_FIXTURES].map(fixture)).not.toContain("wordpress");
});
