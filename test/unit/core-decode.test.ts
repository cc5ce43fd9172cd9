/**
 * @jest-environment jsdom
 */
// Items 6–8 at the decode level, with the real DOMPurify: inert parsing, self-closing placeholders, the allow-list
// of issued names, no attributes, hostile tags, and rejection of replies that lose text or come back empty.

import { decodeText, decodeUnit, encodeUnit, normaliseSelfClosing } from "../../src/core";
import type { EncodedUnit } from "../../src/core";
import { purifierFor, sanitizeToFragment } from "../../src/core/markup/sanitize";
import { warmUpWrite } from "../../src/core/write/warm-up";

function unitFor(html: string): EncodedUnit {
  document.body.innerHTML = `<p id="u">${html}</p>`;
  const u = encodeUnit(document.querySelector("#u") as Element);
  if (!u) throw new Error("nothing encoded");
  return u;
}

function serialise(fragment: DocumentFragment): string {
  const div = document.createElement("div");
  div.appendChild(fragment.cloneNode(true));
  return div.innerHTML;
}

function decoded(u: EncodedUnit, reply: string): string {
  const d = decodeUnit(window, reply, u);
  if (!d.ok) throw new Error(`rejected: ${d.reason}`);
  return serialise(d.fragment);
}

describe("parsing", () => {
  test("self-closing placeholders become pairs (otherwise what follows would nest inside)", () => {
    expect(normaliseSelfClosing("a <x3/> b <x4 /> c <br/>")).toBe("a <x3></x3> b <x4></x4> c <br/>");
    const u = unitFor(`Mit <code>curl</code> geht es <a href="#">hier</a>.`);
    expect(u.html).toBe("Mit <x1></x1> geht es <a2>hier</a2>.");
    expect(decoded(u, "With <x1/> it works <a2>here</a2>.")).toBe("With <x1></x1> it works <a2>here</a2>.");
  });

  test("placeholders survive DOMPurify (lower-cased) but lose every attribute", () => {
    const u = unitFor(`Ein <a href="#">Link</a> und <b>fett</b>`);
    expect(
      decoded(
        u,
        `A <A1 href="https://evil.example" onclick="alert(1)" style="x">link</A1> and <b2 class="c">bold</b2>`,
      ),
    ).toBe("A <a1>link</a1> and <b2>bold</b2>");
  });

  test("the reply is parsed in an inert document: scripts and handlers never run", () => {
    const w = window as unknown as { __pwned?: boolean };
    const u = unitFor(`Text <b>fett</b>`);
    decodeUnit(window, `<img src=x onerror="window.__pwned=true"><b2>x</b2><script>window.__pwned=true</script>`, u);
    expect(w.__pwned).toBeUndefined();
  });

  test("edge whitespace of the unit is put back around the reply", () => {
    document.body.innerHTML = `<p id="u">\n  Hallo <b>Welt</b> heute  </p>`;
    const u = encodeUnit(document.querySelector("#u") as Element) as EncodedUnit;
    expect(decoded(u, "  Hello <b1>world</b1> today\n")).toBe("\n  Hello <b1>world</b1> today  ");
  });

  test("escaped text that looks like a placeholder stays text", () => {
    const u = unitFor(`Schreib &lt;/a1&gt; oder <a href="#">klick</a>`);
    expect(u.html).toBe("Schreib &lt;/a1&gt; oder <a1>klick</a1>");
    const d = decodeUnit(window, "Write &lt;/a1&gt; or <a1>click</a1>", u);
    expect(d.ok && d.fragment.firstChild?.textContent).toBe("Write </a1> or ");
  });
});

describe("hostile replies (item 7)", () => {
  const u = () => unitFor(`Lies <a href="/artikel">den Artikel</a> heute.`);

  test.each([
    [
      "img with onerror",
      `Read <a1>the article</a1> <img src=x onerror="alert(1)"> today.`,
      "Read <a1>the article</a1>  today.",
    ],
    [
      "link to an evil site",
      `Read <a href="https://evil.example">the article</a> <a1>here</a1>.`,
      "Read the article <a1>here</a1>.",
    ],
    ["script", `Read <a1>it</a1><script>alert(1)</script> today.`, "Read <a1>it</a1> today."],
    [
      "form",
      `Read <a1>it</a1> <form action="https://evil.example"><input name="pw">Login</form>`,
      "Read <a1>it</a1> Login",
    ],
    [
      "svg animate",
      `Read <a1>it</a1><svg><animate onbegin="alert(1)" attributeName="x"></animate></svg> now.`,
      "Read <a1>it</a1> now.",
    ],
    ["style", `Read <a1>it</a1><style>body{display:none}</style> today.`, "Read <a1>it</a1> today."],
    ["iframe", `Read <a1>it</a1><iframe src="https://evil.example"></iframe> today.`, "Read <a1>it</a1> today."],
  ])("%s never reaches the page", (_name, reply, expected) => {
    expect(decoded(u(), reply)).toBe(expected);
  });

  test("an unknown placeholder is dropped (its text kept) and reported", () => {
    const d = decodeUnit(window, "Read <a1>the article</a1> <b9>today</b9>.", u());
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(serialise(d.fragment)).toBe("Read <a1>the article</a1> today.");
    expect(d.unknown).toEqual(["b9"]);
  });

  test("a placeholder used twice is kept twice (merge clones it)", () => {
    expect(decoded(u(), "Read <a1>the</a1> <a1>article</a1> today.")).toBe("Read <a1>the</a1> <a1>article</a1> today.");
  });
});

describe("repair before reject (issue #12): the same rules as the server client's checks", () => {
  const unit = () => unitFor(`Lies <a href="/a">den Artikel</a> über <b>Katzen</b>.`);
  test.each([
    ["spacing", "Read < a1 >the article</ a1> about <b2 >cats< /b2>."],
    ["case", "Read <A1>the article</A1> about <B2>cats</B2>."],
    ["bracket style", "Read [a1]the article[/a1] about [b2]cats</b2>."],
    ["Markdown for the one lost bold placeholder", "Read <a1>the article</a1> about **cats**."],
  ])("%s", (_rule, reply) => {
    expect(decoded(unit(), reply)).toBe("Read <a1>the article</a1> about <b2>cats</b2>.");
  });

  test("without the repair these would show as text or lose the link; an attribute is still dropped", () => {
    expect(decoded(unit(), `Read <a1 href="https://evil.example">the article</a1> about <b2>cats</b2>.`)).toBe(
      "Read <a1>the article</a1> about <b2>cats</b2>.",
    );
    expect(decodeUnit(window, "Read **the article** about <b2>cats</b2>.", unit())).toMatchObject({
      ok: false,
      reason: "lost-placeholder",
    });
  });
});

describe("rejection (item 8)", () => {
  test("a reply that loses a placeholder that held text is rejected", () => {
    const d = decodeUnit(window, "Read the article today.", unitFor(`Lies <a href="/a">den Artikel</a> heute.`));
    expect(d).toMatchObject({ ok: false, reason: "lost-placeholder" });
  });

  test("inline code must come back; an image without text may be left out", () => {
    const withCode = unitFor(`Mit <code>curl</code> und <img src="x.png" alt=""> geht es.`);
    expect(withCode.html).toBe("Mit <x1></x1> und <x2></x2> geht es.");
    expect(decodeUnit(window, "With <x1></x1> it works.", withCode).ok).toBe(true);
    expect(decodeUnit(window, "With and it works.", withCode)).toMatchObject({ ok: false, reason: "lost-placeholder" });
  });

  test("a placeholder inside an opaque one does not count (merge never looks inside opaque ones)", () => {
    const unit = unitFor(`Mit <code>curl</code> <a href="#">hier</a>.`);
    expect(decodeUnit(window, "With <x1><a2>here</a2></x1>.", unit)).toMatchObject({
      ok: false,
      reason: "lost-placeholder",
    });
  });

  test.each([[""], ["   \n"], ["<b1></b1>"]])("an empty reply %p is rejected", (reply) => {
    expect(decodeUnit(window, reply, unitFor(`Hallo <b>Welt</b>`))).toMatchObject({ ok: false, reason: "empty" });
  });
});

describe("plain-text segments", () => {
  test("any markup is reduced to its text; edges are put back", () => {
    expect(
      decodeText(window, `Search <b onclick="x">here</b> &amp; there<script>alert(1)</script>`, {
        html: "Suche hier &amp; dort",
        lead: " ",
        trail: "\n",
      }),
    ).toEqual({
      ok: true,
      text: " Search here & there\n",
    });
    expect(decodeText(window, "  ", { html: "Hallo", lead: "", trail: "" })).toMatchObject({
      ok: false,
      reason: "empty",
    });
  });
});

describe("DOMPurify guard", () => {
  test("refuses to run without a DOM instead of failing open", () => {
    expect(() => purifierFor({} as Window)).toThrow(/DOMPurify is not supported/);
  });

  test("is bound to the window of the document being translated", () => {
    const frame = document.createElement("iframe");
    document.body.appendChild(frame);
    const other = frame.contentWindow as Window;
    const { fragment } = sanitizeToFragment(other, "<a1>x</a1>", ["a1"]);
    expect(fragment.ownerDocument).not.toBe(document);
    expect(purifierFor(other)).not.toBe(purifierFor(window));
  });
});

test("warming the write path up (while the first request is out) leaves the page as it was", () => {
  document.body.innerHTML = `<p id="u">Ein <b>Absatz</b>.</p>`;
  const before = document.documentElement.outerHTML;
  const seen: MutationRecord[] = [];
  const observer = new MutationObserver((records) => seen.push(...records));
  observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  expect(warmUpWrite(window)).toBe("A <b>word</b>.");
  seen.push(...observer.takeRecords());
  observer.disconnect();
  expect(seen).toEqual([]);
  expect(document.documentElement.outerHTML).toBe(before);
});
