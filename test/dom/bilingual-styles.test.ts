// The look of translations in the bilingual view, as the reader chose it: quiet by default (the look copies always
// had), plain, underlined, highlighted, or blurred until the reader points at it, moves the keyboard focus into it or
// taps it. Each look is inline style the page's stylesheets cannot outrank; a new choice restyles the copies shown
// in place; "Show original" still gives back the exact page.
import { setup } from "../helpers/core-page";

const COPY = 'span[translate="no"][lang="en"]';
const PARAGRAPH = `<p id="p">Der Zug ist heute pünktlich.</p>`;

const copyOf = (root: ParentNode = document): HTMLElement => root.querySelector(COPY) as HTMLElement;
const look = (el: HTMLElement, property: string) => el.style.getPropertyValue(property);

/** A pointer event as the browser sends it (jsdom has no PointerEvent). */
function pointer(target: Element, type: string, pointerType: string, init: MouseEventInit = {}): boolean {
  const event = new MouseEvent(type, { bubbles: type !== "pointerenter" && type !== "pointerleave", ...init });
  Object.defineProperty(event, "pointerType", { value: pointerType });
  return target.dispatchEvent(event);
}

/** A tap or click as the browser sends it: the press, then a click with a click count (the keyboard's has none). */
function tap(target: Element, pointerType = "touch"): boolean {
  pointer(target, "pointerdown", pointerType, { cancelable: true });
  return target.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true, detail: 1 }));
}

test("by default a paragraph's translation is today's quiet block, and a line's is faded after a line break", async () => {
  const { page } = setup(`<div id="d">Ein <b>Titel</b> hier<p id="p">Absatz</p></div>`, {
    displayMode: "bilingual",
  });
  await page.translate();
  const block = copyOf(document.getElementById("p")!);
  expect(look(block, "display")).toBe("block");
  expect(look(block, "opacity")).toBe("0.82");
  expect(look(block, "border-inline-start")).toBe("2px solid color-mix(in srgb, currentColor 35%, transparent)");
  expect(look(block, "padding-inline-start")).toBe("0.6em");
  expect(block.style.getPropertyPriority("opacity")).toBe("important");
  const inline = document.querySelector(`#d > ${COPY}`) as HTMLElement;
  expect(inline.previousSibling?.nodeName).toBe("BR");
  expect(look(inline, "opacity")).toBe("0.82");
  expect(look(inline, "border-inline-start")).toBe("");
  expect(inline.hasAttribute("tabindex")).toBe(false);
});

test.each([
  ["plain", {}],
  [
    "underline",
    {
      "text-decoration-line": "underline",
      "text-decoration-style": "dashed",
      "text-decoration-color": "color-mix(in srgb, currentColor 55%, transparent)",
    },
  ],
  [
    "highlight",
    // The outline is transparent but for forced colours (Windows high contrast), which paint the marker as the page.
    { "background-color": "rgba(255, 204, 0, 0.2)", "box-decoration-break": "clone", outline: "1px solid transparent" },
  ],
  ["blur", { filter: "blur(0.3em)" }],
] as const)("%s: the copy has its look and none of the others'", async (style, expected) => {
  const { page } = setup(PARAGRAPH, { displayMode: "bilingual", bilingualStyle: style });
  await page.translate();
  const copy = copyOf();
  expect(copy.textContent).toBe("DER ZUG IST HEUTE PÜNKTLICH.");
  for (const [property, value] of Object.entries(expected)) {
    expect(look(copy, property)).toBe(value);
    expect(copy.style.getPropertyPriority(property)).toBe("important");
  }
  // Reads like the page: no fading and no line, whatever the look.
  expect(look(copy, "opacity")).toBe("");
  expect(look(copy, "border-inline-start")).toBe("");
  if (style !== "underline") expect(look(copy, "text-decoration-line")).toBe("");
  if (style !== "highlight") expect(look(copy, "background-color")).toBe("");
  if (style !== "blur") expect(look(copy, "filter")).toBe("");
  if (style !== "highlight") expect(look(copy, "outline")).toBe("");
});

describe("blurred until asked (learning mode)", () => {
  /** A blurred copy of a paragraph with a link, its link, and how often the page's own link was followed. */
  async function blurredWithLink() {
    const { page } = setup(`<p>Lies <a href="/artikel" id="link">den Artikel</a> heute.</p>`, {
      displayMode: "bilingual",
      bilingualStyle: "blur",
    });
    await page.translate();
    let followed = 0;
    document.getElementById("link")!.addEventListener("click", (e) => {
      followed++;
      e.preventDefault();
    });
    const copy = copyOf();
    return { copy, link: copy.querySelector("a") as HTMLAnchorElement, followed: () => followed };
  }

  test("the mouse on it shows it, and leaving blurs it again; a finger's pointerenter alone does not", async () => {
    const { page } = setup(PARAGRAPH, { displayMode: "bilingual", bilingualStyle: "blur" });
    await page.translate();
    const copy = copyOf();
    pointer(copy, "pointerenter", "mouse");
    expect(look(copy, "filter")).toBe("none");
    pointer(copy, "pointerleave", "mouse");
    expect(look(copy, "filter")).toBe("blur(0.3em)");
    pointer(copy, "pointerenter", "touch");
    expect(look(copy, "filter")).toBe("blur(0.3em)");
  });

  test("a copy without links is a Tab stop of its own: the focus in it shows it, the focus leaving blurs it", async () => {
    const { page } = setup(`${PARAGRAPH}<button id="next">Weiter</button>`, {
      displayMode: "bilingual",
      bilingualStyle: "blur",
    });
    await page.translate();
    const copy = copyOf();
    expect(copy.getAttribute("tabindex")).toBe("0");
    copy.focus();
    expect(document.activeElement).toBe(copy);
    expect(look(copy, "filter")).toBe("none");
    (document.getElementById("next") as HTMLElement).focus();
    expect(look(copy, "filter")).toBe("blur(0.3em)");
    // Read by screen readers as always: nothing hides it from them or renames it.
    expect(copy.hasAttribute("aria-hidden")).toBe(false);
    expect(copy.hasAttribute("aria-label")).toBe(false);
  });

  test("a copy with a link: the link is the Tab stop and shows the whole copy while it has the focus", async () => {
    const { page } = setup(`<p>Lies <a href="/artikel" id="link">den Artikel</a> heute.</p>`, {
      displayMode: "bilingual",
      bilingualStyle: "blur",
    });
    await page.translate();
    const copy = copyOf();
    expect(copy.getAttribute("tabindex")).toBe("-1");
    const link = copy.querySelector("a") as HTMLAnchorElement;
    link.focus();
    expect(look(copy, "filter")).toBe("none");
    link.blur();
    expect(look(copy, "filter")).toBe("blur(0.3em)");
  });

  test.each([
    ["a link round a title", `<a href="/post" id="owner"><h3>Ein Titel hier</h3></a>`],
    ["a button", `<button id="owner"><span>Jetzt kaufen bitte</span></button>`],
    [
      "a card the page made focusable",
      `<div role="link" tabindex="0" id="owner"><p>Der Zug ist heute pünktlich.</p></div>`,
    ],
    ["a disclosure's summary", `<details><summary id="owner">Mehr dazu anzeigen</summary><p>Inhalt</p></details>`],
  ])(
    "inside %s: that control is the Tab stop and shows the copy; the copy adds no stop nested in it",
    async (_, html) => {
      const { page } = setup(`${html}<button id="next">Weiter</button>`, {
        displayMode: "bilingual",
        bilingualStyle: "blur",
      });
      await page.translate();
      const owner = document.getElementById("owner") as HTMLElement;
      const copy = copyOf(owner);
      expect(copy).not.toBeNull();
      // No focusable element inside another (axe's nested-interactive): one Tab stop, not two.
      expect(copy.hasAttribute("tabindex")).toBe(false);
      owner.focus();
      expect(look(copy, "filter")).toBe("none");
      (document.getElementById("next") as HTMLElement).focus();
      expect(look(copy, "filter")).toBe("blur(0.3em)");
      // A tap shows it without activating the control; the focus goes to the control, which keeps it shown.
      let activated = 0;
      owner.addEventListener("click", () => activated++);
      expect(tap(copy)).toBe(false);
      expect(activated).toBe(0);
      expect(document.activeElement).toBe(owner);
      expect(look(copy, "filter")).toBe("none");
      // Another look, or the copy gone: the control no longer shows or hides anything.
      page.setBilingualStyle("plain");
      owner.focus();
      (document.getElementById("next") as HTMLElement).focus();
      expect(look(copy, "filter")).toBe("");
    },
  );

  test("a tap shows it without following the link under the finger; the next tap follows it", async () => {
    const { copy, link, followed } = await blurredWithLink();
    expect(tap(link)).toBe(false);
    expect(followed()).toBe(0);
    expect(look(copy, "filter")).toBe("none");
    expect(copy.contains(document.activeElement)).toBe(true);
    tap(link);
    expect(followed()).toBe(1);
    // Tapping elsewhere takes the focus, and the copy is blurred again.
    document.body.focus();
    copy.dispatchEvent(new FocusEvent("focusout", { bubbles: true, relatedTarget: document.body }));
    expect(look(copy, "filter")).toBe("blur(0.3em)");
  });

  test("with a mouse, the pointer on the copy has shown it already: a click follows the link at once", async () => {
    const { copy, link, followed } = await blurredWithLink();
    pointer(copy, "pointerenter", "mouse");
    tap(link, "mouse");
    expect(followed()).toBe(1);
  });

  test("Show original while the focus is on a blurred copy: it goes to the page's Tab stop before, not <body>", async () => {
    const html = `<a id="prev" href="/a">Start</a><p id="p">Der Zug ist <a href="/z">heute</a> pünktlich.</p>
      <p id="q">Der Bus ist heute spät.</p><button id="next">Weiter</button>`;
    const { page } = setup(html, { displayMode: "bilingual", bilingualStyle: "blur" });
    await page.translate();
    // The copy of #q: the Tab stop before it is the link of #p's original (its copy's link goes with it).
    const copy = copyOf(document.getElementById("q")!);
    copy.focus();
    page.restore();
    expect(document.body.innerHTML).toBe(html);
    expect(document.activeElement?.getAttribute("href")).toBe("/z");
    expect(document.activeElement?.isConnected).toBe(true);
  });

  test("Show original while the focus is on a blurred copy with no Tab stop before it: the one after", async () => {
    const html = `<p id="p">Der Zug ist heute pünktlich.</p><button disabled="">Nein</button><button id="next">Weiter</button>`;
    const { page } = setup(html, { displayMode: "bilingual", bilingualStyle: "blur" });
    await page.translate();
    copyOf().focus();
    page.restore();
    expect(document.body.innerHTML).toBe(html);
    expect(document.activeElement?.id).toBe("next");
  });

  test("Show original with the focus on a blurred copy whose nearest Tab stop is in a component's shadow root: it goes there", async () => {
    document.body.innerHTML = `<p id="p">Der Zug ist heute pünktlich.</p><nav-bar id="nav"></nav-bar>`;
    const nav = document.getElementById("nav")!;
    nav.attachShadow({ mode: "open" }).innerHTML = `<span>Mehr:</span> <a href="/w">Weiter</a>`;
    const { page } = setup(null, { displayMode: "bilingual", bilingualStyle: "blur" });
    await page.translate();
    copyOf().focus();
    page.restore();
    expect(nav.shadowRoot!.activeElement?.getAttribute("href")).toBe("/w");
    expect(document.activeElement).toBe(nav);
  });

  test("Show original with the focus on a blurred copy in a shadow root with no Tab stop: the page's around it", async () => {
    document.body.innerHTML = `<a id="prev" href="/a">Start</a><div id="host"></div>`;
    const host = document.getElementById("host")!;
    const root = host.attachShadow({ mode: "open" });
    root.innerHTML = `<p>Der Bus ist heute spät.</p>`;
    const { page } = setup(null, { displayMode: "bilingual", bilingualStyle: "blur" });
    await page.translate();
    copyOf(root).focus();
    expect(root.activeElement).toBe(copyOf(root));
    page.restore();
    expect(root.innerHTML).toBe(`<p>Der Bus ist heute spät.</p>`);
    expect(document.activeElement?.id).toBe("prev");
  });

  test.each([
    ["a link of the copy", (copy: HTMLElement) => copy.querySelector("a") as HTMLElement, "/z"],
    ["the blurred copy", (copy: HTMLElement) => copy, "/z"],
  ])(
    "switched to replacing while the focus is on %s: it goes to the page's own link, not <body>",
    async (_, at, href) => {
      const html = `<p id="p">Der Zug ist <a href="/z">heute</a> pünktlich.</p><p id="q">Der Bus ist heute spät.</p>`;
      const { page } = setup(html, { displayMode: "bilingual", bilingualStyle: "blur" });
      await page.translate();
      at(copyOf(document.getElementById("p")!)).focus();
      page.setDisplayMode("replace");
      expect(document.querySelector(COPY)).toBeNull();
      expect(document.activeElement?.getAttribute("href")).toBe(href);
      expect(document.activeElement?.textContent).toBe("HEUTE");
    },
  );

  test("fades in only when the system does not ask for reduced motion", async () => {
    const matchMedia = (reduce: boolean) => (query: string) =>
      ({ matches: reduce && query.includes("reduce"), media: query }) as MediaQueryList;
    window.matchMedia = matchMedia(false);
    const moving = setup(PARAGRAPH, { displayMode: "bilingual", bilingualStyle: "blur" });
    await moving.page.translate();
    expect(look(copyOf(), "transition")).toBe("filter 0.15s ease-out");
    moving.page.restore();
    window.matchMedia = matchMedia(true);
    const still = setup(PARAGRAPH, { displayMode: "bilingual", bilingualStyle: "blur" });
    await still.page.translate();
    expect(look(copyOf(), "transition")).toBe("");
    delete (window as Partial<Window>).matchMedia;
  });

  test("switched to another look while the reader's focus is on it: the focus stays, the Tab stop goes", async () => {
    const { page } = setup(`${PARAGRAPH}<button id="next">Weiter</button>`, {
      displayMode: "bilingual",
      bilingualStyle: "blur",
    });
    await page.translate();
    const copy = copyOf();
    copy.focus();
    page.setBilingualStyle("plain");
    // Still where the reader was (the next Tab goes on from here), but no longer a stop of its own.
    expect(document.activeElement).toBe(copy);
    expect(copy.getAttribute("tabindex")).toBe("-1");
    expect(look(copy, "filter")).toBe("");
    page.setBilingualStyle("underline");
    expect(document.activeElement).toBe(copy);
    // Once the focus moves on, the copy is the page's text it looks like: not focusable at all.
    (document.getElementById("next") as HTMLElement).focus();
    expect(copy.hasAttribute("tabindex")).toBe(false);
    copy.focus();
    expect(document.activeElement).not.toBe(copy);
  });

  describe.each([false, true])("highlighted while the focus is on it (forced colours: %s)", (forced) => {
    beforeEach(() => {
      // Forced colours, as the page sees them through matchMedia: they must not bring the outline back.
      window.matchMedia = (query: string) =>
        ({ matches: forced && query === "(forced-colors: active)", media: query }) as unknown as MediaQueryList;
    });
    afterEach(() => delete (window as Partial<Window>).matchMedia);

    test("the copy has no outline of its own until the focus leaves, so the browser's focus ring shows", async () => {
      const { page } = setup(`${PARAGRAPH}<button id="next">Weiter</button>`, {
        displayMode: "bilingual",
        bilingualStyle: "blur",
      });
      await page.translate();
      const copy = copyOf();
      copy.focus();
      page.setBilingualStyle("highlight");
      expect(document.activeElement).toBe(copy);
      expect(look(copy, "background-color")).toBe("rgba(255, 204, 0, 0.2)");
      // An inline important outline would hide the focus ring: none while the copy holds the focus.
      expect(look(copy, "outline")).toBe("");
      (document.getElementById("next") as HTMLElement).focus();
      expect(look(copy, "outline")).toBe("1px solid transparent");
      expect(copy.style.getPropertyPriority("outline")).toBe("important");
      // Focused again by script (the page's skip link, say): the ring shows again.
      copy.setAttribute("tabindex", "-1");
      copy.focus();
      expect(look(copy, "outline")).toBe("");
      copy.blur();
      expect(look(copy, "outline")).toBe("1px solid transparent");
      // Another look takes the listeners with it: no outline comes back on a later focus change.
      page.setBilingualStyle("plain");
      copy.focus();
      copy.blur();
      expect(look(copy, "outline")).toBe("");
    });

    test("a link in the copy keeps its own focus ring: the copy's outline is the copy's alone", async () => {
      const { page } = setup(`<p>Lies <a href="/artikel">den Artikel</a> heute.</p><button id="next">Weiter</button>`, {
        displayMode: "bilingual",
        bilingualStyle: "highlight",
      });
      await page.translate();
      const copy = copyOf();
      const link = copy.querySelector("a") as HTMLAnchorElement;
      link.focus();
      expect(document.activeElement).toBe(link);
      expect(look(link, "outline")).toBe("");
      expect(look(copy, "outline")).toBe("1px solid transparent");
    });
  });

  test("blurred while the focus is still on it from before: a Tab stop again, and shown", async () => {
    const { page } = setup(`${PARAGRAPH}<button id="next">Weiter</button>`, {
      displayMode: "bilingual",
      bilingualStyle: "blur",
    });
    await page.translate();
    const copy = copyOf();
    copy.focus();
    page.setBilingualStyle("highlight");
    page.setBilingualStyle("blur");
    expect(document.activeElement).toBe(copy);
    expect(copy.getAttribute("tabindex")).toBe("0");
    expect(look(copy, "filter")).toBe("none");
    (document.getElementById("next") as HTMLElement).focus();
    expect(look(copy, "filter")).toBe("blur(0.3em)");
    // Its Tab stop is the blurred look's again: the focus leaving does not take it.
    expect(copy.getAttribute("tabindex")).toBe("0");
  });

  test("switched to blur while the focus is on a link in the copy: shown until the focus leaves", async () => {
    const { page } = setup(`<p>Lies <a href="/artikel">den Artikel</a> heute.</p><button id="next">Weiter</button>`, {
      displayMode: "bilingual",
    });
    await page.translate();
    const copy = copyOf();
    const link = copy.querySelector("a") as HTMLAnchorElement;
    link.focus();
    page.setBilingualStyle("blur");
    expect(document.activeElement).toBe(link);
    expect(look(copy, "filter")).toBe("none");
    (document.getElementById("next") as HTMLElement).focus();
    expect(look(copy, "filter")).toBe("blur(0.3em)");
  });

  describe("forced colours (Windows high contrast)", () => {
    /** The system's forced-colours setting as the page sees it through matchMedia, switched by the test. */
    function forcedColours(on: boolean) {
      const list = Object.assign(new EventTarget(), { matches: on, media: "(forced-colors: active)" });
      window.matchMedia = (query: string) =>
        (query === list.media ? list : { matches: false, media: query }) as unknown as MediaQueryList;
      return (now: boolean): void => {
        list.matches = now;
        list.dispatchEvent(new Event("change"));
      };
    }
    afterEach(() => delete (window as Partial<Window>).matchMedia);

    test("the copy is clear, as the filter would not take the reader's colours; a tap follows a link at once", async () => {
      forcedColours(true);
      const { copy, link, followed } = await blurredWithLink();
      expect(look(copy, "filter")).toBe("none");
      tap(link);
      expect(followed()).toBe(1);
    });

    test("turned on or off while copies are shown, they clear or blur at once", async () => {
      const turn = forcedColours(false);
      const { page } = setup(`${PARAGRAPH}<p>Zweiter Absatz hier.</p>`, {
        displayMode: "bilingual",
        bilingualStyle: "blur",
      });
      await page.translate();
      const copies = Array.from(document.querySelectorAll<HTMLElement>(COPY));
      expect(copies).toHaveLength(2);
      expect(copies.map((c) => look(c, "filter"))).toEqual(["blur(0.3em)", "blur(0.3em)"]);
      turn(true);
      expect(copies.map((c) => look(c, "filter"))).toEqual(["none", "none"]);
      turn(false);
      expect(copies.map((c) => look(c, "filter"))).toEqual(["blur(0.3em)", "blur(0.3em)"]);
      // Another look is the reader's choice: the system's setting no longer touches the copy.
      page.setBilingualStyle("plain");
      turn(true);
      expect(look(copies[0]!, "filter")).toBe("");
    });

    test("a matchMedia the page replaced with one that throws does not keep the look from the copy", async () => {
      window.matchMedia = () => {
        throw new Error("page");
      };
      const { page } = setup(PARAGRAPH, { displayMode: "bilingual", bilingualStyle: "blur" });
      await page.translate();
      expect(look(copyOf(), "filter")).toBe("blur(0.3em)");
    });
  });
});

test("blurred copies inside a page's link leave no listener on it when they go, however often the reader toggles", async () => {
  // A feed's titles are links round a heading: each blurred copy listens on the link for the focus. Copies removed
  // (Show original, another mode) must not leave those listeners, and the copy they hold, on the page's link.
  document.body.innerHTML = `<a href="/post" id="owner"><h3>Ein Titel hier</h3></a>`;
  const owner = document.getElementById("owner") as HTMLElement;
  const signals: AbortSignal[] = [];
  const add = owner.addEventListener.bind(owner);
  owner.addEventListener = ((type: string, listener: EventListener, options?: AddEventListenerOptions) => {
    if (options?.signal) signals.push(options.signal);
    add(type, listener, options);
  }) as typeof owner.addEventListener;
  const live = () => signals.filter((signal) => !signal.aborted).length;
  const { page } = setup(null, { displayMode: "bilingual", bilingualStyle: "blur" });
  for (let i = 0; i < 20; i++) {
    await page.translate();
    expect(look(copyOf(owner), "filter")).toBe("blur(0.3em)");
    page.setDisplayMode("replace");
    page.setDisplayMode("bilingual");
    page.restore();
  }
  expect(signals.length).toBeGreaterThan(0);
  expect(live()).toBe(0);
});

test("a new look restyles the copies shown, in place; blur's Tab stop and listeners go with it", async () => {
  const { page } = setup(PARAGRAPH, { displayMode: "bilingual" });
  await page.translate();
  const copy = copyOf();
  page.setBilingualStyle("blur");
  expect(copyOf()).toBe(copy);
  expect(look(copy, "filter")).toBe("blur(0.3em)");
  expect(look(copy, "opacity")).toBe("");
  expect(copy.getAttribute("tabindex")).toBe("0");
  page.setBilingualStyle("highlight");
  expect(look(copy, "filter")).toBe("");
  expect(look(copy, "background-color")).toBe("rgba(255, 204, 0, 0.2)");
  expect(copy.hasAttribute("tabindex")).toBe(false);
  pointer(copy, "pointerenter", "mouse");
  pointer(copy, "pointerleave", "mouse");
  expect(look(copy, "filter")).toBe("");
  // Copies written later take the new look too.
  page.setDisplayMode("replace");
  page.setDisplayMode("bilingual");
  expect(look(copyOf(), "background-color")).toBe("rgba(255, 204, 0, 0.2)");
  page.setBilingualStyle("quiet");
  expect(look(copyOf(), "outline")).toBe("");
});

test.each(["quiet", "plain", "underline", "highlight", "blur"] as const)(
  "%s: Show original gives back the exact page, after the copies were pointed at and focused",
  async (style) => {
    const html = `<div id="d">Ein <b>Titel</b> hier<p>Lies <a href="/x">den Artikel</a>.</p>${PARAGRAPH}</div>`;
    const { page } = setup(html, { displayMode: "bilingual", bilingualStyle: style });
    const before = document.body.outerHTML;
    await page.translate();
    const copies = Array.from(document.querySelectorAll<HTMLElement>(COPY));
    expect(copies).toHaveLength(3);
    for (const copy of copies) {
      pointer(copy, "pointerenter", "mouse");
      copy.focus();
    }
    page.restore();
    expect(document.querySelectorAll(COPY)).toHaveLength(0);
    expect(document.body.outerHTML).toBe(before);
  },
);

test("Show original with the focus on a link of a blurred copy: the focus goes to the page's own link", async () => {
  const { page } = setup(`<p>Lies <a href="/artikel" id="link">den Artikel</a> heute.</p>`, {
    displayMode: "bilingual",
    bilingualStyle: "blur",
  });
  await page.translate();
  (copyOf().querySelector("a") as HTMLAnchorElement).focus();
  page.restore();
  expect(document.activeElement).toBe(document.getElementById("link"));
});

test("a page's own rule for the tag cannot hide a copy or run it into the original's line: its layout is important", async () => {
  const { page } = setup(
    `<style>span, br { display: none } div { display: flex }</style>` +
      `<div id="d">Ein <b>Titel</b> hier<p id="p">Absatz</p></div>` +
      `<div id="box" style="display:grid;grid-template-columns:1fr 1fr">Preis heute<p>Absatz zwei</p></div>`,
    { displayMode: "bilingual" },
  );
  await page.translate();
  const priorities = (el: HTMLElement, properties: string[]) =>
    properties.map((property) => [look(el, property), el.style.getPropertyPriority(property)]);
  const block = copyOf(document.getElementById("p")!);
  expect(priorities(block, ["display", "margin-block-start"])).toEqual([
    ["block", "important"],
    ["0.25em", "important"],
  ]);
  // A line's copy stays a line after its line break, which stays a break.
  const inline = document.querySelector(`#d > ${COPY}`) as HTMLElement;
  expect(priorities(inline, ["display"])).toEqual([["inline", "important"]]);
  expect(priorities(inline.previousSibling as HTMLElement, ["display"])).toEqual([["inline", "important"]]);
  const item = document.querySelector(`#box > ${COPY}`) as HTMLElement;
  expect(priorities(item, ["display", "grid-column"])).toEqual([
    ["block", "important"],
    ["1 / -1", "important"],
  ]);
  page.restore();
  expect(document.querySelectorAll(`${COPY}, #d br`).length).toBe(0);
});

test("a page rule for the copy's language or its marks hides none of the words its original shows", async () => {
  // A page that shows one language at a time hides the others' elements; one that styles what is in a language
  // hides the spans there. The copy is a span in the target language, and its elements are in that language too.
  const html =
    // (jsdom computes no display from the browser's defaults: the page's first rule gives the one a browser would.)
    `<style>a, b, i, span { display: inline } :lang(en) { display: none } [lang] span { visibility: hidden } ` +
    `.gone { display: none }</style>` +
    `<p id="p" lang="de">Lies <a href="/a">den Artikel</a> und <b>das <span>neue</span> Heft</b> heute<i class="gone">, bitte</i>.</p>`;
  const { page } = setup(html, { displayMode: "bilingual" });
  await page.translate();
  const original = document.getElementById("p")!;
  const copy = copyOf(original);
  const shown = (el: Element): boolean => {
    for (let n: Element | null = el; n && n !== document.body; n = n.parentElement) {
      if (getComputedStyle(n).display === "none") return false;
    }
    // jsdom gives `inherit` as it is, where a browser gives the parent's value.
    let n = el;
    while (getComputedStyle(n).visibility === "inherit") n = n.parentElement!;
    return getComputedStyle(n).visibility === "visible";
  };
  expect(shown(copy)).toBe(true);
  // Each of its elements shown as its original is: what the page hides in the original stays hidden in the copy.
  const elements = (root: Element) =>
    Array.from(root.querySelectorAll("a, b, span, i"))
      .filter((el) => root === copy || !copy.contains(el))
      .map(shown);
  expect(elements(original)).toEqual([true, true, false, false]);
  expect(elements(copy)).toEqual(elements(original));
  page.restore();
  expect(document.body.innerHTML).toBe(html);
});

test("the copies one reply writes have their styles checked together, after the last of them is in", async () => {
  // A style read between two copies' insertions makes the browser compute the page's styles again for each copy: on a
  // long page shown bilingual, hundreds of times while the reader scrolls.
  const html =
    `<p id="a" lang="de">Erster Absatz hier.</p><p id="b" lang="de">Zweiter Absatz hier.</p>` +
    `<p id="c" lang="de">Dritter Absatz hier.</p>`;
  const { page } = setup(html, { displayMode: "bilingual" });
  const seen: number[] = [];
  const read = window.getComputedStyle.bind(window);
  const spy = jest.spyOn(window, "getComputedStyle").mockImplementation((el, pseudo) => {
    if ((el as Element).closest(COPY)) seen.push(document.querySelectorAll(COPY).length);
    return read(el, pseudo);
  });
  try {
    await page.translate();
  } finally {
    spy.mockRestore();
  }
  expect(document.querySelectorAll(COPY)).toHaveLength(3);
  expect(seen.length).toBeGreaterThan(0);
  // The first reply brings two of them (slow start asks for the third apart): read once both are in, never after
  // only one. Read after each insertion, the counts were 1, 2, 3.
  expect(seen).not.toContain(1);
  expect(seen.at(-1)).toBe(3);
});
