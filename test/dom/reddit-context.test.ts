// What the model is told a Reddit page is about. A feed that mixes subreddits (the home page, a user's profile)
// belongs to none of them: naming the first post's subreddit would tell the model every post is from there.
import { createPageContext, pageContextOf } from "../../src/sites/page-context";

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

test("old Reddit's post title is read before Gloss translates it, and kept for the address", () => {
  history.replaceState(null, "", "/r/de/comments/abc/frage/");
  document.body.innerHTML =
    `<div id="siteTable"><div class="thing link"><p class="title"><a class="title">Frage zur Steuer</a></p></div></div>` +
    `<div class="commentarea"><div class="sitetable"></div></div>`;
  const context = createPageContext(document);
  expect(context()).toBe("Subreddit: r/de\nPost title: Frage zur Steuer");
  document.querySelector("a.title")!.textContent = "Question about taxes"; // translated
  expect(context()).toBe("Subreddit: r/de\nPost title: Frage zur Steuer");
  // An anchor in the same page ("jump to content", a spoiler's `#s` link) is not another address.
  history.replaceState(null, "", "/r/de/comments/abc/frage/#content");
  expect(context()).toBe("Subreddit: r/de\nPost title: Frage zur Steuer");
});
