// The background modules load the extension API (webextension-polyfill): give them the fake one first.
import "../helpers/fake-extension";
import { alwaysRuleFor } from "../../src/background/menus";

describe("'Always translate' in the context menu", () => {
  it("toggles the rule that covers the page, else offers the one it would add", () => {
    expect(alwaysRuleFor("https://old.reddit.com/r/de/comments/1", ["reddit.com"])).toEqual({
      rule: "reddit.com",
      on: true,
    });
    expect(alwaysRuleFor("https://old.reddit.com/r/de/comments/1", [])).toEqual({ rule: "reddit.com/r/de", on: false });
    expect(alwaysRuleFor(undefined, ["reddit.com"])).toBeUndefined();
    expect(alwaysRuleFor("chrome://settings", [])).toBeUndefined();
  });
});
