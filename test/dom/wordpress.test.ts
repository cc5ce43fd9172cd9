// WordPress blogs in a classic theme (core's HTML5 comment list) and a block theme (the Comments block): the post's
// title and text are sent first, then the comments, before the byline, the navigation and the sidebar; who wrote each
// comment, when, its avatar's label and its Reply link are not sent and keep their text, nor are the names in the
// post's byline and in the recent comments. Show original gives back the page exactly.
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
    // The byline is translated, after them, without its name.
    expect(order.slice(10)).toContainEqual(expect.stringMatching(/Veröffentlicht am .* von /));
  });

  test("names, 'sagt:', dates and Reply links are not sent and keep their text; the comment form is translated", async () => {
    const { page, fake, order, before, nodes } = await translated("wordpress-classic-de");
    const all = order.join("\n");
    for (const kept of [
      "Jonas",
      "Anna",
      "Marlene",
      "sagt:",
      "um 10:12 Uhr",
      "März 2024 um",
      "Antworte auf",
      "Antworten",
    ]) {
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
    // The post's author in the byline, a commenter in the sidebar's recent comments: the name in its place.
    expect(text(".byline")).toBe("VON Anna");
    expect(text(".recentcomments")).toBe("Marlene K. BEI SAUERTEIG OHNE STRESS: MEIN WOCHENPLAN");
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
    // The Post Author block's line and the author's words about themselves; the name under the line is not sent.
    expect(order.slice(6)).toEqual(
      expect.arrayContaining(["Geschrieben von", expect.stringMatching(/^Ich fahre lieber/)]),
    );
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
    expect(text(".wp-block-post-author__name")).toBe("Lea");
    // The Latest Comments block: "Tobias bei <post>", the name in its place.
    expect(text(".wp-block-latest-comments__comment-meta", 1)).toBe(
      "Tobias BEI MIT DEM NACHTZUG NACH SPLIT12. MAI 2024",
    );
    expect(text(".wp-block-comment-content")).toBe(
      "WIE LANGE DAUERT DIE FAHRT UNGEFÄHR? IM FAHRPLAN STEHT ETWAS VON FÜNFZEHN STUNDEN.",
    );
    page.restore();
    expectOriginal(before, nodes);
  });
});

describe("answering a comment", () => {
  /** What core's comment-reply.js does on a Reply link's click: it puts a hidden placeholder holding the form's
   * heading where the form was, shows the Cancel link, moves the form under the comment and writes the link's
   * "Antworte auf Jonas" into the heading; Cancel does the opposite. */
  function reply(commentId: number, cancel = false): void {
    const form = document.getElementById("respond")!;
    const heading = document.getElementById("reply-title")!.firstChild!;
    const cancelLink = document.getElementById("cancel-comment-reply-link") as HTMLElement;
    const link = document.querySelector<HTMLElement>(`#comment-${commentId} .comment-reply-link`)!;
    if (cancel) {
      const placeholder = document.getElementById("wp-temp-form-div")!;
      placeholder.replaceWith(form);
      cancelLink.style.display = "none";
      heading.textContent = placeholder.textContent;
      return;
    }
    const placeholder = document.createElement("div");
    placeholder.id = "wp-temp-form-div";
    placeholder.style.display = "none";
    placeholder.textContent = heading.textContent;
    form.before(placeholder);
    cancelLink.style.display = "";
    document.getElementById(link.dataset.belowelement!)!.after(form);
    heading.textContent = link.dataset.replyto!;
  }

  test("the form's heading names the commenter: it is not sent, and it reads translated again once back", async () => {
    const { page, fake, order } = await translated("wordpress-classic-de");
    const before = order.length;
    reply(7);
    await page.whenSettled();
    expect(sent(fake).slice(before)).toEqual([]);
    // As the Reply link ("Antworten") stays, so does what it wrote there, and the Cancel link beside it.
    expect(text("#reply-title")).toBe("Antworte auf JonasAntworten abbrechen");
    reply(7, true);
    await page.whenSettled();
    expect(sent(fake).slice(before)).toEqual([]);
    expect(document.getElementById("reply-title")?.firstChild?.textContent).toBe("SCHREIBE EINEN KOMMENTAR ");
  });

  test("served for ?replytocom, the heading's link to the comment keeps its name", async () => {
    loadFixture("wordpress-classic-de");
    document
      .getElementById("reply-title")!
      .firstChild!.replaceWith(
        "Antworte auf ",
        Object.assign(document.createElement("a"), { href: "#comment-7", textContent: "Jonas" }),
        " ",
      );
    const sentNow = await sentOnSite(URL);
    expect(sentNow).toContainEqual(expect.stringMatching(/^Antworte auf /));
    expect(sentNow.join("\n")).not.toContain("Jonas");
    // (The Cancel link after it is hidden.)
    expect(text(".comment-reply-title")).toBe("ANTWORTE AUF Jonas Antworten abbrechen");
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
