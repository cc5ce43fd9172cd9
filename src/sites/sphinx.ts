// Sphinx documentation (Read the Docs, docs.python.org and most Python projects' docs): prose is read as it is, less
// the signatures above each API entry (`class json.JSONEncoder(*, skipkeys=False)`). Sphinx writes them as classed
// spans in a `<dt class="sig">`, not as `<code>`, so they were sent, and a model turned the keyword `class` and
// the parameters' names into words of the reader's language that name nothing in the library.
import type { SiteAdapter } from "./site-adapter";
import { queryOne } from "../core/dom";

export const sphinx: SiteAdapter = {
  name: "sphinx",
  // Recognised by its markup, wherever the docs are served.
  matches: (doc) => !!queryOne(doc, "dt.sig-object"),
  rules: {
    exclude: ["dt.sig"],
  },
};
