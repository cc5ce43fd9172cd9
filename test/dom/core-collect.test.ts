// Items 1–4: what a translation unit is, what is never translated, shadow roots and attributes, <option>.

import { collectAll, unitHtml } from "../helpers/core-collect";
import { loadFixture, shadowRoots } from "../helpers/core-fixtures";
import { sent, setup } from "../helpers/core-page";

function body(html: string): Element {
  document.body.innerHTML = html;
  return document.body;
}

describe("item 1: units follow the Firefox rule", () => {
  test("inline markup belongs to its block: <div>a<b>b</b>c</div> is one unit", () => {
    expect(unitHtml(body(`<div>Eins <b>zwei</b> drei</div>`))).toEqual(["Eins <b1>zwei</b1> drei"]);
  });

  test("a block inside a block makes two units: <div>a<div>b</div></div>", () => {
    expect(unitHtml(body(`<div>Außen<div>Innen</div></div>`))).toEqual(["Außen", "Innen"]);
  });

  test("computed style wins: <span style=display:block> is its own unit", () => {
    expect(unitHtml(body(`<div>Vorher <span style="display:block">Mitte</span> nachher</div>`))).toEqual([
      "Vorher",
      "Mitte",
      "nachher",
    ]);
  });

  test("a stylesheet can make an inline element a block, and a block inline", () => {
    document.head.innerHTML = `<style>.blk{display:block}.inl{display:inline}</style>`;
    expect(
      unitHtml(
        body(`<p>Satz <em class="blk">Block</em> Ende</p><div class="inl">Eins</div> <div class="inl">zwei</div>`),
      ),
    ).toEqual(["Satz", "Block", "Ende", "<s1>Eins</s1> <s2>zwei</s2>"]);
    document.head.innerHTML = "";
  });

  test("six inline spans in a div are one unit; six divs are six units", () => {
    const spans = ["Das", "ist", "ein", "ganzer", "deutscher", "Satz"].map((w) => `<span>${w}</span>`).join(" ");
    expect(unitHtml(body(`<div>${spans}</div>`))).toHaveLength(1);
    const divs = ["Eins", "Zwei", "Drei", "Vier", "Fünf", "Sechs"].map((w) => `<div>${w}</div>`).join("");
    expect(unitHtml(body(`<div>${divs}</div>`))).toEqual(["Eins", "Zwei", "Drei", "Vier", "Fünf", "Sechs"]);
  });

  test("bare text beside block siblings is its own unit", () => {
    expect(unitHtml(body(`<div>Vorher <a href="#">Link</a><p>Absatz</p>Nachher</div>`))).toEqual([
      "Vorher <a1>Link</a1>",
      "Absatz",
      "Nachher",
    ]);
  });

  test("custom elements are inline unless styled (jsdom has no layout: tag fallback)", () => {
    expect(unitHtml(body(`<p>Text mit <my-badge>Abzeichen</my-badge> darin</p>`))).toEqual([
      "Text mit <s1>Abzeichen</s1> darin",
    ]);
  });

  test("list items are separate units even when styled inline (menus, button rows)", () => {
    document.head.innerHTML = `<style>li{display:inline}</style>`;
    expect(unitHtml(body(`<ul><li><a href="#">teilen</a></li> <li><a href="#">melden</a></li></ul>`))).toEqual([
      "teilen",
      "melden",
    ]);
    document.head.innerHTML = "";
  });

  test("units come in document order", () => {
    expect(unitHtml(body(`<form><label>Name</label><button>Senden</button><label>Stadt</label></form>`))).toEqual([
      "Name",
      "Senden",
      "Stadt",
    ]);
  });
  test("footnote marks inside a passage are empty placeholders; numbers in the text keep theirs", () => {
    const html =
      `<p>Die Stadt<sup class="reference"><a href="#cite_note-1">[1]</a></sup> hat <b>42</b> Brücken` +
      `<sup><a href="#n2">2</a></sup> und <a href="/x">[Quelle]</a> mehr.<sup><a href="#n3">[3]</a></sup></p>`;
    expect(unitHtml(body(html))).toEqual([
      "Die Stadt<x1></x1> hat <b2>42</b2> Brücken<x3></x3> und <a4>[Quelle]</a4> mehr.",
    ]);
  });
  test("lettered and named footnote marks and maintenance tags are empty placeholders; a superscript in a word is not", () => {
    // Wikipedia's {{efn}}, {{NoteTag}} and {{Citation needed}} markup.
    const html =
      `<p>Die Stadt<sup id="cite_ref-a" class="reference"><a href="#cite_note-a">[a]</a></sup> hat Brücken` +
      `<sup class="reference"><a href="#cite_note-2">[note 1]</a></sup> und Türme.` +
      `<sup class="noprint Inline-Template Template-Fact">[<i><a href="/wiki/Wikipedia:Citation_needed">` +
      `<span>citation needed</span></a></i>]</sup></p><p>Le 1<sup>er</sup> janvier, M<sup>me</sup> Dupont.</p>`;
    expect(unitHtml(body(html))).toEqual([
      "Die Stadt<x1></x1> hat Brücken<x2></x2> und Türme.<x3></x3>",
      "Le 1<s1>er</s1> janvier, M<s2>me</s2> Dupont.",
    ]);
  });
});

test("a ruby annotation keeps its line one unit and is never translated (furigana is not part of the sentence)", async () => {
  // The display values browsers compute (jsdom's own stylesheet says rt is a block).
  document.head.innerHTML = `<style>ruby{display:ruby}rt{display:ruby-text}rp{display:none}</style>`;
  const { page } = setup(`<p>東京の<ruby>漢字<rp>(</rp><rt>かんじ</rt><rp>)</rp></ruby>は難しい</p>`);
  expect(unitHtml(document.body)).toEqual(["東京の<s1>漢字<x2></x2></s1>は難しい"]);
  await page.translate();
  expect(document.querySelector("rt")?.textContent).toBe("かんじ");
  expect(document.querySelector("p")?.getAttribute("lang")).toBe("en");
  page.restore();
  expect(document.body.innerHTML).toBe(`<p>東京の<ruby>漢字<rp>(</rp><rt>かんじ</rt><rp>)</rp></ruby>は難しい</p>`);
  document.head.innerHTML = "";
});

test("a pronunciation (IPA, lang=…-fonipa) is never sent and keeps its sounds and their tooltips", async () => {
  // Wikipedia's {{IPA}} and {{IPAc-en}} markup: each sound a span whose tooltip explains it by a word of the language.
  const html =
    `<p><b>Deutschland</b> (<span class="IPA" lang="de-fonipa"><a href="/wiki/Hilfe:IPA" title="Hilfe:IPA">[ˈdɔʏ̯t͡ʃlant]</a></span>)` +
    ` oder <span class="IPA nowrap" lang="und-Latn-fonipa">/<span title="/ɪ/: 'i' in 'Kind'">ɪ</span>ç/</span> ist ein Staat.</p>`;
  const { page, fake } = setup(html);
  await page.translate();
  expect(sent(fake)).toEqual(["<b1>Deutschland</b1> (<x2></x2>) oder <x3></x3> ist ein Staat."]);
  expect(Array.from(document.querySelectorAll(".IPA"), (el) => el.textContent)).toEqual(["[ˈdɔʏ̯t͡ʃlant]", "/ɪç/"]);
  expect(document.querySelector("[title^='/ɪ/']")?.getAttribute("title")).toBe("/ɪ/: 'i' in 'Kind'");
  page.restore();
  expect(document.body.innerHTML).toBe(html);
});

test("text marked as having no language (lang=zxx: a code, a sample of letters) is never sent", async () => {
  const html = `<p>Geben Sie den Code <span lang="zxx">QWERTZ UIOP</span> an der Kasse ein.</p>`;
  const { page, fake } = setup(html);
  await page.translate();
  expect(sent(fake)).toEqual(["Geben Sie den Code <x1></x1> an der Kasse ein."]);
  expect(document.querySelector("span")?.textContent).toBe("QWERTZ UIOP");
  page.restore();
  expect(document.body.innerHTML).toBe(html);
});

test("text that is only web or e-mail addresses is not sent; a sentence around an address is", async () => {
  const html =
    `<ul><li><a href="https://beispiel.de/hilfe/kontakt">https://beispiel.de/hilfe/kontakt</a></li>` +
    `<li>(www.beispiel.de/preise), info@beispiel.de</li>` +
    `<li><a href="mailto:hilfe@beispiel.de" title="mailto:hilfe@beispiel.de">Schreiben Sie uns</a></li>` +
    `<li>Mehr unter https://beispiel.de/mehr lesen</li></ul>`;
  const { page, fake } = setup(html);
  await page.translate();
  expect(sent(fake)).not.toContain("hilfe/kontakt");
  expect(sent(fake)).not.toContain("info@beispiel.de");
  expect(sent(fake)).not.toContain("mailto:");
  expect(Array.from(document.querySelectorAll("li")).map((li) => li.textContent)).toEqual([
    "https://beispiel.de/hilfe/kontakt",
    "(www.beispiel.de/preise), info@beispiel.de",
    "SCHREIBEN SIE UNS",
    "MEHR UNTER HTTPS://BEISPIEL.DE/MEHR LESEN",
  ]);
});

test("a tooltip that is only a machine timestamp (every post's age on Hacker News, Stack Overflow) is not sent", async () => {
  const html =
    `<span class="age" title="2025-11-30T14:26:41 1764512801"><a href="item?id=1">vor 2 Stunden</a></span>` +
    `<span class="relativetime" title="2011-03-04 16:31:29Z">4. März 2011</span>` +
    `<span title="2024-01-05 10:00 UTC">gestern</span>` +
    `<span title="2011-03-04 16:31:29Z, Lizenz: CC BY-SA 3.0">Kommentar</span>`;
  const { page, fake } = setup(`<p>${html}</p>`);
  await page.translate();
  expect(sent(fake).filter((s) => /\d{4}-\d{2}/.test(s))).toEqual(["2011-03-04 16:31:29Z, Lizenz: CC BY-SA 3.0"]);
  expect(Array.from(document.querySelectorAll("[title]"), (el) => el.getAttribute("title"))).toEqual([
    "2025-11-30T14:26:41 1764512801",
    "2011-03-04 16:31:29Z",
    "2024-01-05 10:00 UTC",
    "2011-03-04 16:31:29Z, LIZENZ: CC BY-SA 3.0",
  ]);
});

describe("item 2: exclusions", () => {
  test.each([
    ["script", `<script>var text = "Hallo Welt";</script>`],
    ["style", `<style>.x::after { content: "Hallo Welt" }</style>`],
    ["noscript", `<noscript>Bitte JavaScript aktivieren</noscript>`],
    ["template", `<template><p>Vorlage Text</p></template>`],
    ["textarea", `<textarea>Eigener Text hier</textarea>`],
    ["code", `<code>Hallo Welt</code>`],
    ["kbd", `<kbd>Strg Alt Entf</kbd>`],
    ["samp", `<samp>Ausgabe Text</samp>`],
    ["var", `<var>Breite</var>`],
    ["math", `<math><mi>Wurzel</mi></math>`],
    ["svg", `<svg><text>Beschriftung</text><title>Titel</title></svg>`],
    ["iframe", `<iframe>Ersatztext</iframe>`],
    ["object", `<object>Ersatztext</object>`],
    ["embed", `<embed title="x">`],
    ["pre holding code", `<pre><code>curl -s "https://example.com"</code></pre>`],
    [
      "pre holding highlighted code without <code> (Wikipedia's Pygments)",
      `<div class="mw-highlight mw-highlight-lang-python" dir="ltr"><pre><span></span><span class="k">def</span> ` +
        `<span class="nf">gruss</span><span class="p">():</span>\n    <span class="nb">print</span><span class="p">(</span>` +
        `<span class="s2">"Hallo Welt"</span><span class="p">)</span>\n</pre></div>`,
    ],
    ["translate=no", `<div translate="no">Markenname GmbH</div>`],
    [".notranslate", `<div class="notranslate">Markenname GmbH</div>`],
    ["contenteditable", `<div contenteditable="true">Meine Notizen</div>`],
    ["hidden", `<p hidden>Versteckter Text</p>`],
    ["display:none", `<p style="display:none">Versteckter Text</p>`],
    ["lang = target", `<p lang="en">Already English text</p>`],
    ["lang = target (other region)", `<p lang="en-GB">Already English text</p>`],
  ])("%s is never translated", (_name, html) => {
    const result = collectAll(body(html));
    expect(result.content).toEqual([]);
  });

  test("text the reader writes is left alone: under a contenteditable ancestor, and in a designMode document", () => {
    // Collection from inside an editor (text the page added there later) looks at the ancestors.
    const editor = body(`<div contenteditable=""><p>Meine <b>Notizen</b></p></div>`);
    expect(collectAll(editor.querySelector("b")!).content).toEqual([]);
    expect(collectAll(editor.querySelector("p")!).content).toEqual([]);
    const page = body(`<p>Ein Absatz</p>`);
    document.designMode = "on";
    try {
      expect(collectAll(page).content).toEqual([]);
    } finally {
      document.designMode = "off";
    }
    expect(collectAll(page).content).toHaveLength(1);
  });

  test("icon-font ligatures (Material Icons) stay the icon they name", async () => {
    document.head.innerHTML =
      `<style>.material-icons{font-family:'Material Icons'}` +
      `.material-symbols-outlined{font-family:"Material Symbols Outlined",sans-serif}</style>`;
    const { page, fake } = setup(
      `<button><span class="material-icons">search</span> Suchen</button>` +
        `<a href="/"><i class="material-symbols-outlined">home</i></a><p>Fertig</p>`,
    );
    await page.translate();
    expect(sent(fake).sort()).toEqual(["<x1></x1> Suchen", "Fertig"]);
    expect(document.querySelector("button")?.textContent).toBe("search SUCHEN");
    expect(document.querySelector("a")?.textContent).toBe("home");
    document.head.innerHTML = "";
  });

  test("pre without code is translated, whitespace kept", () => {
    expect(unitHtml(body(`<pre>Zeile eins\n  Zeile zwei</pre>`))).toEqual(["Zeile eins\n  Zeile zwei"]);
    expect(unitHtml(body(`<pre>Zeile <span class="hl">eins</span>\n  Zeile zwei</pre>`))).toEqual([
      "Zeile <s1>eins</s1>\n  Zeile zwei",
    ]);
  });

  test("a pre of prose with a few classed spans (an RFC page on datatracker.ietf.org) is translated", () => {
    const html =
      `<pre class="newpage"><span id="page-2"></span>\n<span class="grey">RFC 9999    Beispielprotokoll    Mai 2026</span>\n\n` +
      `<span class="h2"><a class="selflink" id="section-1" href="#section-1">1</a>.  Einleitung</span>\n\n` +
      `   Dieses Dokument beschreibt ein Protokoll, mit dem zwei Rechner einander\n` +
      `   Nachrichten senden, ohne dass ein Dritter sie mitlesen oder verändern kann.\n\n` +
      `<span class="grey">Muster                    Standards Track                    [Seite 2]</span></pre>`;
    expect(unitHtml(body(html)).join("\n")).toContain("Dieses Dokument beschreibt ein Protokoll");
  });

  test('translate="yes" re-enables translation inside translate="no"', () => {
    expect(
      unitHtml(
        body(
          `<div translate="no"><p>Marke</p><p translate="yes">Jetzt lesen</p><span>Marke <b translate="yes">neu</b></span></div>`,
        ),
      ),
    ).toEqual(["Jetzt lesen", "neu"]);
  });

  test("excluded inline content inside a sentence travels as an opaque placeholder and comes back untouched", async () => {
    const { page } = setup(`<p>Mit <code>curl -s</code> und <span class="notranslate">Gloss</span> geht es.</p>`);
    const code = document.querySelector("code") as Element;
    const codeText = code.firstChild;
    await page.translate();
    expect(document.body.innerHTML).toBe(
      `<p lang="en">MIT <code>curl -s</code> UND <span class="notranslate">Gloss</span> GEHT ES.</p>`,
    );
    expect(document.querySelector("code")).toBe(code);
    expect(code.firstChild).toBe(codeText);
  });

  test("form values are never touched: input/select values and textarea content", async () => {
    const { page } = setup(
      `<form><input name="q" value="Suchbegriff"><select name="s"><option value="a">Erste Wahl</option></select><textarea>Mein Entwurf</textarea></form>`,
    );
    const input = document.querySelector("input") as HTMLInputElement;
    input.value = "getippter Text";
    await page.translate();
    expect(input.value).toBe("getippter Text");
    expect(input.getAttribute("value")).toBe("Suchbegriff");
    expect((document.querySelector("select") as HTMLSelectElement).value).toBe("a");
    expect(document.querySelector("textarea")?.value).toBe("Mein Entwurf");
  });

  test("hidden tooltips inside a sentence are not sent and stay in the unit", async () => {
    const { page, fake } = setup(`<p>Klick <span style="display:none">Geheimer Tipp</span>hier</p>`);
    const tip = document.querySelector("span");
    await page.translate();
    expect(sent(fake)).toEqual(["Klick hier"]);
    expect(document.querySelector("p")?.textContent).toBe("KLICK HIERGeheimer Tipp");
    expect(document.querySelector("span")).toBe(tip);
  });

  test("site rules: exclude selectors are never translated, include limits translation to matches", () => {
    const html = `<div class="post"><p class="title">Titel hier</p><p class="meta">von <a class="author">Nutzer</a> vor <time>3 Stunden</time></p><div class="body"><p>Text des Beitrags</p></div></div>`;
    expect(unitHtml(body(html), { site: { exclude: [".meta", "time"] } })).toEqual(["Titel hier", "Text des Beitrags"]);
    expect(unitHtml(body(html), { site: { include: [".title", ".body"] } })).toEqual([
      "Titel hier",
      "Text des Beitrags",
    ]);
    expect(unitHtml(body(html), { site: { include: [".body"], exclude: ["p"] } })).toEqual([]);
  });

  test("an include match that is inline becomes a unit of its own", () => {
    expect(
      unitHtml(body(`<p class="title"><a class="title">Der Titel</a> <span class="domain">(self.de)</span></p>`), {
        site: { include: ["a.title"] },
      }),
    ).toEqual(["Der Titel"]);
  });

  test("an invalid selector does not disable the others", () => {
    expect(
      unitHtml(body(`<p class="a">Eins</p><p class="b">Zwei</p>`), { site: { exclude: ["::nonsense(", ".a"] } }),
    ).toEqual(["Zwei"]);
  });
});

describe("item 3: shadow roots and attributes", () => {
  test("open shadow roots are walked", () => {
    const host = body(`<div id="host"><span slot="x">Licht Inhalt</span></div>`).querySelector("#host") as Element;
    const root = host.attachShadow({ mode: "open" });
    root.appendChild(document.createElement("p")).textContent = "Schatten Text";
    root.appendChild(document.createElement("slot")).setAttribute("name", "x");
    expect(unitHtml()).toEqual(["Schatten Text", "Licht Inhalt"]);
  });

  test("closed shadow roots are reached through getShadowRoot", () => {
    const host = body(`<div id="host"></div>`).querySelector("#host") as Element;
    const closed = host.attachShadow({ mode: "closed" });
    closed.appendChild(document.createElement("p")).textContent = "Verborgen im Schatten";
    expect(unitHtml()).toEqual([]);
    const roots = new Map([[host, closed]]);
    expect(unitHtml(document.body, { getShadowRoot: (el) => roots.get(el) ?? el.shadowRoot })).toEqual([
      "Verborgen im Schatten",
    ]);
  });

  test("site rules apply inside shadow roots", () => {
    const host = body(`<div id="host"></div>`).querySelector("#host") as Element;
    const root = host.attachShadow({ mode: "open" });
    const p = root.appendChild(document.createElement("p"));
    p.textContent = "Bezahlt";
    root.appendChild(document.createElement("faceplate-timeago")).textContent = "vor 2 Std.";
    expect(unitHtml(document.body, { site: { exclude: ["faceplate-timeago"] } })).toEqual(["Bezahlt"]);
  });

  test("a part left out inside a shadow root holds what its slots show, loose text too; the rest of the component stays", () => {
    const host = body(
      `<div id="host"><b slot="x">Im Rahmen</b>Lose im Rahmen<i slot="y">Daneben</i></div>`,
    ).querySelector("#host") as Element;
    const root = host.attachShadow({ mode: "open" });
    root.innerHTML = `<div class="frame"><slot name="x"></slot><slot></slot></div><p><slot name="y"></slot></p>`;
    expect(unitHtml(document.body, { site: { exclude: [".frame"] } })).toEqual(["Daneben"]);
    // Through a slot in a component inside the component as well.
    const inner = root.querySelector("p")!.appendChild(document.createElement("span"));
    inner.attachShadow({ mode: "open" }).innerHTML = `<em class="frame"><slot></slot></em>`;
    inner.append(root.querySelector("slot[name=y]")!);
    expect(unitHtml(document.body, { site: { exclude: [".frame"] } })).toEqual([]);
  });

  test("the new-Reddit fixture: shadow-rendered text and light-DOM slots are both found", async () => {
    loadFixture("new-reddit-de");
    expect(shadowRoots(document.body).length).toBeGreaterThan(10);
    const { page } = setup(null);
    await page.translate();
    const post = document.querySelector("shreddit-post") as Element;
    expect(post.shadowRoot?.querySelector(".award-label")?.textContent).toBe("VOM COMMUNITY-TEAM AUSGEZEICHNET");
    expect(document.querySelector('[slot="title"]')?.textContent).toBe(
      "WELCHE DEUTSCHEN WÖRTER VERMISST IHR IM AUSLAND AM MEISTEN?",
    );
    const removed = document.querySelector('shreddit-comment[removed="moderator"]') as Element;
    expect(removed.shadowRoot?.querySelector(".removed p")?.textContent).toMatch(/^DIESER KOMMENTAR WURDE/);
  });

  test("title, alt, placeholder, aria-label and input[type=button|reset] values are translated as plain text; submit never", async () => {
    const { page, fake } = setup(
      `<img src="a.png" alt="Ein Hund im Park" title="Unser Hund"><input placeholder="Suchen Sie hier" aria-label="Suchfeld">` +
        `<input type="button" value="Vorschau"><input type="reset" value="Leeren"><input type="submit" value="Absenden">` +
        `<input type="text" value="Eingabe"><a href="#" aria-label="Zur Startseite" title="Start &amp; mehr">⌂</a>`,
    );
    await page.translate();
    const img = document.querySelector("img") as HTMLImageElement;
    expect([img.alt, img.title]).toEqual(["EIN HUND IM PARK", "UNSER HUND"]);
    const inputs = Array.from(document.querySelectorAll("input"));
    expect(inputs.map((i) => i.getAttribute("placeholder") ?? i.getAttribute("value"))).toEqual([
      "SUCHEN SIE HIER",
      "VORSCHAU",
      "LEEREN",
      "Absenden",
      "Eingabe",
    ]);
    expect(inputs[0]?.getAttribute("aria-label")).toBe("SUCHFELD");
    expect(document.querySelector("a")?.getAttribute("title")).toBe("START & MEHR");
    // Attributes travel as plain text: no markup, escaped.
    expect(sent(fake)).toContain("Start &amp; mehr");
    expect(sent(fake)).not.toContain("Absenden");
  });

  test("a tooltip's and a text area's hint's lines stay lines (a browser draws their line feeds); elsewhere one space", async () => {
    const { page, fake } = setup(
      `<a href="/c" title="Zeile  eins&#10;  Zeile zwei&#10;&#10;Dritte Zeile">Beitrag</a>` +
        `<textarea placeholder="Ihre Antwort&#10;(Markdown geht)"></textarea><img src="a.png" alt="Ein&#10;Hund">`,
    );
    await page.translate();
    // Sent as one line before: the reader's tooltip came back as one run-on line.
    expect(document.querySelector("a")?.getAttribute("title")).toBe("ZEILE EINS\nZEILE ZWEI\n\nDRITTE ZEILE");
    expect(document.querySelector("textarea")?.getAttribute("placeholder")).toBe("IHRE ANTWORT\n(MARKDOWN GEHT)");
    expect(document.querySelector("img")?.getAttribute("alt")).toBe("EIN HUND");
    expect(sent(fake)).toContain("Zeile eins\nZeile zwei\n\nDritte Zeile");
  });
});

test("what is hidden from screen readers is not sent for them: a formula image's LaTeX alt (Wikipedia)", async () => {
  const html =
    `<p>wobei <span class="mwe-math-element"><span class="mwe-math-mathml-inline" style="display: none;">` +
    `<math alttext="{\\displaystyle x^{2}}"><msup><mi>x</mi><mn>2</mn></msup></math></span>` +
    `<img src="x.svg" class="mwe-math-fallback-image-inline" aria-hidden="true" alt="{\\displaystyle x^{2}}"></span>` +
    ` das Quadrat ist.</p><img src="k.jpg" alt="Eine Katze">` +
    `<span aria-hidden="true" aria-label="Stern" title="Favorit">★</span>`;
  const { page, fake } = setup(html);
  await page.translate();
  expect(sent(fake).sort()).toEqual(["Eine Katze", "Favorit", "wobei <x1></x1> das Quadrat ist."]);
  expect(document.querySelector(".mwe-math-fallback-image-inline")?.getAttribute("alt")).toBe("{\\displaystyle x^{2}}");
  expect(document.querySelector("span[aria-label]")?.getAttribute("aria-label")).toBe("Stern");
});

describe("item 4: <option>", () => {
  test("option text is translated but every submitted value and each selection stay the same", async () => {
    const { page } = setup(
      `<form><select name="stadt"><option>Bitte wählen</option><option value="koeln">Köln</option><option selected>München</option></select>` +
        `<select name="mehr" multiple><option selected>Erste Wahl</option><option>Zweite Wahl</option><option selected>Dritte Wahl</option></select></form>`,
    );
    const [single, multi] = Array.from(document.querySelectorAll("select"));
    const form = document.querySelector("form") as HTMLFormElement;
    const before = [...new FormData(form).entries()];
    await page.translate();
    expect(Array.from(single?.options ?? []).map((o) => o.text)).toEqual(["BITTE WÄHLEN", "KÖLN", "MÜNCHEN"]);
    expect(Array.from(single?.options ?? []).map((o) => o.value)).toEqual(["Bitte wählen", "koeln", "München"]);
    expect(single?.value).toBe("München");
    expect(Array.from(multi?.selectedOptions ?? []).map((o) => o.value)).toEqual(["Erste Wahl", "Dritte Wahl"]);
    expect([...new FormData(form).entries()]).toEqual(before);
  });

  test("the labels a drop-down shows are translated: a group's heading, an option's label", async () => {
    const html =
      `<select name="obst"><optgroup label="Heimisches Obst"><option label="Apfel (rot)">Apfel</option>` +
      `<option>Birne</option></optgroup></select>`;
    const { page } = setup(html);
    await page.translate();
    const select = document.querySelector("select") as HTMLSelectElement;
    expect(document.querySelector("optgroup")?.getAttribute("label")).toBe("HEIMISCHES OBST");
    expect(select.options[0]?.label).toBe("APFEL (ROT)");
    expect(select.options[0]?.value).toBe("Apfel");
    page.restore();
    expect(document.body.innerHTML).toBe(html);
  });

  test("what a screen reader says is translated as Firefox's translator does: descriptions, header cells' short names", async () => {
    const html =
      `<section aria-roledescription="Folie" aria-description="Die erste von drei Folien"><p>Willkommen</p></section>` +
      `<div role="combobox" aria-placeholder="Stadt suchen"></div>` +
      `<table><tbody><tr><th abbr="Temp.">Temperatur in Grad</th></tr><tr><td abbr="x">12</td></tr></tbody></table>` +
      `<input type="range" aria-valuetext="zwölf Grad">`;
    const { page } = setup(html);
    await page.translate();
    expect(document.querySelector("section")?.getAttribute("aria-roledescription")).toBe("FOLIE");
    expect(document.querySelector("section")?.getAttribute("aria-description")).toBe("DIE ERSTE VON DREI FOLIEN");
    expect(document.querySelector("[role=combobox]")?.getAttribute("aria-placeholder")).toBe("STADT SUCHEN");
    expect(document.querySelector("th")?.getAttribute("abbr")).toBe("TEMP.");
    // Not a header cell's, and a slider's spoken value (its page script rewrites it as the value changes).
    expect(document.querySelector("td")?.getAttribute("abbr")).toBe("x");
    expect(document.querySelector("input")?.getAttribute("aria-valuetext")).toBe("zwölf Grad");
    page.restore();
    expect(document.body.innerHTML).toBe(html);
  });

  test("a selection the user made is kept while options are translated", async () => {
    const { page } = setup(`<select><option>Eins</option><option>Zwei</option></select>`);
    const select = document.querySelector("select") as HTMLSelectElement;
    select.selectedIndex = 1;
    await page.translate();
    expect(select.value).toBe("Zwei");
    expect(select.selectedOptions[0]?.text).toBe("ZWEI");
  });
});

test("closed shadow roots reached through getShadowRoot are translated, observed and restored", async () => {
  document.body.innerHTML = `<div id="host"></div>`;
  const host = document.querySelector("#host") as Element;
  const closed = host.attachShadow({ mode: "closed" });
  closed.appendChild(document.createElement("p")).textContent = "Verborgen im Schatten";
  const roots = new Map([[host, closed]]);
  const { page } = setup(null, { getShadowRoot: (el) => roots.get(el) ?? el.shadowRoot });
  await page.translate();
  expect(closed.firstElementChild?.textContent).toBe("VERBORGEN IM SCHATTEN");
  closed.appendChild(document.createElement("p")).textContent = "Später im Schatten";
  await page.whenSettled();
  expect(closed.lastElementChild?.textContent).toBe("SPÄTER IM SCHATTEN");
  page.restore();
  expect(closed.innerHTML).toBe("<p>Verborgen im Schatten</p><p>Später im Schatten</p>");
});
