// Injected right after content.js when the reader presses to translate, in the same call (one round trip). Its value
// is the injection's result: true when content.js had just made a new session and it now translates the page, so the
// background sends no "state" question and command first; "handed back" when an older script, cut off from Gloss
// (updated or reloaded), gave back the translation it showed instead (the background decides what the press comes
// to); false when the page already had a session, which then goes by its state. A classic script on purpose: its
// last expression is what the browser hands back.
// Only the function content.js set counts: a page element named `__glossStartPress` shows through `window` too.
// eslint-disable-next-line @typescript-eslint/no-unused-expressions -- the value is the point: it is the result
Object.hasOwn(globalThis, "__glossStartPress") && typeof globalThis.__glossStartPress === "function"
  ? ((started) => (started === true || started === "handed back" ? started : false))(globalThis.__glossStartPress())
  : false;
