// The popup's questions about its tab: only the newest one's answer is shown, whatever order the answers arrive in.
import { newestAnswer, type Answer } from "../../src/popup/newest-answer";

/** A question whose answer arrives when the test says. */
function held<T>() {
  let answer!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (answer = resolve));
  return { question: () => promise, answer };
}

describe("newestAnswer", () => {
  it("drops a command's answer that a later command overtook, and takes one more look once both are answered", async () => {
    const shown: string[] = [];
    const take = (answer: Answer<string>) => void shown.push(answer.ok ? answer.value : "error");
    const looks: string[] = [];
    const answers = newestAnswer<string>(() => looks.push("look"));
    const translate = held<string>();
    const displayMode = held<string>();
    const first = answers.command(translate.question, take);
    const second = answers.command(displayMode.question, take);
    displayMode.answer("bilingual, not yet translating");
    await second;
    expect(looks).toEqual([]); // the first command is still on its way
    translate.answer("translating");
    await first;
    // The later command's answer may predate the first reaching the page: a look settles which is true.
    expect(shown).toEqual(["bilingual, not yet translating"]);
    expect(looks).toEqual(["look"]);
  });

  it("shows a failed command's error, and a look asked after it", async () => {
    const shown: string[] = [];
    const take = (answer: Answer<string>) => void shown.push(answer.ok ? answer.value : String(answer.error));
    const answers = newestAnswer<string>(() => undefined);
    await answers.command(() => Promise.reject(new Error("no server")), take);
    await answers.look(() => Promise.resolve("original"), take);
    expect(shown).toEqual(["Error: no server", "original"]);
  });
});
