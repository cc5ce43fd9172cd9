// Sites and auto-translate rules. A site is a registrable domain from the public-suffix list (`tldts`):
// `alice.github.io` and `bob.github.io` are two sites, `news.bbc.co.uk` and `www.bbc.co.uk` one. A rule is a host,
// optionally with a port and a path prefix — `example.com`, `reddit.com/r/de`, `127.0.0.1:8000/docs`, `[::1]:8080`.
// A rule for a host covers its subdomains (`reddit.com` covers `old.reddit.com`), and a path prefix matches whole
// segments (`/r/de` matches `/r/de/comments/…` but not `/r/denmark`). A public suffix (`github.io`, `co.uk`) is no site.
import type * as Tldts from "tldts";

// The list's private section too: github.io, blogspot.com and the like host many unrelated sites.
const PSL = { allowPrivateDomains: true } as const;

let tldts: typeof Tldts | undefined;
/** `host` read against the list, loaded at its first use: building its tables took every page the userscript runs
 * on some 20 ms, and a page with no auto-translate rule needs none of it until the reader translates. A `require`
 * is what the bundler turns into a module initialised when first called (an `import` runs as the bundle loads). */
function parse(host: string): ReturnType<typeof Tldts.parse> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  tldts ??= require("tldts") as typeof Tldts;
  return tldts.parse(host, PSL);
}

const HOST_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

interface ParsedRule {
  host: string;
  port: string;
  path: string;
}

/**
 * A host as the browser's address has it: a name typed in its own script (`bücher.de`, `пример.рф`) in its ASCII form
 * (`xn--bcher-kva.de`), which is what a page's URL holds and a match pattern takes; undefined when it is no host.
 */
function asciiHost(host: string): string | undefined {
  if (!/[^ -~]/.test(host)) return host;
  try {
    return new URL(`http://${host}/`).hostname;
  } catch {
    return undefined;
  }
}

/**
 * A path with its non-ASCII characters as characters, in lower case: a page's URL spells `/wiki/Über` as
 * `/wiki/%C3%9Cber`, a reader types it as they read it, and lower-casing the escapes would not make Ü an ü. ASCII
 * escapes (`%20`, `%2F`) stay as they are, so the path keeps its segments and has no space.
 */
function readablePath(path: string): string {
  return path
    .replace(/(?:%[89a-f][0-9a-f])+/gi, (escapes) => {
      try {
        return decodeURIComponent(escapes);
      } catch {
        return escapes;
      }
    })
    .toLowerCase();
}

/** `[::1]:8080`: an IPv6 address is written in brackets, as in an address, so that its colons are not a port's. */
const IPV6_HOST_PORT = /^(\[[0-9a-f:.]+\])(?::(\d+))?$/;

/** An IPv6 address in the form a page's URL and a match pattern have (`[0:0::1]` → `[::1]`); undefined if none. */
function ipv6Host(bracketed: string): string | undefined {
  try {
    return new URL(`http://${bracketed}/`).hostname;
  } catch {
    return undefined;
  }
}

/**
 * A port as a page's URL has it (`08080` → `8080`), "" for none; undefined when no page can have it (`99999`, `0`):
 * the rule would be saved and never match.
 */
function portOf(typed: string): string | undefined {
  if (!typed) return "";
  const port = /^\d{1,5}$/.test(typed) ? Number(typed) : 0;
  return port >= 1 && port <= 65535 ? String(port) : undefined;
}

function parseRule(input: string): ParsedRule | undefined {
  let rule = input.trim().toLowerCase();
  // Written as a match pattern (`*://*.example.com/*`, `reddit.com/r/de/*`): its wildcards say what a rule already
  // means (any scheme, subdomains, the pages below); a literal `/*` path matched no page.
  rule = rule.replace(/^(?:[a-z][a-z0-9+.-]*|\*):\/\//, "").replace(/^\*\./, "");
  if (!rule || /[\s?#@\\]/.test(rule)) return undefined;
  const slash = rule.indexOf("/");
  const hostPort = slash === -1 ? rule : rule.slice(0, slash);
  let path = slash === -1 ? "" : readablePath(rule.slice(slash));
  path = path.replace(/(?:\/\*?)+$/, "");
  const ipv6 = IPV6_HOST_PORT.exec(hostPort);
  if (ipv6) {
    const host = ipv6Host(ipv6[1]!);
    const port = portOf(ipv6[2] ?? "");
    return host && port !== undefined ? { host, port, path } : undefined;
  }
  const [typedHost = "", typedPort = "", extra] = hostPort.split(":");
  const host = asciiHost(typedHost) ?? "";
  const port = portOf(typedPort);
  if (extra !== undefined || port === undefined) return undefined;
  const labels = host.split(".");
  if (!labels.every((label) => HOST_LABEL.test(label))) return undefined;
  if (host !== "localhost" && labels.length < 2) return undefined;
  return { host, port, path };
}

/** `github.io`, `co.uk`: a suffix under which anyone can register a site, so a rule for it would cover strangers. */
function isPublicSuffix(host: string): boolean {
  const parsed = parse(host);
  return !parsed.isIp && host !== "localhost" && parsed.domain === null;
}

/** Whether a rule names a public suffix (`github.io`) rather than a site. */
export function namesPublicSuffix(input: string): boolean {
  const rule = parseRule(input);
  return !!rule && isPublicSuffix(rule.host);
}

/** `::1`, `fe80::1:8080`: an IPv6 address without its brackets, where a port cannot be told from the address. */
const BARE_IPV6 = /^[0-9a-f.]*:[0-9a-f.]*:[0-9a-f:.]*(?:\/|$)/i;

/** Why `input` cannot be a rule, in words for the person who typed it; undefined when it can. */
export function siteRuleProblem(input: string): string | undefined {
  const rule = parseRule(input);
  const shown = input.trim();
  if (!rule && BARE_IPV6.test(shown.replace(/^[a-z][a-z0-9+.-]*:\/\//i, ""))) {
    return `Write an IPv6 address in brackets, as in a web address: [::1] or [::1]:8080.`;
  }
  if (!rule)
    return `“${shown}” is not a site. Use a host name, optionally with a path: example.com or reddit.com/r/de.`;
  if (isPublicSuffix(rule.host)) {
    return `“${rule.host}” is shared by many unrelated sites. Name one of them, for example mysite.${rule.host}.`;
  }
  return undefined;
}

export function isSiteRule(input: string): boolean {
  return siteRuleProblem(input) === undefined;
}

/** `https://Old.Reddit.com/r/de/` → `old.reddit.com/r/de` (scheme and trailing slash dropped, lower case). */
export function normalizeSiteRule(input: string): string {
  const rule = parseRule(input);
  if (!rule || isPublicSuffix(rule.host)) throw new Error(`not a site rule: ${input}`);
  return `${rule.host}${rule.port ? `:${rule.port}` : ""}${rule.path}`;
}

export function siteRuleMatches(input: string, url: string): boolean {
  const rule = parseRule(input);
  if (!rule || isPublicSuffix(rule.host)) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return false;
  const host = parsed.hostname.toLowerCase();
  if (host !== rule.host && !host.endsWith(`.${rule.host}`)) return false;
  // A URL leaves out its scheme's own port: "example.com:443" is https://example.com/, as pasted from an address.
  if (rule.port && (parsed.port || (parsed.protocol === "https:" ? "443" : "80")) !== rule.port) return false;
  if (!rule.path) return true;
  const path = readablePath(parsed.pathname);
  return path === rule.path || path.startsWith(`${rule.path}/`);
}

/** Whether `wide` matches every page `narrow` matches: `reddit.com` covers `old.reddit.com` and `reddit.com/r/de`. */
export function siteRuleCovers(wide: string, narrow: string): boolean {
  const outer = parseRule(wide);
  const inner = parseRule(narrow);
  if (!outer || !inner) return false;
  const host = inner.host === outer.host || inner.host.endsWith(`.${outer.host}`);
  const path = !outer.path || inner.path === outer.path || inner.path.startsWith(`${outer.path}/`);
  return host && (!outer.port || outer.port === inner.port) && path;
}

export function matchingSiteRule(rules: readonly string[], url: string): string | undefined {
  return rules.find((rule) => siteRuleMatches(rule, url));
}

/**
 * Match patterns that cover a rule, for `permissions.request` and `scripting.registerContentScripts`.
 * Patterns cannot express a port or "a path and everything under it" exactly, so they are broader; the content
 * script checks the exact rule before translating.
 */
export function siteRuleMatchPatterns(input: string): string[] {
  const rule = parseRule(input);
  if (!rule) return [];
  const isIp = /^[\d.]+$/.test(rule.host) || rule.host.startsWith("[");
  return isIp || rule.host === "localhost" ? [`*://${rule.host}/*`] : [`*://${rule.host}/*`, `*://*.${rule.host}/*`];
}

/** The rule a user most likely means for "Always translate this site" on `url`: the site, with the port if any. */
export function suggestSiteRule(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return undefined;
  const site = siteOf(url);
  const port = parsed.port ? `:${parsed.port}` : "";
  // On Reddit, "this site" is the subreddit: people read r/de translated, not all of Reddit.
  const subreddit = /^\/r\/([^/]+)/i.exec(parsed.pathname);
  if (site === "reddit.com" && subreddit) return `reddit.com/r/${subreddit[1]!.toLowerCase()}`;
  const rule = `${site}${port}`;
  return isSiteRule(rule) ? rule : undefined;
}

/** Every web page: what hover translation needs (the manifest's optional host permission). */
export const ALL_SITES = "*://*/*";

/** Hosts the manifest grants already (any port, http only); everything else is an optional permission asked for at
 * use. */
const BUILT_IN_HOSTS = new Set(["127.0.0.1", "localhost"]);

/**
 * The match patterns to request when these rules are added; built-in hosts need no prompt over http. `pageUrl`, the
 * page the rule is added from: on `https://localhost:8443` the manifest's http grant does not cover it, and its
 * host is asked for with its scheme (a rule typed without a page cannot say which scheme it means).
 */
export function originsToRequest(rules: readonly string[], pageUrl?: string): string[] {
  const beyondManifest = builtInHostBeyondManifest(pageUrl);
  return [...new Set(rules.flatMap(siteRuleMatchPatterns))].flatMap((pattern) => {
    const host = pattern.replace(/^\*:\/\/(\*\.)?/, "").replace(/\/\*$/, "");
    if (!BUILT_IN_HOSTS.has(host)) return [pattern];
    return beyondManifest?.host === host ? [`${beyondManifest.scheme}//${host}/*`] : [];
  });
}

/** The page's built-in host and scheme when the manifest's grant (http) does not cover them; undefined otherwise. */
function builtInHostBeyondManifest(pageUrl: string | undefined): { scheme: string; host: string } | undefined {
  let url: URL;
  try {
    url = new URL(pageUrl ?? "");
  } catch {
    return undefined;
  }
  return url.protocol === "https:" && BUILT_IN_HOSTS.has(url.hostname)
    ? { scheme: url.protocol, host: url.hostname }
    : undefined;
}

/** The match pattern the background needs to reach a server at `baseUrl`, or undefined when none is needed. */
export function serverOriginPattern(baseUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return undefined;
  }
  if (BUILT_IN_HOSTS.has(url.hostname) && url.protocol === "http:") return undefined;
  return `${url.protocol}//${url.hostname}/*`;
}

/**
 * The site a page belongs to: its registrable domain (`old.reddit.com` → `reddit.com`, `news.bbc.co.uk` →
 * `bbc.co.uk`, `alice.github.io` stays itself), or the host where there is none (an IP address, `localhost`).
 * Pages of one site share cached translations; other sites cannot probe them.
 */
export function siteOf(url: string | undefined): string {
  let host: string;
  try {
    const parsed = new URL(url ?? "");
    // A blob: page (a web app's attachment opened in a tab) belongs to the page that made it, `blob:https://host/…`:
    // its own host is empty, which would put every site's blob pages (and local files) in one cache partition.
    host = (parsed.protocol === "blob:" ? new URL(parsed.pathname) : parsed).hostname.toLowerCase();
  } catch {
    return "";
  }
  if (!host) return "";
  const parsed = parse(host);
  return (!parsed.isIp && parsed.domain) || host;
}
