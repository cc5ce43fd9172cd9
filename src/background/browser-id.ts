// This browser's lasting id among the account's browsers (it names this browser's mark when its settings are too large
// for sync): made once and kept in storage.local, never synced.
import { ext } from "../extension/api";
import { BROWSER_ID_MAX } from "../shared/sync-behind";
import { SYNC_ID_KEY } from "../shared/settings-sync";

/** Read once per worker, as every push and every mark asks for it. */
let heldId: Promise<string> | undefined;
export const browserId = (): Promise<string> =>
  (heldId ??= readBrowserId().catch((error: unknown) => {
    heldId = undefined; // storage failed: asked again next time
    throw error;
  }));

async function readBrowserId(): Promise<string> {
  const held: unknown = (await ext.storage.local.get(SYNC_ID_KEY))[SYNC_ID_KEY];
  // Its length bounds the mark's size (MARK_BYTES).
  if (typeof held === "string" && held && held.length <= BROWSER_ID_MAX) return held;
  const id = crypto.randomUUID();
  await ext.storage.local.set({ [SYNC_ID_KEY]: id });
  return id;
}
