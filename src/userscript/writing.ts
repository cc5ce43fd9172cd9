// Translating what the user wrote, in the userscript: the same writer as the extension, reached through the
// manager's menu ("Translate what I wrote", "… into…") and Alt+Shift+M, with the chosen languages in GM storage
// (in the page's world: the menu only, and the languages for the page's lifetime).
// A menu command keeps the page's focused text box (the manager's menu lives outside the page).
import type { PageSession } from "../session/page-session";
import type { UiBlockedReason } from "../session/ui-host";
import { isUiHost } from "../session/ui-host";
import { isComposing } from "../shared/composing";
import { createWritingLanguages, type WritingLanguages } from "../shared/writing-languages";
import type { Translator } from "../shared/translator";
import { createWriter, type Writer } from "../writing/writer";
import { keydownInFrames } from "./frame-keys";
import type { GmApi } from "./gm-api";

const LANGUAGES_KEY = "writingLanguages";

/**
 * The reply languages chosen, in GM storage (shared with the settings dialog's backup); in the page's world, for the
 * page's lifetime only, as the stored ones name other sites.
 */
export function userscriptWritingLanguages(gm: GmApi, pageWorld: boolean): WritingLanguages {
  let forThisPage: unknown;
  return createWritingLanguages(
    pageWorld
      ? { read: async () => forThisPage, write: async (value) => void (forThisPage = value) }
      : {
          read: () => gm.getValue<unknown>(LANGUAGES_KEY, undefined),
          write: (value) => gm.setValue(LANGUAGES_KEY, value),
        },
  );
}

export interface UserscriptWritingDeps {
  gm: GmApi;
  /** The reply languages chosen (userscriptWritingLanguages). */
  languages: WritingLanguages;
  session: PageSession;
  /** Translates the user's messages with the writing model and the user's rules. */
  translator: Translator;
  detectLang(text: string): Promise<string | undefined>;
  context(): string | undefined;
  precheck?: () => boolean;
  onBlocked(reason: UiBlockedReason): void;
  /** Gloss runs in the page's world (see page-world.ts): no Alt+Shift+M, whose listener the page could call with a
   * made-up key press. */
  pageWorld?: boolean;
}

/**
 * Alt+Shift+M, pressed by the user (a page's synthetic key press does not count), anywhere but in Gloss's own UI:
 * unlike the page toggle it is meant for text boxes.
 */
export function isWriteShortcut(event: KeyboardEvent): boolean {
  if (!event.isTrusted || event.repeat) return false;
  if (!event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey) return false;
  if (event.code !== "KeyM") return false;
  // Mid-word with an input method, the field holds half a word the translation would write over.
  if (isComposing(event)) return false;
  return !(event.composedPath?.() ?? []).some(isUiHost);
}

export function startWriting(deps: UserscriptWritingDeps): Writer {
  const { languages } = deps;
  const writer = createWriter({
    document,
    translator: deps.translator,
    detectLang: deps.detectLang,
    // A userscript sees open shadow roots only (new Reddit's are open); its own UI is never a field.
    getShadowRoot: (element) => (isUiHost(element) ? null : element.shadowRoot),
    isOwnUi: isUiHost,
    remembered: {
      get: () => languages.get(location.href),
      set: (lang) => languages.set(location.href, lang),
    },
    page: deps.session,
    context: deps.context,
    card: { ...(deps.precheck ? { precheck: deps.precheck } : {}), onBlocked: deps.onBlocked },
  });
  deps.gm.registerMenuCommand("Translate what I wrote", () => void writer.translateField(), "w");
  deps.gm.registerMenuCommand("Translate what I wrote into…", () => void writer.chooseLanguage(), "i");
  if (deps.pageWorld) return writer;
  // Also where the focus is in a frame's editor (TinyMCE), whose keys the page's window never hears.
  keydownInFrames(document, (event) => {
    if (!isWriteShortcut(event)) return;
    event.preventDefault();
    event.stopPropagation();
    void writer.translateField();
  });
  return writer;
}
