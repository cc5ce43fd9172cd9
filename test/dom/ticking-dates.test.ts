// Relative dates a page's script rewrites every minute ("vor 2 Minuten", GitHub's <relative-time>, timeago.js): kept
// in place and never sent, so a tick sends nothing again and takes no translation back from the reader.
import { siteRulesFor } from "../../src/sites";
import { sent, setup } from "../helpers/core-page";
import { useFakeTimersFromNow } from "../helpers/fake-timers-from-now";

afterEach(() => jest.useRealTimers());

const MINUTE = 60_000;

/** Lets `minutes` of the page's clock pass, and the page's changes be handled (they are, a little after each). */
async function pass(minutes: number): Promise<void> {
  for (let i = 0; i < minutes; i++) await jest.advanceTimersByTimeAsync(MINUTE);
  await jest.advanceTimersByTimeAsync(1000);
}

/** The page's script: each minute, every date matching `selector` says how long ago it was (from 2 minutes on). */
function tickEachMinute(selector: string): () => void {
  let minutes = 2;
  const clock = setInterval(() => {
    minutes++;
    for (const date of document.querySelectorAll(selector)) date.textContent = `vor ${minutes} Minuten`;
  }, MINUTE);
  return () => clearInterval(clock);
}

test("dates marked as live (timeago.js, jQuery timeago) are not sent, and their ticks send nothing again", async () => {
  // Comments as timeago.js and jQuery timeago mark them up: a <time> or a span, class timeago, with `datetime`; and an
  // edit mark, whose `datetime` says when a word was struck: that one is prose.
  const { page, fake } = setup(
    `<article class="comment"><p class="meta">Antwort von Anna · <time class="timeago" ` +
      `datetime="2026-12-06T15:00:00Z">vor 2 Minuten</time> · bearbeitet</p><p>Der Zug kommt heute später.</p></article>` +
      `<article class="comment"><p class="mt-2 italic">Beworben <span class="timeago" ` +
      `datetime="2026-12-06 15:00:00 Europe/Berlin">vor 2 Minuten</span> auf die Stelle</p>` +
      `<p>Der Preis ist <del datetime="2026-12-01">stark</del> gesunken.</p></article>`,
  );
  await page.translate();
  expect(sent(fake).sort()).toEqual(
    [
      "Antwort von Anna · <x1></x1> · bearbeitet",
      "Der Zug kommt heute später.",
      "Beworben <x1></x1> auf die Stelle",
      "Der Preis ist <s1>stark</s1> gesunken.",
    ].sort(),
  );
  const requests = sent(fake).length;
  useFakeTimersFromNow();
  const stop = tickEachMinute(".timeago");
  await pass(5);
  expect(sent(fake).length).toBe(requests);
  expect(document.querySelector(".meta")?.textContent).toBe("ANTWORT VON ANNA · vor 7 Minuten · BEARBEITET");
  expect(document.querySelector(".mt-2")?.textContent).toBe("BEWORBEN vor 7 Minuten AUF DIE STELLE");
  // A real edit of a passage is the page's new text: sent, once, while the dates go on ticking.
  (document.querySelector(".comment p:not(.meta)") as Element).textContent = "Der Zug fällt heute aus.";
  await pass(2);
  stop();
  expect(sent(fake).slice(requests)).toEqual(["Der Zug fällt heute aus."]);
  expect(document.querySelector(".comment p:not(.meta)")?.textContent).toBe("DER ZUG FÄLLT HEUTE AUS.");
  page.restore();
  expect(document.querySelector(".meta")?.textContent).toBe("Antwort von Anna · vor 9 Minuten · bearbeitet");
});

test("a plain <time> is translated until the page rewrites it; then it is left out, and its ticks send nothing", async () => {
  // A date in a sentence and one on a line of its own, as a page without a known date script marks them.
  const { page, fake } = setup(
    `<p class="edited">Zuletzt geändert <time datetime="2026-12-06T15:00:00Z">vor 2 Minuten</time> von Ben</p>` +
      `<div class="updated"><time datetime="2026-12-06T15:00:00Z">vor 2 Minuten</time></div>`,
  );
  await page.translate();
  expect(sent(fake).sort()).toEqual(["Zuletzt geändert <s1>vor 2 Minuten</s1> von Ben", "vor 2 Minuten"].sort());
  const requests = sent(fake).length;
  useFakeTimersFromNow();
  const stop = tickEachMinute("time");
  await pass(5);
  stop();
  // The first tick shows the date is live: its sentence is sent once more without it, the date alone not at all.
  expect(sent(fake).slice(requests)).toEqual(["Zuletzt geändert <x1></x1> von Ben"]);
  expect(document.querySelector(".edited")?.textContent).toBe("ZULETZT GEÄNDERT vor 7 Minuten VON BEN");
  expect(document.querySelector(".updated")?.textContent).toBe("vor 7 Minuten");
  page.restore();
  expect(document.body.innerHTML).toBe(
    `<p class="edited">Zuletzt geändert <time datetime="2026-12-06T15:00:00Z">vor 7 Minuten</time> von Ben</p>` +
      `<div class="updated"><time datetime="2026-12-06T15:00:00Z">vor 7 Minuten</time></div>`,
  );
});

test("a <time> around whole paragraphs (as no valid page has it) is no date: their edits are translated", async () => {
  const { page, fake } = setup(
    `<time datetime="2026-12-06"><div class="day"><p>Heute fährt kein Zug.</p><p>Morgen wieder.</p></div></time>`,
  );
  await page.translate();
  const edited = document.querySelectorAll(".day p")[1] as Element;
  edited.textContent = "Morgen auch nicht.";
  await page.whenSettled();
  edited.textContent = "Erst am Montag.";
  await page.whenSettled();
  expect(sent(fake)).toEqual(["Heute fährt kein Zug.", "Morgen wieder.", "Morgen auch nicht.", "Erst am Montag."]);
  expect(document.querySelector(".day")?.textContent).toBe("HEUTE FÄHRT KEIN ZUG.ERST AM MONTAG.");
});

/** GitHub's <relative-time> as @github/relative-time-element renders it: the server's date as light text, never
 * shown; what it shows written into its open shadow root, and its tooltip, again each minute. */
class RelativeTime extends HTMLElement {
  minutes = 2;
  readonly #shown = this.attachShadow({ mode: "open" });
  connectedCallback(): void {
    this.update();
  }
  update(): void {
    this.#shown.textContent = `vor ${this.minutes} Minuten`;
    this.setAttribute("title", "6. Dez. 2026, 16:00 MEZ");
  }
}
customElements.define("relative-time", RelativeTime);

test("GitHub: a comment's <relative-time> is not sent (its shown text, its light text, its tooltip), nor again as it ticks", async () => {
  document.body.innerHTML =
    `<div class="timeline-comment-header"><h3 class="f5 text-normal"><strong>` +
    `<a class="author Link--primary text-bold" href="/schmidt">schmidt</a></strong> kommentierte ` +
    `<a href="#issuecomment-1" class="Link--secondary js-timestamp"><relative-time datetime="2026-12-06T15:00:00Z" ` +
    `class="no-wrap">Dec 6, 2026</relative-time></a></h3></div>` +
    `<div class="comment-body markdown-body js-comment-body"><p dir="auto">Bei mir auch, seit dem Update.</p></div>`;
  const { page, fake } = setup(null, { site: siteRulesFor(document, "https://github.com/o/r/issues/7")! });
  await page.translate();
  expect(sent(fake).join("\n")).not.toMatch(/Minuten|Dec 6|MEZ/);
  const requests = sent(fake).length;
  useFakeTimersFromNow();
  const time = document.querySelector("relative-time") as RelativeTime;
  const clock = setInterval(() => {
    time.minutes++;
    time.update();
  }, MINUTE);
  await pass(5);
  clearInterval(clock);
  expect(sent(fake).length).toBe(requests);
  expect(time.shadowRoot?.textContent).toBe("vor 7 Minuten");
  expect(time.getAttribute("title")).toBe("6. Dez. 2026, 16:00 MEZ");
  expect(document.querySelector("h3")?.textContent).toBe("schmidt KOMMENTIERTE Dec 6, 2026");
  expect(document.querySelector(".comment-body p")?.textContent).toBe("BEI MIR AUCH, SEIT DEM UPDATE.");
});
