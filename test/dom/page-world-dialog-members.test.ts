// In the page's world, a page function Gloss calls on the settings dialog's own elements, or on an event while it
// crosses the dialog's closed root (composedPath then lists the elements inside), is handed the way into the root: the
// fields with the server's address, the glossary and instructions. A page's replacement of each of them counts among
// the replaced DOM functions, which keep Gloss's in-page UI out; so does a page's own Option constructor, whose
// options the dialog would put into its lists.
import { replacedDomFunctions } from "../../src/userscript/page-world";
import { browserWindow, expectReplacementSeen } from "../helpers/page-world-window";

/** What the (read-only) dialog calls as it is made, filled, tested, tabbed through and closed, found by recording. */
const DIALOG_MEMBERS = [
  ["Element", "before", "value"],
  ["Element", "replaceChildren", "value"],
  ["Element", "removeAttribute", "value"],
  ["Element", "hasAttribute", "value"],
  ["Element", "id", "set"],
  ["Element", "className", "get"],
  ["Element", "nextElementSibling", "get"],
  ["DocumentFragment", "querySelector", "value"],
  ["DocumentFragment", "querySelectorAll", "value"],
  ["DocumentFragment", "firstElementChild", "get"],
  ["Node", "parentElement", "get"],
  ["Node", "ownerDocument", "get"],
  ["Node", "nodeType", "get"],
  ["Node", "compareDocumentPosition", "value"],
  ["EventTarget", "removeEventListener", "value"],
  ["Event", "preventDefault", "value"],
  ["Event", "stopPropagation", "value"],
  ["KeyboardEvent", "key", "get"],
  ["KeyboardEvent", "altKey", "get"],
  ["KeyboardEvent", "ctrlKey", "get"],
  ["KeyboardEvent", "metaKey", "get"],
  ["KeyboardEvent", "shiftKey", "get"],
  ["HTMLElement", "click", "value"],
  ["HTMLElement", "tabIndex", "set"],
  ["HTMLFormElement", "noValidate", "set"],
  ["HTMLLabelElement", "htmlFor", "set"],
  ["HTMLButtonElement", "disabled", "get"],
  ["HTMLInputElement", "checked", "get"],
  ["HTMLInputElement", "checked", "set"],
  ["HTMLInputElement", "disabled", "get"],
  ["HTMLInputElement", "disabled", "set"],
  ["HTMLInputElement", "type", "get"],
  ["HTMLInputElement", "type", "set"],
  ["HTMLInputElement", "name", "set"],
  ["HTMLInputElement", "placeholder", "set"],
  ["HTMLInputElement", "selectionStart", "get"],
  ["HTMLInputElement", "selectionEnd", "get"],
  ["HTMLSelectElement", "disabled", "get"],
  ["HTMLSelectElement", "disabled", "set"],
  ["HTMLSelectElement", "name", "set"],
  ["HTMLTextAreaElement", "disabled", "get"],
  ["HTMLTextAreaElement", "disabled", "set"],
  ["HTMLTextAreaElement", "name", "set"],
  ["HTMLTextAreaElement", "placeholder", "set"],
  ["HTMLTextAreaElement", "rows", "set"],
  ["HTMLTextAreaElement", "selectionStart", "get"],
  ["HTMLTextAreaElement", "selectionEnd", "get"],
  ["HTMLTableCellElement", "scope", "set"],
  ["HTMLTableElement", "createTHead", "value"],
  ["HTMLTableElement", "createTBody", "value"],
  ["HTMLTableSectionElement", "rows", "get"],
] as const;

it.each(DIALOG_MEMBERS)("a page's own %s.%s (%s) counts as a replaced DOM function", expectReplacementSeen);

it("a page's own Option constructor counts as a replaced DOM function", () => {
  const real = window.Option;
  const own = function Option() {};
  const replaced = new Set<unknown>([own]);
  expect(replacedDomFunctions(browserWindow(replaced))).not.toContain("Option");
  window.Option = own as unknown as typeof Option;
  try {
    expect(replacedDomFunctions(browserWindow(replaced))).toContain("Option");
  } finally {
    window.Option = real;
  }
});
