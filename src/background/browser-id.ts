// This browser's lasting id among the account's browsers (it names this browser's mark when its settings are too large
// for sync): made once and kept in storage.local, never synced.
import { BROWSER_ID_MAX } from "../shared/sync-behind";
import { SYNC_ID_KEY } from "../shared/settings-sync";
import { keptId } from "./kept-id";

// Its length bounds the mark's size (MARK_BYTES).
export const browserId = keptId(SYNC_ID_KEY, (held) => held.length <= BROWSER_ID_MAX);
