// What a page may learn from a failed translation: the error as the reader needs it, without the server's address or
// the server's own words. The status card sits in a closed shadow root, but a page can still search its text with
// window.find; the popup, an extension page, shows the address on its own line.
import type { TranslateError } from "./translator";

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** A path after the address, up to (not including) the punctuation that ends a sentence. */
const PATH = String.raw`(/[^\s]*[^\s.,;:)])?`;

/** Where `withoutAddress` took out an example address on the server's own origin (its path follows, if any). */
const SERVER_ADDRESS = "your server's address";
const FOLLOWED_BY = " followed by ";

/** `text` with the server's address taken out: "the server at http://…" reads "your server". */
export function withoutAddress(text: string, baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    return text;
  }
  const origin = escapeRegExp(url.origin);
  return (
    text
      .replace(new RegExp(`\\bthe server at ${origin}${PATH}`, "g"), "your server")
      .replace(new RegExp(`\\bThe server at ${origin}${PATH}`, "g"), "Your server")
      .replace(new RegExp(`\\bThe model at ${origin}${PATH}`, "g"), "The model on your server")
      // An example address on the server's own origin ("e.g. http://…/v1"): a bare "e.g. /v1" would read as the
      // whole address to type.
      .replace(new RegExp(`\\be\\.g\\. ${origin}${PATH}`, "g"), (_, path?: string) =>
        path ? `e.g. ${SERVER_ADDRESS}${FOLLOWED_BY}${path}` : `e.g. ${SERVER_ADDRESS}`,
      )
      // An endpoint named after the phrase ("no chat endpoint at …/v1/chat/completions") keeps its path only.
      .replace(new RegExp(`${origin}(/[^\\s]*[^\\s.,;:)])`, "g"), "$1")
      .replace(new RegExp(`${origin}|\\b${escapeRegExp(url.host)}\\b`, "g"), "your server")
  );
}

/** The address put back where `withoutAddress` took it out, for the popup (an extension page the site cannot read). */
export function withAddress(text: string, baseUrl: string | undefined): string {
  if (!baseUrl) return text;
  let origin = baseUrl;
  try {
    origin = new URL(baseUrl.trim()).origin;
  } catch {
    // not an address: put back as it is
  }
  return text
    .replaceAll(`${SERVER_ADDRESS}${FOLLOWED_BY}`, origin)
    .replaceAll(SERVER_ADDRESS, origin)
    .replace(/\bThe model on your server\b/g, `The model at ${baseUrl}`)
    .replace(/\bYour server\b/g, `The server at ${baseUrl}`)
    .replace(/\byour server\b/g, `the server at ${baseUrl}`);
}

/** The error a content script gets: what happened, why and what to do; no address, no server message (`detail`). */
export function pageSafeError(error: TranslateError, baseUrl: string): TranslateError {
  return {
    kind: error.kind,
    message: withoutAddress(error.message, baseUrl),
    ...(error.fix !== undefined ? { fix: withoutAddress(error.fix, baseUrl) } : {}),
    ...(error.reason !== undefined ? { reason: error.reason } : {}),
  };
}
