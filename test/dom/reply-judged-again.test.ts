// A one-line reply is judged by the comment it answers, and judged again when that comment arrives late. Here the
// detector's answers are held and released in the order each test chooses, so that the comment arrives, or goes
// again, while the reply's own judgement or the comment's language is still on its way. Whatever the order: the reply
// is sent at most once, shows translated or as it was (never both), and the page is done at the end.

import { sent, setup } from "../helpers/core-page";

/** A toy detector: sure only where the text has common words of one language, as detectors are on short text. */
function detectLang(text: string): string | undefined {
  const english = text.match(/\b(the|and|is|with|this|it)\b/gi)?.length ?? 0;
  const german = text.match(/\b(der|die|das|und|ist|mit|nicht|ich)\b/gi)?.length ?? 0;
  if (english === german) return undefined;
  return english > german ? "en" : "de";
}

/** One held answer: `asked` once the detector was asked, its answer given on `release()`. */
interface Held {
  asked: Promise<void>;
  release(): void;
}

interface HeldDetector {
  detect(text: string): Promise<string | undefined>;
  /** Hold the detector's next answer on a text that `matches`. */
  hold(matches: (text: string) => boolean): Held;
  /** Every text asked, in order. */
  asked: string[];
}

function heldDetector(): HeldDetector {
  const asked: string[] = [];
  const holds: Array<{ matches: (text: string) => boolean; ask: () => void; released: Promise<void> }> = [];
  const hold = (matches: (text: string) => boolean): Held => {
    let ask!: () => void;
    const wasAsked = new Promise<void>((resolve) => (ask = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    holds.push({ matches, ask, released });
    return { asked: wasAsked, release };
  };
  const detect = async (text: string): Promise<string | undefined> => {
    asked.push(text);
    const held = holds.find((h) => h.matches(text));
    if (held) {
      holds.splice(holds.indexOf(held), 1);
      held.ask();
      await held.released;
    }
    return detectLang(text);
  };
  return { detect, hold, asked };
}

const ENGLISH_POST =
  "Since the timetable change the regional express only runs every hour and the connections in Cologne are gone.";
const ENGLISH_COMMENT = "I had the same problem in Cologne last winter, my train was cancelled twice in one week.";
const GERMAN_COMMENT =
  "Das ist bei uns genauso, ich stehe jeden Morgen eine halbe Stunde am Bahnsteig und warte auf den Anschluss.";
/** A one-liner no detector is sure of: the comment it answers decides. */
const REPLY = "Bei mir leider genauso, seit gestern.";
/** A one-liner quoting a few words: judged twice (as a whole, then outside its quote), the page's English taken for
 * its context in the first. */
const QUOTING = "„Halbe Stunde“ – bei mir leider genauso, seit gestern.";
/** What the detector is asked of QUOTING the second time. */
const outsideQuote = (text: string): boolean => text.includes("bei mir leider") && !text.includes("Halbe");

/** An English thread whose comment loads after the reply below it: a placeholder until then. */
function thread(reply: string): string {
  return (
    `<h1>Regional express only runs hourly now</h1><p>${ENGLISH_POST}</p><p>${ENGLISH_COMMENT}</p>` +
    `<section class="thread"><div class="placeholder" aria-busy="true"></div>` +
    `<div class="actions"><button>Reply</button></div>` +
    `<div class="replies"><article class="early"><p>${reply}</p></article></div></section>`
  );
}

/** The comment loads in the placeholder's place, or in the place of the one loaded before. */
function load(text: string): Element {
  const comment = document.createElement("article");
  comment.className = "loaded";
  comment.innerHTML = `<p>${text}</p>`;
  document.querySelector(".placeholder, article.loaded")?.replaceWith(comment);
  return comment;
}

const reply = (): string | null | undefined => document.querySelector(".early")?.textContent;
const timesSent = (html: string[], text: string): number => html.filter((h) => h === text).length;

describe("a reply whose language is on its way when the comment it answers loads", () => {
  test.each([
    ["the reply's answer first", true],
    ["the comment's first", false],
  ])("is judged once, by that comment, %s", async (_, replyFirst) => {
    const detector = heldDetector();
    const replyAnswer = detector.hold((text) => text === REPLY);
    const { page, fake } = setup(thread(REPLY), { detectLang: detector.detect });
    const translating = page.translate();
    await replyAnswer.asked;
    // The comment's own line is being detected: the comment was found, its words counted.
    const commentAnswer = detector.hold((text) => text === GERMAN_COMMENT);
    load(GERMAN_COMMENT);
    await commentAnswer.asked;
    const [first, second] = replyFirst ? [replyAnswer, commentAnswer] : [commentAnswer, replyAnswer];
    first.release();
    second.release();
    expect((await translating).pageLang).toBe("en");
    await page.whenSettled();
    expect(reply()).toBe(REPLY.toUpperCase());
    expect(timesSent(sent(fake), REPLY)).toBe(1);
    // Its verdict was reached with the comment: no second judgement was needed.
    expect(detector.asked.filter((text) => text === REPLY)).toHaveLength(1);
  });
});

describe("a reply still being judged when the comment it answers loads, that comment's language on its way too", () => {
  test.each([
    ["the reply's verdict first", true],
    ["the comment's language first", false],
  ])("is translated once and the page is then done, %s", async (_, replyFirst) => {
    const detector = heldDetector();
    // The reply's second look (outside its quote) is held: its first took the page's English for its context.
    const replyAnswer = detector.hold(outsideQuote);
    const { page, fake, progress } = setup(thread(QUOTING), { detectLang: detector.detect });
    const translating = page.translate();
    await replyAnswer.asked;
    const commentAnswer = detector.hold((text) => text === GERMAN_COMMENT);
    load(GERMAN_COMMENT);
    await commentAnswer.asked;
    const [first, second] = replyFirst ? [replyAnswer, commentAnswer] : [commentAnswer, replyAnswer];
    first.release();
    second.release();
    expect((await translating).pageLang).toBe("en");
    await page.whenSettled();
    expect(reply()).toBe(QUOTING.toUpperCase());
    expect(timesSent(sent(fake), QUOTING)).toBe(1);
    expect(sent(fake)).toContain(GERMAN_COMMENT);
    expect(progress.at(-1)).toMatchObject({ skipped: 3, queued: 0, inFlight: 0 });
  });
});

describe("a reply removed while it waits to be judged again", () => {
  test.each([
    ["before the comment's language is known", false],
    ["while its own verdict is on its way", true],
  ])("%s is not sent again, and the page is then done", async (_, judging) => {
    const detector = heldDetector();
    const replyAnswer = detector.hold(outsideQuote);
    const { page, fake, progress } = setup(thread(QUOTING), { detectLang: detector.detect });
    const translating = page.translate();
    await replyAnswer.asked;
    if (!judging) replyAnswer.release();
    const commentAnswer = detector.hold((text) => text === GERMAN_COMMENT);
    const comment = load(GERMAN_COMMENT);
    await commentAnswer.asked;
    document.querySelector(".early")?.remove();
    commentAnswer.release();
    if (judging) replyAnswer.release();
    await translating;
    await page.whenSettled();
    expect(comment.textContent).toBe(GERMAN_COMMENT.toUpperCase());
    expect(document.body.textContent).not.toContain(QUOTING.toUpperCase());
    expect(timesSent(sent(fake), QUOTING)).toBeLessThanOrEqual(1);
    expect(progress.at(-1)).toMatchObject({ queued: 0, inFlight: 0 });
  });
});
