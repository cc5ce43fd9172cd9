// Where the userscript's messages go when the page blocks its UI, and where it thinks it runs.
import { resolveGmApi, type GmGlobals } from "../../src/userscript/gm-api";
import { createOutsidePageNotices } from "../../src/userscript/outside-page";
import { runsInPageWorld } from "../../src/userscript/page-world";

const report = (status: "translating" | "translated" | "error", extra = {}) => ({
  status,
  progress: { total: 4, done: status === "translated" ? 4 : 1, failed: 0 },
  ...extra,
});

describe("messages outside the page", () => {
  it("says the page is in the way once, then errors, notices and the end of each run, never progress", () => {
    const said: string[] = [];
    const notices = createOutsidePageNotices({ notify: (text) => said.push(text) });
    notices.blocked("blocked");
    notices.blocked("blocked");
    notices.report(report("translating"));
    notices.report(report("translated"));
    notices.report(report("translated"));
    notices.report(report("translating"));
    notices.report(report("translated"));
    notices.report(report("error", { error: { message: "Gloss cannot reach the server.", fix: "Start it." } }));
    expect(said).toEqual(["blocked", "Translated.", "Translated.", "Gloss cannot reach the server. Start it."]);
  });

  it("ends a run with how many passages are simplified or original, and why", () => {
    const said: string[] = [];
    const notices = createOutsidePageNotices({ notify: (text) => said.push(text) });
    notices.report({
      status: "translated",
      progress: { total: 4, done: 3, simplified: 2, failed: 1 },
      simplification: {
        message: "The model's translation lost a link or other formatting.",
        fix: "Try a larger model.",
      },
      failure: { message: "The model refused to translate this text." },
    });
    expect(said).toEqual([
      "Translated; 2 passages with simplified formatting, 1 left in the original. Simplified: The model's translation lost a link or other formatting. Try a larger model. Left in the original: The model refused to translate this text.",
    ]);
  });

  it("uses the manager's notification, or a menu entry where there is none", () => {
    const shown: unknown[] = [];
    const menu: string[] = [];
    const xmlHttpRequest = () => undefined;
    const withNotification: GmGlobals = {
      GM: { xmlHttpRequest, notification: (details) => shown.push(details) },
    };
    resolveGmApi(withNotification).notify("Translated.");
    expect(shown).toEqual([{ title: "Gloss", text: "Translated." }]);

    const withMenuOnly: GmGlobals = {
      GM: { xmlHttpRequest, registerMenuCommand: (caption) => void menu.push(caption) },
    };
    const gm = resolveGmApi(withMenuOnly);
    gm.notify("This page interferes.");
    gm.notify("This page interferes.");
    expect(menu).toEqual(["Gloss: This page interferes."]);
  });
});

describe("where the manager runs Gloss", () => {
  it("is apart from the page only when the manager says so", () => {
    expect(runsInPageWorld({ scriptHandler: "Violentmonkey", injectInto: "content" })).toBe(false);
    expect(runsInPageWorld({ scriptHandler: "Tampermonkey", sandboxMode: "dom" })).toBe(false);
    expect(runsInPageWorld({ scriptHandler: "Greasemonkey" })).toBe(false);
    // Safari's: its GM.info names no world, and a script that has the GM API runs in the content world.
    expect(runsInPageWorld({ scriptHandler: "Userscripts", version: "4.8.2" })).toBe(false);
    expect(runsInPageWorld({ scriptHandler: "Violentmonkey", injectInto: "page" })).toBe(true);
    expect(runsInPageWorld({ scriptHandler: "Tampermonkey", sandboxMode: "raw" })).toBe(true);
    expect(runsInPageWorld(undefined)).toBe(true);
  });
});
