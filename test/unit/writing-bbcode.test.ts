// Translate what I wrote in a forum's BBCode reply box (phpBB, vBulletin, WoltLab; XenForo in BB-code mode): the
// quote the forum's Quote button put in the box never reaches the model and comes back exactly, tags stay out of the
// model's reach, a link's words are translated and its address kept, and Markdown is not read there.
import { encodeBBCode, isBBCode } from "../../src/writing/bbcode";

/** A stand-in "translation": upper-cases the words between tags, keeping every tag. */
const shout = (html: string) =>
  html.replace(/(^|>)([^<]*)/g, (_, tag: string, text: string) => tag + text.toUpperCase());
const roundTrip = (text: string) => {
  const encoded = encodeBBCode(text);
  return { encoded, rebuilt: encoded.rebuild(encoded.segments.map(shout)) };
};

const QUOTE =
  '[quote="Neonsalmler" post_id=412301 time=1708274422 user_id=5521]Liegt es daran, oder ist das eine Bakterienblüte?[/quote]';

it("a quote from the thread, above the reply, is not sent and comes back exactly", () => {
  const { encoded, rebuilt } = roundTrip(`${QUOTE}\n\nI think so too.`);
  expect(encoded.segments).toEqual(["I think so too."]);
  expect(rebuilt).toEqual({ ok: true, text: `${QUOTE}\n\nI THINK SO TOO.` });
});

it("a quote over several lines, with a quote inside it, on the reply's own line, is not sent", () => {
  const text = [
    "[quote=Max]First line of Max's post",
    "[quote=Anna]Anna's words[/quote]",
    "Max's last line[/quote]Thanks, that [b]worked[/b]!",
  ].join("\n");
  const { encoded, rebuilt } = roundTrip(text);
  expect(encoded.segments).toEqual(["Thanks, that <b1>worked</b1>!"]);
  expect(rebuilt).toEqual({
    ok: true,
    text: text.replace("Thanks, that [b]worked[/b]!", "THANKS, THAT [b]WORKED[/b]!"),
  });
});

it("a link's words are translated inside a placeholder, its address and other tags kept; code, images and bare addresses are opaque", () => {
  const text =
    "See [url=https://example.com/faq?a=1&b=2]the [b]FAQ[/b][/url] and [url]https://example.com/x[/url], the part [code]5Q0 505[/code], [img]https://example.com/a.png[/img] or www.example.com/y.";
  const { encoded, rebuilt } = roundTrip(text);
  expect(encoded.segments).toEqual([
    "See <a1>the <b2>FAQ</b2></a1> and <x3></x3>, the part <x4></x4>, <x5></x5> or <x6></x6>.",
  ]);
  expect(rebuilt).toEqual({
    ok: true,
    text: "SEE [url=https://example.com/faq?a=1&b=2]THE [b]FAQ[/b][/url] AND [url]https://example.com/x[/url], THE PART [code]5Q0 505[/code], [img]https://example.com/a.png[/img] OR www.example.com/y.",
  });
});

it("list tags and item markers stay out of the model's reach; stars are text, not Markdown", () => {
  const text = "[list]\n[*] first *item*\n[*] second\n[/list]";
  const { encoded, rebuilt } = roundTrip(text);
  expect(encoded.segments).toEqual(["first *item*", "second"]);
  expect(rebuilt).toEqual({ ok: true, text: "[list]\n[*] FIRST *ITEM*\n[*] SECOND\n[/list]" });
});

it("a translation that loses a tag's placeholder is refused", () => {
  const encoded = encodeBBCode("Read [url=https://example.com]this[/url] first [b]please[/b].");
  expect(encoded.rebuild(["Lies das zuerst <b2>bitte</b2>."])).toMatchObject({ ok: false });
});

it("is told from Markdown and plain text by a closed pair of a common tag", () => {
  expect(isBBCode(`${QUOTE}\n\nI agree.`)).toBe(true);
  expect(isBBCode("Use [b]bold[/b] here")).toBe(true);
  expect(isBBCode("See [the timetable](https://example.com) [sic]")).toBe(false);
  expect(isBBCode("- [x] done\n- [ ] **next**")).toBe(false);
});

it("a member's mention (@Max, or a name with spaces in quotes) is a placeholder; an e-mail address is not a mention", () => {
  const text = `Thanks @Max and @'Max Mustermann', ask @"Anna B." or write to anna@example.org.`;
  const { encoded, rebuilt } = roundTrip(text);
  expect(encoded.segments).toEqual(["Thanks <x1></x1> and <x2></x2>, ask <x3></x3> or write to anna@example.org."]);
  expect(rebuilt).toEqual({
    ok: true,
    text: `THANKS @Max AND @'Max Mustermann', ASK @"Anna B." OR WRITE TO ANNA@EXAMPLE.ORG.`,
  });
});

it("an unquoted name with a space keeps its first word only: where the name ends, only the forum's members know", () => {
  expect(encodeBBCode("@Max Mustermann hat recht.").segments).toEqual(["Mustermann hat recht."]);
});

it("mentions beside punctuation, in a quote, code or a link's words and at a line's end come back exactly; a model that drops, repeats or invents one is refused", () => {
  const text = [
    `[quote="Max"]@Anna said so[/quote] (@Max), thanks @"Anna B.": see [url=https://example.com/@Max]@Max's guide[/url].`,
    "[code]@root: ls[/code] Ask @Max",
  ].join("\n");
  const { encoded, rebuilt } = roundTrip(text);
  expect(encoded.segments).toEqual(["(<x1></x1>), thanks <x2></x2>: see <a3><x4></x4>'s guide</a3>.", "Ask"]);
  expect(rebuilt).toEqual({
    ok: true,
    text: text.replace("thanks", "THANKS").replace("see", "SEE").replace("'s guide", "'S GUIDE").replace("Ask", "ASK"),
  });
  const [first] = encoded.segments;
  const broken = (reply: string) => encoded.rebuild([reply, "Frag"]);
  expect(broken(first!.replace("<x2></x2>", ""))).toMatchObject({ ok: false });
  expect(broken(first!.replace("<x2></x2>", "<x2></x2> <x2></x2>"))).toMatchObject({ ok: false });
  expect(broken(`${first!} <x9></x9>`)).toMatchObject({ ok: false });
});

it("emoji shortcodes (`:smile:`, `:+1:`) are placeholders, in a tag's words too; a time or a word's colon is text", () => {
  const text = "Fixed :tada: thanks [b]so much :+1:[/b], the pump runs from 06:30:00 again. Update:done:";
  const { encoded, rebuilt } = roundTrip(text);
  expect(encoded.segments).toEqual([
    "Fixed <x1></x1> thanks <b2>so much <x3></x3></b2>, the pump runs from 06:30:00 again. Update:done:",
  ]);
  expect(rebuilt).toEqual({
    ok: true,
    text: "FIXED :tada: THANKS [b]SO MUCH :+1:[/b], THE PUMP RUNS FROM 06:30:00 AGAIN. UPDATE:DONE:",
  });
});
