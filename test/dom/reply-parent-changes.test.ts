// A one-line reply is judged by the comment it answers; when the site puts a different comment above it after its
// verdict (a comment's body loaded or re-rendered, a comment removed), the verdict follows the comment there now: a
// reply left as English under an English comment is translated once the comment above it is German. Written as old
// and new Reddit change their threads; the detector's calls are counted, so a thread that keeps re-rendering does not
// have its replies judged again and again.

import { sent, setup } from "../helpers/core-page";
import { newReddit, oldReddit } from "../../src/sites/reddit";

import { ENGLISH_COMMENT, ENGLISH_POST, GERMAN_COMMENT, REPLY, toyDetectLang } from "../helpers/toy-thread";

/** Every text the detector was asked, in order. */
const asked: string[] = [];
async function detectLang(text: string): Promise<string | undefined> {
  asked.push(text);
  return toyDetectLang(text);
}

beforeEach(() => (asked.length = 0));

/** The reply's text: its body's on old Reddit, its comment's on new Reddit. */
const reply = (): string | null | undefined =>
  (document.querySelector(".reply .md") ?? document.querySelector(".reply"))?.textContent;
const timesAsked = (text: string): number => asked.filter((t) => t === text).length;
const timesSent = (html: string[], text: string): number => html.filter((h) => h === text).length;

describe("on old Reddit", () => {
  /** A comment's `.entry` (its body), as old Reddit renders it. */
  const entry = (text: string): string =>
    `<div class="entry"><p class="tagline"><a class="author">someone</a></p>` +
    `<form class="usertext"><div class="usertext-body"><div class="md"><p>${text}</p></div></div></form></div>`;
  const thing = (body: string, replies = "", cls = ""): string =>
    `<div class="thing comment ${cls}">${body}<div class="child"><div class="sitetable">${replies}</div></div></div>`;
  const page = (comments: string): string =>
    `<div class="content" role="main"><div id="siteTable"><div class="thing link self"><div class="entry">` +
    `<p class="title"><a class="title">Regional express only runs hourly now</a></p><div class="expando">` +
    `<div class="usertext-body"><div class="md"><p>${ENGLISH_POST}</p></div></div></div></div></div></div>` +
    `<div class="commentarea"><div class="sitetable">${comments}</div></div></div>`;

  /** The site renders the parent comment's body again, with `text`. */
  function rerender(text: string): void {
    const box = document.createElement("div");
    box.innerHTML = entry(text);
    document.querySelector(".parent > .entry")?.replaceWith(box.firstElementChild as Element);
  }

  test.each([
    ["in place", "replace"],
    ["beside the original", "bilingual"],
  ] as const)(
    "a reply left as English under an English comment is translated (%s) once that comment is replaced by a German one",
    async (_, displayMode) => {
      const { page: gloss, fake } = setup(
        page(thing(entry(ENGLISH_COMMENT), thing(entry(REPLY), "", "reply"), "parent")),
        { detectLang, site: oldReddit.rules, displayMode },
      );
      expect((await gloss.translate()).pageLang).toBe("en");
      expect(reply()).toBe(REPLY);
      rerender(GERMAN_COMMENT);
      await gloss.whenSettled();
      expect(document.querySelector(".parent > .entry")?.textContent).toContain(GERMAN_COMMENT.toUpperCase());
      expect(document.querySelector(".reply")?.textContent).toContain(REPLY.toUpperCase());
      expect(timesSent(sent(fake), REPLY)).toBe(1);
      // Judged once with the English comment, once with the German one; the writes of either translation cause none.
      expect(timesAsked(REPLY)).toBe(2);
    },
  );

  test("a thread re-rendered again and again judges its replies again only when the comment above them changes", async () => {
    const { page: gloss, fake } = setup(
      page(thing(entry(ENGLISH_COMMENT), thing(entry(REPLY), "", "reply"), "parent")),
      {
        detectLang,
        site: oldReddit.rules,
      },
    );
    expect((await gloss.translate()).pageLang).toBe("en");
    const before = asked.length;
    for (let i = 0; i < 10; i++) {
      rerender(ENGLISH_COMMENT);
      await gloss.whenSettled();
    }
    // The same English comment each time: the reply is left, and not judged again.
    expect(reply()).toBe(REPLY);
    expect(timesAsked(REPLY)).toBe(1);
    // Two a render: the new body's own line, and its comment's language for the reply waiting under it.
    expect(asked.length - before).toBeLessThanOrEqual(20);
    rerender(GERMAN_COMMENT);
    await gloss.whenSettled();
    for (const text of [ENGLISH_COMMENT, GERMAN_COMMENT, ENGLISH_COMMENT, GERMAN_COMMENT]) {
      rerender(text);
      await gloss.whenSettled();
    }
    // Translated once the German comment showed, and not sent or judged again as the thread went on changing.
    expect(reply()).toBe(REPLY.toUpperCase());
    expect(timesSent(sent(fake), REPLY)).toBe(1);
    expect(timesAsked(REPLY)).toBe(2);
  });
});

describe("on new Reddit", () => {
  const comment = (body: string | null, children = "", cls = ""): string =>
    `<shreddit-comment class="${cls}"${cls === "top" ? "" : ' slot="children"'}>` +
    `${body === null ? "" : `<div slot="comment"><p>${body}</p></div>`}${children}</shreddit-comment>`;
  const page = (tree: string): string =>
    `<shreddit-post><h1 slot="title">Regional express only runs hourly now</h1>` +
    `<div slot="text-body"><p>${ENGLISH_POST}</p></div></shreddit-post><shreddit-comment-tree>${tree}` +
    `</shreddit-comment-tree>`;

  /** The thread with `above` (or no body) for the comment the reply answers, under a comment saying `top`; translated. */
  async function translated(top: string, above: string | null) {
    const translator = setup(page(comment(top, comment(above, comment(REPLY, "", "reply"), "parent"), "top")), {
      detectLang,
      site: newReddit.rules,
    });
    expect((await translator.page.translate()).pageLang).toBe("en");
    expect(reply()).toBe(REPLY);
    return translator;
  }

  /** A comment's body as new Reddit renders it. */
  function body(text: string): Element {
    const slot = document.createElement("div");
    slot.slot = "comment";
    slot.innerHTML = `<p>${text}</p>`;
    return slot;
  }

  test("a reply judged by the English comment above its own comment is translated once that one's German body loads", async () => {
    // The comment it answers comes without its body (collapsed, loaded later): the one above that answers for it.
    const { page: gloss, fake } = await translated(ENGLISH_COMMENT, null);
    document.querySelector(".parent")?.prepend(body(GERMAN_COMMENT));
    await gloss.whenSettled();
    expect(reply()).toBe(REPLY.toUpperCase());
    expect(timesSent(sent(fake), REPLY)).toBe(1);
    expect(timesAsked(REPLY)).toBe(2);
  });

  test("a reply left as English under an English comment is translated once that comment is removed from under a German one", async () => {
    // The English comment's body is taken away (deleted): the reply now answers the German comment above.
    const { page: gloss, fake } = await translated(GERMAN_COMMENT, ENGLISH_COMMENT);
    document.querySelector(".parent > [slot='comment']")?.remove();
    await gloss.whenSettled();
    expect(reply()).toBe(REPLY.toUpperCase());
    expect(timesSent(sent(fake), REPLY)).toBe(1);
    expect(timesAsked(REPLY)).toBe(2);
  });

  test("a reply stays as it is when the comment that takes the place of the one it answers is English too", async () => {
    const { page: gloss, fake } = await translated(GERMAN_COMMENT, ENGLISH_COMMENT);
    document
      .querySelector(".parent > [slot='comment']")
      ?.replaceWith(body(`${ENGLISH_COMMENT} Edited: it is the same today.`));
    await gloss.whenSettled();
    expect(reply()).toBe(REPLY);
    expect(sent(fake)).not.toContain(REPLY);
    expect(timesAsked(REPLY)).toBe(1);
  });
});
