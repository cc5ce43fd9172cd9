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
