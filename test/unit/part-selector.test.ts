// The names the element picker builds selectors from: generated ids and classes (hashes, counters, React's ids,
// utility classes) are passed over, and an odd name is escaped as CSS.escape does.
import { cssEscape, looksGenerated } from "../../src/picker/part-selector";

test.each(["sidebar", "side", "titlebox", "main-content", "comment_body", "h2", "col-6", "navBar", "über-uns"])(
  "%s reads as a name the site chose",
  (name) => expect(looksGenerated(name)).toBe(false),
);

test.each([
  ["a CSS-in-JS hash", "css-1q2w3e"],
  ["a styled-components name", "sc-bdfBwQ"],
  ["a CSS-modules hash", "_3xY7a"],
  ["React's useId", ":r4:"],
  ["an item's number", "post-123456"],
  ["a framework's counter", "ember421"],
  ["old Reddit's thing id", "id-t1_kx3c9e9"],
  ["a UUID", "e4b1c2d0-9f1a-4c3b-8d2e-1a2b3c4d5e6f"],
  ["a utility class with a breakpoint", "md:flex"],
  ["a utility class with a fraction", "w-1/2"],
  ["nothing", ""],
])("%s (%s) reads as generated", (_what, name) => expect(looksGenerated(name)).toBe(true));

test.each([
  ["side", "side"],
  ["1col", "\\31 col"],
  ["-2x", "-\\32 x"],
  ["-", "\\-"],
  ["a.b", "a\\.b"],
  ["über", "über"],
  ["a b", "a\\ b"],
  ["x\u0000y", "x\uFFFDy"],
  ["tab\there", "tab\\9 here"],
])("%j is escaped as %j", (name, escaped) => expect(cssEscape(name)).toBe(escaped));
