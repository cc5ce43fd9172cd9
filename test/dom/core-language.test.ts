// Language: units already in the target language are skipped (detected on plain text, compared by primary
// subtag, and for Chinese by script), elements whose lang is the target language are excluded, and the page's
// language is reported.

import { sent, setup } from "../helpers/core-page";
import { useFakeTimersFromNow } from "../helpers/fake-timers-from-now";
import { withClockRunning } from "../helpers/held-timers";

/** A toy detector: English if it has common English words, German if it has German ones. */
const detected: string[] = [];
async function detectLang(text: string): Promise<string | undefined> {
  detected.push(text);
  if (/\b(the|and|is|with)\b/i.test(text)) return "en-US";
  if (/\b(der|die|das|und|ist|mit)\b/i.test(text)) return "de";
  return undefined;
}

beforeEach(() => (detected.length = 0));

test("units already in the target language are skipped, the rest translated", async () => {
  const { page, fake } = setup(
    `<p>Das ist ein deutscher Absatz mit <a href="#">einem Link</a> und Text.</p>` +
      `<p>This paragraph is already written in English and needs nothing.</p><p>Kurz</p>`,
    { detectLang },
  );
  const summary = await page.translate();
  expect(sent(fake)).toEqual(["Das ist ein deutscher Absatz mit <a1>einem Link</a1> und Text.", "Kurz"]);
  expect(summary).toMatchObject({ found: 3, translated: 2, skipped: 1 });
  expect(document.querySelectorAll("p")[1]?.textContent).toBe(
    "This paragraph is already written in English and needs nothing.",
  );
  // Detection sees plain text, not markup; short texts are not worth detecting.
  expect(detected).toContain("Das ist ein deutscher Absatz mit einem Link und Text.");
  expect(detected).not.toContain("Kurz");
  expect(detected.some((t) => t.includes("<"))).toBe(false);
});

test("the page's language is reported from a sample of its text", async () => {
  const { page } = setup(`<p>Das ist ein Absatz, der lang genug ist, um die Sprache zu erkennen.</p>`, { detectLang });
  expect(await page.translate()).toMatchObject({ pageLang: "de" });
});

test("a page already in the target language: every unit is skipped and nothing is sent", async () => {
  const { page, fake } = setup(
    `<p>This is an English page with the usual words.</p><p>And another paragraph with the same language.</p>`,
    { detectLang },
  );
  const summary = await page.translate();
  expect(summary).toMatchObject({ pageLang: "en-US", skipped: 2, translated: 0 });
  expect(fake.batches).toHaveLength(0);
});

test("elements whose lang is the target language are excluded and counted as skipped", async () => {
  const { page, fake } = setup(`<p>Er sagte:</p><blockquote lang="en-GB"><p>Keep calm and carry on.</p></blockquote>`);
  const summary = await page.translate();
  expect(sent(fake)).toEqual(["Er sagte:"]);
  expect(summary).toMatchObject({ translated: 1, skipped: 1 });
});

test("a passage in another language inside one declared in the target language is translated, the rest not", async () => {
  const { page, fake } = setup(
    `<article lang="en"><p>Goethe wrote:</p><blockquote lang="de"><p>Über allen Gipfeln ist Ruh</p>` +
      `<p>Ein <q lang="en">quote</q> darin</p></blockquote><p>Then he <i lang="de-AT">schlief</i> ein.</p></article>`,
  );
  const summary = await page.translate();
  expect(sent(fake)).toEqual(["Über allen Gipfeln ist Ruh", "Ein <x1></x1> darin", "schlief"]);
  expect(document.querySelector("blockquote")?.textContent).toBe("ÜBER ALLEN GIPFELN IST RUHEIN quote DARIN");
  expect(summary).toMatchObject({ translated: 3, skipped: 2 });
});

test("a detector that fails does not stop translation", async () => {
  const { page } = setup(`<p>Ein langer deutscher Absatz ohne Besonderheiten hier.</p>`, {
    detectLang: () => Promise.reject(new Error("no detector")),
  });
  expect(await page.translate()).toMatchObject({ translated: 1 });
});

test("a page-wide lang on <html> does not stop translation (old Reddit says lang=en on r/de)", async () => {
  document.documentElement.setAttribute("lang", "en");
  const { page } = setup(`<p>Ein deutscher Absatz</p><p lang="en">An English quote</p>`);
  await page.translate();
  expect(document.body.innerHTML).toBe(`<p lang="en">EIN DEUTSCHER ABSATZ</p><p lang="en">An English quote</p>`);
  document.documentElement.removeAttribute("lang");
});

test("a unit whose language the page declares is not detected", async () => {
  const { page } = setup(`<div lang="de"><p>Ein langer deutscher Absatz über das Wetter und die Bahn.</p></div>`, {
    detectLang,
  });
  expect(await page.translate()).toMatchObject({ translated: 1 });
  expect(detected).not.toContain("Ein langer deutscher Absatz über das Wetter und die Bahn.");
});

test("a lang that names no language (und, X's private codes like qst) does not stop detection", async () => {
  const { page, fake } = setup(
    `<div data-testid="tweetText" lang="qst" dir="auto"><span>This is the one with the best view</span></div>` +
      `<p lang="und">Here is the map and the timetable</p>` +
      `<div data-testid="tweetText" lang="de" dir="auto"><span>Das ist der Hammer</span></div>`,
    { detectLang },
  );
  expect(await page.translate()).toMatchObject({ translated: 1, skipped: 2 });
  expect(sent(fake)).toEqual(["Das ist der Hammer"]);
  expect(document.querySelector("p")?.textContent).toBe("Here is the map and the timetable");
});

test("a lang that names no language inside a block declared in the target language is detected, not skipped", async () => {
  // `und` says the text's language is not known: it must not take the English of the block around it.
  const { page, fake } = setup(
    `<article lang="en"><p>The sign on the door said:</p><p lang="und">Der Eingang ist um die Ecke</p></article>`,
    { detectLang },
  );
  await page.translate();
  expect(sent(fake)).toEqual(["Der Eingang ist um die Ecke"]);
  expect(detected).toContain("Der Eingang ist um die Ecke");
});

test("a slow detector does not hold the request back; a unit it then finds in the target language is not written", async () => {
  let answer: () => void = () => {};
  const slow = new Promise<void>((resolve) => (answer = resolve));
  const slowDetect = async (text: string) => {
    await slow;
    return detectLang(text);
  };
  const s = setup(
    `<p>Das ist ein deutscher Absatz mit genug Wörtern.</p><p>This paragraph is already written in English.</p>`,
    { detectLang: slowDetect },
  );
  const done = s.page.translate();
  // Both were sent (one to each slot) while their language was still unknown.
  await s.fake.nextBatch();
  await s.fake.nextBatch();
  expect(sent(s.fake)).toContain("This paragraph is already written in English.");
  answer();
  const summary = await done;
  expect(summary).toMatchObject({ translated: 1, skipped: 1 });
  expect(document.querySelectorAll("p")[1]?.textContent).toBe("This paragraph is already written in English.");
  expect(document.querySelectorAll("p")[0]?.textContent).toBe("DAS IST EIN DEUTSCHER ABSATZ MIT GENUG WÖRTERN.");
});

test("a detector that never answers holds the page only so long: every unit is translated and the page is done", async () => {
  // Firefox never answers a detection open as its page went into the back/forward cache.
  const silent = (text: string) => {
    detected.push(text);
    return new Promise<string | undefined>(() => undefined);
  };
  const s = setup(
    `<p>Das ist ein deutscher Absatz mit genug Wörtern.</p><p>Und hier steht noch ein zweiter Absatz.</p>`,
    { detectLang: silent },
  );
  // How long it holds the page, on a clock of the test's own that moves on once nothing else is left to do.
  useFakeTimersFromNow();
  const summary = await withClockRunning(s.page.translate()).finally(() => jest.useRealTimers());
  expect(detected.length).toBeGreaterThan(0);
  expect(summary).toMatchObject({ translated: 2, skipped: 0 });
  expect([...document.querySelectorAll("p")].map((p) => p.textContent)).toEqual([
    "DAS IST EIN DEUTSCHER ABSATZ MIT GENUG WÖRTERN.",
    "UND HIER STEHT NOCH EIN ZWEITER ABSATZ.",
  ]);
});

test("Chinese in the other script than the target's is translated; in the target's script it is skipped", async () => {
  // Detectors answer "zh" for both scripts (tinyld), so the characters decide.
  const chinese = async (text: string) => (/\p{Script=Han}/u.test(text) ? "zh" : undefined);
  const simplified = "政府今天宣布了明年的预算方案，国防开支将创历史新高，这是过去十年来最大的一次增长。";
  const traditional = "政府今天宣佈了明年的預算方案，國防開支將創歷史新高，這是過去十年來最大的一次增長。";
  const { page, fake } = setup(`<p>${simplified}</p><p>${traditional}</p>`, {
    detectLang: chinese,
    targetLang: "zh-Hant",
  });
  expect(await page.translate()).toMatchObject({ translated: 1, skipped: 1 });
  expect(sent(fake)).toEqual([simplified]);
});

test("a page in Simplified Chinese is translated for a reader of Traditional Chinese", async () => {
  const chinese = async () => "zh-CN";
  const { page, fake } = setup(
    `<p>这个问题我们已经讨论过很多次了，还是没有结果。</p><p>说实话，这部电视剧的结局让我很失望，我觉得编剧没有认真写。</p>`,
    { detectLang: chinese, targetLang: "zh-TW" },
  );
  expect(await page.translate()).toMatchObject({ pageLang: "zh-Hans", translated: 2, skipped: 0 });
  expect(fake.batches.flat()).toHaveLength(2);
});

test("a comment quoting a sentence in the target language is translated when its own words are not", async () => {
  const german = `Er hat geschrieben: "I think this is the best solution for everyone involved here" und ich stimme ihm zu.`;
  const english = `He wrote „das ist der Hammer“ and I agree with him completely, it is the best thing in years.`;
  const { page, fake } = setup(`<p>${german}</p><p>${english}</p>`, { detectLang });
  expect(await page.translate()).toMatchObject({ translated: 1, skipped: 1 });
  expect(sent(fake)).toEqual([german]);
});

test("a page in the target language is skipped under the code the browser's detector uses for it", async () => {
  // Chromium's CLD answers "iw" for Hebrew and "no" for Norwegian; the pickers offer "he" and "nb".
  for (const [targetLang, detected] of [
    ["he", "iw"],
    ["nb", "no"],
    ["tl", "fil"],
  ] as const) {
    const { page, fake } = setup(`<p>A paragraph the detector is sure of, long enough to be detected by it.</p>`, {
      detectLang: async () => detected,
      targetLang,
    });
    expect(await page.translate()).toMatchObject({ skipped: 1, translated: 0 });
    expect(fake.batches).toHaveLength(0);
    page.restore();
  }
});

test("a Reddit comment's quote in the target language does not make the page's language: its own words do", async () => {
  // r/de: the first comment quotes an English source at length (Reddit renders `>` lines as a blockquote).
  const quote = "The report says that the trains are late and that the network is old and is not funded.";
  const own = "Das überrascht mich nicht, die Bahn ist seit Jahren ein Sanierungsfall.";
  const short = "Stimmt leider, sehe ich genauso"; // too short for a detection alone: the page's language decides
  const { page, fake } = setup(
    `<div class="md"><blockquote><p>${quote}</p></blockquote><p>${own}</p></div><div class="md"><p>${short}</p></div>`,
    { detectLang },
  );
  expect(await page.translate()).toMatchObject({ pageLang: "de", translated: 2, skipped: 1 });
  // The quote goes by its own words (English, left as it is); the comments' German is translated, the short one too.
  expect(sent(fake)).toEqual([own, short]);
});
