// What the model is told a Reddit page is about. A feed that mixes subreddits (the home page, a user's profile)
// belongs to none of them: naming the first post's subreddit would tell the model every post is from there.
import { pageContextOf } from "../../src/sites/page-context";

const post = (sub: string, title: string) =>
  `<shreddit-post post-title="${title}" subreddit-prefixed-name="${sub}" post-type="text">` +
  `<a slot="title" href="/${sub}/comments/abc/">${title}</a></shreddit-post>`;

test("new Reddit's home feed names no subreddit; a subreddit's feed and a post's page do", () => {
  document.body.innerHTML = `<shreddit-feed>${post("r/de", "Frage zur Steuer")}${post("r/france", "Question sur les impôts")}</shreddit-feed>`;
  expect(pageContextOf(document, "https://www.reddit.com/")).toBeUndefined();
  expect(pageContextOf(document, "https://www.reddit.com/user/Fernweh_Franzi/")).toBeUndefined();
  expect(pageContextOf(document, "https://www.reddit.com/user/Fernweh_Franzi/comments/")).toBeUndefined();
  expect(pageContextOf(document, "https://www.reddit.com/r/de/")).toBe("Subreddit: r/de");
  document.body.innerHTML = `${post("r/de", "Frage zur Steuer")}<shreddit-comment-tree></shreddit-comment-tree>`;
  // A short link to a post says no subreddit: the post does.
  expect(pageContextOf(document, "https://www.reddit.com/comments/abc/")).toBe(
    "Subreddit: r/de\nPost title: Frage zur Steuer",
  );
});
