// The reader's tools beside the page's translation, wired to the background: the reply-box writer, the look-up of a
// selection, and Alt + pointing at a paragraph.
import { send } from "../extension/send";
import type { PageSession } from "../session/page-session";
import { startHover, type Hover } from "../session/hover";
import { isUiHost } from "../session/ui-host";
import { createWriter, type Writer } from "../writing/writer";
import { createLookup, type Lookup } from "../lookup/lookup";
import { createLookups, type Lookups } from "../lookup/lookups";
import { createPortTranslator } from "./port-translator";
import { isShadowRootOf } from "./platform";

/** What the content script's parts share for reaching the background and reading the page. */
export interface ContentTools {
  /** An ask the page waits on: made again should the page be kept and come back before the answer (kept-page.ts). */
  ask: typeof send;
  detect(text: string): Promise<string | undefined>;
  /** What the page is about, as it is now (page-context.ts); shared with the reply-box path. */
  context(): string | undefined;
  /** A page element's shadow root, open or closed; Gloss's own UI is not page content. */
  shadowRootOf(element: Element): ShadowRoot | null;
}

/**
 * A card of the reader's: drawn in a shadow root the page cannot fake. The page blocked the card: the popup, which
 * the page cannot touch, says so.
 */
function readerCard(session: PageSession) {
  return {
    verify: isShadowRootOf,
    onBlocked: () => void send("reportProgress", { ...session.report(), uiBlocked: true }),
  };
}

/**
 * Translates what the reader wrote in a reply box, into the language they chose for the site. For a box in a frame it
 * points to the menu: the shortcut reaches the top frame only, the menu the frame it was opened in.
 */
export function createContentWriter(tools: ContentTools, session: PageSession): Writer {
  const { ask } = tools;
  const own: { writer?: Writer } = {};
  return (own.writer = createWriter({
    document,
    translator: createPortTranslator((status) => own.writer?.setServerStatus(status), { writing: true }),
    detectLang: tools.detect,
    getShadowRoot: tools.shadowRootOf,
    isOwnUi: isUiHost,
    remembered: {
      get: async () => {
        const reply = await ask("getWritingLanguage", {});
        return reply.ok ? reply.value.lang : undefined;
      },
      set: async (lang) => void (await ask("setWritingLanguage", { lang })),
    },
    page: session,
    context: tools.context,
    card: readerCard(session),
    frameNote: "Right-click in it and choose “Translate what I wrote” instead.",
  }));
}

/**
 * A selected word or phrase: translated in a card beside it; a whole passage in place (see src/lookup). Made on the
 * first selection in each document (lookups.ts).
 */
export function createContentLookups(tools: ContentTools, session: PageSession): Lookups {
  return createLookups((doc) => {
    const own: { lookup?: Lookup } = {};
    return (own.lookup = createLookup({
      document: doc,
      translator: createPortTranslator((status) => own.lookup?.setServerStatus(status)),
      async config() {
        const reply = await tools.ask("getContentConfig", { url: location.href });
        return reply.ok ? reply.value : { error: reply.error };
      },
      session,
      context: tools.context,
      detectLang: tools.detect,
      getShadowRoot: tools.shadowRootOf,
      card: readerCard(session),
    }));
  }, tools.shadowRootOf);
}

/**
 * Alt + pointing at a paragraph, when the options page turned it on (it then registers this script everywhere). A
 * page's closed component is looked into: a picture it draws over the page's text hides that text.
 */
export function startContentHover(tools: ContentTools, session: PageSession): Hover {
  return startHover({
    window,
    async enabled() {
      const reply = await tools.ask("getContentConfig", { url: location.href });
      return reply.ok && reply.value.hoverTranslate && reply.value.skipParts;
    },
    translate: (range) => void session.translatePassage([range]),
    isOwnUi: isUiHost,
    shadows: { rootOf: tools.shadowRootOf },
  });
}
