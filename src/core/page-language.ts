// Which language the page and its units are in, when the host gives a detector (e.g. i18n.detectLanguage). The
// page's language goes into the summary; a unit already in the target language is skipped rather than sent.
// Detections count as work in progress (session.detecting), so whenSettled() waits for them.

import { alreadyInTarget, declaredLanguage, SHORT_TEXT_LETTERS } from "./already-in-target";
import { countLetters, MIN_LETTERS_FOR_DETECTION } from "./lang";
import type { Session } from "./session";
import type { PageTranslatorOptions } from "./types";
import { type Job, type Unit, unitText } from "./units";

/** Characters of page text sampled to detect the page's language. */
const PAGE_SAMPLE_CHARS = 1200;

export class PageLanguage {
  /** The host's options object, read at each use (not copied). */
  readonly #opts: Pick<PageTranslatorOptions, "detectLang" | "targetLang">;
  readonly #session: () => Session | null;
  #pageLang: string | undefined;

  constructor(opts: Pick<PageTranslatorOptions, "detectLang" | "targetLang">, session: () => Session | null) {
    this.#opts = opts;
    this.#session = session;
  }

  /** Detected on a sample of the page's text. Not reset by restore(). */
  get pageLang(): string | undefined {
    return this.#pageLang;
  }

  /** Detect the page's language on a sample of its content units' text; `onDone` when the detector answered. */
  detectPage(session: Session, units: Iterable<Unit>, onDone: () => void): void {
    const detect = this.#opts.detectLang;
    if (!detect) return;
    let sample = "";
    for (const u of units) {
      if (u.kind !== "content") continue;
      sample += `${u.encoded.text}\n`;
      if (sample.length >= PAGE_SAMPLE_CHARS) break;
    }
    if (countLetters(sample, MIN_LETTERS_FOR_DETECTION) < MIN_LETTERS_FOR_DETECTION) return;
    session.detecting++;
    void detect(sample.slice(0, PAGE_SAMPLE_CHARS * 2))
      .catch(() => undefined)
      .then((lang) => {
        if (this.#session() === session && lang) this.#pageLang = lang;
      })
      .finally(() => {
        session.detecting--;
        onDone();
      });
  }

  /** The batch without its units already in the target language, each of which is passed to `skip`. */
  async withoutTargetLanguage(batch: Job[], session: Session, skip: (unit: Unit) => void): Promise<Job[]> {
    const detect = this.#opts.detectLang;
    if (!detect) return batch;
    const pending = batch.filter(
      (j) =>
        !j.part &&
        !j.unit.detected &&
        countLetters(unitText(j.unit), MIN_LETTERS_FOR_DETECTION) >= MIN_LETTERS_FOR_DETECTION,
    );
    if (!pending.length) return batch;
    session.detecting++;
    try {
      const langs = await Promise.all(pending.map((j) => detect(unitText(j.unit)).catch(() => undefined)));
      if (session !== this.#session()) return [];
      const skipped = new Set<Job>();
      pending.forEach((j, i) => {
        j.unit.detected = true;
        const evidence = {
          detected: langs[i],
          letters: countLetters(unitText(j.unit), SHORT_TEXT_LETTERS),
          context: declaredLanguage(j.unit.anchor) ?? this.#pageLang,
        };
        if (alreadyInTarget(evidence, this.#opts.targetLang) && j.unit.request === j.request) skipped.add(j);
      });
      for (const j of skipped) skip(j.unit);
      return batch.filter((j) => !skipped.has(j));
    } finally {
      session.detecting--;
    }
  }
}
