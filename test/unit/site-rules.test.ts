import {
  isSiteRule,
  matchingSiteRule,
  normalizeSiteRule,
  originsToRequest,
  serverOriginPattern,
  siteRuleMatches,
  siteOf,
  siteRuleMatchPatterns,
  suggestSiteRule,
} from "../../src/shared/site-rules";

describe("auto-translate site rules", () => {
  it("matches a subreddit on old and new Reddit, whole path segments only", () => {
    const rule = "reddit.com/r/de";
    expect(siteRuleMatches(rule, "https://old.reddit.com/r/de/comments/abc/title/")).toBe(true);
    expect(siteRuleMatches(rule, "https://www.reddit.com/r/de/")).toBe(true);
    expect(siteRuleMatches(rule, "https://www.reddit.com/r/DE")).toBe(true);
    expect(siteRuleMatches(rule, "https://www.reddit.com/r/denmark/")).toBe(false);
    expect(siteRuleMatches(rule, "https://notreddit.com/r/de/")).toBe(false);
  });

  it("matches a host with its subdomains, and a port when given", () => {
    expect(siteRuleMatches("lemonde.fr", "https://www.lemonde.fr/article")).toBe(true);
    expect(siteRuleMatches("127.0.0.1:8000", "http://127.0.0.1:8000/x")).toBe(true);
    expect(siteRuleMatches("127.0.0.1:8000", "http://127.0.0.1:9000/x")).toBe(false);
    expect(siteRuleMatches("lemonde.fr", "file:///lemonde.fr")).toBe(false);
  });

  it("normalises what people paste and rejects what is not a site", () => {
    expect(normalizeSiteRule("https://Old.Reddit.com/r/de/")).toBe("old.reddit.com/r/de");
    expect(normalizeSiteRule("*.example.org")).toBe("example.org");
    for (const bad of ["", "not a site", "example", "exa mple.com", "-bad-.com", "host.com:port", "a.com?x"]) {
      expect(isSiteRule(bad)).toBe(false);
    }
    expect(matchingSiteRule(["a.com", "reddit.com/r/de"], "https://old.reddit.com/r/de")).toBe("reddit.com/r/de");
  });

  it("suggests the subreddit, not all of Reddit, for 'Always translate'", () => {
    expect(suggestSiteRule("https://old.reddit.com/r/de/comments/1/x")).toBe("reddit.com/r/de");
    expect(suggestSiteRule("https://www.reddit.com/")).toBe("reddit.com");
    expect(suggestSiteRule("https://www.spiegel.de/politik")).toBe("spiegel.de");
    expect(suggestSiteRule("chrome://settings")).toBeUndefined();
  });

  it("asks for permissions only for hosts the manifest does not grant", () => {
    expect(siteRuleMatchPatterns("reddit.com/r/de")).toEqual(["*://reddit.com/*", "*://*.reddit.com/*"]);
    expect(originsToRequest(["127.0.0.1:8000/r/de", "localhost", "spiegel.de"])).toEqual([
      "*://spiegel.de/*",
      "*://*.spiegel.de/*",
    ]);
    expect(serverOriginPattern("http://127.0.0.1:8080")).toBeUndefined();
    expect(serverOriginPattern("https://api.example.com/v1")).toBe("https://api.example.com/*");
  });
});

describe("the site a page belongs to", () => {
  it("is roughly the registrable domain", () => {
    expect(siteOf("https://old.reddit.com/r/de")).toBe("reddit.com");
    expect(siteOf("https://www.reddit.com/")).toBe("reddit.com");
    expect(siteOf("https://news.bbc.co.uk/x")).toBe("bbc.co.uk");
    expect(siteOf("http://127.0.0.1:8000/page")).toBe("127.0.0.1");
    expect(siteOf("http://localhost:3000/")).toBe("localhost");
    expect(siteOf("not a url")).toBe("");
  });
});
