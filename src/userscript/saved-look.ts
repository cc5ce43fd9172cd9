// Another tab saved the settings: where the manager says so (GM_addValueChangeListener: Tampermonkey, Violentmonkey),
// the translations this tab shows take a new look at once, in place, with no request and no redraw, as the
// extension's pages do (see background/look-push.ts). Only the look: a new target language or server must never
// retranslate a page behind the reader's back, so this tab takes those at its next translation. What the manager
// passes as the new value is not used: the settings are read afresh through the store and checked as any read is.
// This tab's own saves restyle it already (index.ts); Greasemonkey 4 has no listener, and nothing changes there.
import type { BilingualStyle } from "../shared/bilingual-styles";
import type { Settings } from "../shared/settings";
import type { GmApi } from "./gm-api";

export interface SavedLookDeps {
  gm: Pick<GmApi, "onValueChange">;
  /** The stored value that holds the settings. */
  key: string;
  /** The settings as this tab last read or saved them (the store's copy). */
  known(): Promise<Settings>;
  /** The settings read afresh from storage. */
  fresh(): Promise<Settings>;
  setBilingualStyle(style: BilingualStyle): void;
}

/** Follows looks saved in other tabs; false where the manager cannot tell (nothing is listened to then). */
export function followSavedLook(deps: SavedLookDeps): boolean {
  const { onValueChange } = deps.gm;
  if (!onValueChange) return false;
  let done = Promise.resolve();
  onValueChange(deps.key, (remote) => {
    if (!remote) return;
    // Taken now, before a read for anything else replaces the store's copy.
    const before = deps.known();
    done = done
      .then(async () => {
        const was = (await before).bilingualStyle;
        const { bilingualStyle } = await deps.fresh();
        if (bilingualStyle !== was) deps.setBilingualStyle(bilingualStyle);
      })
      // Unreadable settings leave the copies as they are; the next translation reads them again.
      .catch(() => undefined);
  });
  return true;
}
