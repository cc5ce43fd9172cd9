// Where a content script's request comes from, for the translation cache. Saved translations are kept per site, so
// a page cannot tell by timing what the reader read on another site. Firefox's containers keep sites apart too: the
// same site in a "Work" and a "Personal" container has two cookie jars and must not learn, through how fast a text
// comes back, what was read in the other. The default container keeps the plain site (Chromium has none), so
// translations saved before stay found.
import type { Runtime } from "../extension/api";
import type { RequestContext } from "../connection/translation-service";
import { siteOf } from "../shared/site-rules";

const DEFAULT_CONTAINER = "firefox-default";

export function requestContextOf(sender: Runtime.MessageSender, url: string): RequestContext {
  // A frame with no address of its own (about:blank, a rich editor's frame the reply box reaches into; a blob:null
  // one) has no site: it belongs to the page that made it, not to one partition every site's such frames share.
  const origin = (sender as { origin?: string }).origin; // Chromium names the frame's origin; Firefox does not
  const site = siteOf(url) || siteOf(origin) || siteOf(sender.tab?.url);
  const container = sender.tab?.cookieStoreId;
  return {
    site: container && container !== DEFAULT_CONTAINER ? `${site} ${container}` : site,
    incognito: sender.tab?.incognito === true,
  };
}
