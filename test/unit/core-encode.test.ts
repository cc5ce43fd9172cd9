/**
 * @jest-environment jsdom
 */
// Item 5 (compact markup): placeholders without attributes, letter + number names, escaped text, exact edge
// whitespace, and the token economy rules (wrappers and empty edges stay out of the request).

import { encodePlain, encodeUnit } from "../../src/core";
import type { EncodedUnit } from "../../src/core";

function encode(html: string, selector = "#u"): EncodedUnit {
  document.body.innerHTML = html;
  const el = document.querySelector(selector);
  if (!el) throw new Error(`no ${selector}`);
  const encoded = encodeUnit(el);
  if (!encoded) throw new Error("nothing encoded");
  return encoded;
}

describe("placeholders", () => {
  test("carry no attributes, URLs or classes; names are a letter plus a number", () => {
    const u = encode(
      `<p id="u">Lies <a href="https://example.com/x?y=1" class="link" onclick="steal()">den Artikel</a> und <span title="t" style="color:red">mehr</span>.</p>`,
    );
    expect(u.html).toBe("Lies <a1>den Artikel</a1> und <s2>mehr</s2>.");
    expect(u.html).not.toMatch(/href|class|onclick|title|style|example\.com/);
    for (const tag of u.html.match(/<[^>]+>/g) ?? []) expect(tag).toMatch(/^<\/?[a-z]\d+>$/);
    expect([...u.placeholders.keys()]).toEqual(["a1", "s2"]);
    expect(u.placeholders.get("a1")?.el).toBe(document.querySelector("a"));
  });

  test("letters hint the element's kind: a links, b bold, i italics, x opaque, s other", () => {
    const u = encode(
      `<p id="u">Ein <a href="#">Link</a>, <strong>fett</strong>, <b>auch</b>, <em>schräg</em>, <i>auch</i>, <code>x()</code>, <img src="i.png"> und <span>Rest</span>.</p>`,
    );
    expect(u.html).toBe(
      "Ein <a1>Link</a1>, <b2>fett</b2>, <b3>auch</b3>, <i4>schräg</i4>, <i5>auch</i5>, <x6></x6>, <x7></x7> und <s8>Rest</s8>.",
    );
    expect(u.placeholders.get("x6")).toMatchObject({ opaque: true, hasText: true });
    expect(u.placeholders.get("x7")).toMatchObject({ opaque: true, hasText: false });
  });

  test("nested inline elements nest their placeholders", () => {
    const u = encode(`<p id="u">Das ist <b>sehr <a href="#">wichtig</a></b>!</p>`);
    expect(u.html).toBe("Das ist <b1>sehr <a2>wichtig</a2></b1>!");
  });
});

describe("text", () => {
  test("is HTML-escaped, so page text that looks like a placeholder cannot forge one", () => {
    const u = encode(`<p id="u">a &lt; b &amp;&amp; c &gt; d, und &lt;/a1&gt;&lt;b2&gt; ist nur Text</p>`);
    expect(u.html).toBe("a &lt; b &amp;&amp; c &gt; d, und &lt;/a1&gt;&lt;b2&gt; ist nur Text");
    expect(u.placeholders.size).toBe(0);
  });

  test("leading and trailing whitespace is kept aside exactly, runs inside are collapsed", () => {
    const u = encode(`<p id="u">\n   Hallo   <b>Welt</b>,\n  wie geht's?\u00a0 \n</p>`);
    expect(u.lead).toBe("\n   ");
    expect(u.trail).toBe("\u00a0 \n");
    expect(u.html).toBe("Hallo <b1>Welt</b1>, wie geht's?");
  });

  test("whitespace is kept inside pre (without code)", () => {
    document.body.innerHTML = `<pre id="u">Zeile eins\n    eingerückt</pre>`;
    const u = encodeUnit(document.querySelector("#u") as Element, { preformatted: true });
    expect(u?.html).toBe("Zeile eins\n    eingerückt");
  });

  test("plain text of a unit is whitespace-normalised for language detection", () => {
    const u = encode(`<p id="u">Ein <a href="#">Link</a>\n und <code>code</code> hier</p>`);
    expect(u.text).toBe("Ein Link und hier");
  });
});

describe("token economy", () => {
  test("a wrapper holding the whole unit is not sent: <li><a>Home</a></li> sends Home", () => {
    const u = encode(`<ul><li id="u"><a href="/">Startseite</a></li></ul>`);
    expect(u.html).toBe("Startseite");
    expect(u.parent).toBe(document.querySelector("a"));
  });

  test("nested wrappers and whitespace around them are skipped too", () => {
    const u = encode(`<div id="u">\n  <span><b><a href="/">Anmelden</a></b></span>\n</div>`);
    expect(u.html).toBe("Anmelden");
  });

  test("empty or wordless elements and texts at the unit's edges stay out", () => {
    const u = encode(
      `<p id="u"><img src="a.png"> <span class="icon"></span><a href="#">[–]</a> Bildunterschrift hier <br> <span>42</span> </p>`,
    );
    expect(u.html).toBe("Bildunterschrift hier");
    expect(u.placeholders.size).toBe(0);
  });

  test("an element wrapping another inside a unit gets one placeholder", () => {
    const u = encode(`<p id="u">Klick <span class="w"><a href="/x">hier</a></span> für mehr.</p>`);
    expect(u.html).toBe("Klick <a1>hier</a1> für mehr.");
    const p = u.placeholders.get("a1");
    expect(p?.el).toBe(document.querySelector("span.w"));
    expect(p?.target).toBe(document.querySelector("a"));
  });

  test("opaque content in the middle travels as an empty pair", () => {
    const u = encode(`<p id="u">Mit <code>curl</code> und <kbd>Strg</kbd> geht das.</p>`);
    expect(u.html).toBe("Mit <x1></x1> und <x2></x2> geht das.");
  });

  test("comments and invisible elements are not sent", () => {
    const u = encode(
      `<p id="u">Eins <!-- marker --><script>var x = 1;</script><span style="display:none">Tooltip</span>zwei</p>`,
    );
    expect(u.html).toBe("Eins zwei");
  });
});

test("encodePlain escapes and keeps edge whitespace aside", () => {
  expect(encodePlain("  Suche <hier> & dort\n")).toEqual({
    html: "Suche &lt;hier&gt; &amp; dort",
    lead: "  ",
    trail: "\n",
  });
});

test("a run of sibling nodes can be encoded on its own", () => {
  document.body.innerHTML = `<div>Vorher <b>fett</b><p>Absatz</p>nachher</div>`;
  const div = document.querySelector("div") as Element;
  const run = [div.childNodes[0] as Node, div.childNodes[1] as Node];
  expect(encodeUnit(run)?.html).toBe("Vorher <b1>fett</b1>");
});

describe("footnote and reference marks", () => {
  const WIKI =
    `<p id="u">Berlin ist die Hauptstadt.<sup class="reference"><a href="#cite_note-1">[1]</a></sup> ` +
    `Sie hat 3,7 Millionen Einwohner.<sup class="reference"><a href="#cite_note-2">[2]</a></sup></p>`;

  test("a footnote link inside a passage travels as an empty placeholder: the model never sees `[1]`", () => {
    const u = encode(WIKI);
    // The last one is at the edge: not sent at all.
    expect(u.html).toBe("Berlin ist die Hauptstadt.<x1></x1> Sie hat 3,7 Millionen Einwohner.");
    expect(u.placeholders.get("x1")).toMatchObject({ opaque: true, hasText: true, required: false });
    expect(u.placeholders.get("x1")?.el).toBe(document.querySelector("sup"));
    expect(u.text).not.toContain("1");
  });

  test("superscripts and bare bracketed labels are marks too", () => {
    expect(encode(`<p id="u">Die Fläche von 891 km<sup>2</sup> wächst.</p>`).html).toBe(
      "Die Fläche von 891 km<x1></x1> wächst.",
    );
    expect(encode(`<p id="u">Wie belegt<a href="#n">[12]</a> und <span>［3］</span> gesagt.</p>`).html).toBe(
      "Wie belegt<x1></x1> und <x2></x2> gesagt.",
    );
  });

  test("a number in running text and a label with words still travel with their text", () => {
    expect(encode(`<p id="u">Über <b>42</b> Menschen kamen.</p>`).html).toBe("Über <b1>42</b1> Menschen kamen.");
    expect(encode(`<p id="u">Mehr dazu <a href="#">[Quelle]</a> unten.</p>`).html).toBe(
      "Mehr dazu <a1>[Quelle]</a1> unten.",
    );
    expect(encode(`<p id="u">Wasser (H<sub>2</sub>O) ist <sup>sehr wichtig</sup>.</p>`).html).toBe(
      "Wasser (H<x1></x1>O) ist <s2>sehr wichtig</s2>.",
    );
  });
});
