// The hosts a set of settings needs the user's permission for, as Save asks for them: the sites translated
// automatically, a server other than 127.0.0.1/localhost, and every site for hover translation or "ready on every
// site". Restoring a backup checks the same list to say whether Save still has to ask.
import type { Settings } from "../shared/settings";
import { ALL_SITES, originsToRequest, serverOriginPattern } from "../shared/site-rules";

type HostSettings = Partial<Pick<Settings, "autoTranslate" | "baseUrl" | "hoverTranslate" | "readyOnEverySite">>;

export function hostsToAsk(settings: HostSettings): string[] {
  const server = settings.baseUrl ? serverOriginPattern(settings.baseUrl) : undefined;
  return [
    ...originsToRequest(settings.autoTranslate ?? []),
    ...(server ? [server] : []),
    ...(settings.hoverTranslate || settings.readyOnEverySite ? [ALL_SITES] : []),
  ];
}
