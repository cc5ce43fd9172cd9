// Settings another tab saves (its dialog, its picker) reach this tab's open Settings dialog at once, where the manager
// says so (GM_addValueChangeListener: Tampermonkey, Violentmonkey): the fields the reader has not touched follow
// them, and their unsaved edits stay (see settings-dialog.ts). Greasemonkey 4 has no listener: there the dialog
// reads the settings again when Save is pressed.
import type { GmApi } from "./gm-api";
import type { StoredAfresh } from "./userscript-settings-store";
import { settingsDialogOpen, showSavedInDialog } from "./settings-dialog";

export interface StoredElsewhereDeps {
  gm: Pick<GmApi, "onValueChange">;
  /** The stored value that holds the settings. */
  key: string;
  doc: Document;
  /**
   * The stored settings read afresh, leaving the settings store's copy alone: saved-look.ts tells a new look by
   * comparing with that copy when the same change is heard. With what the dialog's note says of them.
   */
  read(): Promise<StoredAfresh>;
}

export function followStoredInDialog(deps: StoredElsewhereDeps): void {
  let done = Promise.resolve();
  deps.gm.onValueChange?.(deps.key, (remote) => {
    // This tab's own saves fill its dialog already; nothing is read while no dialog is open.
    if (!remote || !settingsDialogOpen(deps.doc)) return;
    // One after the other: two quick saves elsewhere are shown in the order they were made.
    done = done
      .then(async () => {
        const { settings, ...about } = await deps.read();
        showSavedInDialog(deps.doc, settings, about);
      })
      // Unreadable: the dialog's Save reads them again, and says so if it cannot.
      .catch(() => undefined);
  });
}
