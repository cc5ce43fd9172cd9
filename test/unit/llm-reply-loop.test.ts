// A model caught in a loop for a while, then going on to the next segment: the loop is never shown, the segment is
// asked again; a page that repeats itself is translated as it is.
import { createLlmTranslator } from "../../src/llm";
import { checkReply } from "../../src/llm/validate";
import { collect, llamaConfig, outcome, scripted } from "../helpers/llm-harness";

const judge = (source: string, reply: string): string => {
  const v = checkReply(source, reply, { targetLang: "en", sourceLang: "de" });
  return v.ok ? v.html : `rejected: ${v.reason}`;
};

const NEWS_DE = "Viele Menschen lesen jeden Morgen die Nachrichten auf ihrem Telefon.";
const NEWS_EN = "Many people read the news on their phone every morning.";

test.each([
  [NEWS_DE, `${NEWS_EN} ${NEWS_EN} ${NEWS_EN}`],
  [NEWS_DE, `${NEWS_EN}\n${NEWS_EN}`],
  [NEWS_DE, "Many people read the news, the news, the news, the news, the news on their phone every morning."],
  ["Mehr laden", "Load more load more load more"],
])("%j → %j is refused", (source, reply) => {
  expect(judge(source, reply)).toBe("rejected: repeated-text");
});

test.each([
  ["Ha ha ha, sehr lustig.", "Ha ha ha, very funny."],
  ["Hahahahaha, genau!", "Hahahahaha, exactly!"],
  ["Das ist gut. Das ist gut.", "That is good. That is good."],
  ["sehr sehr sehr gut gemacht", "very, very, very well done"],
  ["Er sagte: nein, nein, nein und nochmals nein.", "He said: no, no, no and no again."],
  ["Der Preis: 10,00 € – 10,00 € – 10,00 €", "The price: €10.00 – €10.00 – €10.00"],
  ["Lage, Lage, Lage!", "Location, location, location!"],
])("the page's own repetition stays: %j → %j", (source, reply) => {
  expect(judge(source, reply)).toBe(reply);
});

test("a segment that looped is asked again alone, and the page gets the translation without the loop", async () => {
  const segs = [
    { id: "a", html: "Das Wetter wird morgen in der ganzen Region sonnig und warm." },
    { id: "b", html: NEWS_DE },
  ];
  const weather = "The weather will be sunny and warm across the whole region tomorrow.";
  const { transport, asked } = scripted([`[1]${weather}[2]${NEWS_EN} ${NEWS_EN} ${NEWS_EN}[/]`, NEWS_EN]);
  const results = await collect(createLlmTranslator(llamaConfig("http://127.0.0.1:9"), transport), segs);
  expect(outcome(results)).toEqual({ a: "ok", b: "ok" });
  expect([...results.values()].map((r) => ("html" in r ? r.html : ""))).toEqual([weather, NEWS_EN]);
  expect(asked()).toBe(2);
});
