// One typed message protocol for the extension: `name → request/response`. Extension pages (popup, options) and
// content scripts call the background with `{ name, request }`; the background answers with a `Reply`, errors as
// values. Translation jobs stream over a `runtime.Port` (see PortMessage below).

import { BILINGUAL_STYLES, type BilingualStyle } from "./bilingual-styles";
import { DISPLAY_MODES, type DisplayMode } from "./display-modes";
import { isLangTag } from "./lang-tag";
import type { Settings, SettingsErrors } from "./settings";
import type { SkipPart } from "./skip-parts";
import type { Segment, SegmentResult } from "./translator";
import type { LeftOut } from "./sync-left-out";

/** An error a person can act on: what happened, and what to do. */
export interface UserError {
  message: string;
  fix?: string;
  kind?: string;
  /** The server's own words or the technical cause, for a "details" toggle on Gloss's own pages. Errors handed to
   * a page never carry it (shared/page-safe-error.ts). */
  detail?: string;
}

export type Reply<T> = { ok: true; value: T } | { ok: false; error: UserError };

export interface Progress {
  total: number;
  done: number;
  failed: number;
  /** Of the done, those shown with simplified formatting (the model could not keep their markup). */
  simplified?: number;
  /** Of the done, those whose translation does not follow the reader's glossary (used all the same). */
  unmet?: number;
}

export type PageStatus = "idle" | "translating" | "translated" | "original" | "error";

/** What the popup and the badge show for a tab. */
export interface TabState {
  status: PageStatus;
  progress: Progress;
  targetLang: string;
  /** The language of the translation shown, when it may not be `targetLang`: one a Gloss before this one (updated,
   * reloaded) left in the page, made before the reader chose another; "" when that Gloss did not keep it. */
  shownLang?: string;
  error?: UserError;
  /** A note that is not an error, e.g. "This page is already in English." */
  notice?: string;
  /** Model status while working, e.g. the server is still loading the model. */
  serverStatus?: "loading" | "busy" | "waiting-for-slot" | "generating";
  /** The rule "Always translate this site" would add, when the page is a web page. */
  siteRule?: string;
  /** With `siteRule`: the hosts to ask the browser for when it is added, with this page's scheme where the manifest's
   * grant does not cover it (https://localhost); empty when none are needed. */
  siteOrigins?: string[];
  /** Whether an auto-translate rule covers the page. */
  autoTranslate: boolean;
  /** The auto-translate rule that covers the page (it may differ from `siteRule`): the one to remove to stop. */
  autoTranslateRule?: string;
  /** Why passages stayed in the original (the most frequent non-fatal error), when some did. */
  failure?: UserError;
  /** Why passages are shown with simplified formatting (the most frequent reason), when some are. */
  simplification?: UserError;
  /** The glossary terms translations shown do not follow (most often missed first), when some do not. */
  unmetTerms?: string[];
  /** The page blocked Gloss's in-page status card: the popup is where its messages are. */
  uiBlocked?: boolean;
  /** Why what the reader last asked of the page from its right-click menu did not show there (the picker kept out). */
  problem?: UserError;
  /** False for pages an extension cannot touch (browser pages, the web store). */
  translatable: boolean;
  /** How translations are shown on this page's site. */
  displayMode: DisplayMode;
}

/** What a content script needs to know; never holds the server address or the API key. */
export interface ContentConfig {
  targetLang: string;
  /** What else decides the page's translations (server, model, glossary, instructions), hashed: see SessionConfig. */
  translationScope: string;
  neverTranslate: string[];
  autoTranslate: boolean;
  /** How translations are shown on this page's site. */
  displayMode: DisplayMode;
  /** How a translation below its original looks (bilingual view). */
  bilingualStyle: BilingualStyle;
  /** Show the in-page progress line while translating. */
  progressCue: boolean;
  /** Holding Alt while pointing at a paragraph translates it. */
  hoverTranslate: boolean;
  /** CSS selectors of the parts of this page the reader leaves untranslated (their rules for its site). */
  skipParts: string[];
  maxBatchChars: number;
  maxConcurrent: number;
  /** False while the limits are defaults because the server has not said what it can do yet: ask again with
   * `waitForServer` to learn them without holding the first request back. */
  limitsKnown: boolean;
}

/** A content config the background hands a page along with a press (see background/tab-channel.ts). */
export interface PressConfig {
  /** The page's address the config is for. */
  url: string;
  config: ContentConfig;
  /** When it was made (Date.now()): an old one is not used. */
  at: number;
}

export interface ServerReport {
  ok: boolean;
  kind: string;
  model?: string;
  models?: string[];
  contextSize?: number;
  slots?: number;
  latencyMs?: number;
  error?: UserError;
  sample?: {
    source: string;
    translation?: string;
    error?: UserError;
    durationMs?: number;
    tokensPerSecond?: number;
  };
  /** The model check, when it was asked for with the test (the userscript's settings dialog). */
  modelCheck?: ModelCheck;
}

/** The model check (Test connection): how well the model keeps Gloss's markup and language, and how fast it is. */
export interface ModelCheck {
  /** When it ran (ms since the epoch). */
  at: number;
  model?: string;
  targetLang: string;
  /** "good": formatted pages come out whole; "usable": some passages will show simplified; "too-weak": many will,
   * or stay in the original; "failed": the check itself could not run (see `error`). */
  verdict: "good" | "usable" | "too-weak" | "failed";
  /** One plain sentence about the verdict. */
  summary: string;
  /** What to try, when the verdict is not "good" or the model is slow. */
  advice?: string;
  /** Sentences with formatting whose reply kept every placeholder (after Gloss's repairs); `repaired`: how many
   * needed one. */
  tags: { kept: number; total: number; repaired: number };
  /** Sentences answered in their own place (not left out, merged with a neighbour or doubled). */
  segments: { kept: number; total: number };
  /** Sentences translated into the target language (not echoed, refused, commented on or obeyed). */
  language: { correct: number; total: number };
  tokensPerSecond?: number;
  /** From sending the request to the first token of the reply. */
  firstTokenMs?: number;
  durationMs: number;
  error?: UserError;
}

export interface Diagnostics {
  baseUrl: string;
  model?: string;
  contextSize?: number;
  slots?: number;
  modelCheck?: ModelCheck;
}

export interface ContentReport {
  status: PageStatus;
  progress: Progress;
  error?: UserError;
  /** Why passages stayed in the original (the most frequent non-fatal error), when some did. */
  failure?: UserError;
  /** Why passages are shown with simplified formatting (the most frequent reason), when some are. */
  simplification?: UserError;
  /** See TabState. */
  unmetTerms?: string[];
  notice?: string;
  serverStatus?: TabState["serverStatus"];
  /** The page's address (the background cannot always read it without the "tabs" permission). */
  url?: string;
  /** The page blocked the in-page status card (see TabState). */
  uiBlocked?: boolean;
  /** Sent from a frame Gloss went into for the reader (a selection, a reply box), not from the tab's page. */
  inFrame?: boolean;
}

/**
 * Whether the reader sees passages translated (fully, partly, or being written): what "toggle" turns off. A page
 * still waiting for its first passage counts too, so a second press stops it.
 */
export function showsTranslation(report: Pick<ContentReport, "status" | "progress">): boolean {
  const { status, progress } = report;
  return status === "translating" || status === "translated" || (status === "error" && progress.done > 0);
}

/**
 * The reader sees what a command led to: translated passages, a result, or an error. Press delivery (press-follow.ts)
 * takes a report like this as the end of a press, so a page reports the moment it first holds (report-pace.ts).
 */
export function outcomeShown(report: Pick<ContentReport, "status" | "progress">): boolean {
  return report.progress.done > 0 || report.status !== "translating";
}

/**
 * Where the element picker starts (src/picker): chosen from the right-click menu in the page's top frame, on the
 * element right-clicked (Firefox names it by `targetElementId`; Chromium's content script remembers it).
 */
export interface PickStart {
  fromMenu: boolean;
  /** The site rule the part is offered for (the page's site): worked out by the background, which has the
   * public-suffix list, so the injected picker does not carry it. */
  site: string;
  targetElementId?: number;
}

/** What became of a start: the picker shows, was showing already, or the page keeps Gloss's overlay out. */
export type PickOutcome = "shown" | "showing" | "blocked";

/** Which settings to keep when sync is turned on and the account already holds Gloss settings from another browser. */
export type SyncKeep = "account" | "browser";

/** Settings sync in this browser. */
export interface SyncStatus {
  on: boolean;
  /** Why the settings are not in step (too large, a newer Gloss elsewhere, sync refused the write), while on. */
  problem?: string;
  /** Turning on waits for the reader's choice: the account holds other settings, described ("14 settings, 3 sites"). */
  ask?: string;
  /** With `ask`: the account's settings have not all arrived (another browser still writing them, or they are damaged),
   * so they cannot be used here, only waited for or replaced with this browser's. */
  askIncomplete?: boolean;
  /** With `ask`: why this browser's settings cannot replace the account's (a newer Gloss stored them here, and this
   * one shows defaults for what it cannot read): that answer is not offered. */
  askNoReplace?: string;
  /** With `ask`: what using the account's settings would remove here (the API key, when they name another server). */
  askLoss?: string;
  /** The account's settings named another server and this browser's API key went (it is only ever sent where it was
   * entered): said until a key is entered again or sync is turned off. */
  keyRemoved?: string;
  /** What a merge of two browsers' changes to a list could not keep, in this browser and the account alike: said until
   * the entries are back or sync is turned off. */
  leftOut?: LeftOut;
  /** Other browsers' settings are too large for sync (they said so in the account), so they may differ from these:
   * said while they are, and while on. */
  othersBehind?: string;
}

/** `name → [request, response]`. */
export interface MessageMap {
  // From extension pages (popup, options).
  // `unread`: stored settings that could not be read, with why (the settings show their defaults, or what was kept).
  getSettings: [
    Record<string, never>,
    // `newer`: the settings version of a newer Gloss that stored them (see SettingsStore.newerVersion).
    { settings: Settings; uiLanguage: string; unread?: SettingsErrors; newer?: number },
  ];
  saveSettings: [
    { patch: Partial<Settings> },
    // `autoTranslateProblem`: saved, but the browser refused what makes the sites translate as they open.
    { saved: true; settings: Settings; autoTranslateProblem?: string } | { saved: false; errors: SettingsErrors },
  ];
  testConnection: [{ settings?: Partial<Settings>; sample?: boolean }, ServerReport];
  /** Runs the model check with these (possibly unsaved) settings and keeps its result with the server facts. */
  checkModel: [{ settings?: Partial<Settings> }, ModelCheck];
  /** What is known about the configured server: its facts and the last model check, for the popup's diagnostics. */
  getDiagnostics: [Record<string, never>, Diagnostics];
  listModels: [{ settings?: Partial<Settings> }, string[]];
  getTabState: [{ tabId: number }, TabState];
  translateTab: [{ tabId: number }, TabState];
  /** Try again: the job that failed once more (the passages the reader picked, or the page). */
  retryTab: [{ tabId: number }, TabState];
  restoreTab: [{ tabId: number }, TabState];
  toggleTab: [{ tabId: number }, TabState];
  /** The tab's selection, as "Translate selection" does: for a browser without menus and keys (Firefox for Android). */
  translateSelection: [{ tabId: number }, TabState];
  /** What the user wrote in the tab's focused text box, as "Translate what I wrote" does (no menus, no keys). */
  translateWriting: [{ tabId: number }, null];
  /** Starts the element picker in the tab's page, to name a part of its site to leave untranslated (src/picker). */
  pickPart: [{ tabId: number }, null];
  /** Shows translations on the tab's site this way from now on (saved per site); the page redraws at once. */
  setDisplayMode: [{ tabId: number; mode: DisplayMode }, TabState];
  /** Adds or removes a rule; with `tabId`, a tab the rule now covers is translated right away. */
  setAutoTranslate: [
    { rule: string; enabled: boolean; tabId?: number },
    { autoTranslate: string[]; autoTranslateProblem?: string },
  ];
  /** Saved translations: how many, and optionally forget them all. */
  translationCache: [{ clear?: boolean }, { entries: number }];
  /** The languages remembered for the user's messages, by place (for a settings backup); `add` remembers a
   * backup's (see shared/writing-languages.ts). */
  writingLanguages: [{ add?: Record<string, string> }, { languages: Record<string, string> }];
  /** Whether this browser keeps its settings in step with the browser's account (storage.sync), and why it cannot;
   * `on` turns it on or off, `keep` answers "use the account's settings or this browser's?" (see SyncStatus), and
   * `dismissLeftOut` stops naming, in this browser, what a merge could not keep. */
  settingsSync: [{ on?: boolean; keep?: SyncKeep; dismissLeftOut?: true }, SyncStatus];
  /** This browser's name as the reader's other browsers say it when its settings do not fit their sync; `name` renames
   * it ("" goes back to the `made` one, from the browser and its OS). */
  syncName: [{ name?: string }, { name: string; made: string }];
  // From content scripts.
  getContentConfig: [{ url: string; waitForServer?: boolean }, ContentConfig];
  reportProgress: [ContentReport, null];
  /** The page engine rejected a reply after decoding it: drop it from the translation cache. */
  forgetTranslation: [{ segment: Segment; targetLang: string }, null];
  /** The language the user chose for their messages on the sender's page's site (subreddit), if any. */
  getWritingLanguage: [Record<string, never>, { lang?: string }];
  /** Remember `lang` for the user's messages on the sender's page's site; "" forgets the choice. */
  setWritingLanguage: [{ lang: string }, null];
  /** The part the reader picked on the sender's page, for its site: added to the parts left untranslated. */
  addSkipPart: [{ site: string; selector: string }, { part: SkipPart }];
  /** The sender's page took the element picker out while the reader picked: the badge and the popup say so. */
  pickerTakenOut: [Record<string, never>, null];
}

export type MessageName = keyof MessageMap;
export type RequestOf<N extends MessageName> = MessageMap[N][0];
export type ResponseOf<N extends MessageName> = MessageMap[N][1];

export interface Envelope<N extends MessageName = MessageName> {
  name: N;
  request: RequestOf<N>;
}

export const PAGE_MESSAGES: ReadonlySet<MessageName> = new Set([
  "getSettings",
  "saveSettings",
  "testConnection",
  "checkModel",
  "getDiagnostics",
  "listModels",
  "getTabState",
  "translateTab",
  "retryTab",
  "restoreTab",
  "toggleTab",
  "translateSelection",
  "translateWriting",
  "pickPart",
  "setDisplayMode",
  "setAutoTranslate",
  "translationCache",
  "writingLanguages",
  "settingsSync",
  "syncName",
]);

export const CONTENT_MESSAGES: ReadonlySet<MessageName> = new Set([
  "getContentConfig",
  "reportProgress",
  "forgetTranslation",
  "getWritingLanguage",
  "setWritingLanguage",
  "addSkipPart",
  "pickerTakenOut",
]);

export function isEnvelope(value: unknown): value is Envelope {
  if (!value || typeof value !== "object") return false;
  const { name, request } = value as { name?: unknown; request?: unknown };
  return (
    typeof name === "string" &&
    (PAGE_MESSAGES.has(name as MessageName) || CONTENT_MESSAGES.has(name as MessageName)) &&
    !!request &&
    typeof request === "object" &&
    !Array.isArray(request)
  );
}

/** Whether the user let Gloss into an embedded frame's site when asked: "unasked" when the browser could not ask. */
export type FrameAccess = "granted" | "refused" | "unasked";

const FRAME_ACCESS: ReadonlySet<string> = new Set<FrameAccess>(["granted", "refused", "unasked"]);

/** What the user asked for in a frame: to translate what they wrote there, or their selection there. */
export type FrameAsk = "writing" | "selection";

const FRAME_ASKS: ReadonlySet<string> = new Set<FrameAsk>(["writing", "selection"]);

/** A host name, as a URL gives it (at most 253 characters). */
const MAX_SITE_CHARS = 253;

/** Commands the background sends to a tab's content script (`tabs.sendMessage`). */
export type ContentCommand =
  | { command: "translate" }
  | { command: "retry" }
  | { command: "restore" }
  | { command: "toggle" }
  | { command: "state" }
  // What the user wrote in the focused text field, into the page's language; or first let them choose the language.
  | { command: "write" }
  | { command: "choose-language" }
  // To the top frame: the user chose Translate what I wrote (`choose`: …into) in a frame. The page takes it (answers
  // true) when the box with the focus is in a frame it can read, so the card stands beside that frame on the page;
  // else the frame's own writer does.
  | { command: "frame-write"; choose: boolean }
  // To the top frame: the text box or selection the user asked for (`about`) is in a frame of `site` (another site's,
  // embedded), which Gloss may not enter. The page's writing card, or its status card for a selection, says so and how
  // to allow it; `access` is what the user said when asked.
  | { command: "frame-out-of-reach"; site: string; access: FrameAccess; about: FrameAsk }
  | { command: "passage" }
  // To the top frame: the reader chose Translate selection in a frame. The page takes it (answers true) when the
  // selection is in a frame it translates with the page, whose text its engine owns; else the frame's session does.
  | { command: "frame-passage" }
  | { command: "display"; mode: DisplayMode }
  // The reader saved a new look for bilingual copies: those shown take it in place, later ones too (no request). Sent
  // to every frame of every tab that runs Gloss, unasked; not a press, so it leaves the page's state alone.
  | { command: "bilingual-style"; style: BilingualStyle };

const CONTENT_COMMANDS: ReadonlySet<string> = new Set([
  "translate",
  "retry",
  "restore",
  "toggle",
  "state",
  "write",
  "choose-language",
  "passage",
  "frame-passage",
]);

export function isDisplayMode(value: unknown): value is DisplayMode {
  return typeof value === "string" && (DISPLAY_MODES as readonly string[]).includes(value);
}

export function isBilingualStyle(value: unknown): value is BilingualStyle {
  return typeof value === "string" && (BILINGUAL_STYLES as readonly string[]).includes(value);
}

export function isContentCommand(value: unknown): value is ContentCommand {
  if (!value || typeof value !== "object") return false;
  const { command, mode, style, site, access, about, choose } = value as {
    command?: unknown;
    choose?: unknown;
    mode?: unknown;
    style?: unknown;
    site?: unknown;
    access?: unknown;
    about?: unknown;
  };
  if (command === "display") return isDisplayMode(mode);
  if (command === "frame-write") return typeof choose === "boolean";
  if (command === "frame-out-of-reach") {
    const validSite = typeof site === "string" && site.length > 0 && site.length <= MAX_SITE_CHARS;
    const validAsk = typeof about === "string" && FRAME_ASKS.has(about);
    return validSite && validAsk && typeof access === "string" && FRAME_ACCESS.has(access);
  }
  if (command === "bilingual-style") return isBilingualStyle(style);
  return typeof command === "string" && CONTENT_COMMANDS.has(command);
}

// ---- Translation port ----

/**
 * One port per translation job: the content script connects, sends one "translate", and results stream back (those
 * ready together in one message).
 * Disconnecting (the page navigates, the job is aborted) cancels the request at the server.
 */
export const TRANSLATE_PORT = "gloss-translate";

export interface PortRequest {
  type: "translate";
  segments: Segment[];
  targetLang: string;
  sourceLang?: string;
  /** See TranslateOptions.retryBadReplies. */
  retryBadReplies?: boolean;
  /** What the page is about (its title, the subreddit): context for the model, never translated. */
  context?: string;
  /** The user's own message from a text field: the writing model, never cached. */
  writing?: boolean;
  /** The page was hidden when it asked (see TranslateOptions.hidden); PortVisibility tells of changes after. */
  hidden?: boolean;
  /** A reader's look-up (see TranslateOptions.lookup): one short segment, one at a time per tab. */
  lookup?: boolean;
  /** The jobs asked under the same signal share it: a PortEnd of the group ends them all. */
  group?: string;
}

/**
 * The page of a job in progress was hidden or shown again (its tab left or back in front), sent after the request
 * on the same port: while the request waits for a slot, it waits in that page's lane (TranslateOptions.hidden).
 */
export interface PortVisibility {
  type: "visibility";
  hidden: boolean;
}

/**
 * Ends a page's jobs at once, sent on each of their open ports: "page" as the page leaves (its pagehide: closed,
 * navigated away, kept in the back/forward cache), "group" when the jobs asked under one signal were stopped (Show
 * original, a run given up). Their ports close one at a time, milliseconds apart, and a server slot freed by the first
 * went to the same page's next queued job, sent to the server only to be cancelled.
 */
export interface PortEnd {
  type: "end";
  of: "page" | "group";
}

export type PortReply =
  /** The translated passages ready together, in the order they came (background/result-batch.ts). */
  | { type: "results"; results: SegmentResult[] }
  | { type: "done" }
  /** This port's request waits for a free slot on the server, or stopped waiting (TranslateOptions.onWaiting). */
  | { type: "waiting"; waiting: boolean }
  | { type: "status"; status: NonNullable<TabState["serverStatus"]> };

/** What one PortRequest may carry; a content script fits its requests to these (content/port-request-fit.ts). */
export const MAX_SEGMENTS_PER_JOB = 200;
export const MAX_SEGMENT_CHARS = 50_000;
/** Context as a page can send it; the prompt keeps a few hundred characters of it. */
export const MAX_PORT_CONTEXT_CHARS = 2_000;
/** A look-up's one segment: a selection of at most 300 characters (src/lookup), escaped. */
const MAX_LOOKUP_HTML_CHARS = 2_000;

export function isSegment(value: unknown): value is Segment {
  if (!value || typeof value !== "object") return false;
  const { id, html } = value as { id?: unknown; html?: unknown };
  return typeof id === "string" && id.length <= 64 && typeof html === "string" && html.length <= MAX_SEGMENT_CHARS;
}

/** Shape check for what a content script sends over the port (it runs beside hostile pages). */
export function isPortRequest(value: unknown): value is PortRequest {
  if (!value || typeof value !== "object") return false;
  const msg = value as Record<string, unknown>;
  return (
    msg.type === "translate" &&
    // Tags only (a prompt names a language Gloss knows, else its subtag's letters: shared/languages.ts).
    isLangTag(msg.targetLang) &&
    (msg.sourceLang === undefined || isLangTag(msg.sourceLang)) &&
    (msg.retryBadReplies === undefined || typeof msg.retryBadReplies === "boolean") &&
    (msg.context === undefined || (typeof msg.context === "string" && msg.context.length <= MAX_PORT_CONTEXT_CHARS)) &&
    (msg.writing === undefined || typeof msg.writing === "boolean") &&
    (msg.hidden === undefined || typeof msg.hidden === "boolean") &&
    (msg.lookup === undefined || typeof msg.lookup === "boolean") &&
    (msg.group === undefined || (typeof msg.group === "string" && msg.group.length <= 40)) &&
    Array.isArray(msg.segments) &&
    msg.segments.length > 0 &&
    msg.segments.length <= MAX_SEGMENTS_PER_JOB &&
    msg.segments.every(isSegment) &&
    // A look-up goes ahead of every page's batches: it may only be what a look-up is, one short text.
    (msg.lookup !== true || (msg.segments.length === 1 && msg.segments[0]!.html.length <= MAX_LOOKUP_HTML_CHARS))
  );
}

export function isPortVisibility(value: unknown): value is PortVisibility {
  if (!value || typeof value !== "object") return false;
  const msg = value as Record<string, unknown>;
  return msg.type === "visibility" && typeof msg.hidden === "boolean";
}

export function isPortEnd(value: unknown): value is PortEnd {
  if (!value || typeof value !== "object") return false;
  const msg = value as Record<string, unknown>;
  return msg.type === "end" && (msg.of === "page" || msg.of === "group");
}

// ---- Tab watch port ----

/**
 * An extension page (the popup) watches one tab over a port of this name: it sends one WatchTab, and is told
 * (TabChanged) each time that tab's page reports, so a change shows at once rather than at its next poll.
 */
export const WATCH_TAB_PORT = "gloss-watch-tab";

export interface WatchTab {
  type: "watch";
  tabId: number;
}

export interface TabChanged {
  type: "changed";
}

export function isWatchTab(value: unknown): value is WatchTab {
  if (!value || typeof value !== "object") return false;
  const msg = value as Record<string, unknown>;
  return msg.type === "watch" && typeof msg.tabId === "number" && Number.isInteger(msg.tabId) && msg.tabId >= 0;
}
