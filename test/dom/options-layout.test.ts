// The options page's stylesheet over its HTML: what a narrow window (320 px wide, or 200% zoom) needs of it.
import { readFileSync } from "node:fs";
import { join } from "node:path";

const read = (file: string) => readFileSync(join(__dirname, "../../src/options", file), "utf8");

beforeAll(() => {
  document.documentElement.innerHTML = read("options.html").replace(/<script[^>]*><\/script>/, "");
  const style = document.createElement("style");
  style.textContent = read("options.css");
  document.head.append(style);
});

describe("the options page in a narrow window", () => {
  it("lets a button's label wrap: “Replace them with this browser's” is wider than a 320 px window leaves", () => {
    for (const button of document.querySelectorAll("button")) {
      expect([button.id, getComputedStyle(button).whiteSpace]).not.toEqual([button.id, "nowrap"]);
    }
  });

  it("puts buttons side by side only where the next may go to a line of its own", () => {
    const rows = new Set([...document.querySelectorAll("button")].map((button) => button.parentElement!));
    for (const row of rows) {
      if (getComputedStyle(row).display !== "flex" || row.querySelectorAll(":scope > button").length < 2) continue;
      expect([row.className, getComputedStyle(row).flexWrap]).toEqual([row.className, "wrap"]);
    }
  });
});
