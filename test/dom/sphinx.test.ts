// Sphinx documentation: an API entry's description is translated, its signature is not.
import { sentOnSite } from "../helpers/site-page";

test("Sphinx: an API entry's signature is never sent; its description and the page's headings are", async () => {
  // As Sphinx 7 writes `.. autoclass:: json.JSONEncoder` on docs.python.org (German translation).
  const signature =
    `<dt class="sig sig-object py" id="json.JSONEncoder"><em class="property"><span class="pre">class</span>` +
    `<span class="w"> </span></em><span class="sig-prename descclassname"><span class="pre">json.</span></span>` +
    `<span class="sig-name descname"><span class="pre">JSONEncoder</span></span><span class="sig-paren">(</span>` +
    `<em class="sig-param"><span class="n"><span class="pre">skipkeys</span></span><span class="o">` +
    `<span class="pre">=</span></span><span class="default_value"><span class="pre">False</span></span></em>` +
    `<span class="sig-paren">)</span><a class="headerlink" href="#json.JSONEncoder" title="Link zu dieser Definition">¶</a></dt>`;
  document.body.innerHTML =
    `<div class="body" role="main"><section id="encoders"><h2>Kodierer und Dekodierer` +
    `<a class="headerlink" href="#encoders" title="Link zu dieser Überschrift">¶</a></h2>` +
    `<dl class="py class">${signature}<dd><p>Erweiterbarer JSON-Kodierer für Python-Datenstrukturen.</p></dd></dl>` +
    `</section></div>`;
  expect(await sentOnSite("https://docs.python.org/de/3/library/json.html")).toEqual(
    [
      "Kodierer und Dekodierer",
      "Erweiterbarer JSON-Kodierer für Python-Datenstrukturen.",
      "Link zu dieser Überschrift",
    ].sort(),
  );
  expect(document.querySelector("dt.sig")?.textContent).toBe("class json.JSONEncoder(skipkeys=False)¶");
  expect(document.querySelector("dd p")?.textContent).toBe("ERWEITERBARER JSON-KODIERER FÜR PYTHON-DATENSTRUKTUREN.");
});
