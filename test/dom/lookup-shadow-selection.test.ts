// A word selected inside a web component's shadow root gets its card like any other. Chromium's getSelection() reports
// such a selection at the component's host, not at the words (its getComposedRanges, given the roots, gives them);
// Firefox's looks through. And a look-up made without a shadow-root getter (the userscript's) still sees open roots.
import { createLookup } from "../../src/lookup/lookup";
import { createLookups } from "../../src/lookup/lookups";
import { createFakeTranslator } from "../helpers/fake-translator";

const WORDS = "Ich habe lange im Stellwerk gearbeitet und kenne die Bahn gut.";

/** A component with `mode` shadow root holding a paragraph of WORDS; returns its root. */
function component(mode: ShadowRootMode): ShadowRoot {
  document.body.innerHTML = `<article><p>Vorher.</p><div id="host"></div><p>Nachher.</p></article>`;
  const root = document.getElementById("host")!.attachShadow({ mode });
  const p = document.createElement("p");
  p.textContent = WORDS;
  root.append(p);
  return root;
}

/** `word` in the root's paragraph. */
function wordIn(root: ShadowRoot, word: string): Range {
  const text = root.querySelector("p")!.firstChild as Text;
  const range = document.createRange();
  range.setStart(text, text.data.indexOf(word));
  range.setEnd(text, text.data.indexOf(word) + word.length);
  return range;
}

/** Where a boundary point shows from a tree that does not see into `node`'s shadow root: before or after its host. */
function rescoped(node: Node, offset: number, roots: readonly ShadowRoot[], after: boolean): [Node, number] {
  for (let at = node.getRootNode(); at instanceof ShadowRoot && !roots.includes(at); at = node.getRootNode()) {
    const host = at.host;
    node = host.parentNode!;
    offset = [...node.childNodes].indexOf(host) + (after ? 1 : 0);
  }
  return [node, offset];
}

/**
 * Chromium's selection of `range` (in a shadow root): getRangeAt gives it at the host, getComposedRanges as the
 * Selection API defines it (the endpoints in the roots passed, the others moved out to their hosts).
 */
function chromiumSelects(range: Range): void {
  const composed = (roots: readonly ShadowRoot[]) => {
    const [startContainer, startOffset] = rescoped(range.startContainer, range.startOffset, roots, false);
    const [endContainer, endOffset] = rescoped(range.endContainer, range.endOffset, roots, true);
    return new StaticRange({ startContainer, startOffset, endContainer, endOffset });
  };
  const atHost = composed([]);
  const scoped = document.createRange();
  scoped.setStart(atHost.startContainer, atHost.startOffset);
  scoped.setEnd(atHost.endContainer, atHost.endOffset);
  selects(scoped);
  Object.assign(document.getSelection()!, {
    getComposedRanges: (options?: { shadowRoots?: ShadowRoot[] }) => [composed(options?.shadowRoots ?? [])],
  });
}

/** The selection reports `range` (jsdom keeps no range outside the document's own tree). */
function selects(range: Range): void {
  const selection = document.getSelection()!;
  Object.defineProperty(selection, "rangeCount", { configurable: true, get: () => 1 });
  Object.assign(selection, { getRangeAt: () => range });
}

afterEach(() => {
  const selection = document.getSelection()!;
  for (const name of ["rangeCount", "getRangeAt", "getComposedRanges"]) delete (selection as never)[name];
  selection.removeAllRanges();
});

function lookups(getShadowRoot?: (element: Element) => ShadowRoot | null) {
  const fake = createFakeTranslator({ fail: () => undefined });
  const inPlace: Range[][] = [];
  let card: ShadowRoot | undefined;
  const all = createLookups(
    (doc) =>
      createLookup({
        document: doc,
        translator: fake.translate,
        config: async () => ({ targetLang: "en" }),
        session: {
          translatePassage: async (ranges) => void inPlace.push(ranges),
          ownTranslationAt: () => undefined,
          pageLang: "de",
        },
        ...(getShadowRoot ? { getShadowRoot } : {}),
        card: { verify: (_host, shadow) => Boolean((card = shadow)), onBlocked: () => undefined },
      }),
    getShadowRoot,
  );
  const translation = () => card?.querySelector(".translation")?.textContent;
  return { all, fake, inPlace, translation };
}

describe("a word selected in a shadow root", () => {
  it("in Chromium (the selection reported at the host): a card with the word's translation", async () => {
    const root = component("open");
    const t = lookups((element) => element.shadowRoot);
    chromiumSelects(wordIn(root, "Stellwerk"));
    await t.all.translateSelection(document);
    expect(t.inPlace.length).toBe(0);
    expect(t.fake.batches).toEqual([[{ id: "lookup", html: "Stellwerk" }]]);
    expect(t.translation()).toBe("STELLWERK");
  });

  it("in Chromium, in a closed root the extension can open: a card too", async () => {
    const root = component("closed");
    const t = lookups((element) => (element.id === "host" ? root : null));
    chromiumSelects(wordIn(root, "kenne die Bahn"));
    await t.all.translateSelection(document);
    expect(t.inPlace.length).toBe(0);
    expect(t.translation()).toBe("KENNE DIE BAHN");
  });

  it("in a root inside another root: the words, not the inner host", async () => {
    const outer = component("open");
    const inner = document.createElement("section");
    outer.append(inner);
    const root = inner.attachShadow({ mode: "open" });
    root.append(outer.querySelector("p")!);
    const t = lookups((element) => element.shadowRoot);
    chromiumSelects(wordIn(root, "Stellwerk"));
    await t.all.translateSelection(document);
    expect(t.translation()).toBe("STELLWERK");
  });

  it("in Chromium, with no shadow-root getter given (the userscript's look-up): open roots are seen", async () => {
    const root = component("open");
    const t = lookups();
    chromiumSelects(wordIn(root, "Stellwerk"));
    await t.all.translateSelection(document);
    expect(t.inPlace.length).toBe(0);
    expect(t.translation()).toBe("STELLWERK");
  });

  it("in Firefox (the selection reported in the root): a card, as before", async () => {
    const root = component("open");
    const t = lookups((element) => element.shadowRoot);
    selects(wordIn(root, "Stellwerk"));
    await t.all.translateSelection(document);
    expect(t.translation()).toBe("STELLWERK");
  });

  it("from the page's text into a component's: taken as getRangeAt has it (no Range spans two trees)", async () => {
    const root = component("open");
    const t = lookups((element) => element.shadowRoot);
    const before = document.querySelector("p")!.firstChild as Text;
    const inside = wordIn(root, "Ich habe");
    const atHost = document.createRange();
    atHost.setStart(before, 0);
    atHost.setEnd(document.querySelector("article")!, 2);
    selects(atHost);
    const start = { startContainer: before, startOffset: 0 };
    Object.assign(document.getSelection()!, {
      getComposedRanges: (options?: { shadowRoots?: ShadowRoot[] }) => [
        new StaticRange(
          options?.shadowRoots?.length
            ? { ...start, endContainer: inside.endContainer, endOffset: inside.endOffset }
            : { ...start, endContainer: atHost.endContainer, endOffset: atHost.endOffset },
        ),
      ],
    });
    await t.all.translateSelection(document);
    expect(t.inPlace.map(([range]) => range!.toString())).toEqual([atHost.toString()]);
  });
});
