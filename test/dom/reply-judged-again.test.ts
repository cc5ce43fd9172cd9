// A one-line reply is judged by the comment it answers, and judged again when that comment arrives late. Here the
// detector's answers are held and released in the order each test chooses, so that the comment arrives, or goes
// again, while the reply's own judgement or the comment's language is still on its way. Whatever the order: the reply
// is sent at most once, shows translated or as it was (never both), and the page is done at the end.

import { sent, setup } from "../helpers/core-page";
import { ENGLISH_COMMENT, ENGLISH_POST, GERMAN_COMMENT, REPLY, toyDetectLang } from "../helpers/toy-thread";

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
    return toyDetectLang(text);
  };
  return { detect, hold, asked };
}

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

/**
 * The thread with `text` as its reply, translated until the detector is asked what `held` matches (of the reply's
 * text), its answer held.
 */
async function translateHeld(text: string, held: (text: string) => boolean) {
  const detector = heldDetector();
  const replyAnswer = detector.hold(held);
  const translator = setup(thread(text), { detectLang: detector.detect });
  const translating = translator.page.translate();
  await replyAnswer.asked;
  return { ...translator, detector, replyAnswer, translating };
}

/** The German comment loads, the detector's answer on its line held: resolves once it was asked. */
async function loadHeld(detector: HeldDetector): Promise<{ commentAnswer: Held; comment: Element }> {
  const commentAnswer = detector.hold((text) => text === GERMAN_COMMENT);
  const comment = load(GERMAN_COMMENT);
  await commentAnswer.asked;
  return { commentAnswer, comment };
}

/** Release the reply's held answer and the comment's, the reply's first or the comment's. */
function release(replyAnswer: Held, commentAnswer: Held, replyFirst: boolean): void {
  for (const held of replyFirst ? [replyAnswer, commentAnswer] : [commentAnswer, replyAnswer]) held.release();
}

/** The comment goes again, the placeholder back in its place. */
function unload(): void {
  const placeholder = document.createElement("div");
  placeholder.className = "placeholder";
  document.querySelector("article.loaded")?.replaceWith(placeholder);
}

/** Resolves once the page shows `text` (a translation written). */
function shows(text: string): Promise<void> {
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!document.body.textContent?.includes(text)) return;
      observer.disconnect();
      resolve();
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  });
}

const reply = (): string | null | undefined => document.querySelector(".early")?.textContent;
const timesSent = (html: string[], text: string): number => html.filter((h) => h === text).length;

describe("a reply whose language is on its way when the comment it answers loads", () => {
  test.each([
    ["the reply's answer first", true],
    ["the comment's first", false],
  ])("is judged once, by that comment, %s", async (_, replyFirst) => {
    const { page, fake, detector, replyAnswer, translating } = await translateHeld(REPLY, (text) => text === REPLY);
    // The comment's own line is being detected: the comment was found, its words counted.
    const { commentAnswer } = await loadHeld(detector);
    release(replyAnswer, commentAnswer, replyFirst);
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
    // The reply's second look (outside its quote) is held: its first took the page's English for its context.
    const { page, fake, progress, detector, replyAnswer, translating } = await translateHeld(QUOTING, outsideQuote);
    const { commentAnswer } = await loadHeld(detector);
    release(replyAnswer, commentAnswer, replyFirst);
    expect((await translating).pageLang).toBe("en");
    await page.whenSettled();
    expect(reply()).toBe(QUOTING.toUpperCase());
    expect(timesSent(sent(fake), QUOTING)).toBe(1);
    expect(sent(fake)).toContain(GERMAN_COMMENT);
    expect(progress.at(-1)).toMatchObject({ skipped: 3, queued: 0, inFlight: 0 });
  });
});

describe("a reply judged by the page's English, whose comment loads and goes again before its language is known", () => {
  test("is left as it is, not judged again, and the page stays done", async () => {
    const detector = heldDetector();
    const { page, fake } = setup(thread(REPLY), { detectLang: detector.detect });
    expect((await page.translate()).pageLang).toBe("en");
    const { commentAnswer } = await loadHeld(detector);
    unload();
    // The comment it would have been judged by is gone: judging the reply again would only take the page's English
    // again, and where the detector is slower than a batch waits for it, send the reply for nothing meanwhile.
    detector.hold((text) => text === REPLY);
    commentAnswer.release();
    await page.whenSettled();
    expect(reply()).toBe(REPLY);
    expect(sent(fake)).not.toContain(REPLY);
    expect(detector.asked.filter((text) => text === REPLY)).toHaveLength(1);
  });

  test("waits for the comment that loads there next, and is translated by it", async () => {
    const detector = heldDetector();
    const { page, fake } = setup(thread(REPLY), { detectLang: detector.detect });
    expect((await page.translate()).pageLang).toBe("en");
    const { commentAnswer } = await loadHeld(detector);
    unload();
    commentAnswer.release();
    await page.whenSettled();
    load(GERMAN_COMMENT);
    await page.whenSettled();
    expect(reply()).toBe(REPLY.toUpperCase());
    expect(timesSent(sent(fake), REPLY)).toBe(1);
  });

  test("still being judged itself, is shown as it is, sent once at most, and the page is then done", async () => {
    const { page, fake, progress, detector, replyAnswer, translating } = await translateHeld(QUOTING, outsideQuote);
    const { commentAnswer } = await loadHeld(detector);
    unload();
    replyAnswer.release();
    // Its first verdict, reached without the comment, is the page's English: it is not judged again (a second look
    // would be held here, and the reply sent meanwhile).
    detector.hold((text) => text === QUOTING);
    commentAnswer.release();
    await translating;
    await page.whenSettled();
    expect(reply()).toBe(QUOTING);
    expect(timesSent(sent(fake), QUOTING)).toBeLessThanOrEqual(1);
    expect(detector.asked.filter((text) => text === QUOTING)).toHaveLength(1);
    expect(progress.at(-1)).toMatchObject({ skipped: 4, queued: 0, inFlight: 0 });
  });

  test("and the German comment that takes its place is waited for: the reply is translated", async () => {
    // An English notice stands where the comment loads ("This comment is being loaded, …"), told as English only after
    // the German comment replaced it.
    const NOTICE = "This comment is still being loaded from the server, it will show up here in a moment.";
    const detector = heldDetector();
    const { page, fake } = setup(thread(REPLY), { detectLang: detector.detect });
    expect((await page.translate()).pageLang).toBe("en");
    const noticeAnswer = detector.hold((text) => text === NOTICE);
    load(NOTICE);
    await noticeAnswer.asked;
    const comment = load(GERMAN_COMMENT);
    // The German comment is told and translated; the notice's language is still on its way.
    await shows(GERMAN_COMMENT.toUpperCase());
    expect(comment.textContent).toBe(GERMAN_COMMENT.toUpperCase());
    noticeAnswer.release();
    await page.whenSettled();
    expect(reply()).toBe(REPLY.toUpperCase());
    expect(timesSent(sent(fake), REPLY)).toBe(1);
  });
});

describe("a reply removed while it waits to be judged again", () => {
  test.each([
    ["before the comment's language is known", false],
    ["while its own verdict is on its way", true],
  ])("%s is not sent again, and the page is then done", async (_, judging) => {
    const { page, fake, progress, detector, replyAnswer, translating } = await translateHeld(QUOTING, outsideQuote);
    if (!judging) replyAnswer.release();
    const { commentAnswer, comment } = await loadHeld(detector);
    document.querySelector(".early")?.remove();
    release(replyAnswer, commentAnswer, false);
    await translating;
    await page.whenSettled();
    expect(comment.textContent).toBe(GERMAN_COMMENT.toUpperCase());
    expect(document.body.textContent).not.toContain(QUOTING.toUpperCase());
    expect(timesSent(sent(fake), QUOTING)).toBeLessThanOrEqual(1);
    expect(progress.at(-1)).toMatchObject({ queued: 0, inFlight: 0 });
  });
});
