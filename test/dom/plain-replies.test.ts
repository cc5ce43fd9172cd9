// A passage that comes back as text alone is written without parsing it: the DOMParser document DOMPurify makes for
// each reply was the largest single cost of writing a long page in Chromium. What is written is what DOMPurify's
// parse gives back, node for node; anything that needs the parser (markup, references, newlines it rewrites) still
// goes through it.

import fc from "fast-check";
import { plainTextFragment } from "../../src/core/markup/plain-text-fragment";
import { sanitizeToFragment } from "../../src/core/markup/sanitize";
import { purifierFor } from "../../src/core/markup/sanitize";
import { setup } from "../helpers/core-page";

/** The fragment's nodes as [type, text]: what merge reads of a decoded reply. */
const nodesOf = (fragment: DocumentFragment) =>
  Array.from(fragment.childNodes).map((n) => [n.nodeType, n.nodeName, n.textContent]);

/** DOMPurify's own fragment for `html`, as sanitizeToFragment asks for it. */
function purified(html: string): DocumentFragment {
  return purifierFor(window).sanitize(html, {
    ALLOWED_TAGS: ["a1"],
    ALLOWED_ATTR: [],
    KEEP_CONTENT: true,
    RETURN_DOM_FRAGMENT: true,
    TRUSTED_TYPES_POLICY: null,
  });
}

const pieces = fc.constantFrom(
  " ",
  "\t",
  "\n",
  "\r",
  "\f",
  "Wort",
  "über",
  "日本",
  "<",
  "&",
  "&amp;",
  "<a1>",
  "\0",
  "\uFEFF",
);

test("a reply without markup gives the nodes DOMPurify's parse would, and one that needs the parser gives none", () => {
  fc.assert(
    fc.property(fc.array(pieces, { maxLength: 8 }), (parts) => {
      const text = parts.join("");
      const plain = plainTextFragment(window, text);
      if (!text || /[<&\r\0\f\uFEFF]/.test(text)) expect(plain).toBeNull();
      else expect(nodesOf(plain as DocumentFragment)).toEqual(nodesOf(purified(text)));
    }),
    { numRuns: 400 },
  );
  // Through the sanitizer: the same nodes, nothing reported removed.
  const { fragment, removed } = sanitizeToFragment(window, "  Ein Satz.\n", ["a1"]);
  expect(nodesOf(fragment)).toEqual([
    [3, "#text", "  "],
    [3, "#text", "Ein Satz.\n"],
  ]);
  expect(removed).toEqual([]);
});

test("plain passages are written without a parser document each; a passage with a link still is parsed", async () => {
  const paragraphs = Array.from({ length: 20 }, (_, i) => `<p>Absatz Nummer ${i} mit etwas Text.</p>`).join("");
  const html = `${paragraphs}<p>Ein <a href="/x">Verweis</a> im Satz.</p>`;
  const { page } = setup(html);
  const before = document.body.innerHTML;
  const parse = jest.spyOn(DOMParser.prototype, "parseFromString");
  try {
    await page.translate();
    expect(document.querySelector("p")?.textContent).toBe("ABSATZ NUMMER 0 MIT ETWAS TEXT.");
    expect(document.querySelector("a")?.textContent).toBe("VERWEIS");
    // The linked passage's reply is parsed; none of the twenty plain ones is.
    const parsed = parse.mock.calls.map(([input]) => String(input));
    expect(parsed.filter((input) => input.includes("VERWEIS"))).toHaveLength(1);
    expect(parsed.filter((input) => input.includes("ABSATZ"))).toEqual([]);
  } finally {
    parse.mockRestore();
  }
  page.restore();
  expect(document.body.innerHTML).toBe(before);
});
