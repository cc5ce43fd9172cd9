// Gloss's UI host in a page that replaces its whole <html> (a router calling document.replaceChild): the card must go
// on showing in the new page, and that is not the page blocking it.
import { createUiHost } from "../../src/session/ui-host";

test("after a router swaps in a new <html>, the card is put into the new one, and nothing says the page blocked it", () => {
  const blocked: string[] = [];
  const ui = createUiHost(document, { css: "", onBlocked: (reason) => blocked.push(reason) })!;
  expect(ui.attach()).toBe(true);
  expect(ui.host.parentNode).toBe(document.documentElement);

  const next = document.createElement("html");
  next.append(document.createElement("head"), document.createElement("body"));
  document.replaceChild(next, document.documentElement);
  // The host left with the old <html>: it is not shown.
  expect(ui.attached).toBe(false);

  expect(ui.attach()).toBe(true);
  expect(ui.host.parentNode).toBe(next);
  expect(ui.attached).toBe(true);
  expect(blocked).toEqual([]);
});
