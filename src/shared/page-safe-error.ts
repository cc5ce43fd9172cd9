// What a page may learn from a failed translation: the error as the reader needs it, without the server's address, the
// model's name or the server's own words. The status card sits in a closed shadow root, but a page can still search
// its text with window.find (a page that tries the common model names learns which one the reader runs); the popup,
// an extension page, puts the address and the name back.
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

/** Where `withoutModel` took the model's name out of a command ("ollama pull gemma2:2b"). */
const MODEL_NAME = "the model's name";
const CHOSEN_MODEL = "the model chosen on the options page";
/** The commands an error tells the reader to run with the model's name after them (llm/errors.ts). */
const MODEL_COMMANDS = String.raw`\b(?:ollama pull|lms load)`;

/**
 * `text` without the model's name: 'the model "gemma2:2b"' reads "the model chosen on the options page". `which`
 * names the setting it came from (the writing model's errors say "the writing model chosen …").
 */
export function withoutModel(text: string, model: string | undefined, which = "model"): string {
  const name = model?.trim();
  if (!name) return text;
  const quoted = escapeRegExp(`"${name}"`);
  return text
    .replace(new RegExp(`\\bthe model ${quoted}`, "g"), CHOSEN_MODEL.replace("model", which))
    .replace(
      new RegExp(`(${MODEL_COMMANDS}) ${escapeRegExp(name)}(?=[);,\\s]|$)`, "g"),
      `$1${FOLLOWED_BY}${MODEL_NAME.replace("model", which)}`,
    );
}

/** The model's name put back where `withoutModel` took it out, for the popup. */
export function withModel(text: string, model: string | undefined): string {
  const name = model?.trim();
  if (!name) return text;
  // Functions, not strings: a "$&" in a model's name is not a replacement pattern.
  return text
    .replaceAll(`${FOLLOWED_BY}${MODEL_NAME}`, () => ` ${name}`)
    .replaceAll(CHOSEN_MODEL, () => `the model "${name}"`);
}

/** What a page may not read, from the settings: where the server is and which model it runs. */
export interface ServerNames {
  baseUrl: string;
  model?: string | undefined;
  /** The model that translates what the reader writes: its errors (the reply-box card's) name it instead. */
  writingModel?: string | undefined;
}

/** `withAddress` and `withModel` together: an error the page got, as the popup shows it. */
export function withServerNames(text: string, names: ServerNames | undefined): string {
  return names ? withModel(withAddress(text, names.baseUrl), names.model) : text;
}

/** The error a content script gets: what happened, why and what to do; no address, no model's name, no server message
 * (`detail`). */
export function pageSafeError(error: TranslateError, names: ServerNames): TranslateError {
  const safe = (text: string) =>
    withoutModel(withoutModel(withoutAddress(text, names.baseUrl), names.model), names.writingModel, "writing model");
  return {
    kind: error.kind,
    message: safe(error.message),
    ...(error.fix !== undefined ? { fix: safe(error.fix) } : {}),
    ...(error.reason !== undefined ? { reason: error.reason } : {}),
  };
}
