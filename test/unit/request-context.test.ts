// Saved translations are kept per site: a frame with no address of its own (about:blank, blob:null) is filed under
// the page that made it, not in one place every site's such frames share.
import type { Runtime } from "../../src/extension/api";
import { requestContextOf } from "../../src/background/request-context";

const frameOf = (pageUrl: string, origin?: string): Runtime.MessageSender =>
  ({
    id: "gloss",
    url: "about:blank",
    frameId: 3,
    ...(origin ? { origin } : {}),
    tab: { id: 1, index: 0, url: pageUrl, incognito: false, highlighted: false, active: true, pinned: false },
  }) as Runtime.MessageSender;

test("an about:blank frame (a rich editor's) is filed under its page's site, not with every site's blank frames", () => {
  const forum = requestContextOf(frameOf("https://forum.example.org/t/1", "https://forum.example.org"), "about:blank");
  const shop = requestContextOf(frameOf("https://shop.example.com/cart"), "about:blank");
  expect(forum.site).toBe("example.org");
  expect(shop.site).toBe("example.com");
  expect(requestContextOf(frameOf("https://a.example.net/"), "blob:null/5f1c").site).toBe("example.net");
});

test("a page with an address of its own keeps its own site", () => {
  expect(requestContextOf(frameOf("https://top.example.com/"), "https://news.example.org/a").site).toBe("example.org");
});
