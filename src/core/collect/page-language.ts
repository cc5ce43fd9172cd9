// Which language the page and its units are in, when the host gives a detector (e.g. i18n.detectLanguage). The
// page's language goes into the summary; a unit already in the target language is skipped rather than sent.
//
// Detection never stands between the reader and the first request: units are detected in the background from the
// moment they are found (in queue order, a few at a time), a unit whose language the page declares (`lang` on an
// element below <body>) is not detected at all, and a batch waits at most DETECTION_WAIT_MS for the detections of
// its units. A unit sent before its language was known is decided before its translation is written.
// Detections count as work in progress (session.detecting), so whenSettled() waits for them.
//
// A short unit is judged by the language of the post or comment it sits in (item-language.ts), then by the page's
// (unless the comment it answers is in a language the reader does not read, reply-parent.ts).
// A unit too short for a detector at all is translated unless its comment's language says the reader reads it.

import type { TaskClock } from "../schedule/task-clock";
import { withChineseScript } from "../chinese-script";
import { countLetters, MIN_LETTERS_FOR_DETECTION, namesLanguage, oneOf } from "../lang";
import { pageLangOf } from "../write/own-lang";
import { languageVerdict, SHORT_TEXT_LETTERS, type LanguageVerdict } from "./already-in-target";
import { ItemLanguage } from "./item-language";
import { outsideQuotes, Quotes } from "./quotes";
import type { Session } from "../session";
import type { PageTranslatorOptions } from "../types";
import { type Unit, unitText } from "../units";
import { closestOf, parentElementOf, tagOf } from "../dom";

/** Characters of page text sampled to detect the page's language. */
const PAGE_SAMPLE_CHARS = 1200;
/** Detections started at once by the background pass; it yields to the page between groups. */
const DETECTION_GROUP = 8;
/** The longest a batch waits for its units' detections before it is sent anyway. */
export const DETECTION_WAIT_MS = 30;
/**
 * The longest a detector may take before its unit counts as unsure (and is translated). A detection is awaited
 * before a reply is written and before the page counts as done, so one that never answers (Firefox drops the
 * answers of calls open as a page goes into the back/forward cache) would hold the page for good.
 */
export const DETECTION_LIMIT_MS = 3000;

export class PageLanguage {
  /** The host's options object, read at each use (not copied). */
  readonly #opts: Pick<PageTranslatorOptions, "detectLang" | "targetLang" | "readLangs">;
  readonly #session: () => Session | null;
  readonly #clock: TaskClock;
  /** `fn` after `ms` unless cancelled: a time limit (the window's timer, not a pause a hidden page skips). */
  readonly #limit: (ms: number, fn: () => void) => () => void;
  readonly #pending = new WeakMap<Unit, Promise<void>>();
  #backlog: Array<{ session: Session; unit: Unit; skip: (unit: Unit) => void }> = [];
  #draining = false;
  #pageLang: string | undefined;
  /** The page's detection while it runs: a short unit's verdict waits for it (its context decides). */
  #pageDetection: Promise<void> | undefined;
  readonly #items: ItemLanguage;
  /** How the page translator judges a skipped unit again (given with each unit, the same each time). */
  #again: ((unit: Unit) => void) | undefined;
  /** Quoted blocks, and the quoted elements inside a unit. */
  readonly #quotes: Quotes;
  /** A detection ended: the page may have nothing left to do (whenSettled() is answered only when asked to look). */
  readonly #ended: () => void;

  constructor(
    opts: Pick<PageTranslatorOptions, "detectLang" | "targetLang" | "readLangs">,
    session: () => Session | null,
    clock: TaskClock,
    limit: (ms: number, fn: () => void) => () => void,
    /** The site's posts and comments and its quotes (SiteRules.items and .quotes, compiled); null: the generic
     * items, `<blockquote>` alone. */
    site: { items: string | null; quotes: string | null } = { items: null, quotes: null },
    ended: () => void = () => {},
  ) {
    this.#ended = ended;
    this.#opts = opts;
    this.#session = session;
    this.#clock = clock;
    this.#limit = limit;
    this.#quotes = new Quotes(site.quotes);
    this.#items = new ItemLanguage(
      site.items,
      this.#quotes,
      (text) => this.#ask(text),
      (item, replies) => this.#answerMoved(item, replies),
    );
  }

  /** The detector's answer, or undefined (unsure) when it fails or takes longer than DETECTION_LIMIT_MS. */
  #ask(text: string): Promise<string | undefined> {
    const detect = this.#opts.detectLang as (text: string) => Promise<string | undefined>;
    return new Promise((resolve) => {
      const cancel = this.#limit(DETECTION_LIMIT_MS, () => resolve(undefined));
      const answer = (lang: string | undefined) => {
        cancel();
        resolve(withChineseScript(lang, text));
      };
      try {
        detect(text).then(answer, () => answer(undefined));
      } catch {
        answer(undefined);
      }
    });
  }

  /** Detected on a sample of the page's text. Not reset by restore(). */
  get pageLang(): string | undefined {
    return this.#pageLang;
  }

  get enabled(): boolean {
    return this.#opts.detectLang !== undefined;
  }

  /**
   * Detect the page's language on a sample of its content units' text; `onDone` when the detector answered.
   * False when there is no detector or not enough text yet (call again when more was collected). Quoted passages
   * (a Reddit comment's `>` quote, a forum's) are someone else's words, often in another language: the page's own text decides
   * where there is enough of it, and the quotes only once the page is `collected` without it.
   */
  detectPage(session: Session, units: Iterable<Unit>, onDone: () => void, collected = false): boolean {
    const detect = this.#opts.detectLang;
    if (!detect) return true;
    const { own, all } = pageSample(units, this.#quotes);
    const enough = (text: string) => countLetters(text, MIN_LETTERS_FOR_DETECTION) >= MIN_LETTERS_FOR_DETECTION;
    const sample = enough(own) ? own : collected && enough(all) ? all : undefined;
    if (sample === undefined) return false;
    session.detecting++;
    this.#pageDetection = this.#ask(sample.slice(0, PAGE_SAMPLE_CHARS * 2))
      .then((lang) => {
        if (this.#session() === session && lang) this.#pageLang = lang;
      })
      .finally(() => {
        session.detecting--;
        onDone();
      });
    return true;
  }

  /**
   * Detect the unit's language in the background (after those queued before it); `skip` if it is the target's. `again`
   * takes a skipped unit back to be judged afresh (see #answerLate).
   */
  prefetch(session: Session, unit: Unit, skip: (unit: Unit) => void, again: (unit: Unit) => void): void {
    this.#again = again;
    // A short line found before the rest of its comment (a comment's first line, the page's first passage) is
    // judged again once the rest tells; one sent meanwhile is decided before its translation is written.
    const { ready, told } = this.enabled ? this.#items.note(unit) : { ready: [], told: null };
    for (const waited of ready) {
      if (waited.state !== "queued" && waited.state !== "sending") continue;
      waited.detected = false;
      this.#queue(session, waited, skip);
    }
    this.#queue(session, unit, skip);
    if (told) this.#answerLate(session, told, again);
  }

  /**
   * The site put in or took out a comment above `replies`, judged by the page's language: they answer `item` now, a
   * comment that told its language already (one that tells later takes them then, #answerLate).
   */
  #answerMoved(item: Element, replies: Unit[]): void {
    const session = this.#session();
    if (session && !session.stopped && this.#again) this.#answerLate(session, item, this.#again, replies);
  }

  /**
   * The comment `item` just told its language: replies to it that were judged by the page's language before it did
   * (its text arrived after them, or another comment stood above them) are judged again, if it is in a language the
   * reader does not read. A German one-liner skipped as English on an English page is translated once the German
   * comment it answers shows. The others wait on, for the next comment put above them.
   */
  #answerLate(
    session: Session,
    item: Element,
    again: (unit: Unit) => void,
    replies: Unit[] = this.#items.answersTo(item),
  ): void {
    if (!replies.length) return;
    session.detecting++;
    void this.#items
      .languageOf(item)
      .then(async (lang) => {
        if (this.#session() !== session || session.stopped) return;
        const answering = this.#stillAnswering(session, item, replies, again);
        if (!this.#readsLang(this.#pageLang)) return;
        if (lang === undefined || this.#readsLang(lang)) {
          for (const reply of answering) this.#items.awaitAnswered(reply);
          return;
        }
        for (const reply of answering) {
          // A verdict on its way was reached without this comment: it is waited for, then judged again.
          await this.#pending.get(reply);
          if (this.#session() !== session || session.stopped) return;
          if (reply.state === "skipped") again(reply);
        }
      })
      .finally(() => this.#end(session));
  }

  /**
   * Of the replies to `item`, those that still answer it: the comment may have gone while its language was asked (a
   * loading notice replaced, a re-render). The others wait for the comment they answer, or go to it if it told already.
   */
  #stillAnswering(session: Session, item: Element, replies: Unit[], again: (unit: Unit) => void): Unit[] {
    const answering: Unit[] = [];
    for (const reply of replies) {
      if (reply.state === "retired") continue;
      const answered = this.#items.answeredItemOf(reply);
      if (answered === item) answering.push(reply);
      else if (answered) this.#answerLate(session, answered, again, [reply]);
      else this.#items.awaitAnswered(reply);
    }
    return answering;
  }

  /**
   * A detection of the session's is over. It may have been the last work, with no write or request after it to look
   * again: a comment's language, asked to judge again the replies that waited for it, answered after every line of the
   * page was written or skipped (translate() stayed pending, and the session's status with it).
   */
  #end(session: Session): void {
    session.detecting--;
    this.#ended();
  }

  /** Whether the reader reads `lang`: the target language or one of theirs. */
  #readsLang(lang: string | undefined): boolean {
    return oneOf(lang, [this.#opts.targetLang, ...(this.#opts.readLangs ?? [])]);
  }

  #queue(session: Session, unit: Unit, skip: (unit: Unit) => void): void {
    if (!this.#needs(unit) || this.#pending.has(unit)) return;
    this.#backlog.push({ session, unit, skip });
    if (!this.#draining) void this.#drain();
  }

  /** Detect the unit's language now (it is about to be sent): resolves when known, undefined when it is. */
  check(session: Session, unit: Unit, skip: (unit: Unit) => void): Promise<void> | undefined {
    return this.#pending.get(unit) ?? (this.#needs(unit) ? this.#detect(session, unit, skip) : undefined);
  }

  /** The unit's detection in progress, if any: its translation is written only after it. */
  pending(unit: Unit): Promise<void> | undefined {
    return this.#pending.get(unit);
  }

  /**
   * Whether to detect: not yet done, the page does not declare the language, and enough letters to tell, in the
   * unit or in the rest of the post or comment it sits in.
   */
  #needs(unit: Unit): boolean {
    if (!this.#opts.detectLang || unit.detected) return false;
    const tooShort = () =>
      countLetters(unitText(unit), MIN_LETTERS_FOR_DETECTION) < MIN_LETTERS_FOR_DETECTION && !this.#items.tells(unit);
    if (declaresLang(unit) || tooShort()) {
      unit.detected = true;
      return false;
    }
    return true;
  }

  async #drain(): Promise<void> {
    this.#draining = true;
    try {
      while (this.#backlog.length) {
        // Units of a session that ended are not worth detecting any more.
        const group = this.#backlog
          .splice(0, DETECTION_GROUP)
          .filter((e) => this.#session() === e.session && !e.session.stopped);
        await Promise.all(group.map((e) => this.check(e.session, e.unit, e.skip)));
        // A synchronous detector (the userscript's) must not hold the page for a whole long page's worth.
        await this.#clock.nextTask();
      }
    } finally {
      this.#draining = false;
    }
  }

  #detect(session: Session, unit: Unit, skip: (unit: Unit) => void): Promise<void> {
    session.detecting++;
    const done = this.#readable(unit)
      .then((verdict) => {
        unit.detected = true;
        const waiting = unit.state === "queued" || unit.state === "sending";
        if (this.#session() !== session || !waiting || verdict === null) return;
        unit.targetItself = verdict === "target";
        skip(unit);
      })
      .finally(() => {
        this.#pending.delete(unit);
        this.#end(session);
      });
    this.#pending.set(unit, done);
    return done;
  }

  /**
   * Whether the text is in a language the reader reads: as a whole, and also outside its quotations when it quotes
   * (what a German comment says around an English quote, or around the title of the English page it links, is
   * German). Little left outside the quotes does not count. The target language itself only where both say so: a
   * text the reader reads in part is not to be voiced as it.
   */
  async #readable(unit: Unit): Promise<LanguageVerdict> {
    const text = unitText(unit);
    const whole = await this.#reads(text, unit);
    if (whole === null) return null;
    const own = this.#quotes.ownText(unit);
    const rest = outsideQuotes(own) ?? (own === text ? undefined : own);
    if (rest === undefined || countLetters(rest, MIN_LETTERS_FOR_DETECTION) < MIN_LETTERS_FOR_DETECTION) return whole;
    const outside = await this.#reads(rest, unit);
    return outside === null ? null : whole === "target" && outside === "target" ? "target" : "read";
  }

  /** The detector's answer on the unit's text, weighed with the language it sits in (already-in-target.ts). */
  async #reads(text: string, unit: Unit): Promise<LanguageVerdict> {
    const letters = countLetters(text, SHORT_TEXT_LETTERS);
    // Too short for a detector: only its comment's language can say (#needs let it through for that).
    const lang = letters < MIN_LETTERS_FOR_DETECTION ? undefined : await this.#ask(text);
    const context = letters < SHORT_TEXT_LETTERS ? await this.#contextOf(unit, letters) : undefined;
    const { targetLang, readLangs } = this.#opts;
    return languageVerdict({ detected: lang, letters, context }, targetLang, readLangs);
  }

  /**
   * The language a short unit sits in: its post's or comment's where the rest of that tells, else the page's (waited
   * for if it is on its way); none for a unit too short to detect, which the page's language alone never skips.
   */
  async #contextOf(unit: Unit, letters: number): Promise<string | undefined> {
    const item = this.#items.itemOf(unit);
    const fromItem = item ? await this.#items.languageOf(item) : undefined;
    if (fromItem !== undefined || letters < MIN_LETTERS_FOR_DETECTION) return fromItem;
    if (this.#pageLang === undefined) await this.#pageDetection;
    return (await this.#answeredUnread(unit)) ?? this.#pageLang;
  }

  /**
   * Where the page is in a language the reader reads: the language of the comment a one-line reply answers, if the
   * reader does not read it (a German reply to a German comment in an English thread is German more often than not).
   * It only ever stops a skip: a reply to a comment in the reader's language may be in the page's, and a wrong skip
   * hides a passage.
   */
  async #answeredUnread(unit: Unit): Promise<string | undefined> {
    if (!this.#readsLang(this.#pageLang)) return undefined;
    const answered = this.#items.answeredItemOf(unit);
    // Not there yet, too short to tell, or in a language the reader reads: the page's language decides, until another
    // comment is above it or this one tells (#answerLate). Kept from now: a comment put in meanwhile is not missed.
    this.#items.awaitAnswered(unit);
    const lang = answered ? await this.#items.languageOf(answered) : undefined;
    if (lang === undefined || this.#readsLang(lang)) return undefined;
    // Judged by the comment it answers: that it shows again (a re-render) is no cause to judge it again.
    this.#items.answeredTells(unit);
    return lang;
  }
}

/** Up to PAGE_SAMPLE_CHARS of the content units' own text, outside quoted passages and elements (`own`), and of all
 * of it. */
function pageSample(units: Iterable<Unit>, quotes: Quotes): { own: string; all: string } {
  let own = "";
  let all = "";
  for (const u of units) {
    if (u.kind !== "content") continue;
    if (all.length < PAGE_SAMPLE_CHARS) all += `${u.encoded.text}\n`;
    if (!quotes.holds(u)) own += `${quotes.ownText(u)}\n`;
    if (own.length >= PAGE_SAMPLE_CHARS) break;
  }
  return { own, all };
}

/**
 * A language given by the page itself on the unit or an element around it (not <html>/<body>, often wrong). Gloss's
 * mark on what it translated is not one (write/own-lang.ts): the nearest lang the page gave counts.
 */
function declaresLang(unit: Unit): boolean {
  for (let el = closestOf(unit.anchor, "[lang]"); el; el = closestOf(parentElementOf(el), "[lang]")) {
    const lang = pageLangOf(el);
    if (lang !== null) return tagOf(el) !== "html" && tagOf(el) !== "body" && namesLanguage(lang);
  }
  return false;
}
