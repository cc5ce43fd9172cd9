// What settings sync's steps share: its dependencies, the records it keeps, and what it remembers between steps.
import { joinFromSync, type Joined } from "../shared/settings-sync";
import type { LeftOut } from "../shared/sync-left-out";
import type { SyncDeps } from "./sync-deps";
import type { BehindMarks } from "./sync-behind-marks";
import type { SeenRecord } from "./sync-seen";
import type { StatusNotes } from "./sync-status-notes";

export interface SyncParts {
  deps: SyncDeps;
  now: () => number;
  notes: StatusNotes;
  seen: SeenRecord;
  marks: BehindMarks;
  /** This browser's settings are too large and the account refused its mark (no room: other browsers' marks fill
   * it), so the others were not told. */
  untoldHere: boolean;
  /** What this browser's last merge left out of the account's lists, for its next write to name. */
  carried: LeftOut | undefined;
}

/** The account's items as they stand, joined. */
export const held = async ({ deps }: SyncParts): Promise<Joined> => joinFromSync(await deps.area.get());
