// The languages the user chose for their messages, per subreddit or site, in storage.local (see
// shared/writing-languages.ts). Content scripts reach them only through the background's handlers, for their own page.
import { ext } from "../extension/api";
import { createWritingLanguages } from "../shared/writing-languages";

const KEY = "writingLanguages";

export const writingLanguages = createWritingLanguages({
  read: async () => (await ext.storage.local.get(KEY))[KEY],
  write: (value) => ext.storage.local.set({ [KEY]: value }),
});
