// What every part of the userscript shares: the manager, whether it runs in the page's world, the settings (read
// afresh), the translation service behind its cache, the page's context and the guard on its UI (see index.ts).
import { createServerFactsStore } from "../connection/server-facts";
import {
  createTranslationService,
  type RequestContext,
  type TranslationService,
} from "../connection/translation-service";
import type { Transport } from "../llm";
import { createKeptPage } from "../session/kept-page";
import type { UiBlockedReason } from "../session/ui-host";
import type { UserError } from "../shared/messages";
import type { DisplayMode, Settings } from "../shared/settings";
import type { SettingsStore } from "../shared/settings-store";
import { siteOf } from "../shared/site-rules";
import type { Translator } from "../shared/translator";
import { createPageContext } from "../sites/page-context";
import { keptPageGm, resolveGmApi, type GmApi } from "./gm-api";
import { NO_SAVED_TRANSLATIONS, openGmTranslationCache, type GmTranslationCache } from "./gm-translation-cache";
import { createGmTransport } from "./gm-transport";
import { createOutsidePageNotices, type OutsidePageNotices } from "./outside-page";
import { domFunctionCheck, runsInPageWorld, UI_BLOCKED, UI_TAMPERED, withoutKey } from "./page-world";
import { userscriptFactsStorage } from "./server-facts-storage";
import { settingsTranslator } from "./settings-translator";
import { pageWorldStoreGm, userscriptSettingsStore, type UserscriptSettingsStore } from "./userscript-settings-store";
import { inUserscriptWords } from "./userscript-words";

/** Said in the manager's notification when saved translations keep failing to be written. */
export const SAVE_FAILING =
  "Gloss could not save translations for your next visit: your userscript manager's storage refused them. They stay " +
  "on this page and Gloss tries again; if the storage is full, Clear saved translations in Gloss's settings.";

export interface Basics {
  gm: GmApi;
  pageWorld: boolean;
  transport: Transport;
  requestContext: RequestContext;
  store: UserscriptSettingsStore;
  uiLanguage: string;
  cache: GmTranslationCache;
  service: TranslationService;
  /** An error as the userscript says it: its own words, and in the page's world why no key was sent. */
  said<E extends UserError>(error: E): E;
  /** A translator that reads the settings for each batch (settings-translator.ts). */
  withSettings(use: "page" | "writing"): Translator;
  /** What the page is about, as it is now (page-context.ts); shared with the reply-box writer. */
  context(): string | undefined;
  /** The bilingual switch in the page's world, where nothing is saved: it holds for this page. */
  here: { mode?: DisplayMode };
  /** The stored settings read afresh, with the bilingual switch held for this page. */
  freshSettings(): Promise<Settings>;
  /** In the page's world: whether the page left what the UI calls alone. */
  precheck: (() => boolean) | undefined;
  outside: OutsidePageNotices;
  /** What the manager's notification says when the page blocks the UI. */
  blockedText(reason: UiBlockedReason): string;
  /** The page blocked the UI: the manager's notifications carry its messages. */
  uiBlocked(reason: UiBlockedReason): void;
}

/**
 * The page's site, read from the public-suffix list when first asked for (see site-rules.ts): a page with no
 * auto-translate rule needs it only once the reader translates.
 */
function lazySiteContext(address: string, incognito: boolean): RequestContext {
  let site: string | undefined;
  return {
    get site() {
      return (site ??= siteOf(address));
    },
    incognito,
  };
}

/**
 * The dialog reads the stored settings afresh: the user may have set the API key in the manager's storage editor (as
 * the dialog suggests), and saving over a stale copy would drop it. Rules are read afresh too.
 */
function freshSettingsReader(
  store: SettingsStore,
  requestContext: RequestContext,
  here: Basics["here"],
): () => Promise<Settings> {
  return async () => {
    store.invalidate();
    const settings = await store.load();
    if (!here.mode || !requestContext.site) return settings;
    return { ...settings, siteDisplayModes: { ...settings.siteDisplayModes, [requestContext.site]: here.mode } };
  };
}

/** The manager's API, where Gloss runs, and the translation service the userscript's parts share. */
export function openBasics(): Basics {
  // The manager's storage calls a kept page may never get answered do not hold it when it comes back.
  const manager = resolveGmApi();
  const kept = createKeptPage(window);
  const gm = keptPageGm(manager, kept);
  // Decided before anything is read: in the page's world the page sees what Gloss reads and can call its listeners
  // (see page-world.ts).
  const pageWorld = runsInPageWorld(gm.info);
  const transport = createGmTransport(gm);
  const requestContext = lazySiteContext(location.href, gm.info?.isIncognito === true);
  const place = () => ({ host: location.hostname, site: requestContext.site });
  const storeGm = pageWorld ? pageWorldStoreGm(manager, kept, place) : gm;
  const store = userscriptSettingsStore(storeGm, pageWorld, () => requestContext.site);
  const uiLanguage = navigator.language || "en";
  // The same translator as the extension's background: one LLM client per server configuration (its limiter keeps
  // requests within the server's slots) behind a translation cache, here in the manager's storage, per site.
  const cache = pageWorld
    ? NO_SAVED_TRANSLATIONS
    : openGmTranslationCache(gm, () => requestContext.site, { onWritesFailing: () => gm.notify(SAVE_FAILING) });
  const service = createTranslationService(
    createServerFactsStore(userscriptFactsStorage(gm, pageWorld)),
    cache,
    transport,
  );
  const said = <E extends UserError>(error: E): E =>
    pageWorld ? withoutKey(inUserscriptWords(error)) : inUserscriptWords(error);
  const here: Basics["here"] = {};
  return {
    gm,
    pageWorld,
    transport,
    requestContext,
    store,
    uiLanguage,
    cache,
    service,
    said,
    here,
    withSettings: (use) => settingsTranslator({ load: () => store.load(), service, requestContext, said }, use),
    context: createPageContext(document),
    freshSettings: freshSettingsReader(store, requestContext, here),
    ...uiGuard(gm, pageWorld),
  };
}

/**
 * In the page's world the page may have replaced what the UI calls: no UI then (see page-world.ts). When the page
 * blocks the UI, the manager's notifications carry its messages.
 */
function uiGuard(gm: GmApi, pageWorld: boolean): Pick<Basics, "precheck" | "outside" | "blockedText" | "uiBlocked"> {
  // Kept now, as Gloss starts: a page's later replacement of what the check relies on cannot fool it (page-world.ts).
  const replaced = pageWorld ? domFunctionCheck(window) : undefined;
  const precheck = replaced ? () => replaced().length === 0 : undefined;
  const outside = createOutsidePageNotices(gm);
  const blockedText = (reason: UiBlockedReason) => (reason === "unverified" ? UI_TAMPERED : UI_BLOCKED);
  return { precheck, outside, blockedText, uiBlocked: (reason) => outside.blocked(blockedText(reason)) };
}
