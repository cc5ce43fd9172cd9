// A reader's edit of a text field, as Chromium and Firefox announce it in beforeinput and leave it. The cases under
// "measured" are the shapes Chromium 156 and Firefox ESR 153 gave under Xvfb with real keys and mouse (xdotool): the
// clipboard filled by selecting page text and pressing Ctrl+C. The rest are as the Input Events spec and the browsers'
// editors describe them. Each leaves a value that follows, so the reader is never refused; what a page writes
// meanwhile does not follow.
import { follows, type ReaderEdit } from "../../src/session/reader-edit";

const edit = (before: string, [start, end]: [number, number], inputType: string, data: string | null): ReaderEdit => ({
  before,
  start,
  end,
  inputType,
  data,
});
const oneLine = (e: ReaderEdit, after: string, held: string[] = []) => follows(e, after, false, new Set(held));

describe("what the reader's own edits leave follows", () => {
  it.each([
    ["a letter typed at the end", edit("http://", [7, 7], "insertText", "a"), "http://a"],
    ["a letter typed over a selection", edit("http://x", [7, 8], "insertText", "y"), "http://y"],
    [
      "a space typed at the end of an address (kept as typed)",
      edit("http://a", [8, 8], "insertText", " "),
      "http://a ",
    ],
    ["Backspace", edit("http://b", [8, 8], "deleteContentBackward", null), "http://"],
    ["Backspace after an emoji (two UTF-16 units)", edit("a😀", [3, 3], "deleteContentBackward", null), "a"],
    ["Delete before the caret's next letter", edit("http://ab", [7, 7], "deleteContentForward", null), "http://b"],
    ["Ctrl+Backspace in Chromium", edit("http://", [7, 7], "deleteWordBackward", null), "http"],
    ["Ctrl+Backspace in Firefox", edit("http://", [7, 7], "deleteWordBackward", null), ""],
    ["a cut", edit("http://abc", [7, 10], "deleteByCut", null), "http://"],
    [
      "a paste over a selection",
      edit("http://x:1", [7, 8], "insertFromPaste", "192.168.1.20"),
      "http://192.168.1.20:1",
    ],
    ["a paste ending in a line break (dropped)", edit("", [0, 0], "insertFromPaste", "http://a\n"), "http://a"],
    ["a two-line paste in Firefox (line breaks as spaces)", edit("", [0, 0], "insertFromPaste", "a\nb\n"), "a b"],
    ["a spelling fix away from the caret", edit("teh model", [9, 9], "insertReplacementText", "the"), "the model"],
    [
      "a suggestion taken (Firefox's form history)",
      edit("ht", [2, 2], "insertReplacementText", "http://a:1"),
      "http://a:1",
    ],
    ["a drop away from the caret", edit("http://a", [0, 0], "insertFromDrop", "s"), "https://a"],
    ["an IME's composition replacing its own text", edit("n", [1, 1], "insertCompositionText", "に"), "に"],
    ["Ctrl+T on macOS", edit("ab", [1, 1], "insertTranspose", null), "ba"],
  ])("%s", (_, e, after) => {
    expect(oneLine(e, after)).toBe(true);
  });

  it("a text area's paste keeps its line breaks, as \\n", () => {
    expect(follows(edit("a", [1, 1], "insertFromPaste", "\r\nb.example"), "a\nb.example", true, new Set())).toBe(true);
    expect(follows(edit("a", [1, 1], "insertLineBreak", null), "a\n", true, new Set())).toBe(true);
  });

  it("undo and redo go back to a value the field held as the reader's", () => {
    expect(oneLine(edit("http", [4, 4], "historyUndo", null), "http://", ["", "http://", "http"])).toBe(true);
    expect(oneLine(edit("", [0, 0], "historyRedo", null), "http", ["", "http://", "http"])).toBe(true);
  });
});

describe("what the reader's own edits left in Chromium 156 and Firefox ESR 153 follows (measured)", () => {
  const textArea = (e: ReaderEdit, after: string) => follows(e, after, true, new Set());
  it.each([
    [
      "Chromium: a paste of two lines from a clipboard holding \\r\\n (as Windows' does), one space between them",
      edit("ab", [1, 1], "insertFromPaste", "http://a.example\r\nsecond"),
      "ahttp://a.example secondb",
    ],
    ["Chromium: lines ending in \\r", edit("ab", [1, 1], "insertFromPaste", "one\rtwo\r"), "aone twob"],
    [
      "Chromium: two paragraphs, their trailing line breaks dropped",
      edit("", [0, 0], "insertFromPaste", "Para one.\n\nPara two.\n\n"),
      "Para one.  Para two.",
    ],
    [
      "Chromium: leading line breaks and a tab, each break a space",
      edit("ab", [1, 1], "insertFromPaste", "\n\nhttp://c.example \n \t x"),
      "a  http://c.example   \t xb",
    ],
    [
      "both: a middle-click paste (the caret moves to the click first)",
      edit("http://abcdefgh", [4, 4], "insertFromPaste", "wordy"),
      "httpwordy://abcdefgh",
    ],
    ["Chromium: a drop of page text (the caret at the drop)", edit("ab", [2, 2], "insertFromDrop", "wordy"), "abwordy"],
    ["both: a drag within the field, its removal", edit("hello world", [6, 11], "deleteByDrag", null), "hello "],
    ["both: a drag within the field, its drop", edit("hello ", [0, 0], "insertFromDrop", "world"), "worldhello "],
    ["Chromium: Ctrl+Delete", edit("http://ab.c/x", [7, 7], "deleteWordForward", null), "http://.c/x"],
    ["Firefox: Ctrl+Delete", edit("http://192.168.1.20:8080", [0, 0], "deleteWordForward", null), "192.168.1.20:8080"],
    ["both: Shift+Home, then a letter", edit("abc", [0, 3], "insertText", "x"), "x"],
    [
      "Chromium: a dead key's accent, then the letter replacing it (us intl)",
      edit("caf´", [3, 4], "insertCompositionText", "é"),
      "café",
    ],
    ["Chromium: a dead key's accent taken back with Backspace", edit("a¨b", [1, 2], "insertCompositionText", ""), "ab"],
    [
      "Firefox: an entry of its form history taken",
      edit("ht", [0, 2], "insertReplacementText", "http://hist.example:1"),
      "http://hist.example:1",
    ],
  ])("%s", (_, e, after) => {
    expect(oneLine(e, after)).toBe(true);
  });

  it.each([
    ["2 (the default), each a space but those at the end", "a  http://c.example   \t xb"],
    ["0, both ends dropped", "ahttp://c.example \n \t xb"],
    ["1, the first line that is not empty", "ahttp://c.example b"],
    ["4, each a comma", "ahttp://c.example , \t xb"],
    ["5, dropped with the spaces around them", "ahttp://c.examplexb"],
  ])("Firefox's editor.singleLine.pasteNewlines %s", (_, after) => {
    expect(oneLine(edit("ab", [1, 1], "insertFromPaste", "\n\nhttp://c.example \n \t x\n"), after)).toBe(true);
  });

  it("a text area keeps a paste's line breaks, \\r\\n and \\r as \\n (Chromium)", () => {
    expect(
      textArea(edit("ab", [1, 1], "insertFromPaste", "http://a.example\r\nsecond"), "ahttp://a.example\nsecondb"),
    ).toBe(true);
    expect(textArea(edit("ab", [1, 1], "insertFromPaste", "one\rtwo\r"), "aone\ntwo\nb")).toBe(true);
  });
});

describe("what a page writes as the reader edits does not follow", () => {
  it.each([
    [
      "its address, with the reader's letter after it",
      edit("http://a", [8, 8], "insertText", "1"),
      "https://collect.x1",
    ],
    ["text of its own beside the reader's letter", edit("http://a", [8, 8], "insertText", "1"), "http://a1.collect.x"],
    ["text of its own as the reader deletes", edit("http://ab", [9, 9], "deleteContentBackward", null), "https://x"],
    [
      "a part cut away from the caret",
      edit("https://llm.corp.example", [24, 24], "deleteContentBackward", null),
      "https://llm.example",
    ],
    ["a paste changed", edit("", [0, 0], "insertFromPaste", "http://192.168.1.20"), "https://collect.x"],
    [
      "a two-line paste with its own text in place of a line break",
      edit("", [0, 0], "insertFromPaste", "http://a.example\nsecond"),
      "http://a.example.collect.x/second",
    ],
    ["a composition changed", edit("n", [1, 1], "insertCompositionText", "に"), "https://collect.x"],
    ["letters added in a transposition", edit("ab", [1, 1], "insertTranspose", null), "bax"],
  ])("%s", (_, e, after) => {
    expect(oneLine(e, after)).toBe(false);
  });

  it("undo to a value the field never held as the reader's", () => {
    // Chromium's and Firefox's undo goes back to a value a page's script put in (measured).
    expect(oneLine(edit("http://", [7, 7], "historyUndo", null), "http://b", ["", "http://"])).toBe(false);
  });
});
