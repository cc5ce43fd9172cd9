// Rust documentation as rustdoc writes it (docs.rs, doc.rust-lang.org, a crate's own docs): the prose is read as it
// is, less the names of the API, which are the same in every language: the signatures above each method and impl
// (headings, not `<code>`), the item's name and module path in its title, the names in a module's item list and in
// the sidebar's lists of methods and implementations, and a link in prose that shows an item's name (its tooltip,
// "struct zug::Wagen", was a request of its own for each item linked). A model turned `fn` and a method's name into
// words of the reader's language, which then named nothing in the crate.
import type { SiteAdapter } from "./site-adapter";
import { queryOne } from "../core/dom";

export const rustdoc: SiteAdapter = {
  name: "rustdoc",
  // Recognised by its markup, wherever the docs are served.
  matches: (doc) => !!queryOne(doc, "meta[name='generator'][content='rustdoc']"),
  rules: {
    exclude: [
      ".code-header",
      // The item's name beside its kind ("Struct Wagen"), and the modules' path above it (newer rustdoc).
      ".main-heading h1 > span",
      ".rustdoc-breadcrumbs",
      // A module's items; the descriptions beside them are prose.
      ".item-table > dt",
      ".item-name",
      // The crate's name and version, the item's name, and the lists of names (a bare `ul.block` or the page's table
      // of contents holds section titles, which are prose).
      ".sidebar-crate",
      ".sidebar .location",
      ".sidebar ul.block:not([class='block']):not(.top-toc)",
      // A link to an item that shows its name as code ([`Wagen`]): its tooltip is the item's path ("struct zug::Wagen",
      // "primitive u8"). Not every link to an item: one with words of its own ("[multithreading](std::thread)") has
      // the same tooltip, and its words are prose.
      "a[title*='::']:has(> code:only-child)",
      "a[title^='primitive ']:has(> code:only-child)",
    ],
  },
};
