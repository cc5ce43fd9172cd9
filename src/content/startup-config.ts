// The settings a translation starts with, without a round trip when they are already on their way: the answer the
// script asked for as it started (the auto-translate check), or the config a press handed the page along with the
// script (background/tab-channel.ts), whichever comes first. Used once; later translations ask again (the settings
// may have changed since).
import type { ContentConfig, PressConfig, Reply } from "../shared/messages";

/** How long a config asked for or handed over at start-up still serves the first translation. */
export const STARTUP_CONFIG_MS = 3_000;

/** Where the background leaves a press's config in the page's isolated world. */
export interface PressConfigSlot {
  __glossPressConfig?: PressConfig | undefined;
  /** Called by the background's hand-over when it comes after this script started. */
  __glossPressConfigCame?: (() => void) | undefined;
}

export interface StartupConfig {
  /** Ask for the settings now (at start-up); the answer is kept for the translation that follows. */
  ask(url: string): Promise<Reply<ContentConfig>>;
  /** The settings on their way for `url`, if any, once: the first of the kept answer and a press's hand-over. */
  take(url: string): Promise<Reply<ContentConfig>> | undefined;
}

export function createStartupConfig(
  send: (url: string) => Promise<Reply<ContentConfig>>,
  slot: PressConfigSlot,
  now: () => number = Date.now,
): StartupConfig {
  let kept: { url: string; at: number; reply: Promise<Reply<ContentConfig>> } | undefined;
  let waiting: ((config: PressConfig) => void) | undefined;
  /** The first translation has taken its settings: later ones ask, and a hand-over that comes later with none
   * waiting was that one's. */
  let taken = false;

  /** A hand-over, or the answer kept, serves only the page it was for, and only while it is recent. */
  const usable = (given: { url: string; at: number }, url: string): boolean =>
    given.url === url && now() - given.at < STARTUP_CONFIG_MS;
  /** The hand-over in the slot. Own property only: a page element named `__glossPressConfig` shows through `window`
   * in the isolated world. */
  const inSlot = (): PressConfig | undefined =>
    Object.hasOwn(slot, "__glossPressConfig") ? slot.__glossPressConfig : undefined;
  /** The hand-over, once, when it is usable. */
  const handedOver = (url: string): PressConfig | undefined => {
    const given = inSlot();
    if (!given) return undefined;
    slot.__glossPressConfig = undefined;
    return usable(given, url) ? given : undefined;
  };
  slot.__glossPressConfigCame = () => {
    const given = inSlot();
    if (!given) return;
    if (waiting) {
      slot.__glossPressConfig = undefined;
      waiting(given);
    } else if (taken) {
      // Late for the run it came for (the answer asked at start-up served it): kept, it would hand that run's
      // settings to the next one within seconds, a part just left untranslated or a language just changed missing.
      slot.__glossPressConfig = undefined;
    }
  };

  return {
    ask(url) {
      const reply = send(url);
      // Kept for the first translation only: asked again later (the page shown again), the answer may be older
      // than a change the next run must follow.
      if (!taken) kept = { url, at: now(), reply };
      return reply;
    },
    take(url) {
      if (taken) return undefined;
      taken = true;
      const given = handedOver(url);
      if (given) {
        kept = undefined;
        return Promise.resolve({ ok: true, value: given.config });
      }
      const fresh = kept && usable(kept, url) ? kept.reply : undefined;
      kept = undefined;
      if (!fresh) return undefined;
      // A press's hand-over may still be on its way: the first of the two serves.
      const pressed = new Promise<Reply<ContentConfig>>((resolve) => {
        waiting = (config) => {
          if (usable(config, url)) resolve({ ok: true, value: config.config });
        };
      });
      return Promise.race([fresh, pressed]).finally(() => (waiting = undefined));
    },
  };
}
