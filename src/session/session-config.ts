// What a page session reads from its host's settings at the start of each run (see createPageSession).
import type { BilingualStyle, DisplayMode } from "../core";

/** How much to send at once (from the server's slots and context, or the settings). */
export interface SessionLimits {
  maxBatchChars: number;
  maxConcurrent: number;
}

export interface SessionConfig extends SessionLimits {
  targetLang: string;
  neverTranslate: string[];
  /** How translations are shown on this page (replace by default). */
  displayMode?: DisplayMode;
  /** How a translation below its original looks (quiet by default); a new one restyles the copies shown. */
  bilingualStyle?: BilingualStyle;
  /** Read before this run began (the settings asked for as the page loaded): a view or look the reader chose on this
   * page since is newer than the ones above. */
  readBeforeRun?: boolean;
  /**
   * What else decides a translation (the server, its model, the user's glossary and instructions for this page), as
   * an opaque text: when it changes, what the page remembers was translated under other settings and is not shown.
   */
  translationScope?: string;
  /** CSS selectors of the parts of the page the reader leaves untranslated: taken in by the next run, not the one
   * shown (its passages stay as they are). */
  skipParts?: string[];
  /** Given when the limits above are defaults because the server has not answered yet: the real ones, once it
   * has. The run starts at once with the defaults and takes these in when they come. */
  serverLimits?(): Promise<SessionLimits | undefined>;
}
