// rustdoc (docs.rs): the documentation's prose is translated, the API's names are not.
import { sentOnSite } from "../helpers/site-page";

afterEach(() => {
  document.head.innerHTML = "";
});

test("rustdoc: signatures, item names, the sidebar's lists of names and links to items are never sent", async () => {
  // A struct's page as rustdoc 1.9x writes it on docs.rs (a German crate: names are German words too).
  document.head.innerHTML = `<meta name="generator" content="rustdoc">`;
  document.body.innerHTML =
    `<nav class="sidebar"><div class="sidebar-crate"><h2><a href="../zug/index.html">zug</a>` +
    `<span class="version">0.1.0</span></h2></div><div class="sidebar-elems"><section id="rustdoc-toc">` +
    `<h2 class="location"><a href="#">Wagen</a></h2><h3><a href="#implementations">Methoden</a></h3>` +
    `<ul class="block method"><li><a href="#method.ankuppeln" title="ankuppeln">ankuppeln</a></li></ul>` +
    `<h3><a href="#trait-implementations">Trait-Implementierungen</a></h3><ul class="block trait-implementation">` +
    `<li><a href="#impl-Clone-for-Wagen" title="Clone">Clone</a></li></ul></section></div></nav>` +
    `<main><section id="main-content" class="content"><div class="main-heading">` +
    `<div class="rustdoc-breadcrumbs"><a href="../index.html">zug</a>::<wbr><a href="index.html">kupplung</a></div>` +
    `<h1>Struktur <span>Wagen</span></h1>` +
    `</div><div class="docblock"><p>Ein <a href="struct.Wagen.html" title="struct zug::Wagen"><code>Wagen</code></a>` +
    ` fährt auf dem Gleis.</p></div><h2 id="implementations" class="section-header">Implementierungen` +
    `<a href="#implementations" class="anchor">§</a></h2><section id="method.ankuppeln" class="method">` +
    `<h4 class="code-header">pub fn <a href="#method.ankuppeln" class="fn">ankuppeln</a>(&amp;mut self, hinten: ` +
    `<a class="struct" href="struct.Wagen.html" title="struct zug::Wagen">Wagen</a>)</h4></section>` +
    `<div class="docblock"><p>Kuppelt einen Wagen an.</p></div><dl class="item-table"><dt>` +
    `<a class="trait" href="trait.Fahren.html" title="trait zug::Fahren">Fahren</a></dt><dd>Was fahren kann.</dd>` +
    `</dl></section></main>`;
  expect(await sentOnSite("https://docs.rs/zug/latest/zug/struct.Wagen.html")).toEqual(
    [
      "Methoden",
      "Trait-Implementierungen",
      "Struktur",
      "Ein <x1></x1> fährt auf dem Gleis.",
      "Implementierungen",
      "Kuppelt einen Wagen an.",
      "Was fahren kann.",
    ].sort(),
  );
  expect(document.querySelector(".code-header")?.textContent).toBe("pub fn ankuppeln(&mut self, hinten: Wagen)");
  expect(document.querySelector(".docblock p")?.textContent).toBe("EIN Wagen FÄHRT AUF DEM GLEIS.");
  expect(document.querySelector(".docblock a")?.getAttribute("title")).toBe("struct zug::Wagen");
  expect(document.querySelector(".sidebar ul.method")?.textContent).toBe("ankuppeln");
  expect(document.querySelector(".rustdoc-breadcrumbs")?.textContent).toBe("zug::kupplung");
});

test("rustdoc: a link to an item with words of its own is prose, and is translated", async () => {
  // `[multithreading](std::thread)`: rustdoc gives the words the item's path as a tooltip, as it does a name.
  document.head.innerHTML = `<meta name="generator" content="rustdoc">`;
  document.body.innerHTML =
    `<main><section id="main-content" class="content"><div class="docblock"><p>Die Bibliothek bietet ` +
    `<a href="io/index.html" title="mod std::io">Ein- und Ausgabe</a> und ` +
    `<a href="thread/index.html" title="mod std::thread">Nebenläufigkeit</a> für ` +
    `<a href="primitive.slice.html" title="primitive slice">Scheiben</a>.</p></div></section></main>`;
  await sentOnSite("https://doc.rust-lang.org/std/index.html");
  expect(document.querySelector(".docblock p")?.textContent).toBe(
    "DIE BIBLIOTHEK BIETET EIN- UND AUSGABE UND NEBENLÄUFIGKEIT FÜR SCHEIBEN.",
  );
});
