// Auto-translate rules: a host, optionally with a port and a path prefix — `example.com`, `reddit.com/r/de`,
// `127.0.0.1:8000/docs`. A rule for a host covers its subdomains (`reddit.com` covers `old.reddit.com`), and a path
// prefix matches whole segments (`/r/de` matches `/r/de/comments/…` but not `/r/denmark`).

const HOST_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

interface ParsedRule {
  host: string;
  port: string;
  path: string;
}

function parseRule(input: string): ParsedRule | undefined {
  let rule = input.trim().toLowerCase();
  rule = rule.replace(/^[a-z][a-z0-9+.-]*:\/\//, "").replace(/^\*\./, "");
  if (!rule || /[\s?#@\\]/.test(rule)) return undefined;
  const slash = rule.indexOf("/");
  const hostPort = slash === -1 ? rule : rule.slice(0, slash);
  let path = slash === -1 ? "" : rule.slice(slash);
  path = path.replace(/\/+$/, "");
  const [host = "", port = "", extra] = hostPort.split(":");
  if (extra !== undefined) return undefined;
  if (port && !/^\d{1,5}$/.test(port)) return undefined;
  const labels = host.split(".");
  if (!labels.every((label) => HOST_LABEL.test(label))) return undefined;
  if (host !== "localhost" && labels.length < 2) return undefined;
  return { host, port, path };
}

export function isSiteRule(input: string): boolean {
  return parseRule(input) !== undefined;
}

/** `https://Old.Reddit.com/r/de/` → `old.reddit.com/r/de` (scheme and trailing slash dropped, lower case). */
export function normalizeSiteRule(input: string): string {
  const rule = parseRule(input);
  if (!rule) throw new Error(`not a site rule: ${input}`);
  return `${rule.host}${rule.port ? `:${rule.port}` : ""}${rule.path}`;
}

export function siteRuleMatches(input: string, url: string): boolean {
  const rule = parseRule(input);
  if (!rule) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return false;
  const host = parsed.hostname.toLowerCase();
  if (host !== rule.host && !host.endsWith(`.${rule.host}`)) return false;
  if (rule.port && parsed.port !== rule.port) return false;
  if (!rule.path) return true;
  const path = parsed.pathname.toLowerCase();
  return path === rule.path || path.startsWith(`${rule.path}/`);
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
  const isIp = /^[\d.]+$/.test(rule.host);
  return isIp || rule.host === "localhost" ? [`*://${rule.host}/*`] : [`*://${rule.host}/*`, `*://*.${rule.host}/*`];
}

/** The rule a user most likely means for "Always translate this site" on `url`. */
export function suggestSiteRule(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return undefined;
  const host = parsed.hostname.toLowerCase().replace(/^www\./, "");
  const port = parsed.port ? `:${parsed.port}` : "";
  // On Reddit, "this site" is the subreddit: people read r/de translated, not all of Reddit.
  const subreddit = /^\/r\/([^/]+)/i.exec(parsed.pathname);
  if (/(^|\.)reddit\.com$/.test(host) && subreddit) return `reddit.com/r/${subreddit[1]!.toLowerCase()}`;
  if (/(^|\.)reddit\.com$/.test(host)) return "reddit.com";
  return `${host}${port}`;
}

/** Hosts the manifest grants already (any port); everything else is an optional permission asked for at use. */
const BUILT_IN_HOSTS = new Set(["127.0.0.1", "localhost"]);

/** The match patterns to request when these rules are added; built-in hosts need no prompt. */
export function originsToRequest(rules: readonly string[]): string[] {
  return [...new Set(rules.flatMap(siteRuleMatchPatterns))].filter(
    (pattern) => !BUILT_IN_HOSTS.has(pattern.replace(/^\*:\/\/(\*\.)?/, "").replace(/\/\*$/, "")),
  );
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
 * The site a page belongs to, roughly its registrable domain (`old.reddit.com` → `reddit.com`,
 * `news.bbc.co.uk` → `bbc.co.uk`): pages of one site share cached translations, other sites cannot probe them.
 */
export function siteOf(url: string | undefined): string {
  let host: string;
  try {
    host = new URL(url ?? "").hostname.toLowerCase();
  } catch {
    return "";
  }
  if (!host.includes(".") || /^[\d.]+$/.test(host) || host.startsWith("[")) return host;
  const labels = host.split(".");
  // A short second-level label under a country code (co.uk, com.au, ac.jp) is part of the public suffix.
  const publicSecondLevel =
    labels.length > 2 && labels.at(-1)!.length === 2 && /^(co|com|org|net|gov|ac|edu|ne|or)$/.test(labels.at(-2)!);
  return labels.slice(publicSecondLevel ? -3 : -2).join(".");
}
