import {
  isSiteRule,
  matchingSiteRule,
  normalizeSiteRule,
  originsToRequest,
  serverOriginPattern,
  siteRuleMatches,
  siteRuleProblem,
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
    // A page's URL leaves its scheme's own port out.
    expect(siteRuleMatches(normalizeSiteRule("https://lemonde.fr:443/"), "https://www.lemonde.fr/article")).toBe(true);
    expect(siteRuleMatches("lemonde.fr:443", "http://lemonde.fr/article")).toBe(false);
    expect(siteRuleMatches("localhost:80/docs", "http://localhost/docs/intro")).toBe(true);
    // A port as typed with a leading zero is the page's port; one no page can have is no site.
    expect(normalizeSiteRule("localhost:08080")).toBe("localhost:8080");
    expect(siteRuleMatches("localhost:08080", "http://localhost:8080/x")).toBe(true);
    for (const bad of ["localhost:99999", "localhost:0", "[::1]:70000"]) expect(isSiteRule(bad)).toBe(false);
  });

  it("normalises what people paste and rejects what is not a site", () => {
    expect(normalizeSiteRule("https://Old.Reddit.com/r/de/")).toBe("old.reddit.com/r/de");
    expect(normalizeSiteRule("*.example.org")).toBe("example.org");
    for (const bad of ["", "not a site", "example", "exa mple.com", "-bad-.com", "host.com:port", "a.com?x"]) {
      expect(isSiteRule(bad)).toBe(false);
    }
    expect(matchingSiteRule(["a.com", "reddit.com/r/de"], "https://old.reddit.com/r/de")).toBe("reddit.com/r/de");
  });

  it("takes a rule written as a match pattern, its wildcards meaning what a rule means already", () => {
    expect(normalizeSiteRule("example.com/*")).toBe("example.com");
    expect(normalizeSiteRule("*://*.example.com/*")).toBe("example.com");
    expect(normalizeSiteRule("https://www.reddit.com/r/de/*")).toBe("www.reddit.com/r/de");
    expect(siteRuleMatches("reddit.com/r/de/*", "https://old.reddit.com/r/de/comments/1/x")).toBe(true);
    expect(siteRuleMatches("example.com/*", "https://example.com/")).toBe(true);
    expect(siteRuleMatchPatterns("*://*.example.com/*")).toEqual(["*://example.com/*", "*://*.example.com/*"]);
  });

  it("takes a site named in its own script, in the form the browser's address and match patterns use", () => {
    expect(siteRuleProblem("bücher.de")).toBeUndefined();
    expect(normalizeSiteRule("https://BÜCHER.de/")).toBe("xn--bcher-kva.de");
    expect(siteRuleMatches("bücher.de", "https://www.bücher.de/kinder")).toBe(true);
    expect(siteRuleMatches(normalizeSiteRule("bücher.de"), "https://xn--bcher-kva.de/")).toBe(true);
    expect(siteRuleMatchPatterns("пример.рф")).toEqual([
      "*://xn--e1afmkfd.xn--p1ai/*",
      "*://*.xn--e1afmkfd.xn--p1ai/*",
    ]);
    expect(isSiteRule("bü cher.de")).toBe(false);
  });

  it("takes an IPv6 host in brackets, as an address has it, with a valid match pattern and permission", () => {
    expect(siteRuleProblem("[::1]:8080")).toBeUndefined();
    expect(normalizeSiteRule("http://[::1]:8080/path/")).toBe("[::1]:8080/path");
    expect(normalizeSiteRule("[0:0::1]")).toBe("[::1]");
    expect(normalizeSiteRule("[FE80::1]")).toBe("[fe80::1]");
    expect(siteRuleMatches("[::1]:8080", "http://[::1]:8080/docs")).toBe(true);
    expect(siteRuleMatches("[::1]:8080/docs", "http://[0:0::1]:8080/docs/a")).toBe(true);
    expect(siteRuleMatches("[::1]:8080", "http://[::1]:9090/docs")).toBe(false);
    expect(siteRuleMatches("[::1]", "http://[::2]/")).toBe(false);
    expect(siteRuleMatchPatterns("[::1]:8080/docs")).toEqual(["*://[::1]/*"]);
    expect(originsToRequest(["[::1]:8080"])).toEqual(["*://[::1]/*"]);
    expect(suggestSiteRule("http://[::1]:8080/index.html")).toBe("[::1]:8080");
    // Without brackets, the port cannot be told from the address.
    expect(siteRuleProblem("::1")).toMatch(/IPv6 address in brackets/);
    expect(siteRuleProblem("http://fe80::1:8080/x")).toMatch(/IPv6 address in brackets/);
    for (const bad of ["[::1", "[::1]:port", "[::g]", "[::1]x", "[]"]) expect(isSiteRule(bad)).toBe(false);
  });

  it("matches a path with letters beyond ASCII however it is written, in any case", () => {
    const typed = "de.wikipedia.org/wiki/Über";
    expect(normalizeSiteRule(typed)).toBe("de.wikipedia.org/wiki/über");
    expect(siteRuleMatches(typed, "https://de.wikipedia.org/wiki/%C3%9Cber/Geschichte")).toBe(true);
    expect(siteRuleMatches(typed, "https://de.wikipedia.org/wiki/über")).toBe(true);
    // Copied from an address bar: the same path, escaped.
    expect(siteRuleMatches("de.wikipedia.org/wiki/%C3%9Cber", "https://de.wikipedia.org/wiki/Über")).toBe(true);
    expect(siteRuleMatches(typed, "https://de.wikipedia.org/wiki/%C3%9Cberall")).toBe(false);
    // ASCII escapes stay: the rule keeps its segments.
    expect(normalizeSiteRule("example.com/a%2Fb")).toBe("example.com/a%2fb");
  });

  it("refuses a public suffix as a rule: it would cover every site registered under it", () => {
    for (const suffix of ["github.io", "co.uk", "blogspot.com", "*.github.io"]) {
      expect(isSiteRule(suffix)).toBe(false);
      expect(siteRuleProblem(suffix)).toMatch(/shared by many unrelated sites/);
      expect(siteRuleMatches(suffix, "https://alice.github.io/")).toBe(false);
    }
    expect(siteRuleProblem("alice.github.io")).toBeUndefined();
    expect(siteRuleMatches("alice.github.io", "https://alice.github.io/blog")).toBe(true);
    expect(siteRuleMatches("alice.github.io", "https://bob.github.io/blog")).toBe(false);
    expect(siteRuleProblem("not a site")).toMatch(/is not a site/);
  });

  it("suggests the subreddit, not all of Reddit, for 'Always translate'", () => {
    expect(suggestSiteRule("https://old.reddit.com/r/de/comments/1/x")).toBe("reddit.com/r/de");
    expect(suggestSiteRule("https://www.reddit.com/")).toBe("reddit.com");
    expect(suggestSiteRule("https://www.spiegel.de/politik")).toBe("spiegel.de");
    expect(suggestSiteRule("chrome://settings")).toBeUndefined();
  });

  it("suggests the site from the public-suffix list, never a suffix shared by other sites", () => {
    expect(suggestSiteRule("https://news.bbc.co.uk/x")).toBe("bbc.co.uk");
    expect(suggestSiteRule("https://alice.github.io/notes/")).toBe("alice.github.io");
    expect(suggestSiteRule("https://docs.alice.github.io/")).toBe("alice.github.io");
    expect(suggestSiteRule("http://127.0.0.1:8000/page")).toBe("127.0.0.1:8000");
    expect(suggestSiteRule("http://localhost:3000/")).toBe("localhost:3000");
    expect(suggestSiteRule("https://github.io/")).toBeUndefined();
  });

  it("asks for permissions only for hosts the manifest does not grant", () => {
    expect(siteRuleMatchPatterns("reddit.com/r/de")).toEqual(["*://reddit.com/*", "*://*.reddit.com/*"]);
    expect(originsToRequest(["127.0.0.1:8000/r/de", "localhost", "spiegel.de"])).toEqual([
      "*://spiegel.de/*",
      "*://*.spiegel.de/*",
    ]);
    // The manifest grants localhost and 127.0.0.1 over http only: added from an https page, their host is asked for
    // with its scheme; from an http page, or without a page, nothing is asked.
    expect(originsToRequest(["localhost:8443"], "https://localhost:8443/app")).toEqual(["https://localhost/*"]);
    expect(originsToRequest(["127.0.0.1"], "https://127.0.0.1/docs/")).toEqual(["https://127.0.0.1/*"]);
    expect(originsToRequest(["localhost:3000"], "http://localhost:3000/")).toEqual([]);
    expect(originsToRequest(["spiegel.de"], "https://www.spiegel.de/")).toEqual([
      "*://spiegel.de/*",
      "*://*.spiegel.de/*",
    ]);
    expect(serverOriginPattern("http://127.0.0.1:8080")).toBeUndefined();
    expect(serverOriginPattern("https://api.example.com/v1")).toBe("https://api.example.com/*");
  });
});

describe("the site a page belongs to", () => {
  it("is the registrable domain from the public-suffix list", () => {
    expect(siteOf("https://old.reddit.com/r/de")).toBe("reddit.com");
    expect(siteOf("https://www.reddit.com/")).toBe("reddit.com");
    expect(siteOf("https://news.bbc.co.uk/x")).toBe("bbc.co.uk");
    expect(siteOf("http://127.0.0.1:8000/page")).toBe("127.0.0.1");
    expect(siteOf("http://localhost:3000/")).toBe("localhost");
    expect(siteOf("not a url")).toBe("");
  });

  it("keeps sites under a shared suffix apart (github.io, blogspot.com, s3.amazonaws.com)", () => {
    expect(siteOf("https://alice.github.io/")).toBe("alice.github.io");
    expect(siteOf("https://bob.github.io/")).toBe("bob.github.io");
    expect(siteOf("https://www.alice.github.io/x")).toBe("alice.github.io");
    expect(siteOf("https://foo.blogspot.com/")).toBe("foo.blogspot.com");
    expect(siteOf("https://www.example.com.au/")).toBe("example.com.au");
    expect(siteOf("http://[::1]:8080/")).toBe("[::1]");
  });

  it("is the site that made a blob: page, so one site's blob pages share no saved translations with another's", () => {
    expect(siteOf("blob:https://mail.example.co.uk/2f1c6a0e-9d2b-4c1e-8e7a-0b6d5f4a3c21")).toBe("example.co.uk");
    expect(siteOf("blob:https://evil.example/2f1c6a0e-9d2b-4c1e-8e7a-0b6d5f4a3c21")).toBe("evil.example");
    expect(siteOf("blob:null/2f1c6a0e-9d2b-4c1e-8e7a-0b6d5f4a3c21")).toBe(""); // an opaque origin: no site
  });
});
