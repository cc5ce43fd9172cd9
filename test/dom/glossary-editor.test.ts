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

describe("a glossary row's Remove button", () => {
  it("names the language and site, so two rows of one term are told apart, and follows the row's edits", () => {
    document.body.innerHTML = `<table><tbody></tbody></table><button type="button">Add</button>`;
    const body = document.querySelector("tbody")!;
    const languages = [
      { code: "de", label: "German — Deutsch" },
      { code: "fr", label: "French — français" },
    ];
    const glossary = createGlossaryEditor(body, document.querySelector("button")!, languages);
    glossary.show([
      { term: "Bahn", translation: "rail", lang: "", site: "" },
      { term: "Bahn", translation: "train", lang: "fr", site: "" },
      { term: "Bahn", translation: "DB", lang: "de", site: "reddit.com/r/de" },
    ]);
    const names = () => [...body.querySelectorAll("button")].map((button) => button.getAttribute("aria-label"));
    expect(names()).toEqual([
      "Remove Bahn",
      "Remove Bahn for French — français",
      "Remove Bahn for German — Deutsch on reddit.com/r/de",
    ]);
    const lang = body.querySelectorAll<HTMLSelectElement>('[data-field="lang"]')[0]!;
    lang.value = "de";
    lang.dispatchEvent(new Event("change", { bubbles: true }));
    expect(names()[0]).toBe("Remove Bahn for German — Deutsch");
  });
});

describe("extra instructions", () => {
  it("run in the direction of the language they are written in", () => {
    const html = readFileSync(resolve(__dirname, "../../src/options/options.html"), "utf8");
    document.documentElement.innerHTML = html;
    expect(document.querySelector<HTMLTextAreaElement>("#customInstructions")!.dir).toBe("auto");
  });
});
