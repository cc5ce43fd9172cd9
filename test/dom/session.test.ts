// The page session shared by the content script and the userscript: what it reports to the popup, badge and status
// card when things go well, partly wrong, or entirely wrong.
import { createPageSession, type PageSession } from "../../src/session/page-session";
import { showsTranslation, type ContentReport } from "../../src/shared/messages";
import { outcomeReasons } from "../../src/shared/outcome-text";
import { isSegmentError, type TranslateError, type Translator } from "../../src/shared/translator";
import { createFakeTranslator } from "../helpers/fake-translator";

const STALLED: TranslateError = {
  kind: "stalled",
  message: "The server stopped sending data for 45 s, so Gloss gave up on this request.",
  fix: "Check that the server is not overloaded or stuck.",
};
const UNREACHABLE: TranslateError = {
  kind: "unreachable",
  message: "Gloss cannot reach the server at http://127.0.0.1:8080.",
  fix: "Start llama-server.",
};

/** Sessions made by a test: shown the original after it, so none goes on translating the next test's page. */
const live: PageSession[] = [];
afterEach(() => {
  for (const s of live.splice(0)) s.restore();
});

const tracked = (s: PageSession): PageSession => (live.push(s), s);

/** A session whose server is down until the test starts it (its reports read from report()). */
function downAtFirst(): { session: PageSession; start(): void } {
  let down = true;
  const fake = createFakeTranslator({ fail: () => (down ? UNREACHABLE : undefined) });
  return { session: unheard(fake.translate), start: () => void (down = false) };
}

/** Which paragraphs show a translation (the fake translator's is the text in capitals). */
const shownTranslated = (): boolean[] =>
  [...document.querySelectorAll("p")].map((p) => p.textContent === p.textContent!.toUpperCase());

function page(paragraphs: number): void {
  document.body.replaceChildren(
    ...Array.from({ length: paragraphs }, (_, i) => {
      const p = document.createElement("p");
      p.textContent = `Das ist der Absatz Nummer ${i + 1} auf dieser Seite, und er ist auf Deutsch.`;
      return p;
    }),
  );
}

function session(fail: (index: number) => TranslateError | undefined): {
  session: PageSession;
  reports: ContentReport[];
} {
  const reports: ContentReport[] = [];
  const fake = createFakeTranslator({ fail: (segment) => fail(Number(/Nummer (\d+)/.exec(segment.html)?.[1]) - 1) });
  const s = tracked(
    createPageSession({
      document,
      translator: fake.translate,
      getConfig: async () => ({ targetLang: "en", neverTranslate: [], maxBatchChars: 200, maxConcurrent: 1 }),
      onReport: (report) => reports.push(report),
    }),
  );
  return { session: s, reports };
}

/** A session over this translator whose reports the test reads from report(). */
const unheard = (translator: Translator): PageSession =>
  tracked(
    createPageSession({
      document,
      translator,
      getConfig: async () => ({ targetLang: "en", neverTranslate: [], maxBatchChars: 200, maxConcurrent: 1 }),
      onReport: () => undefined,
    }),
  );

describe("page session", () => {
  it("asks the server's limits once its first request is out, and then sends as many at once as it has slots", async () => {
    page(12);
    const fake = createFakeTranslator({ delayMs: 5 });
    let requests = 0;
    let requestsWhenAsked: number | undefined;
    const s = tracked(
      createPageSession({
        document,
        translator: (batch, opts) => {
          requests++;
          return fake.translate(batch, opts);
        },
        // As in the browser: a batch waits a moment for its language, so the run's start goes on before it is sent.
        detectLang: async () => "de",
        getConfig: async () => ({
          targetLang: "en",
          neverTranslate: [],
          maxBatchChars: 100,
          maxConcurrent: 1,
          serverLimits: async () => {
            requestsWhenAsked ??= requests;
            return { maxBatchChars: 100, maxConcurrent: 3 };
          },
        }),
        onReport: () => undefined,
      }),
    );
    await s.translate();
    // Asking first would put the probe of the server ahead of the request the reader waits for.
    expect(requestsWhenAsked).toBe(1);
    expect(fake.maxInFlight).toBeGreaterThan(1);
    expect(s.report()).toMatchObject({ status: "translated", progress: { done: 12, failed: 0 } });
    s.restore(); // stops watching the page the next test writes
  });

  it("reports a page where nothing could be translated as an error, with the server's reason and fix", async () => {
    page(4);
    const { session: s } = session(() => STALLED);
    await s.translate();
    expect(s.report()).toMatchObject({
      status: "error",
      error: { message: STALLED.message, fix: STALLED.fix, kind: "stalled" },
      progress: { done: 0, failed: 4 },
    });
    expect(document.body.textContent).toContain("Das ist der Absatz Nummer 1");
  });

  it("names why passages stayed in the original when the rest was translated", async () => {
    page(4);
    const { session: s } = session((i) => (i === 2 ? STALLED : undefined));
    await s.translate();
    expect(s.report()).toMatchObject({
      status: "translated",
      progress: { done: 3, failed: 1 },
      failure: { message: STALLED.message },
    });
  });

  it("counts passages shown with simplified formatting, with the model's fault and what to try", async () => {
    page(3);
    const bold = document.createElement("b");
    bold.textContent = "fett";
    document.querySelector("p")?.append(" Ein ", bold, " Wort.");
    const lost: TranslateError = {
      kind: "bad-reply",
      reason: "lost-placeholder",
      message: "The model's translation lost a link or other formatting.",
    };
    // Only a reply that should keep the bold loses it; the same text as plain runs translates.
    const fake = createFakeTranslator({ fail: (segment) => (/<b\d+>/.test(segment.html) ? lost : undefined) });
    const s = unheard(fake.translate);
    await s.translate();
    const report = s.report();
    expect(report).toMatchObject({
      status: "translated",
      progress: { done: 3, simplified: 1, failed: 0 },
      simplification: { message: lost.message },
    });
    expect(report.simplification?.fix).toMatch(/larger model/);
    expect(report.failure).toBeUndefined();
    expect(document.querySelector("b")).toBeNull();
  });

  it("counts passages whose translation missed glossary terms and names the terms; they are asked again", async () => {
    page(3);
    // Paragraph 2 twice: the copy gets the same reply, and misses the same term.
    document.body.append(document.querySelectorAll("p")[1]!.cloneNode(true));
    const fake = createFakeTranslator();
    let missing = true;
    const translator: Translator = async function* (batch, opts) {
      for await (const result of fake.translate(batch, opts)) {
        const html = isSegmentError(result) ? "" : result.html;
        const unmet = !missing
          ? []
          : /NUMMER 1 /.test(html)
            ? ["Bahn", "r/de"]
            : /NUMMER 2 /.test(html)
              ? ["Bahn"]
              : [];
        yield unmet.length ? { ...result, unmet } : result;
      }
    };
    const s = unheard(translator);
    await s.translate();
    const report = s.report();
    expect(report).toMatchObject({
      status: "translated",
      progress: { done: 4, unmet: 3, simplified: 0, failed: 0 },
      unmetTerms: ["Bahn", "r/de"],
    });
    expect(outcomeReasons(report)).toBe(
      "3 passages did not follow your glossary (Bahn, r/de). " +
        "Check those terms; a larger model follows a glossary more closely.",
    );
    // Not kept: shown the original and translated again, those passages are asked afresh (the rest is remembered).
    s.restore();
    missing = false;
    await s.translate();
    const again = s.report();
    expect(again.progress).toMatchObject({ done: 4, unmet: 0 });
    expect(again.unmetTerms).toBeUndefined();
    expect(outcomeReasons(again)).toBe("");
    const asked = (n: number) => [...fake.requests].find(([html]) => html.includes(`Nummer ${n} `))?.[1];
    expect([asked(1), asked(2), asked(3)]).toEqual([2, 2, 1]);
  });

  it("after the server or glossary changed, translating the page again asks afresh rather than showing the old", async () => {
    page(2);
    const fake = createFakeTranslator();
    // The glossary a reply follows: what the translator was set up with when it was asked.
    let glossary = "Absatz → paragraph";
    const translator: Translator = async function* (batch, opts) {
      const made = glossary;
      for await (const result of fake.translate(batch, opts)) {
        yield isSegmentError(result) ? result : { ...result, html: `${result.html} [${made}]` };
      }
    };
    const s = tracked(
      createPageSession({
        document,
        translator,
        getConfig: async () => ({
          targetLang: "en",
          neverTranslate: [],
          maxBatchChars: 200,
          maxConcurrent: 1,
          translationScope: glossary,
        }),
        onReport: () => undefined,
      }),
    );
    await s.translate();
    expect(document.body.textContent).toContain("[Absatz → paragraph]");
    // The reader adds to the glossary in the options, shows the original and translates again.
    s.restore();
    glossary = "Absatz → section";
    await s.translate();
    const shown = [...document.querySelectorAll("p")].map((p) => p.textContent);
    expect(shown.every((text) => text?.endsWith("[Absatz → section]"))).toBe(true);
    // Nothing changed since: the page's translations are remembered, and no request is made.
    const asked = () => [...fake.requests.values()].reduce((sum, n) => sum + n, 0);
    const before = asked();
    s.restore();
    await s.translate();
    expect(asked()).toBe(before);
  });

  it("after a fatal error part-way, toggling shows the original rather than trying again", async () => {
    page(4);
    const { session: s } = session((i) => (i >= 2 ? UNREACHABLE : undefined));
    const original = document.body.innerHTML;
    await s.translate();
    expect(s.report().status).toBe("error");
    expect(s.report().progress.done).toBeGreaterThan(0);
    await s.toggle();
    expect(s.report().status).toBe("original");
    expect(document.body.innerHTML).toBe(original);
  });

  it("a retry whose settings cannot be read still offers the way back to the original part-way translated", async () => {
    page(4);
    const fake = createFakeTranslator({
      fail: (segment) => (/Nummer [34]/.test(segment.html) ? UNREACHABLE : undefined),
    });
    let reads = 0;
    const s = tracked(
      createPageSession({
        document,
        translator: fake.translate,
        getConfig: async () => {
          if (++reads > 1) throw new Error("storage is gone");
          return { targetLang: "en", neverTranslate: [], maxBatchChars: 200, maxConcurrent: 1 };
        },
        onReport: () => undefined,
      }),
    );
    const original = document.body.innerHTML;
    await s.translate();
    expect(s.report()).toMatchObject({ status: "error", progress: { done: 2 } });
    await s.translate(); // "Try again"
    const report = s.report();
    expect(report).toMatchObject({ status: "error", error: { message: "Gloss could not read its settings." } });
    // Half the page is still in translation: the card and popup offer Show original, and the toggle takes it.
    expect(showsTranslation(report)).toBe(true);
    await s.toggle();
    expect(s.report().status).toBe("original");
    expect(document.body.innerHTML).toBe(original);
  });

  it("Try again once the model has loaded does not say it is still loading, as the failed run last heard", async () => {
    page(2);
    let down = true;
    const fake = createFakeTranslator({ hold: true, fail: () => (down ? UNREACHABLE : undefined) });
    const s = unheard(fake.translate);
    const first = s.translate();
    await fake.nextBatch();
    s.setServerStatus("loading"); // what the background told the run's request
    expect(s.report().serverStatus).toBe("loading");
    fake.releaseAll();
    await first;
    expect(s.report().status).toBe("error");
    down = false;
    const retry = s.translate();
    await fake.nextBatch();
    // Under way, and nothing heard from the server yet for this run: no "The model is still loading".
    expect(s.report().status).toBe("translating");
    expect(s.report().serverStatus).toBeUndefined();
    fake.unhold();
    await retry;
    expect(s.report().status).toBe("translated");
  });

  it("says there is nothing selected at every press of Translate selection, not only the first", async () => {
    page(2);
    const said: boolean[] = [];
    const s = tracked(
      createPageSession({
        document,
        translator: createFakeTranslator().translate,
        getConfig: async () => ({ targetLang: "en", neverTranslate: [], maxBatchChars: 200, maxConcurrent: 1 }),
        onReport: (report, asked) => {
          if (report.notice?.startsWith("Select the text to translate first")) said.push(asked === true);
        },
      }),
    );
    await s.translatePassage([]);
    await s.translatePassage([]);
    // The second is the same report again, marked as asked for: the card shows it even if the first was dismissed.
    expect(said).toEqual([true, true]);
  });

  it("asked again after the server was down, Translate selection sends the passage again, never 'already in English'", async () => {
    page(3);
    const { session: s, start } = downAtFirst();
    const selection = (): Range[] => {
      const range = document.createRange();
      range.selectNodeContents(document.querySelectorAll("p")[1]!);
      return [range];
    };
    await s.translatePassage(selection());
    expect(s.report()).toMatchObject({ status: "error", error: { message: UNREACHABLE.message } });
    // Still down: the same error and its fix, not a notice that the German page is in English.
    await s.translatePassage(selection());
    expect(s.report()).toMatchObject({ status: "error", error: { message: UNREACHABLE.message } });
    expect(s.report().notice).toBeUndefined();
    start(); // the reader started the server
    await s.translatePassage(selection());
    expect(s.report().status).toBe("translated");
    expect(shownTranslated()).toEqual([false, true, false]);
  });

  it("Try again after Translate selection failed (the server was down) sends the selection again, not the whole page", async () => {
    page(3);
    const { session: s, start } = downAtFirst();
    const range = document.createRange();
    range.selectNodeContents(document.querySelectorAll("p")[1]!);
    await s.translatePassage([range]);
    expect(s.report()).toMatchObject({ status: "error", error: { message: UNREACHABLE.message } });
    // The reader clicks elsewhere (the selection is gone), starts the server, and presses Try again on the card.
    range.collapse(true);
    start();
    await s.retry();
    expect(s.report().status).toBe("translated");
    expect(shownTranslated()).toEqual([false, true, false]);
  });

  it("Try again after the page's translation failed translates the page again", async () => {
    page(2);
    const { session: s, start } = downAtFirst();
    await s.translate();
    expect(s.report().status).toBe("error");
    start();
    await s.retry();
    expect(shownTranslated().every(Boolean)).toBe(true);
  });

  it("Translate selection of a passage in a language the reader reads says so of the selection, not 'This page is already in English'", async () => {
    document.body.replaceChildren(
      ...[
        "Das ist ein deutscher Absatz auf dieser Seite, und er bleibt auf Deutsch.",
        "Cette citation est en français et reste telle quelle sur la page.",
      ].map((text) => Object.assign(document.createElement("p"), { textContent: text })),
    );
    const fake = createFakeTranslator();
    const s = tracked(
      createPageSession({
        document,
        translator: fake.translate,
        detectLang: async (text) => (text.includes("français") ? "fr" : "de"),
        getConfig: async () => ({ targetLang: "en", neverTranslate: ["fr"], maxBatchChars: 300, maxConcurrent: 1 }),
        onReport: () => undefined,
      }),
    );
    const range = document.createRange();
    range.selectNodeContents(document.querySelectorAll("p")[1]!);
    await s.translatePassage([range]);
    expect(fake.batches).toEqual([]);
    expect(s.report()).toMatchObject({
      status: "idle",
      notice: "Gloss leaves the selection as it is: it is in English or in a language you read.",
    });
  });

  it("keeps saying the page is already in English once it has said there is nothing selected", async () => {
    document.body.replaceChildren(
      ...["The trains were late again this morning.", "Nobody on the platform knew when the next one would come."].map(
        (text) => Object.assign(document.createElement("p"), { lang: "en", textContent: text }),
      ),
    );
    const s = tracked(
      createPageSession({
        document,
        translator: createFakeTranslator().translate,
        getConfig: async () => ({ targetLang: "en", neverTranslate: [], maxBatchChars: 200, maxConcurrent: 1 }),
        onReport: () => undefined,
      }),
    );
    await s.translate();
    expect(s.report().notice).toBe("This page is already in English.");
    await s.translatePassage([]);
    // The hint was said; what the popup shows of the page afterwards is still what the page's run found.
    expect(s.report().notice).toBe("This page is already in English.");
  });

  it("a passage asked for while the page's translation reads its settings is translated with the page, not instead", async () => {
    page(4);
    const fake = createFakeTranslator();
    let settingsRead: () => void = () => undefined;
    const reading = new Promise<void>((resolve) => (settingsRead = resolve));
    const s = tracked(
      createPageSession({
        document,
        translator: fake.translate,
        getConfig: async () => {
          await reading;
          return { targetLang: "en", neverTranslate: [], maxBatchChars: 200, maxConcurrent: 1 };
        },
        onReport: () => undefined,
      }),
    );
    const whole = s.translate();
    const range = document.createRange();
    range.selectNodeContents(document.querySelectorAll("p")[2]!);
    const passage = s.translatePassage([range]);
    settingsRead();
    await Promise.all([whole, passage]);
    expect(shownTranslated()).toEqual([true, true, true, true]);
  });

  it("includes the page address, which the background may not see", async () => {
    page(1);
    const { session: s } = session(() => undefined);
    await s.translate();
    expect(s.report().url).toBe(location.href);
  });

  it("reports the first words the moment they are written, though it paces reports of progress alone", async () => {
    page(12);
    const { session: s, reports } = session(() => undefined);
    let reportedAtFirstWords: boolean | undefined;
    const observer = new MutationObserver(() => {
      if (reportedAtFirstWords === undefined && document.body.textContent?.includes("DAS IST")) {
        reportedAtFirstWords = reports.some((r) => r.progress.done > 0);
      }
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    await s.translate();
    observer.disconnect();
    // Press delivery takes such a report as the end of a press: a page left right after it must have sent it.
    expect(reportedAtFirstWords).toBe(true);
    // Fewer reports than changes of progress: most differed only in what was in flight or queued.
    expect(reports.length).toBeLessThan(12);
  });
});

describe("a new look for bilingual translations", () => {
  const COPY = 'span[translate="no"][lang="en"]';
  const copies = () => [...document.querySelectorAll<HTMLElement>(COPY)];

  /** A session in the bilingual view whose settings name `style` (none: as a config that does not say). */
  function bilingual(style?: "quiet" | "blur") {
    const fake = createFakeTranslator();
    const s = tracked(
      createPageSession({
        document,
        translator: fake.translate,
        getConfig: async () => ({
          targetLang: "en",
          neverTranslate: [],
          maxBatchChars: 200,
          maxConcurrent: 1,
          displayMode: "bilingual" as const,
          ...(style ? { bilingualStyle: style } : {}),
        }),
        onReport: () => undefined,
      }),
    );
    return { session: s, fake };
  }

  it("restyles the copies shown in place: the same nodes, no request, the page still translated", async () => {
    page(3);
    const { session: s, fake } = bilingual("quiet");
    await s.translate();
    const shown = copies();
    expect(shown).toHaveLength(3);
    expect(shown[0]!.style.getPropertyValue("opacity")).toBe("0.82");
    const asked = fake.calls.length;
    s.setBilingualStyle("highlight");
    expect(copies()).toEqual(shown);
    for (const copy of shown) {
      expect(copy.style.getPropertyValue("background-color")).toBe("rgba(255, 204, 0, 0.2)");
      expect(copy.style.getPropertyValue("opacity")).toBe("");
    }
    expect(fake.calls.length).toBe(asked);
    expect(s.report().status).toBe("translated");
  });

  it("on a page not translated, is only remembered: nothing is sent, and the next translation shows it", async () => {
    page(2);
    const original = document.body.innerHTML;
    const { session: s, fake } = bilingual();
    s.setBilingualStyle("highlight");
    expect(fake.calls).toHaveLength(0);
    expect(document.body.innerHTML).toBe(original);
    expect(s.report().status).toBe("idle");
    await s.translate();
    expect(copies().map((c) => c.style.getPropertyValue("background-color"))).toEqual([
      "rgba(255, 204, 0, 0.2)",
      "rgba(255, 204, 0, 0.2)",
    ]);
  });

  it("after Show original, the next translation takes the look the settings then name", async () => {
    page(1);
    const { session: s } = bilingual("blur");
    await s.translate();
    s.setBilingualStyle("highlight");
    s.restore();
    await s.translate();
    expect(copies()[0]!.style.getPropertyValue("filter")).toBe("blur(0.3em)");
  });
});
