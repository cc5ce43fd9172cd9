// The bilingual switch from the manager's menu. Each press reads the mode in effect, flips it and keeps it (saved for
// the site, or held for this page in the page's world) before showing it: reads and saves take a moment, so two quick
// presses would both read the old mode, and a slow save could land after a later press was shown. One press at a time
// keeps what is shown and what is kept in step, and two presses flip twice. A choice the manager could not keep is
// shown all the same (for this page) and said.
import { oneAtATime } from "../shared/one-at-a-time";
import type { DisplayMode } from "../shared/settings";

export interface DisplaySwitchDeps {
  /** The mode in effect for this site now, read afresh. */
  current(): Promise<DisplayMode>;
  /** Keeps `mode` for later pages of the site (or this page). */
  keep(mode: DisplayMode): Promise<void>;
  /** Shows `mode` on the page (a translated page redraws; an untranslated one starts translating). */
  show(mode: DisplayMode): void;
}

/** A press whose choice the manager did not keep: the view switched on this page all the same. */
export class NotKept extends Error {
  constructor(readonly mode: DisplayMode) {
    super(
      `Bilingual view turned ${mode === "bilingual" ? "on" : "off"} for this page only: your userscript manager did not ` +
        "store the choice for this site, so its other pages show translations as before.",
    );
  }
}

export function createDisplaySwitch(deps: DisplaySwitchDeps): () => Promise<void> {
  // A press whose save failed does not stop the next.
  const inTurn = oneAtATime();
  // What the page shows since a press the manager did not keep: the next press flips that, not the older stored mode
  // (which would "switch" to what is already shown, and nothing would change).
  let unkept: DisplayMode | undefined;
  return () =>
    inTurn(async () => {
      const mode = (unkept ?? (await deps.current())) === "bilingual" ? "replace" : "bilingual";
      try {
        await deps.keep(mode);
        unkept = undefined;
      } catch {
        // The reader asked for this view here: it shows, and the press says it was not kept.
        unkept = mode;
        deps.show(mode);
        throw new NotKept(mode);
      }
      deps.show(mode);
    });
}

/** Said where the page cannot reach (the manager's notification) when a press changed nothing: the mode in effect
 * could not be read. */
export const NOT_SWITCHED =
  "Bilingual view not switched: your userscript manager did not read the choice for this site. Try again, or " +
  "reload the page.";

/** The menu command: a press that failed (storage full or refused) is said, where it was a silent no-op. */
export function menuPress(press: () => Promise<void>, notify: (text: string) => void): () => void {
  return () => void press().catch((error) => notify(error instanceof NotKept ? error.message : NOT_SWITCHED));
}
