// A label that repeats an element's text (SiteRules.derivedLabels) gets the text's translation in its place, only
// where the text is there once, as whole words, however the page spaced its lines.
import { replaceRepeated } from "../../src/core/collect/repeated-text";

test("the repeated text is replaced, the label's name, date and account kept, whatever the page's spacing between lines", () => {
  expect(
    replaceRepeated(
      "Anna, Heute früh.\n\nWer weiß mehr?, 5. Dez., anna",
      "Heute früh. Wer weiß mehr?",
      "THIS MORNING. WHO KNOWS?",
    ),
  ).toBe("Anna, THIS MORNING. WHO KNOWS?, 5. Dez., anna");
  // Mastodon before 4.0 joined paragraphs with nothing between them.
  expect(replaceRepeated("Anna, Heute früh.Wer weiß mehr?, anna", "Heute früh. Wer weiß mehr?", "X")).toBe(
    "Anna, X, anna",
  );
});

test("a label without the text, with it twice, or with it only inside a longer word is left to be translated whole", () => {
  expect(replaceRepeated("Clara, Wut auf die Bahn, 5. Dez., clara", "Drei Stunden gefroren.", "X")).toBeNull();
  expect(replaceRepeated("Ja, Ja, 5. Dez., ja", "Ja", "YES")).toBeNull();
  expect(replaceRepeated("Jan, Ja, 5. Dez., jan", "Ja", "YES")).toBe("Jan, YES, 5. Dez., jan");
  expect(replaceRepeated("Jahr, 5. Dez.", "Ja", "YES")).toBeNull();
  expect(replaceRepeated("Anna, , 5. Dez.", " ", "X")).toBeNull();
});
