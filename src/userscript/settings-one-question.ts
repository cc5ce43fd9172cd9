// The settings dialog asks one question at a time (closing with unsaved edits; restoring a file over something): a
// question asked while another is up takes its place, the other given its safe answer (Keep editing, Keep my
// settings), which loses nothing typed; Escape gives the question up its safe answer.

/** A question of the dialog's: its box (up while shown), and its safe answer. */
export interface Question {
  box: HTMLElement;
  withdraw(): void;
}

export interface OneQuestion {
  /** `question` is up now: the one up before it is answered safely. */
  asked(question: Question): void;
  /** Escape: the question up is answered safely; whether one was up. */
  escape(): boolean;
}

export function oneQuestion(): OneQuestion {
  let last: Question | undefined;
  // A question answered goes by hiding its box: up is the last one asked, while its box shows.
  const up = () => (last && !last.box.hidden ? last : undefined);
  return {
    asked(question) {
      const before = up();
      last = question;
      if (before && before !== question) before.withdraw();
    },
    escape() {
      const question = up();
      question?.withdraw();
      return !!question;
    },
  };
}
