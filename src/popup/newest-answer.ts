// Keeps the popup on its tab's newest state: each question (a look, a command) is numbered as it is asked, and an
// answer overtaken by a later question is dropped, whatever the order in which the answers arrive.

/** What a question came back with: the state, or why there is none. */
export type Answer<T> = { ok: true; value: T } | { ok: false; error: unknown };

export interface NewestAnswer<T> {
  /**
   * A look at the state; `take` gets its answer unless a later question was asked meanwhile. While a command is on its
   * way the look is put off until the last one is answered: the page may not have the command yet, and would describe
   * itself as it was before.
   */
  look(question: () => Promise<T>, take: (answer: Answer<T>) => void): Promise<void>;
  /** A command answered with the state it leaves; `take` gets it unless a later question was asked meanwhile. */
  command(question: () => Promise<T>, take: (answer: Answer<T>) => void): Promise<void>;
}

/** `lookAgain` takes the look that was put off, once no command is on its way. */
export function newestAnswer<T>(lookAgain: () => void): NewestAnswer<T> {
  let asked = 0;
  let commandsOut = 0;
  let lookPutOff = false;

  async function ask(question: () => Promise<T>, take: (answer: Answer<T>) => void): Promise<boolean> {
    const mine = ++asked;
    let answer: Answer<T>;
    try {
      answer = { ok: true, value: await question() };
    } catch (error) {
      answer = { ok: false, error };
    }
    if (mine !== asked) return false;
    take(answer);
    return true;
  }

  async function look(question: () => Promise<T>, take: (answer: Answer<T>) => void): Promise<void> {
    if (commandsOut) lookPutOff = true;
    else await ask(question, take);
  }

  async function command(question: () => Promise<T>, take: (answer: Answer<T>) => void): Promise<void> {
    commandsOut++;
    try {
      // Overtaken by a later command, which may have been answered before this one reached the page: a look settles it.
      if (!(await ask(question, take))) lookPutOff = true;
    } finally {
      commandsOut--;
      if (!commandsOut && lookPutOff) {
        lookPutOff = false;
        lookAgain();
      }
    }
  }

  return { look, command };
}
