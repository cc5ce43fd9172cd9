// The options page's glossary rows, as a reader fills them in.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { createGlossaryEditor } from "../../src/shared/glossary-editor";

function editor() {
  document.body.innerHTML = `<table><tbody></tbody></table><button type="button">Add</button>`;
  const body = document.querySelector("tbody")!;
  const add = document.querySelector("button")!;
  const glossary = createGlossaryEditor(body, add, [{ code: "he", label: "Hebrew (עברית)" }]);
  return { body, add, glossary };
}

describe("glossary rows", () => {
  it("let a term and its translation run in their own language's direction (Hebrew right to left), not the site", () => {
    const { body, glossary } = editor();
    glossary.show([{ term: "Bahn", translation: "רכבת", lang: "he", site: "" }]);
    const field = (name: string) => body.querySelector<HTMLInputElement>(`input[data-field="${name}"]`)!;
    expect(field("term").dir).toBe("auto");
    expect(field("translation").dir).toBe("auto");
    expect(field("site").dir).toBe("");
    expect(glossary.read()).toEqual([{ term: "Bahn", translation: "רכבת", lang: "he", site: "" }]);
  });

  it("give a row added with the button the same directions", () => {
    const { body, add } = editor();
    add.click();
    const inputs = [...body.querySelectorAll("input")].map((input) => [input.dataset.field, input.dir]);
    expect(inputs).toEqual([
      ["term", "auto"],
      ["translation", "auto"],
      ["site", ""],
    ]);
  });
});

describe("extra instructions", () => {
  it("run in the direction of the language they are written in", () => {
    const html = readFileSync(resolve(__dirname, "../../src/options/options.html"), "utf8");
    document.documentElement.innerHTML = html;
    expect(document.querySelector<HTMLTextAreaElement>("#customInstructions")!.dir).toBe("auto");
  });
});
