// Keeps a page's element from passing for the extension API in a content script (imported before the polyfill).
//
// Chromium before 148 has no `browser` of its own, and shows a page's named elements through `window` in a content
// script's world too: a page's `<form name="browser"><input name="runtime" id="x">` reads there as a `browser` whose
// `runtime.id` is "x", which webextension-polyfill takes for the real API (and hands to Gloss instead of wrapping
// `chrome`), so every call to the background failed and Gloss could not start on that page. An own property hides
// the page's element. Firefox and Chromium 148 on have their own `browser`, which stays as it is.
// Looked up by descriptor (Node's vm contexts, the tests' jsdom, answer hasOwn with inherited names too), and defined
// rather than assigned (an assignment would go to whatever the window inherits under that name).
if (!Object.getOwnPropertyDescriptor(globalThis, "browser")) {
  Object.defineProperty(globalThis, "browser", { value: undefined, writable: true, configurable: true });
}

export {};
