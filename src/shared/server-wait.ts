// Why the server keeps a translation waiting, in the words every card of Gloss's uses (status card, look-up card,
// reply-box card, popup): one place, so that they say the same thing.
import type { TabState } from "./messages";

/** What the server is doing with a request, as the translator reports it. */
export type ServerStatus = NonNullable<TabState["serverStatus"]>;

/** The reason to show while the server keeps a request waiting; none while it writes the reply. */
export const SERVER_WAIT: Readonly<Partial<Record<ServerStatus, string>>> = {
  loading: "The model is still loading on the server.",
  busy: "The server is busy with other requests; Gloss waits for it.",
  "waiting-for-slot": "Waiting for the server to finish what it is translating; this goes next.",
};
