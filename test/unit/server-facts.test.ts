// What probes learned about each server configuration, in one stored value.
import { createServerFactsStore } from "../../src/connection/server-facts";

it("keeps both records when two configurations are probed at once (the page's model and the writing model)", async () => {
  let stored: unknown;
  const facts = createServerFactsStore({
    read: async () => stored,
    write: async (value) => void (stored = value),
  });
  await Promise.all([
    facts.set("page", { model: "gemma-2-2b-it", slots: 2 }),
    facts.set("writing", { model: "gemma-3-12b-it" }),
  ]);
  expect(await facts.get("page")).toEqual({ model: "gemma-2-2b-it", slots: 2 });
  expect(await facts.get("writing")).toEqual({ model: "gemma-3-12b-it" });
});
