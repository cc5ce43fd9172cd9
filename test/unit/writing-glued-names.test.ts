// A mention the model set right against a word (no space in Chinese, a Hungarian ending) is one again: a space goes
// between, and only where the translation lost the name; the user's own names and addresses stay as written.
import { spacedNames } from "../../src/writing/glued-names";

it("a name glued to the word before or after it gets a space there, in forum and fediverse replies alike", () => {
  expect(spacedNames("Thanks @Max!", "谢谢@Max的帮助！", "bbcode")).toBe("谢谢 @Max 的帮助！");
  expect(spacedNames("Ask @anna@chaos.social.", "Kérdezd @anna@chaos.social-t.", "markdown")).toBe(
    "Kérdezd @anna@chaos.social -t.",
  );
  expect(spacedNames("See #Bahnchaos", "看#Bahnchaos", "markdown")).toBe("看 #Bahnchaos");
});

it("names the user wrote right against words, names that start alike and e-mail addresses stay as written", () => {
  const text = "Thanks @Max and @Maxi, write to max@example.org or @Max-Team.";
  expect(spacedNames(text, "Danke @Max und @Maxi, schreib an max@example.org oder @Max-Team.", "bbcode")).toBe(
    "Danke @Max und @Maxi, schreib an max@example.org oder @Max-Team.",
  );
});
