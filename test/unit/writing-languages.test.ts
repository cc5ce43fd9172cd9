// The reply languages the reader chose, per place, in one stored value.
import { createWritingLanguages } from "../../src/shared/writing-languages";

/** A store whose reads and writes each take a turn of the event loop, as storage.local's do. */
function slowStore() {
  let stored: unknown;
  const later = () => new Promise((resolve) => setTimeout(resolve, 0));
  return {
    read: async () => {
      await later();
      return stored;
    },
    write: async (value: unknown) => {
      await later();
      stored = value;
    },
  };
}

it("keeps both choices when the reader picks languages on two sites within milliseconds", async () => {
  const languages = createWritingLanguages(slowStore());
  await Promise.all([
    languages.set("https://www.reddit.com/r/de/comments/1", "de"),
    languages.set("https://example.com/forum", "fr"),
  ]);
  expect(await languages.get("https://www.reddit.com/r/de/")).toBe("de");
  expect(await languages.get("https://example.com/")).toBe("fr");
});

it("keeps a choice made while a restored backup is being written, and the backup's too", async () => {
  const languages = createWritingLanguages(slowStore());
  await Promise.all([
    languages.add({ "example.org": "es" }),
    languages.set("https://example.com/forum", "fr"),
    languages.set("https://example.net/", ""),
  ]);
  expect(await languages.all()).toEqual({ "example.org": "es", "example.com": "fr" });
});

it("goes on saving after a write the storage refused", async () => {
  let fail = true;
  const store = slowStore();
  const languages = createWritingLanguages({
    read: store.read,
    write: async (value) => {
      if (fail) throw new Error("QUOTA_BYTES quota exceeded");
      await store.write(value);
    },
  });
  await expect(languages.set("https://example.com/", "fr")).rejects.toThrow("quota");
  fail = false;
  await languages.set("https://example.org/", "es");
  expect(await languages.all()).toEqual({ "example.org": "es" });
});
