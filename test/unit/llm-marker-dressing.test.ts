// Segments laid out as a list by the model ("[1]: …", "**[1]** …", "- [1] …"): the reader gets each translation without
// the marks around its marker; the page's own list dashes and emphasis stay.
import { createLlmTranslator } from "../../src/llm";
import { stripMarkerDressing } from "../../src/llm/marker-dressing";
import type { Segment } from "../../src/shared/translator";
import { collect, llamaConfig, outcome, scripted } from "../helpers/llm-harness";

const SEGS: Segment[] = [
  { id: "a", html: "Die Regierung hat heute <a1>neue Regeln</a1> für den Verkehr in der Stadt beschlossen." },
  { id: "b", html: "Viele Menschen lesen <b1>jeden Morgen</b1> die Nachrichten auf ihrem Telefon." },
  { id: "c", html: "Das Wetter wird morgen in der ganzen Region sonnig und warm." },
];
const EN = {
  a: "The government today adopted <a1>new rules</a1> for traffic in the city.",
  b: "Many people read the news on their phone <b1>every morning</b1>.",
  c: "The weather will be sunny and warm across the whole region tomorrow.",
};

/** What the page shows for each segment when the model writes every segment as `layout` makes it. */
async function shown(layout: (n: number, text: string) => string, end = "[/]"): Promise<Record<string, string>> {
  const reply = [EN.a, EN.b, EN.c].map((text, i) => layout(i + 1, text)).join("") + end;
  const { transport, asked } = scripted([reply]);
  const results = await collect(createLlmTranslator(llamaConfig("http://127.0.0.1:9"), transport), SEGS);
  expect(asked()).toBe(1);
  const errors = outcome(results);
  return Object.fromEntries([...results].map(([id, r]) => [id, "html" in r ? r.html : String(errors[id])]));
}

test.each<[string, (n: number, text: string) => string]>([
  ["[1]: …", (n, t) => `[${n}]: ${t}\n`],
  ["[1] - …", (n, t) => `[${n}] - ${t}\n`],
  ["[1]. …", (n, t) => `[${n}]. ${t}\n`],
  ["**[1]** …", (n, t) => `**[${n}]** ${t}\n`],
  ["**[1]:** …", (n, t) => `**[${n}]:** ${t}\n`],
  ["**[1]** on a line of its own", (n, t) => `**[${n}]**\n${t}\n\n`],
  ["`[1]` …", (n, t) => `\`[${n}]\` ${t}\n`],
  ["- [1] …", (n, t) => `- [${n}] ${t}\n`],
  ["* [1] …", (n, t) => `* [${n}] ${t}\n`],
  ["1. [1] …", (n, t) => `${n}. [${n}] ${t}\n`],
  ["### [1]", (n, t) => `### [${n}]\n${t}\n\n`],
])("%s: each paragraph shows its translation alone", async (_name, layout) => {
  expect(await shown(layout)).toEqual(EN);
});

test("the page's own list dash, emphasis and closing marks stay", () => {
  expect(stripMarkerDressing(" - Erster Punkt", "- First item")).toBe(" - Erster Punkt");
  expect(stripMarkerDressing("**Wichtig** ist das.", "**Important** is this.")).toBe("**Wichtig** ist das.");
  expect(stripMarkerDressing("Siehe Punkt\n2.", "See item\n2.")).toBe("Siehe Punkt\n2.");
  // A dialogue dash is the page's quote translated, not a marker's dressing.
  expect(stripMarkerDressing("— Bonjour, dit-il.", "„Hallo“, sagte er.")).toBe("— Bonjour, dit-il.");
  expect(stripMarkerDressing("...und dann", "...and then")).toBe("...und dann");
});
