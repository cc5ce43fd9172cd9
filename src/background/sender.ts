// Who sent a message. Extension pages (popup, options) may change settings; content scripts may only ask for their
// own tab's work. Anything else (another extension, a web page) is ignored.
import { ext, type Runtime } from "../extension/api";

export type SenderKind = "extension-page" | "content-script";

export function classifySender(sender: Runtime.MessageSender): SenderKind | undefined {
  if (sender.id !== ext.runtime.id) return undefined;
  const extensionOrigin = ext.runtime.getURL("");
  if (sender.url?.startsWith(extensionOrigin)) return "extension-page";
  if (sender.tab?.id !== undefined && sender.tab.id >= 0) return "content-script";
  return undefined;
}

const webOrigin = (url: string | undefined): string | undefined => {
  try {
    const parsed = new URL(url ?? "");
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
};

/**
 * Whether the page a content script names (asking for its settings, reporting its address) is its own: a script in a
 * frame of another site (an ad, an embedded thread) must neither learn which sites the reader translates, or their
 * parts, nor pass for another site's page in the popup and the menu. Same origin, not the same address: the page may
 * have moved since it loaded (history.pushState), and Firefox names the address it loaded at. A frame with no web
 * address of its own (about:blank, which a page may fill with document.open and its own address) lives in the
 * process of the page that made it, so it may name that.
 */
export function ownAddress(asked: string, sent: string | undefined): boolean {
  const own = webOrigin(sent);
  return own === undefined || own === webOrigin(asked);
}
