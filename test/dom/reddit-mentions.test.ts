// A mention of a Reddit user in a post or a comment is a name: it stays as written inside the translated sentence.
import { sentOnSite, shownText } from "../helpers/site-page";

test("old Reddit: a u/ mention in a comment is not sent; the link to the subreddit's rules beside it is", async () => {
  document.body.innerHTML =
    `<div class="content" role="main"><div class="commentarea"><div class="sitetable">` +
    `<div class="thing comment"><div class="entry"><form class="usertext"><div class="usertext-body"><div class="md">` +
    `<p>Frag mal <a href="/u/Weichensteller">u/Weichensteller</a>, und lies die <a href="/r/de/wiki/regeln">Regeln</a>.</p>` +
    `</div></div></form></div></div></div></div></div>`;
  const sent = await sentOnSite("https://old.reddit.com/r/de/comments/1b2c3d/x/");
  expect(sent).toEqual(["Frag mal <x1></x1>, und lies die <a2>Regeln</a2>."]);
  expect(shownText(".md p")).toBe("FRAG MAL u/Weichensteller, UND LIES DIE REGELN.");
});

test("new Reddit: a u/ mention in a comment or a post is not sent", async () => {
  document.body.innerHTML =
    `<shreddit-post post-type="text"><div slot="text-body" class="md"><p>Grüße an ` +
    `<a href="https://www.reddit.com/user/Fernweh_Franzi/">u/Fernweh_Franzi</a> aus Kanada.</p></div></shreddit-post>` +
    `<shreddit-comment-tree><shreddit-comment thingid="t1_a"><div slot="comment">` +
    `<p>Danke <a href="/user/Laugenbrezel/">u/Laugenbrezel</a>, sehr lecker.</p></div></shreddit-comment></shreddit-comment-tree>`;
  const sent = await sentOnSite("https://www.reddit.com/r/de/comments/1c9xk2/x/");
  expect(sent).toEqual(["Danke <x1></x1>, sehr lecker.", "Grüße an <x1></x1> aus Kanada."]);
  expect(shownText("[slot='comment'] p")).toBe("DANKE u/Laugenbrezel, SEHR LECKER.");
});
