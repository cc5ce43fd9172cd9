// A reply written in Markdown into reply-boxes-de.html's contenteditable box, and what its German translation keeps.

export const MARKDOWN_REPLY =
  "I think the **train** is always late. See [this post](https://example.com/post) for the `timetable`.";

/** Bold, the link's address and inline code survive the round trip through the model; the English is gone. */
export function expectMarkdownKept(translated: string): void {
  expect(translated).toMatch(/\*\*Zug\*\*/);
  expect(translated).toMatch(/\[[^\]]+\]\(https:\/\/example\.com\/post\)/);
  expect(translated).toContain("`timetable`");
  expect(translated).not.toContain("always");
}
