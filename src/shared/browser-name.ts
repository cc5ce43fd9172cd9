// The name other browsers give this one when they speak of it ("Firefox on Linux"): made here from what the browser says
// of itself, or typed by the reader; only ever put in the reader's own sync account.
import { bytes } from "./sync-quota";

/** What the browser says of itself: its name where it gives one (Firefox's runtime.getBrowserInfo), its brands
 * (Chromium's navigator.userAgentData), its user agent, and its OS (runtime.getPlatformInfo). */
export interface BrowserFacts {
  name?: string;
  brands?: readonly string[];
  userAgent: string;
  os?: string;
}

const OS_NAMES: Record<string, string> = {
  win: "Windows",
  mac: "macOS",
  linux: "Linux",
  cros: "ChromeOS",
  android: "Android",
  openbsd: "OpenBSD",
  fuchsia: "Fuchsia",
};

/** Chromium's brands a reader knows, most specific first (every one of them lists "Chromium" too). */
const BRANDS: Array<[string, string]> = [
  ["Microsoft Edge", "Edge"],
  ["Opera", "Opera"],
  ["Brave", "Brave"],
  ["Vivaldi", "Vivaldi"],
  ["Google Chrome", "Chrome"],
  ["Chromium", "Chromium"],
];
/** The same, from the user agent, for a browser without brands. */
const AGENTS: Array<[RegExp, string]> = [
  [/\bEdg\//, "Edge"],
  [/\bOPR\//, "Opera"],
  [/\bVivaldi\//, "Vivaldi"],
  [/\bFirefox\//, "Firefox"],
  [/\bChrome\//, "Chrome"],
];

export function browserName(facts: BrowserFacts): string {
  const brand =
    facts.name?.trim() ||
    BRANDS.find(([known]) => facts.brands?.includes(known))?.[1] ||
    AGENTS.find(([pattern]) => pattern.test(facts.userAgent))?.[1] ||
    "A browser";
  const os = facts.os && OS_NAMES[facts.os];
  return os ? `${brand} on ${os}` : brand;
}

/** How many UTF-8 bytes of JSON a name may take in the account: the mark that carries it must have a known size. */
export const NAME_MAX_BYTES = 64;

const jsonBytes = (text: string): number => bytes(JSON.stringify(text)) - 2;

/** A typed name as it is kept: spaces run together, control characters out, cut (never within a character) to fit
 * NAME_MAX_BYTES; empty when nothing is left (the made name is used then). */
export function cleanName(typed: string): string {
  const text = typed
    .replace(/\p{Cc}/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  let kept = "";
  for (const char of text) {
    if (jsonBytes(kept + char) > NAME_MAX_BYTES) break;
    kept += char;
  }
  return kept.trim();
}
