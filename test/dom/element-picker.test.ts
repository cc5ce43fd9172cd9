// The element picker a reader uses to leave a part of a site untranslated: the selector it offers for a part, the
// outline and label while pointing or moving with the keys, the panel that saves it, and a page left exactly as it
// was when the reader cancels.
import "../helpers/text-encoder"; // the userscript's settings dialog counts bytes as it loads
import { startPicker, type PickerOptions } from "../../src/picker/element-picker";
import { chooseSelector } from "../../src/picker/part-selector";
import { savePart } from "../../src/picker/save-part";
import { DEFAULTS, type Settings } from "../../src/shared/settings";
import { createSettingsStore, type SettingsStore } from "../../src/shared/settings-store";
import { registerPartPicker } from "../../src/userscript/part-picker";
import { openSettingsDialog } from "../../src/userscript/settings-dialog";
import { unitHtml } from "../helpers/core-collect";
import { rememberContextTarget } from "../../src/content/context-target";
import { openPicker } from "../../src/picker/open-picker";
import { startInTab } from "../../src/picker/start-in-tab";
import { POINTER_REST_MS } from "../../src/picker/outline-speech";
import { SETTLE_MS } from "../../src/session/element";
import { cssRules } from "../helpers/shadow-css";

describe("the selector offered for a part", () => {
  const pick = (html: string, target: string) => {
    document.body.innerHTML = html;
    const element = document.querySelector(target)!;
    const selector = chooseSelector(element);
    // Whatever it is, it names the part picked.
    expect([...document.querySelectorAll(selector)]).toContain(element);
    return selector;
  };

  it("is the class old Reddit gives its sidebar, which every subreddit's page has", () => {
    const html = `<div class="content"><div class="sitetable"></div></div><div class="side"><div class="spacer"></div></div>`;
    expect(pick(html, "div.side")).toBe(".side");
  });

  it("is a stable id, but never a generated one", () => {
    expect(pick(`<aside id="sidebar" class="box"><p>x</p></aside>`, "aside")).toBe("#sidebar");
    expect(pick(`<div id=":r4:" class="ticker"></div>`, "div")).toBe(".ticker");
    expect(pick(`<div id="post-483920" class="post-body"></div>`, "div")).toBe(".post-body");
  });

  it("passes over hashed, numbered and utility classes for the one that names the part", () => {
    expect(pick(`<div class="css-1q2w3e flex mt-2 usernames is-open"></div>`, "div")).toBe(".usernames");
  });

  it("takes the least shared of several classes, and a web component's own tag", () => {
    const html = `<div class="widget"></div><div class="widget"></div><div class="widget weather"></div>`;
    expect(pick(html, ".weather")).toBe(".weather");
    expect(pick(`<shreddit-comment class="block"><p>x</p></shreddit-comment>`, "shreddit-comment")).toBe(
      "shreddit-comment",
    );
  });

  it("escapes an odd class name so that it still names the part", () => {
    expect(pick(`<div class="box"></div><div class="box ad$slot"></div>`, ".box + div")).toBe(".ad\\$slot");
    expect(pick(`<div class="боковая-панель"></div>`, "div")).toBe(".боковая-панель");
  });

  it("names a part without names of its own from the nearest named part at most three steps up, by tags", () => {
    expect(pick(`<div class="side"><div><ul><li>a</li></ul></div></div>`, "ul")).toBe(".side > div > ul");
    // Nothing named near it: its tags, a few steps up, never positions.
    const bare = pick(`<div><div><div><div><ul><li>a</li></ul></div></div></div></div>`, "ul");
    expect(bare).toBe("div > div > div > ul");
  });

  it("names a part without names near it at the page's top from <body>, not every div or paragraph of the site", () => {
    const page = `<div><p>a</p><div><p>b</p><ul><li>x</li></ul></div></div><p>c</p>`;
    // The page's wrapper: a bare `div` would leave every page of the site untranslated.
    expect(pick(page, "body > div")).toBe("body > div");
    expect(pick(page, "body > p")).toBe("body > p");
    expect(pick(`<div><ul><li>a</li></ul></div><div><div><ul></ul></div></div>`, "body > div > ul")).toBe(
      "body > div > ul",
    );
  });

  describe("never names an element around the part, whatever names the page gives it", () => {
    /** Every element the part is inside, out through shadow roots' hosts. */
    const around = (element: Element) => {
      const out: Element[] = [];
      for (let at: Element | null = element; at;) {
        const root = at.getRootNode();
        at = at.parentElement ?? (root instanceof ShadowRoot ? root.host : null);
        if (at) out.push(at);
      }
      return out;
    };
    const pickSafe = (element: Element) => {
      const selector = chooseSelector(element);
      expect(element.matches(selector)).toBe(true);
      expect(around(element).filter((outer) => outer.matches(selector))).toEqual([]);
      return selector;
    };
    afterEach(() => document.body.removeAttribute("class"));

    it("a class the part shares with the content it is in, or with <body>", () => {
      document.body.innerHTML = `<main class="page"><p>Text</p><div class="page">Ad</div></main>`;
      expect(pickSafe(document.querySelector("div.page")!)).toBe(".page > div");
      document.body.className = "theme";
      document.body.innerHTML = `<div class="theme promo">Ad</div>`;
      expect(pickSafe(document.querySelector("div")!)).toBe(".promo");
    });

    it("a component tag the page's whole app has too", () => {
      document.body.innerHTML = `<x-app><main><x-app class="banner">Ad</x-app></main></x-app>`;
      expect(pickSafe(document.querySelector("x-app x-app")!)).toBe(".banner");
    });

    it("an id inside a web component that the page's content has outside it", () => {
      document.body.innerHTML = `<div id="content"><section><p>Text</p><ad-box></ad-box></section></div>`;
      const root = document.querySelector("ad-box")!.attachShadow({ mode: "open" });
      root.innerHTML = `<div id="content" class="promo">Ad</div>`;
      expect(pickSafe(root.querySelector("div")!)).toBe(".promo");
    });

    it("tags that name the divs around it: they go on up until they name nothing around it", () => {
      document.body.innerHTML = `<div><div><div><div><div><div>Ad</div></div></div></div></div></div>`;
      expect(pickSafe(document.querySelector("div div div div div div")!)).toBe("div > div > div > div > div > div");
    });
  });
});

describe("the picker", () => {
  const PAGE = `
    <div class="content"><p class="intro">Der Beitrag.</p><a class="more" href="#weiter">Weiter</a></div>
    <div class="side"><div class="titlebox"><h1>r/de</h1><p>Die Seitenleiste.</p></div></div>`;

  let root: ShadowRoot | undefined;
  let under: Element[] = [];
  const open: Array<{ cancel(): void }> = [];
  afterEach(() => {
    for (const picker of open.splice(0)) picker.cancel();
    jest.useRealTimers();
  });

  /** Starts the picker over `html`; `options` may be a function of the page then shown. */
  function start(options: Partial<PickerOptions> | (() => Partial<PickerOptions>) = {}, html = PAGE) {
    document.body.innerHTML = html;
    root = undefined;
    const picker = startPicker(document, {
      site: "reddit.com",
      save: async () => ({ ok: true, message: "Saved." }),
      // What lies under the pointer: Gloss's own shield first, as in a browser.
      elementsAt: () => [...(root ? [root.host] : []), ...under],
      verify: (_host, shadow) => Boolean((root = shadow)),
      isTrusted: () => true,
      ...(typeof options === "function" ? options() : options),
    })!;
    open.push(picker);
    return picker;
  }

  const shadow = () => root as ShadowRoot;
  const label = () => shadow().querySelector(".label")!.textContent;
  const panel = () => shadow().querySelector<HTMLElement>(".card")!;
  const input = (id: string) => shadow().getElementById(id) as HTMLInputElement;
  /** What the picker's polite live region says now. */
  const spoken = () => shadow().querySelector("[role=status][aria-live=polite]")!.textContent;
  const buttonNamed = (name: string) =>
    [...shadow().querySelectorAll("button")].find((b) => b.textContent === name) as HTMLButtonElement;

  function movePointer(): void {
    const shield = shadow().querySelector(".shield")!;
    shield.dispatchEvent(new MouseEvent("mousemove", { bubbles: true, composed: true, clientX: 5, clientY: 5 }));
  }

  /** The reader's click on the shield, over the part pointed at. */
  function clickShield(): void {
    const init = { bubbles: true, cancelable: true, composed: true, clientX: 5, clientY: 5 };
    shadow().querySelector(".shield")!.dispatchEvent(new MouseEvent("click", init));
  }

  function pointAt(selector: string): void {
    under = [document.querySelector(selector)!, document.body, document.documentElement];
    movePointer();
  }

  function press(key: string, target: EventTarget = document.body, shiftKey = false): KeyboardEvent {
    const event = new KeyboardEvent("keydown", { key, shiftKey, bubbles: true, cancelable: true, composed: true });
    target.dispatchEvent(event);
    return event;
  }

  /** Points at `from`, then presses each key, the outline then on the part named with it. */
  function walk(from: string, steps: Array<[key: string, part: string]>): void {
    pointAt(from);
    for (const [key, part] of steps) {
      press(key);
      expect(label()).toBe(`${part} · 1 on this page`);
    }
  }

  it("outlines the part under the pointer with its selector and how many parts of the page it names", () => {
    start();
    pointAt(".titlebox h1");
    expect(label()).toBe(".titlebox > h1 · 1 on this page");
    pointAt(".side");
    expect(label()).toBe(".side · 1 on this page");
    expect(panel().hidden).toBe(true);
  });

  it("moves with the arrow keys: ↑ to the outer part, ↓ inside, → and ← beside it; the page gets none of them", () => {
    jest.useFakeTimers();
    start();
    jest.advanceTimersByTime(SETTLE_MS);
    const pageKeys: string[] = [];
    document.body.addEventListener("keydown", (event) => pageKeys.push(event.key));
    pointAt(".intro");
    expect(press("ArrowRight").defaultPrevented).toBe(true);
    expect(label()).toBe(".more · 1 on this page");
    press("ArrowUp");
    expect(label()).toBe(".content · 1 on this page");
    press("ArrowRight");
    expect(label()).toBe(".side · 1 on this page");
    press("ArrowDown");
    expect(label()).toBe(".titlebox · 1 on this page");
    // Never up to the whole page.
    press("ArrowUp");
    press("ArrowUp");
    expect(label()).toBe(".side · 1 on this page");
    expect(pageKeys).toEqual([]);
    // Said for screen-reader users as it moves (the ↑ that found nothing around it says it again, once settled).
    jest.advanceTimersByTime(SETTLE_MS);
    expect(spoken()).toBe("div, “r/de Die Seitenleiste.”: .side, 1 on this page.");
  });

  it("the arrow keys pass over line breaks and a video's sources: parts that show nothing of their own", () => {
    const html = `<p class="links"><br><a class="one" href="#1">Eins</a><br><a class="two" href="#2">Zwei</a></p>
      <video class="clip"><source src="a.webm"><track kind="captions" src="a.vtt"></video><p class="after">x</p>`;
    start({}, html);
    walk(".links", [
      ["ArrowDown", ".one"],
      ["ArrowRight", ".two"],
      ["ArrowLeft", ".one"],
    ]);
    walk(".clip", [["ArrowDown", ".clip"]]);
  });

  it("the arrow keys pass over parts the page hides (a closed submenu, a hidden field): no outline in the window's corner naming them", () => {
    const html = `<nav class="nav"><input type="hidden" name="csrf"><a class="home" href="#h">Start</a>
      <ul class="submenu" hidden><li>Profil</li></ul><div class="tip" style="display: none">Tipp</div>
      <a class="help" href="#x">Hilfe</a></nav>`;
    start({}, html);
    walk(".nav", [
      ["ArrowDown", ".home"],
      ["ArrowRight", ".help"],
      ["ArrowLeft", ".home"],
    ]);
  });

  it("the arrow keys pass over parts the page shows nothing of though they are not hidden themselves (a closed <details>' content, a component's light child no slot shows)", () => {
    const html = `<details class="more-info"><summary class="sum">Mehr</summary><p class="inside">Versteckt</p></details>
      <p class="after">Danach</p>`;
    start({}, html);
    // As a browser says: a closed <details>' content has no box, nor anything inside.
    const unseen = document.querySelector(".inside")!;
    const checkVisibility = function (this: Element) {
      return this !== unseen;
    };
    Object.defineProperty(Element.prototype, "checkVisibility", { value: checkVisibility, configurable: true });
    try {
      walk(".sum", [
        ["ArrowRight", ".sum"],
        ["ArrowUp", ".more-info"],
        ["ArrowRight", ".after"],
      ]);
    } finally {
      delete (Element.prototype as Partial<Element>).checkVisibility;
    }
  });

  it("in a right-to-left page (Arabic, Hebrew), → goes to the part shown to the right, the one before it", () => {
    const html = `<nav dir="rtl" class="menu"><a class="home" href="#h">الرئيسية</a><a class="news" href="#n">أخبار</a>
      <a class="help" href="#x">مساعدة</a></nav>`;
    start({}, html);
    walk(".news", [
      ["ArrowRight", ".home"],
      ["ArrowLeft", ".news"],
      ["ArrowLeft", ".help"],
    ]);
  });

  it("starts from the keyboard too, with nothing pointed at", () => {
    start();
    under = [document.querySelector(".content")!];
    press("ArrowDown");
    expect(label()).toBe(".content · 1 on this page");
  });

  it("Enter with nothing outlined yet outlines where the keys start, not the page's focused link behind the picker; a second Enter chooses it", () => {
    start(() => (document.querySelector<HTMLElement>(".more")!.focus(), {}));
    const pageKeys: string[] = [];
    document.addEventListener("keydown", (event) => pageKeys.push(event.key));
    under = [document.querySelector(".content")!];
    const link = document.querySelector(".more")!;
    expect(press("Enter", link).defaultPrevented).toBe(true);
    expect(label()).toBe(".content · 1 on this page");
    expect(panel().hidden).toBe(true);
    press("Enter", link);
    expect(input("gloss-part").value).toBe(".content");
    expect(pageKeys).toEqual([]);
  });

  it("chosen from the right-click menu, starts on the part the reader right-clicked, outlined and said", () => {
    jest.useFakeTimers();
    start(() => ({ startAt: document.querySelector(".titlebox h1")! }));
    expect(label()).toBe(".titlebox > h1 · 1 on this page");
    // Said with what to do, once the live region has settled in the page.
    jest.advanceTimersByTime(SETTLE_MS);
    expect(spoken()).toMatch(
      /Enter chooses, Escape cancels\. heading level 1, “r\/de”: \.titlebox > h1, 1 on this page\.$/,
    );
    press("ArrowUp");
    expect(label()).toBe(".titlebox · 1 on this page");
    press("Enter");
    expect(input("gloss-part").value).toBe(".titlebox");
  });

  it("right-clicked inside a web component's closed shadow root, starts on the component, which it can name", () => {
    const html = `${PAGE}<weather-card></weather-card>`;
    start(() => {
      const closed = document.querySelector("weather-card")!.attachShadow({ mode: "closed" });
      closed.innerHTML = `<p class="forecast">Regen</p>`;
      return { startAt: closed.querySelector(".forecast")! };
    }, html);
    expect(label()).toBe("weather-card · 1 on this page");
  });

  it("reaches into a web component's open shadow root: the part inside is named as the page's exclusion matches it there", () => {
    const html = `<p class="intro">Der Beitrag.</p><news-ticker></news-ticker><news-ticker></news-ticker>`;
    let saved: { selector: string } | undefined;
    const roots: ShadowRoot[] = [];
    start(() => {
      for (const ticker of document.querySelectorAll("news-ticker")) {
        const open = ticker.attachShadow({ mode: "open" });
        open.innerHTML = `<div class="ticker"><p>Eilmeldung: Regen.</p></div>`;
        roots.push(open);
      }
      return {
        // The page sees the component's host under the pointer; its shadow root sees the component's own parts.
        elementsAt: (_x, _y, scope) =>
          scope === document
            ? [...(root ? [root.host] : []), document.querySelector("news-ticker")!, document.body]
            : [roots[0]!.querySelector("p")!, roots[0]!.querySelector(".ticker")!, roots[0]!.host, document.body],
        save: async (part) => ((saved = part), { ok: true, message: "Saved." }),
      };
    }, html);
    movePointer();
    expect(label()).toBe(".ticker > p · 2 on this page");
    // Out to the component's host and back into its shadow root.
    const steps = ["ArrowUp", "ArrowUp", "ArrowDown"].map((key) => (press(key), label()));
    expect(steps).toEqual([".ticker · 2 on this page", "news-ticker · 2 on this page", ".ticker · 2 on this page"]);
    press("Enter");
    expect(input("gloss-part-note").textContent).toBe("Names 2 parts of this page.");
    buttonNamed("Save").click();
    // Saved, the part is left out of the page's translation inside every component, and the rest is not.
    const units = unitHtml(document.body, { site: { exclude: [saved!.selector] } });
    expect(units).toEqual(["Der Beitrag."]);
    expect(unitHtml(document.body)).toContain("Eilmeldung: Regen.");
  });

  it("counts the parts of components the page adds while the reader picks, and no longer those it removed", async () => {
    const html = `<p class="intro">Der Beitrag.</p><news-ticker></news-ticker><news-ticker></news-ticker>`;
    const addTicker = () => {
      const ticker = document.createElement("news-ticker");
      document.body.append(ticker);
      ticker.attachShadow({ mode: "open" }).innerHTML = `<div class="ticker"><p>Eilmeldung: Regen.</p></div>`;
      return ticker;
    };
    start(() => {
      for (const ticker of document.querySelectorAll("news-ticker"))
        ticker.attachShadow({ mode: "open" }).innerHTML = `<div class="ticker"><p>Eilmeldung: Regen.</p></div>`;
      return {
        elementsAt: (_x, _y, scope) => {
          const first = document.querySelector("news-ticker")!;
          return scope === document
            ? [...(root ? [root.host] : []), first, document.body]
            : [first.shadowRoot!.querySelector("p")!, first.shadowRoot!.querySelector(".ticker")!, document.body];
        },
      };
    }, html);
    movePointer();
    expect(label()).toBe(".ticker > p · 2 on this page");
    // A live feed: one component goes, two new ones come.
    document.querySelectorAll("news-ticker")[1]!.remove();
    addTicker();
    addTicker();
    await Promise.resolve();
    press("ArrowUp");
    expect(label()).toBe(".ticker · 3 on this page");
  });

  it("a component's frame around what its slot shows: ↑ from the text shown there outlines the frame, and leaving the frame out leaves that text", async () => {
    const html = `<p class="intro">Der Beitrag.</p><news-card><p class="body" slot="text">Eilmeldung: Regen.</p>Mehr dazu.</news-card>`;
    const saved: string[] = [];
    let shadowRoot: ShadowRoot | undefined;
    start(() => {
      shadowRoot = document.querySelector("news-card")!.attachShadow({ mode: "open" });
      shadowRoot.innerHTML = `<div class="frame"><h3>Karte</h3><slot name="text"></slot><slot></slot></div><p class="foot">Quelle</p>`;
      return {
        // Over the text the card shows: the page sees its own paragraph there, in the card's frame.
        elementsAt: (_x, _y, scope) =>
          scope === document
            ? [...(root ? [root.host] : []), document.querySelector(".body")!, document.querySelector("news-card")!]
            : [shadowRoot!.querySelector(".frame")!],
        save: async (part) => (saved.push(part.selector), { ok: true, message: "Saved." }),
      };
    }, html);
    movePointer();
    // The text shown is the page's own paragraph, named as the page's exclusion matches it.
    expect(label()).toBe(".body · 1 on this page");
    press("ArrowUp");
    expect(label()).toBe(".frame · 1 on this page");
    press("ArrowDown");
    expect(label()).toBe(".frame > h3 · 1 on this page");
    press("ArrowUp");
    press("Enter");
    buttonNamed("Save").click();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(saved).toEqual([".frame"]);
    // Saved, the frame is left out with all it shows, its slots' text too; the card's other parts are not.
    expect(unitHtml(document.body, { site: { exclude: saved } })).toEqual(["Der Beitrag.", "Quelle"]);
    expect(unitHtml(document.body, { site: { exclude: [".body"] } })).toEqual([
      "Der Beitrag.",
      "Karte",
      "Quelle",
      "Mehr dazu.",
    ]);
  });

  it("Enter chooses the part: the panel offers its selector, editable, and the page's site, and Save sends both", async () => {
    const saved: unknown[] = [];
    start({ save: async (part) => (saved.push(part), { ok: true, message: "Saved: .side stays untranslated." }) });
    pointAt(".side");
    press("Enter");
    expect(panel().hidden).toBe(false);
    expect(input("gloss-part").value).toBe(".side");
    expect(input("gloss-site").value).toBe("reddit.com");
    expect(shadow().activeElement).toBe(input("gloss-part"));
    expect(input("gloss-part-note").textContent).toBe("Names 1 part of this page.");
    input("gloss-part").value = ".side, .titlebox";
    input("gloss-part").dispatchEvent(new Event("input"));
    expect(input("gloss-part-note").textContent).toBe("Names 2 parts of this page.");
    input("gloss-site").value = "reddit.com/r/de";
    input("gloss-site").dispatchEvent(new Event("input"));
    buttonNamed("Save").click();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(saved).toEqual([{ site: "reddit.com/r/de", selector: ".side, .titlebox" }]);
    expect(panel().textContent).toContain("Saved: .side stays untranslated.");
    expect(buttonNamed("Save").hidden).toBe(true);
    expect(shadow().activeElement).toBe(buttonNamed("Close"));
  });

  it("after a part is saved, Close hands the focus back to where it was in the page", async () => {
    const saved: unknown[] = [];
    const picker = start(() => {
      document.querySelector<HTMLElement>(".more")!.focus();
      return { save: async (part) => (saved.push(part), { ok: true, message: "Saved." }) };
    });
    pointAt(".side");
    clickShield();
    press("Enter", input("gloss-part"));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(saved).toEqual([{ site: "reddit.com", selector: ".side" }]);
    expect(shadow().activeElement).toBe(buttonNamed("Close"));
    buttonNamed("Close").click();
    expect(picker.active).toBe(false);
    expect(document.activeElement).toBe(document.querySelector(".more"));
  });

  it("after a part is saved, × says Close too, and closing keeps the part saved; another part chosen is Cancel again", async () => {
    const saved: unknown[] = [];
    const picker = start({ save: async (part) => (saved.push(part), { ok: true, message: "Saved." }) });
    const close = () => shadow().querySelector<HTMLButtonElement>(".close")!;
    pointAt(".side");
    press("Enter");
    expect([close().title, close().getAttribute("aria-label")]).toEqual(["Cancel", "Cancel: leave it"]);
    buttonNamed("Save").click();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect([close().title, close().getAttribute("aria-label")]).toEqual(["Close", "Close"]);
    // Another part chosen with the mouse (a click's detail: not Enter on the focused Close): nothing of it is saved yet.
    under = [document.querySelector(".intro")!];
    const init = { bubbles: true, cancelable: true, composed: true, clientX: 5, clientY: 5, detail: 1 };
    shadow().querySelector(".shield")!.dispatchEvent(new MouseEvent("click", init));
    expect(input("gloss-part").value).toBe(".intro");
    expect([close().title, close().getAttribute("aria-label")]).toEqual(["Cancel", "Cancel: leave it"]);
    close().click();
    expect(picker.active).toBe(false);
    expect(saved).toEqual([{ site: "reddit.com", selector: ".side" }]);
  });

  it("from the panel, the keyboard goes back to moving the outline (Pick another part): the arrow keys move it, and Enter offers the part it is on", () => {
    jest.useFakeTimers();
    const picker = start(() => (document.querySelector<HTMLElement>(".more")!.focus(), {}));
    pointAt(".titlebox");
    press("Enter");
    expect(shadow().activeElement).toBe(input("gloss-part"));
    // The reader tabs to the button and presses it (a click from the keyboard has no point on the screen).
    buttonNamed("Pick another part").focus();
    buttonNamed("Pick another part").click();
    expect(picker.active).toBe(true);
    expect(panel().hidden).toBe(true);
    expect(shadow().querySelector<HTMLElement>(".hint")!.hidden).toBe(false);
    // The keys are the picker's again, wherever the focus went.
    expect(document.activeElement).toBe(document.querySelector(".more"));
    jest.advanceTimersByTime(SETTLE_MS);
    expect(spoken()).toBe("div, “r/de Die Seitenleiste.”: .titlebox, 1 on this page.");
    expect(press("ArrowUp", document.activeElement!).defaultPrevented).toBe(true);
    expect(label()).toBe(".side · 1 on this page");
    press("Enter", document.activeElement!);
    expect(panel().hidden).toBe(false);
    expect(input("gloss-part").value).toBe(".side");
    expect(shadow().activeElement).toBe(input("gloss-part"));
  });

  it("the Enter that pressed Pick another part, still held down, does not choose the part again: the reader picks on", () => {
    start();
    pointAt(".titlebox");
    press("Enter");
    buttonNamed("Pick another part").focus();
    buttonNamed("Pick another part").click();
    const held = new KeyboardEvent("keydown", { key: "Enter", repeat: true, bubbles: true, cancelable: true });
    document.body.dispatchEvent(held);
    expect(held.defaultPrevented).toBe(true);
    expect(panel().hidden).toBe(true);
    press("ArrowUp");
    press("Enter");
    expect(input("gloss-part").value).toBe(".side");
  });

  it("Enter held down opens the panel and saves nothing: its repeats in the field are not Save; a new press is", async () => {
    const saved: unknown[] = [];
    start({ save: async (part) => (saved.push(part), { ok: true, message: "Saved." }) });
    pointAt(".side");
    press("Enter");
    expect(shadow().activeElement).toBe(input("gloss-part"));
    for (let i = 0; i < 3; i++) {
      input("gloss-part").dispatchEvent(
        new KeyboardEvent("keydown", { key: "Enter", repeat: true, bubbles: true, cancelable: true, composed: true }),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(saved).toEqual([]);
    expect(buttonNamed("Save").hidden).toBe(false);
    press("Enter", input("gloss-part"));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(saved).toEqual([{ site: "reddit.com", selector: ".side" }]);
  });

  it("a click chooses the part under it, and the page's link under it is not followed", () => {
    start();
    let pageClicks = 0;
    document.querySelector(".more")!.addEventListener("click", () => pageClicks++);
    pointAt(".more");
    const click = new MouseEvent("click", { bubbles: true, cancelable: true, composed: true, clientX: 5, clientY: 5 });
    shadow().querySelector(".shield")!.dispatchEvent(click);
    expect(click.defaultPrevented).toBe(true);
    expect(pageClicks).toBe(0);
    expect(input("gloss-part").value).toBe(".more");
    expect(location.hash).toBe("");
  });

  it("a page whose capture listeners on window and document stop the pointer and keys still lets the reader pick", () => {
    // A site's analytics, a modal library or a game, listening before Gloss came.
    const stop = (event: Event) => event.stopPropagation();
    const types = ["mousemove", "mousedown", "click", "keydown"];
    for (const type of types) {
      window.addEventListener(type, stop, true);
      document.addEventListener(type, stop, true);
    }
    try {
      const picker = start();
      pointAt(".more");
      expect(label()).toBe(".more · 1 on this page");
      clickShield();
      expect(input("gloss-part").value).toBe(".more");
      press("Escape", input("gloss-part"));
      expect(picker.active).toBe(false);
      expect(shadow().host.isConnected).toBe(false);
    } finally {
      for (const type of types) {
        window.removeEventListener(type, stop, true);
        document.removeEventListener(type, stop, true);
      }
    }
  });

  it("a page whose earlier capture listener on the window stops clicks leaves the panel its buttons: Save saves, Cancel ends", async () => {
    const saved: unknown[] = [];
    const stop = (event: Event) => event.stopPropagation();
    window.addEventListener("click", stop, true);
    let pressed: Element | undefined;
    try {
      const picker = start({
        save: async (part) => (saved.push(part), { ok: true, message: "Saved." }),
        // The panel's control under the pointer, as the picker's closed root sees it.
        elementsAt: (_x, _y, scope) => (scope === document ? [shadow().host, ...under] : pressed ? [pressed] : []),
      });
      pointAt(".side");
      clickShield();
      const click = (control: HTMLElement, detail: number) => {
        pressed = control;
        const init = { bubbles: true, cancelable: true, composed: true, clientX: 9, clientY: 9, detail };
        control.dispatchEvent(new MouseEvent("click", init));
      };
      click(buttonNamed("Save"), 1);
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(saved).toEqual([{ site: "reddit.com", selector: ".side" }]);
      // Close pressed from the keyboard (Enter or Space on it: a click at no point).
      pressed = undefined;
      buttonNamed("Close").focus();
      click(buttonNamed("Close"), 0);
      expect(picker.active).toBe(false);
    } finally {
      window.removeEventListener("click", stop, true);
    }
  });

  it("leaves no listener of its own on the page once it goes, however it goes and however often it opened", () => {
    /** Opens the picker and ends it: cancelled, by Esc, or by the panel's Cancel. */
    const openAndEnd = (way: number) => {
      const picker = start();
      pointAt(".side");
      if (way === 0) picker.cancel();
      else if (way === 1) press("Escape");
      else {
        press("Enter");
        buttonNamed("Cancel").click();
      }
      expect(picker.active).toBe(false);
    };
    // Each way once first, for what jsdom sets up on its first use.
    for (let way = 0; way < 3; way++) openAndEnd(way);
    const counts = new Map<string, number>();
    const counted = (target: EventTarget, name: string, step: number) => {
      const real = target[name as "addEventListener"];
      return jest.spyOn(target, name as "addEventListener").mockImplementation(function (this: EventTarget, ...args) {
        const key = `${target === window ? "window" : "document"} ${args[0]}`;
        counts.set(key, (counts.get(key) ?? 0) + step);
        return Reflect.apply(real, this, args);
      });
    };
    const spies = [window, document].flatMap((target) => [
      counted(target, "addEventListener", 1),
      counted(target, "removeEventListener", -1),
    ]);
    try {
      for (let i = 0; i < 10; i++) openAndEnd(i % 3);
      expect([...counts].filter(([, left]) => left !== 0)).toEqual([]);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });

  it("a page whose capture listener on the document stops keys leaves the panel its keys: Tab goes round it, Enter saves", async () => {
    const saved: unknown[] = [];
    const stop = (event: Event) => event.stopPropagation();
    document.addEventListener("keydown", stop, true);
    try {
      start({ save: async (part) => (saved.push(part), { ok: true, message: "Saved." }) });
      pointAt(".side");
      press("Enter");
      expect(shadow().activeElement).toBe(input("gloss-part"));
      buttonNamed("Cancel").focus();
      expect(press("Tab", buttonNamed("Cancel")).defaultPrevented).toBe(true);
      expect(shadow().activeElement).toBe(shadow().querySelector(".close"));
      input("gloss-part").focus();
      press("Enter", input("gloss-part"));
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(saved).toEqual([{ site: "reddit.com", selector: ".side" }]);
    } finally {
      document.removeEventListener("keydown", stop, true);
    }
  });

  it("a page's open menu that closes on a press outside it stays open while the reader picks it", () => {
    // A dropdown (React's, Radix's…) closes on a press or release anywhere else in the page; a press on the shield
    // reaches the page as one on Gloss's host.
    const html = `<nav class="menu open"><a class="entry" href="#e">Eintrag</a></nav>${PAGE}`;
    start({}, html);
    const menu = document.querySelector(".menu")!;
    const close = () => menu.classList.remove("open");
    const presses = ["pointerdown", "mousedown", "pointerup", "mouseup", "click"];
    for (const type of presses) document.addEventListener(type, close);
    try {
      pointAt(".menu");
      const shield = shadow().querySelector(".shield")!;
      for (const type of presses) {
        const init = { bubbles: true, cancelable: true, composed: true, clientX: 5, clientY: 5 };
        shield.dispatchEvent(type === "click" ? new MouseEvent(type, init) : new Event(type, init));
      }
      expect(input("gloss-part").value).toBe(".menu");
      expect(menu.classList.contains("open")).toBe(true);
    } finally {
      for (const type of presses) document.removeEventListener(type, close);
    }
  });

  it("a page's focus trap (its modal keeping the focus in it) leaves the panel the focus: the reader types in its fields", () => {
    const html = `<div class="modal"><button class="ok">OK</button></div>${PAGE}`;
    start({}, html);
    const modal = document.querySelector(".modal")!;
    // As a modal library does: the focus going anywhere outside the modal is brought back to it.
    const trap = (event: Event) => {
      if (!modal.contains(event.target as Node)) modal.querySelector("button")!.focus();
    };
    document.addEventListener("focusin", trap, true);
    try {
      pointAt(".side");
      clickShield();
      expect(shadow().activeElement).toBe(input("gloss-part"));
      expect(document.activeElement).toBe(shadow().host);
    } finally {
      document.removeEventListener("focusin", trap, true);
    }
  });

  it("another part chosen while a save is under way stays offered: the save's outcome is said, and Save then saves it", async () => {
    const saved: string[] = [];
    let finish: () => void = () => undefined;
    start({
      save: (part) =>
        new Promise((resolve) => {
          saved.push(part.selector);
          finish = () => resolve({ ok: true, message: `Saved: ${part.selector} stays untranslated.` });
        }),
    });
    pointAt(".side");
    press("Enter");
    press("Enter", input("gloss-part"));
    expect(panel().textContent).toContain("Saving…");
    // The reader clicks another part of the page while the first is being saved.
    pointAt(".more");
    const click = new MouseEvent("click", { bubbles: true, cancelable: true, composed: true, clientX: 5, clientY: 5 });
    shadow().querySelector(".shield")!.dispatchEvent(click);
    expect(input("gloss-part").value).toBe(".more");
    expect(panel().textContent).toContain("Saving…");
    expect(buttonNamed("Save").disabled).toBe(true);

    finish();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(panel().textContent).toContain("Saved: .side stays untranslated.");
    expect(input("gloss-part").value).toBe(".more");
    expect(buttonNamed("Save").hidden).toBe(false);
    expect(buttonNamed("Save").disabled).toBe(false);
    expect(buttonNamed("Cancel")).toBeDefined();
    buttonNamed("Save").click();
    finish();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(saved).toEqual([".side", ".more"]);
    expect(panel().textContent).toContain("Saved: .more stays untranslated.");
    expect(buttonNamed("Save").hidden).toBe(true);
  });

  it("says why a save was refused, and keeps the panel to correct it", async () => {
    start({ save: async () => ({ ok: false, message: "“.side” is already left untranslated on reddit.com." }) });
    pointAt(".side");
    press("Enter");
    press("Enter", input("gloss-part"));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(panel().textContent).toContain("is already left untranslated on reddit.com.");
    expect(buttonNamed("Save").hidden).toBe(false);
    expect(buttonNamed("Save").disabled).toBe(false);
  });

  it("a page that reaches the panel and rewrites it as the reader presses Save gets nothing saved: the panel shows what the reader chose again", async () => {
    const saved: unknown[] = [];
    const madeUp = new WeakSet<Event>();
    start({
      save: async (part) => (saved.push(part), { ok: true, message: "Saved." }),
      isTrusted: (event) => !madeUp.has(event),
    });
    pointAt(".side");
    press("Enter");
    // The page's script. Firefox hands it the panel's nodes (window.find selects text in a closed root), and it sees
    // the reader's press on Gloss's host: then it names the site's whole content, and says it was typed.
    const pageScript = () => {
      for (const [id, value] of [
        ["gloss-part", "body"],
        ["gloss-site", "reddit.com"],
      ] as const) {
        input(id).value = value;
        const typed = new Event("input", { bubbles: true });
        madeUp.add(typed);
        input(id).dispatchEvent(typed);
      }
    };
    window.addEventListener("mousedown", pageScript, { capture: true, once: true });
    // The reader presses Save.
    buttonNamed("Save").dispatchEvent(new MouseEvent("mousedown", { bubbles: true, composed: true }));
    buttonNamed("Save").click();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(saved).toEqual([]);
    expect(input("gloss-part").value).toBe(".side");
    expect(input("gloss-site").value).toBe("reddit.com");
    expect(panel().textContent).toContain("This page changed the part or the site as you saved, so nothing was saved.");
    expect(buttonNamed("Save").hidden).toBe(false);
    // What the reader chose is saved when they press Save again.
    buttonNamed("Save").click();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(saved).toEqual([{ site: "reddit.com", selector: ".side" }]);
  });

  it.each([
    ["while pointing", false],
    ["in the panel", true],
  ])("Esc %s cancels and leaves the page exactly as it was, its keys its own again", (_when, inPanel) => {
    document.body.innerHTML = PAGE;
    const before = document.documentElement.outerHTML;
    let closed = 0;
    const picker = start({ onClose: () => closed++ });
    pointAt(".side");
    if (inPanel) press("Enter");
    const escape = press("Escape", inPanel ? input("gloss-part") : document.body);
    expect(escape.defaultPrevented).toBe(true);
    expect(picker.active).toBe(false);
    expect(closed).toBe(1);
    expect(document.documentElement.outerHTML).toBe(before);
    // The picker's window listeners went with it.
    expect(press("ArrowUp").defaultPrevented).toBe(false);
    expect(press("Escape").defaultPrevented).toBe(false);
  });

  it("a page scrolled under a resting pointer outlines the part now under it, the one a click chooses; the keys' part stays as they left it", () => {
    start();
    pointAt(".side");
    // The wheel scrolls the page: the intro is under the pointer now (browsers send no mousemove for that).
    under = [document.querySelector(".intro")!, document.body, document.documentElement];
    window.dispatchEvent(new Event("scroll"));
    expect(label()).toBe(".intro · 1 on this page");
    clickShield();
    expect(input("gloss-part").value).toBe(".intro");
    press("Escape", input("gloss-part"));
    // Moved to with the keys, the part stays outlined as they scroll it into view.
    start();
    pointAt(".intro");
    press("ArrowRight");
    window.dispatchEvent(new Event("scroll"));
    expect(label()).toBe(".more · 1 on this page");
  });

  it("the wheel over a scrollable part of the page (a chat's pane) scrolls it as without the picker; over the rest it is the window's", () => {
    const html = `<div class="pane" style="overflow-y: auto"><p class="message">Hallo.</p></div><p class="foot">x</p>`;
    start({}, html);
    const pane = document.querySelector<HTMLElement>(".pane")!;
    // As a browser lays it out: the pane shows 200px of its 1000px, from the top.
    Object.defineProperties(pane, { scrollHeight: { value: 1000 }, clientHeight: { value: 200 } });
    const scrolled: unknown[] = [];
    pane.scrollBy = ((how: ScrollToOptions) => void scrolled.push(how)) as HTMLElement["scrollBy"];
    const wheel = (deltaY: number, deltaMode = 0) => {
      const init = { bubbles: true, cancelable: true, composed: true, clientX: 5, clientY: 5, deltaY, deltaMode };
      const event = new WheelEvent("wheel", init);
      shadow().querySelector(".shield")!.dispatchEvent(event);
      return event;
    };
    under = [document.querySelector(".message")!, pane, document.body];
    expect(wheel(120).defaultPrevented).toBe(true);
    expect(wheel(3, 1).defaultPrevented).toBe(true);
    expect(scrolled).toEqual([
      { left: 0, top: 120, behavior: "instant" },
      { left: 0, top: 48, behavior: "instant" },
    ]);
    // Up at its top: the pane has no room that way, and the window scrolls.
    expect(wheel(-120).defaultPrevented).toBe(false);
    under = [document.querySelector(".foot")!, document.body];
    expect(wheel(120).defaultPrevented).toBe(false);
    expect(scrolled).toHaveLength(2);
  });

  it("the wheel over a form whose control is named parentElement still scrolls the pane around it", () => {
    const html = `<div class="pane" style="overflow-y: auto"><form><p class="message">Hallo.</p></form></div>`;
    start({}, html);
    const pane = document.querySelector<HTMLElement>(".pane")!;
    Object.defineProperties(pane, { scrollHeight: { value: 1000 }, clientHeight: { value: 200 } });
    const scrolled: unknown[] = [];
    pane.scrollBy = ((how: ScrollToOptions) => void scrolled.push(how)) as HTMLElement["scrollBy"];
    // A form shows its controls by name in place of its members, as a browser does (jsdom has no named properties).
    const form = document.querySelector("form")!;
    const control = form.appendChild(document.createElement("input"));
    let reads = 0;
    Object.defineProperty(form, "parentElement", {
      get: () => {
        if (++reads > 10_000) throw new Error("went round on parentElement");
        return control;
      },
    });
    under = [document.querySelector(".message")!, form, pane, document.body];
    const init = { bubbles: true, cancelable: true, composed: true, clientX: 5, clientY: 5, deltaY: 120 };
    const event = new WheelEvent("wheel", init);
    shadow().querySelector(".shield")!.dispatchEvent(event);
    expect(scrolled).toEqual([{ left: 0, top: 120, behavior: "instant" }]);
  });

  it("a part the page takes away while outlined (a re-render) is dropped as the page scrolls: no label left in the window's corner naming it", () => {
    start();
    pointAt(".side");
    document.querySelector(".side")!.remove();
    window.dispatchEvent(new Event("scroll"));
    expect(shadow().querySelector<HTMLElement>(".label")!.hidden).toBe(true);
    // Enter chooses nothing gone: it outlines where the keys start, in the page as it is now.
    under = [document.querySelector(".content")!];
    press("Enter");
    expect(panel().hidden).toBe(true);
    expect(label()).toBe(".content · 1 on this page");
    // The keys go on from there.
    press("ArrowDown");
    expect(shadow().querySelector<HTMLElement>(".label")!.hidden).toBe(false);
  });

  /** Lets the picker's and its host's MutationObservers see what the page just did. */
  const mutationsSeen = () => new Promise((resolve) => setTimeout(resolve, 0));

  it("the outline follows the page as it changes under a resting pointer: a re-rendered part is dropped, not chosen by Enter; one pushed down is followed", async () => {
    start();
    pointAt(".side");
    const box = () => shadow().querySelector<HTMLElement>(".box")!;
    // A banner put in above pushes the part down (jsdom has no layout: the part says where it is now, and how big).
    const side = document.querySelector(".side")!;
    side.getBoundingClientRect = () => ({ top: 120, left: 0, width: 300, height: 40 }) as DOMRect;
    document.body.prepend(document.createElement("aside"));
    await mutationsSeen();
    expect([box().style.width, box().style.height]).toEqual(["300px", "40px"]);
    // A re-render takes the part away.
    side.remove();
    await mutationsSeen();
    expect(box().hidden).toBe(true);
    under = [document.querySelector(".content")!];
    press("Enter");
    expect(panel().hidden).toBe(true);
    expect(label()).toBe(".content · 1 on this page");
  });

  it("taken out by the page while the reader picks: it goes, the page's keys are its own again, and the badge says why", async () => {
    document.body.innerHTML = PAGE;
    const before = document.documentElement.outerHTML;
    const sent: unknown[] = [];
    const picker = startInTab(document, "reddit.com", document.querySelector(".side")!, {
      send: async (name, request) => (sent.push([name, request]), { ok: true, value: null }) as never,
      page: () => undefined,
      verify: (_host, shadow) => Boolean((root = shadow)),
      options: { isTrusted: () => true },
    })!;
    open.push(picker);
    expect(label()).toBe(".side · 1 on this page");
    // An app that removes what it did not make.
    shadow().host.remove();
    await mutationsSeen();
    expect(picker.active).toBe(false);
    expect(sent).toEqual([["pickerTakenOut", {}]]);
    expect(press("Escape").defaultPrevented).toBe(false);
    expect(press("ArrowUp").defaultPrevented).toBe(false);
    expect(document.documentElement.outerHTML).toBe(before);
  });

  it("a page that swaps in a whole new <html> keeps the picker: it goes into the new one, picks there, and Esc ends it", async () => {
    const closed: string[] = [];
    const picker = start({ onBlocked: (reason) => closed.push(reason), onClose: () => closed.push("closed") });
    pointAt(".side");
    const redrawn = document.createElement("html");
    redrawn.innerHTML = `<head></head><body><div class="thread"><p>Neu gezeichnet.</p></div></body>`;
    document.replaceChild(redrawn, document.documentElement);
    const drawn = document.documentElement.outerHTML;
    await mutationsSeen();
    expect(picker.active).toBe(true);
    expect(shadow().host.parentNode).toBe(redrawn);
    // The part outlined went with the old page: the keys start from the new one's.
    under = [];
    expect(press("ArrowDown").defaultPrevented).toBe(true);
    expect(label()).toBe(".thread · 1 on this page");
    expect(press("Escape").defaultPrevented).toBe(true);
    expect(picker.active).toBe(false);
    expect(closed).toEqual(["closed"]);
    expect(document.documentElement.outerHTML).toBe(drawn);
  });

  describe("for readers who do not see the outline", () => {
    it("says what to do when it starts, then each part the keys reach at once: its kind, its text in the page's language, its selector and count", () => {
      jest.useFakeTimers();
      start(
        {},
        `<div lang="de"><p class="intro">Der   Beitrag über den <b>Regen</b>.</p><a class="more" href="#w">Weiter</a></div>`,
      );
      // Empty as it comes into the page (a screen reader would miss text that comes with the region), then the keys.
      expect(spoken()).toBe("");
      jest.advanceTimersByTime(SETTLE_MS);
      expect(spoken()).toBe(
        "Leave a part untranslated: point at it and click, or move with the arrow keys: up to the part around it, down into it, left and right to the parts beside it. Enter chooses, Escape cancels.",
      );
      press("ArrowDown");
      press("ArrowDown");
      expect(spoken()).toBe("paragraph, “Der Beitrag über den Regen.”: .intro, 1 on this page.");
      expect(shadow().querySelector("[role=status] [lang]")!.getAttribute("lang")).toBe("de");
      press("ArrowRight");
      expect(spoken()).toBe("link, “Weiter”: .more, 1 on this page.");
    });

    it("a key with no part to move to (↓ in a link, → at the last part) says again the part the outline stays on, not silence", () => {
      jest.useFakeTimers();
      start({}, `<div class="post"><p class="intro">Der Beitrag.</p><a class="more" href="#w">Weiter</a></div>`);
      jest.advanceTimersByTime(SETTLE_MS);
      pointAt(".more");
      jest.advanceTimersByTime(POINTER_REST_MS);
      const said = "link, “Weiter”: .more, 1 on this page.";
      expect(spoken()).toBe(said);
      for (const key of ["ArrowDown", "ArrowRight"]) {
        expect(press(key).defaultPrevented).toBe(true);
        // Emptied, then the same words again, so that the screen reader says them again.
        expect(spoken()).toBe("");
        jest.advanceTimersByTime(SETTLE_MS);
        expect(spoken()).toBe(said);
      }
    });

    it("says the part under the pointer once the pointer rests on it, not each part it crosses", () => {
      jest.useFakeTimers();
      start();
      jest.advanceTimersByTime(SETTLE_MS);
      const instructions = spoken();
      pointAt(".intro");
      jest.advanceTimersByTime(POINTER_REST_MS / 2);
      pointAt(".titlebox h1");
      jest.advanceTimersByTime(POINTER_REST_MS - 1);
      expect(spoken()).toBe(instructions);
      jest.advanceTimersByTime(1);
      expect(spoken()).toBe("heading level 1, “r/de”: .titlebox > h1, 1 on this page.");
      // A key is said at once, and what the pointer crossed before it is not said after it.
      pointAt(".more");
      press("ArrowUp");
      expect(spoken()).toBe("div, “Der Beitrag. Weiter”: .content, 1 on this page.");
      jest.advanceTimersByTime(POINTER_REST_MS);
      expect(spoken()).toBe("div, “Der Beitrag. Weiter”: .content, 1 on this page.");
    });

    it("the panel is a dialog named by its heading: the focus goes in, and Tab and Shift+Tab go round its controls", () => {
      start();
      pointAt(".side");
      press("Enter");
      expect(panel().getAttribute("role")).toBe("dialog");
      expect(panel().getAttribute("aria-modal")).toBe("true");
      expect(shadow().getElementById(panel().getAttribute("aria-labelledby")!)!.textContent).toBe(
        "Leave this part untranslated",
      );
      expect(shadow().activeElement).toBe(input("gloss-part"));
      const close = shadow().querySelector<HTMLButtonElement>(".close")!;
      buttonNamed("Cancel").focus();
      expect(press("Tab", buttonNamed("Cancel")).defaultPrevented).toBe(true);
      expect(shadow().activeElement).toBe(close);
      expect(press("Tab", close).defaultPrevented).toBe(false);
      expect(press("Tab", close, true).defaultPrevented).toBe(true);
      expect(shadow().activeElement).toBe(buttonNamed("Cancel"));
    });

    it.each([
      ["Cancel", () => buttonNamed("Cancel").click()],
      ["Esc", () => press("Escape", input("gloss-part"))],
    ])("%s hands the focus back to the page's control that had it, after a click on the part", (_how, end) => {
      let had: HTMLElement | undefined;
      start(() => {
        had = document.querySelector<HTMLElement>(".more")!;
        had.focus();
        return {};
      });
      pointAt(".side");
      const shield = shadow().querySelector(".shield")!;
      const down = new MouseEvent("mousedown", { bubbles: true, cancelable: true, composed: true, clientX: 5 });
      shield.dispatchEvent(down);
      // What a browser does with a press that nothing prevents on something that takes no focus.
      if (!down.defaultPrevented) had!.blur();
      shield.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true, composed: true, clientX: 5 }));
      expect(shadow().activeElement).toBe(input("gloss-part"));
      end();
      expect(document.activeElement).toBe(had);
    });

    it("under forced colours (Windows high contrast), the outline and its labels keep the system's highlight colours", () => {
      start();
      const rules = cssRules(shadow());
      const forced = rules.filter(
        (rule): rule is CSSMediaRule =>
          rule instanceof CSSMediaRule && rule.media.mediaText.includes("forced-colors: active"),
      );
      const inner = forced.flatMap((rule) => [...rule.cssRules] as CSSStyleRule[]);
      const box = inner.find((rule) => rule.selectorText === ".box")!;
      expect(box.style.forcedColorAdjust ?? box.style.getPropertyValue("forced-color-adjust")).toBe("none");
      expect(box.style.getPropertyValue("border")).toContain("Highlight");
      const labels = inner.find((rule) => rule.selectorText === ".label, .hint")!;
      expect(labels.style.getPropertyValue("background")).toBe("Highlight");
      expect(labels.style.getPropertyValue("color")).toBe("HighlightText");
      // At a large zoom the keys in the hint wrap onto more lines rather than being cut off.
      const hint = rules.find((rule) => rule instanceof CSSStyleRule && rule.selectorText === ".hint") as CSSStyleRule;
      expect(hint.style.getPropertyValue("white-space")).toBe("normal");
    });

    it("keeps the label whole inside the window for a part at its right or bottom edge", () => {
      start();
      const side = document.querySelector(".side")!;
      const rect = (left: number, top: number, width: number, height: number) =>
        ({ left, top, width, height, right: left + width, bottom: top + height, x: left, y: top }) as DOMRect;
      const tag = shadow().querySelector<HTMLElement>(".label")!;
      tag.getBoundingClientRect = () => rect(parseFloat(tag.style.left) || 0, parseFloat(tag.style.top) || 0, 180, 18);
      side.getBoundingClientRect = () => rect(window.innerWidth - 40, 300, 40, 200);
      pointAt(".side");
      expect(parseFloat(tag.style.left) + 180).toBeLessThanOrEqual(window.innerWidth);
      expect(tag.style.top).toBe("282px");
      // A part that starts right at the window's bottom edge.
      side.getBoundingClientRect = () => rect(10, window.innerHeight - 5, 100, 40);
      pointAt(".intro");
      pointAt(".side");
      expect(parseFloat(tag.style.top) + 18).toBeLessThanOrEqual(window.innerHeight);
    });

    it("outlines a part with `display: contents` (a component's wrapper) around what it shows, not in the window's corner", () => {
      const html = `<x-card class="card" style="display: contents"><p class="text">Der Beitrag.</p></x-card>`;
      start({}, html);
      const wrapper = document.querySelector(".card")!;
      // As a browser lays it out: the wrapper has no box of its own, its content has one.
      const at = { top: 120, left: 40, width: 300, height: 60 };
      document.querySelector(".text")!.getBoundingClientRect = () => at as DOMRect;
      wrapper.getBoundingClientRect = () => ({ top: 0, left: 0, width: 0, height: 0 }) as DOMRect;
      const rangeBox = jest.fn(function (this: Range) {
        return this.startContainer === wrapper
          ? (at as DOMRect)
          : ({ top: 0, left: 0, width: 0, height: 0 } as DOMRect);
      });
      Object.defineProperty(Range.prototype, "getBoundingClientRect", { value: rangeBox, configurable: true });
      // The outline itself is where its style puts it (there is no <html> transform to make up for).
      const box = shadow().querySelector<HTMLElement>(".box")!;
      box.getBoundingClientRect = () =>
        ({ top: parseFloat(box.style.top) || 0, left: parseFloat(box.style.left) || 0 }) as DOMRect;
      try {
        walk(".text", [["ArrowUp", "x-card"]]);
        expect([box.style.top, box.style.left, box.style.width, box.style.height]).toEqual([
          "120px",
          "40px",
          "300px",
          "60px",
        ]);
      } finally {
        delete (Range.prototype as Partial<Range>).getBoundingClientRect;
      }
    });

    it("scrolls a part with `display: contents` the keys reach into view by what it shows (it has no box to scroll to)", () => {
      const html = `<p class="intro">Der Beitrag.</p><x-card style="display: contents"><p class="text">Mehr.</p></x-card>`;
      start({}, html);
      const scrolled: Element[] = [];
      for (const element of document.querySelectorAll("x-card, .text")) {
        (element as HTMLElement).scrollIntoView = () => void scrolled.push(element);
      }
      walk(".intro", [["ArrowRight", "x-card"]]);
      expect(scrolled).toEqual([document.querySelector(".text")]);
    });

    it("scrolls a part the keys reach into view without the page's smooth scrolling when the reader asks for reduced motion", () => {
      const scrolled: unknown[] = [];
      const matchMedia = (query: string) =>
        ({ matches: query === "(prefers-reduced-motion: reduce)" }) as MediaQueryList;
      Object.defineProperty(window, "matchMedia", { value: matchMedia, configurable: true });
      try {
        start();
        pointAt(".intro");
        (document.querySelector(".more") as HTMLElement).scrollIntoView = (how) => void scrolled.push(how);
        press("ArrowRight");
        expect(scrolled).toEqual([{ block: "nearest", inline: "nearest", behavior: "instant" }]);
      } finally {
        delete (window as Partial<Window>).matchMedia;
      }
    });
  });

  it("over a page's modal dialog (a login or consent dialog), shows inside it, the one part of the page not inert, and leaves it as it was", () => {
    let dialog: HTMLDialogElement | undefined;
    let before = "";
    const html = `${PAGE}<dialog class="login" open><p class="why">Melde dich an.</p><button>OK</button></dialog>`;
    const picker = start(() => {
      // jsdom has no showModal, nor :modal.
      const shown = (dialog = document.querySelector("dialog")!);
      const matches = shown.matches.bind(shown);
      Object.defineProperty(shown, "matches", { value: (s: string) => (s === ":modal" ? shown.open : matches(s)) });
      before = shown.innerHTML;
      return { startAt: document.querySelector(".why")! };
    }, html);
    expect(shadow().host.parentElement).toBe(dialog);
    expect(label()).toBe(".why · 1 on this page");
    picker.cancel();
    expect(dialog!.innerHTML).toBe(before);
  });

  it("shows nothing when the page keeps Gloss's UI out", () => {
    document.body.innerHTML = PAGE;
    let blocked = 0;
    const picker = startPicker(document, {
      site: "reddit.com",
      save: async () => ({ ok: true, message: "" }),
      verify: () => false,
      onBlocked: () => blocked++,
    });
    expect(picker).toBeUndefined();
    expect(blocked).toBe(1);
    expect(document.documentElement.childElementCount).toBe(2);
  });
});

describe("the panel's Save in the extension", () => {
  const shown = (status: "translated" | "original") => {
    const calls: string[] = [];
    return {
      calls,
      page: {
        report: () => ({ status, progress: { total: 3, done: status === "translated" ? 3 : 0, failed: 0 } }),
        restore: () => void calls.push("restore"),
        translate: async () => void calls.push("translate"),
      },
    };
  };

  it("sends the part to the background, and a page shown translated is translated again without it", async () => {
    const sent: unknown[] = [];
    const { calls, page } = shown("translated");
    const outcome = await savePart(
      { site: "reddit.com", selector: ".side" },
      async (part) => (sent.push(part), { ok: true, value: { part } }),
      page,
    );
    expect(sent).toEqual([{ site: "reddit.com", selector: ".side" }]);
    expect(calls).toEqual(["restore", "translate"]);
    expect(outcome).toEqual({
      ok: true,
      message: "Saved: .side stays untranslated on reddit.com. The page is translated again without it.",
    });
  });

  it("leaves a page shown in its original alone, and says the background's reason for a refusal", async () => {
    const { calls, page } = shown("original");
    const saved = await savePart(
      { site: "reddit.com", selector: ".side" },
      async (part) => ({ ok: true, value: { part } }),
      page,
    );
    expect(saved.message).toBe("Saved: .side stays untranslated on reddit.com from the next translation.");
    const refused = await savePart(
      { site: "reddit.com", selector: ".side" },
      async () => ({ ok: false, error: { message: "“.side” is already left untranslated on reddit.com." } }),
      page,
    );
    expect(refused).toEqual({ ok: false, message: "“.side” is already left untranslated on reddit.com." });
    expect(calls).toEqual([]);
  });
});

/** The shadow roots made while `act` runs: Gloss's are closed, and the test keeps a hand on them as they are made. */
function rootsMadeBy(act: () => void): ShadowRoot[] {
  const roots: ShadowRoot[] = [];
  const attach = HTMLElement.prototype.attachShadow;
  const spy = jest.spyOn(HTMLElement.prototype, "attachShadow").mockImplementation(function (this: HTMLElement, init) {
    const made = attach.call(this, init);
    roots.push(made);
    return made;
  });
  try {
    act();
  } finally {
    spy.mockRestore();
  }
  return roots;
}

/** The userscript's picker over `store`: the function returned is the manager's menu command, giving its root. */
function userscriptPicker(store: SettingsStore, notify: (text: string) => void = () => undefined): () => ShadowRoot {
  const commands = new Map<string, () => void>();
  const idle = { status: "idle" as const, progress: { total: 0, done: 0, failed: 0 } };
  registerPartPicker({
    gm: { registerMenuCommand: (caption, onClick) => void commands.set(caption, onClick) },
    store,
    session: { report: () => idle, restore: () => undefined, translate: async () => undefined },
    notify,
    isTrusted: () => true,
  });
  return () => rootsMadeBy(() => commands.get("Leave a part untranslated…")!())[0]!;
}

/** A key the userscript's picker takes for the reader's; false when something prevented its default. */
const userKey = (name: string, target: EventTarget = document.body) =>
  target.dispatchEvent(new KeyboardEvent("keydown", { key: name, bubbles: true, cancelable: true, composed: true }));

describe("the userscript's menu command", () => {
  it("starts the picker, and Save keeps the part in the script's settings for the page's site", async () => {
    document.body.innerHTML = `<div class="content"><p>Text</p></div><div class="side"><p>Seitenleiste</p></div>`;
    let saved: Settings = { ...DEFAULTS };
    const store = createSettingsStore({ read: async () => saved, write: async (next) => void (saved = next) });
    const root = userscriptPicker(store)();
    // From the keyboard: the page's first part, then the one beside it.
    userKey("ArrowDown");
    userKey("ArrowRight");
    userKey("Enter");
    const selector = root.getElementById("gloss-part") as HTMLInputElement;
    expect(selector.value).toBe(".side");
    expect((root.getElementById("gloss-site") as HTMLInputElement).value).toBe("localhost");
    userKey("Enter", selector);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(saved.skipParts).toEqual([{ site: "localhost", selector: ".side" }]);
    expect(root.querySelector(".card")!.textContent).toContain("Saved: .side stays untranslated on localhost");
    // Closed, its keys go back to the page (and to the tests after this one).
    expect(userKey("Escape", selector)).toBe(false);
    expect(root.host.isConnected).toBe(false);
  });
});

describe("the userscript's picker for screen-reader and keyboard users", () => {
  afterEach(() => jest.useRealTimers());

  it("says what to do and each part the keys reach, and its panel is a dialog that keeps Tab in it", () => {
    jest.useFakeTimers();
    document.body.innerHTML = `<div class="content"><p>Text</p></div><div class="side"><p>Seitenleiste</p></div>`;
    const store = createSettingsStore({ read: async () => DEFAULTS, write: async () => undefined });
    const root = userscriptPicker(store)();
    const live = root.querySelector("[role=status][aria-live=polite]")!;
    jest.advanceTimersByTime(SETTLE_MS);
    expect(live.textContent).toMatch(/^Leave a part untranslated: .* Enter chooses, Escape cancels\.$/);
    userKey("ArrowDown");
    expect(live.textContent).toBe("div, “Text”: .content, 1 on this page.");
    userKey("Enter");
    const card = root.querySelector(".card")!;
    expect(card.getAttribute("role")).toBe("dialog");
    const cancel = [...root.querySelectorAll("button")].find((b) => b.textContent === "Cancel")!;
    cancel.focus();
    expect(userKey("Tab", cancel)).toBe(false);
    expect(root.activeElement).toBe(root.querySelector(".close"));
    userKey("Escape", root.activeElement!);
    expect(root.host.isConnected).toBe(false);
  });
});

describe("the userscript's picker taken out by the page", () => {
  it("says so in the manager's notification, which the page cannot reach, and names where to write the part", async () => {
    document.body.innerHTML = `<div class="side"><p>Seitenleiste</p></div>`;
    const notes: string[] = [];
    const store = createSettingsStore({ read: async () => DEFAULTS, write: async () => undefined });
    const root = userscriptPicker(store, (text) => void notes.push(text))();
    root.host.remove();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(notes).toEqual([
      "This page took Gloss's picker out while you were picking, so a part cannot be picked on it. " +
        "Name the part by a CSS selector in Gloss's Settings, under “Parts left untranslated”.",
    ]);
    // Its keys are the page's again.
    expect(userKey("Escape")).toBe(true);
  });
});

/** The reader's typing in the settings dialog: the browser marks it trusted, jsdom marks none it is sent. */
const typedByReader = new WeakSet<Event>();

/** The userscript's settings dialog over `store`, as its menu command opens it; `closed()` once it has closed. */
function dialogOver(store: SettingsStore): { dialog: ShadowRoot; closed: () => Promise<void> } {
  let closed: Promise<void> | undefined;
  const [dialog] = rootsMadeBy(
    () =>
      (closed = openSettingsDialog(document, {
        load: () => store.load(),
        save: (patch) => store.save(patch),
        test: () => Promise.reject(new Error("not tested here")),
        uiLanguage: "en",
        isTrusted: (event) => event.isTrusted || typedByReader.has(event),
      })),
  ) as [ShadowRoot];
  return { dialog, closed: () => closed! };
}

describe("the userscript's picker over its open settings dialog", () => {
  it("the dialog steps aside while the reader picks, then shows the part picked beside its unsaved rows, and saves both", async () => {
    document.body.innerHTML = `<div class="content"><p>Text</p></div><div class="side"><p>Seitenleiste</p></div>`;
    let saved: Settings = { ...DEFAULTS, skipParts: [{ site: "localhost", selector: ".ads" }] };
    const store = createSettingsStore({ read: async () => saved, write: async (next) => void (saved = next) });
    const settled = () => new Promise((resolve) => setTimeout(resolve, 0));
    const { dialog, closed } = dialogOver(store);
    await settled();
    const buttonIn = (scope: ShadowRoot, name: string) =>
      [...scope.querySelectorAll("button")].find((b) => b.textContent === name)!;
    const partRows = () => [...dialog.querySelectorAll("section")].at(-1)!.querySelectorAll("tbody tr");
    const typeIn = (row: Element, field: string, value: string) => {
      const input = row.querySelector(`[data-field="${field}"]`) as HTMLInputElement;
      input.value = value;
      const typed = new Event("input", { bubbles: true });
      typedByReader.add(typed);
      input.dispatchEvent(typed);
    };
    // An unsaved edit: a second part typed into the table.
    buttonIn(dialog, "Add a part").click();
    typeIn(partRows()[1]!, "site", "localhost");
    typeIn(partRows()[1]!, "selector", "#ticker");

    const picker = userscriptPicker(store)();
    const backdrop = dialog.querySelector<HTMLElement>(".backdrop")!;
    // Out of the way of the page to pick on.
    expect(backdrop.hidden).toBe(true);
    userKey("ArrowDown");
    userKey("ArrowRight");
    userKey("Enter");
    const selector = picker.getElementById("gloss-part") as HTMLInputElement;
    selector.focus();
    // The picker's panel keeps the keyboard: the dialog does not take it back.
    expect(picker.activeElement).toBe(selector);
    userKey("Enter", selector);
    await settled();
    expect(saved.skipParts).toEqual([
      { site: "localhost", selector: ".ads" },
      { site: "localhost", selector: ".side" },
    ]);
    userKey("Escape");
    expect(backdrop.hidden).toBe(false);
    // The picked part is a row of the table, after the reader's unsaved one, which is kept as typed.
    const rows = [...partRows()].map((row) =>
      [...row.querySelectorAll<HTMLInputElement>("input")].map((input) => input.value),
    );
    expect(rows).toEqual([
      ["localhost", ".ads"],
      ["localhost", "#ticker"],
      ["localhost", ".side"],
    ]);
    // The reader's own Save (jsdom sends a trusted click to a label's control).
    const label = document.createElement("label");
    const save = dialog.querySelector<HTMLButtonElement>("button[type=submit]")!;
    save.id = "gloss-test-save";
    label.htmlFor = save.id;
    dialog.append(label);
    label.click();
    await settled();
    expect(saved.skipParts).toEqual([
      { site: "localhost", selector: ".ads" },
      { site: "localhost", selector: "#ticker" },
      { site: "localhost", selector: ".side" },
    ]);
    buttonIn(dialog, "Close").click();
    await closed();
  });
});

describe("the userscript's Settings while the picker shows", () => {
  const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

  it("closes the picker first, as Escape would, and the dialog takes the keyboard", async () => {
    document.body.innerHTML = `<div class="content"><p>Text</p></div><div class="side"><p>Seitenleiste</p></div>`;
    const store = createSettingsStore({ read: async () => DEFAULTS, write: async () => undefined });
    const picker = userscriptPicker(store)();
    userKey("ArrowDown");
    const { dialog, closed } = dialogOver(store);
    // The picker is gone, its shield and keys with it, and only the dialog shows.
    expect(picker.host.isConnected).toBe(false);
    await settled();
    expect(dialog.host.isConnected).toBe(true);
    expect(dialog.activeElement).toBe(dialog.getElementById("gloss-baseUrl"));
    const escape = new KeyboardEvent("keydown", { key: "Escape", bubbles: true, cancelable: true, composed: true });
    dialog.activeElement!.dispatchEvent(escape);
    await closed();
    expect(dialog.host.isConnected).toBe(false);
  });

  it("with the dialog stepped aside for the picker, brings the dialog back and closes the picker", async () => {
    document.body.innerHTML = `<div class="content"><p>Text</p></div>`;
    const store = createSettingsStore({ read: async () => DEFAULTS, write: async () => undefined });
    const { dialog, closed } = dialogOver(store);
    await settled();
    const picker = userscriptPicker(store)();
    const backdrop = dialog.querySelector<HTMLElement>(".backdrop")!;
    expect(backdrop.hidden).toBe(true);
    // Settings from the menu again.
    const again = openSettingsDialog(document, {
      load: () => store.load(),
      test: () => Promise.reject(new Error("not tested here")),
      uiLanguage: "en",
    });
    expect(picker.host.isConnected).toBe(false);
    expect(backdrop.hidden).toBe(false);
    expect(dialog.activeElement).not.toBeNull();
    [...dialog.querySelectorAll("button")].find((b) => b.textContent === "Close")!.click();
    await Promise.all([closed(), again]);
  });
});

describe("where the picker starts when chosen from the right-click menu", () => {
  const page = () => {
    document.body.innerHTML = `<div class="side"><p class="rules">Regeln</p></div><x-card></x-card>`;
    const open = document.querySelector("x-card")!.attachShadow({ mode: "open" });
    open.innerHTML = `<p class="forecast">Regen</p>`;
    return open;
  };
  const rightClick = (target: Element, trusted = true) => {
    const event = new MouseEvent("contextmenu", { bubbles: true, composed: true, cancelable: true });
    Object.defineProperty(event, "trusted", { value: trusted });
    target.dispatchEvent(event);
  };
  const isTrusted = (event: Event) => (event as Event & { trusted?: boolean }).trusted === true;

  it("Chromium: the content script remembers the element right-clicked (inside open shadow roots too), once", () => {
    const open = page();
    const remembered = rememberContextTarget(window, isTrusted);
    rightClick(document.querySelector(".rules")!);
    expect(remembered.take()).toBe(document.querySelector(".rules"));
    // Nothing kept once used.
    expect(remembered.take()).toBeUndefined();
    rightClick(open.querySelector(".forecast")!);
    expect(remembered.take()).toBe(open.querySelector(".forecast"));
    // A page's made-up right-click is not the reader's.
    rightClick(document.querySelector(".side")!, false);
    expect(remembered.take()).toBeUndefined();
    // A press since the right-click (another right-click whose menu the page swallowed, say): forgotten.
    rightClick(document.querySelector(".side")!);
    const press = new MouseEvent("mousedown", { bubbles: true, composed: true });
    Object.defineProperty(press, "trusted", { value: true });
    document.body.dispatchEvent(press);
    expect(remembered.take()).toBeUndefined();
  });

  it("starts on the element the menu names (Firefox) or the one remembered (Chromium); from the popup on nothing", () => {
    page();
    const rules = document.querySelector(".rules")!;
    const side = document.querySelector(".side")!;
    const starts: Array<Element | undefined> = [];
    const begin = (startAt: Element | undefined) => (starts.push(startAt), { active: true, cancel() {} });
    expect(
      openPicker({ fromMenu: true, site: "reddit.com", targetElementId: 3 }, undefined, { byId: () => rules }, begin)
        .outcome,
    ).toBe("shown");
    let remembered: Element | undefined = side;
    const take = () => [remembered, (remembered = undefined)][0];
    openPicker({ fromMenu: true, site: "reddit.com" }, undefined, { take }, begin);
    remembered = side;
    openPicker({ fromMenu: false, site: "reddit.com" }, undefined, { take }, begin);
    // The right-click before the popup was used up by it, not kept for a later menu choice.
    expect(remembered).toBeUndefined();
    expect(starts).toEqual([rules, side, undefined]);
    // Blocked by the page: said, so the background can tell the reader.
    expect(openPicker({ fromMenu: false, site: "reddit.com" }, undefined, {}, () => undefined).outcome).toBe("blocked");
  });
});
