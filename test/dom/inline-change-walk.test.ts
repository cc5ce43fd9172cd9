// A change to inline content that sits directly in a long page's body (a status line, a toast, a counter) or in a
// shadow root beside blocks is collected again where it lies: its run of inline siblings, not every paragraph of the
// page, which a walk of the body would look at again on each change.

import { looked, sent, setup } from "../helpers/core-page";

/** A page of 300 posts: their wrappers hold no text of their own, so no unit claims them and a walk reads each. */
const POSTS = Array.from(
  { length: 300 },
  (_, i) => `<div class="post"><div class="meta"><span class="icon"></span></div><p>Beitrag Nummer ${i}</p></div>`,
).join("");

/** How many of the posts' elements were looked at. */
const inPosts = (seen: Element[]): number => seen.filter((el) => el.closest(".post")).length;

test("a status line in the body whose text changes is collected again without walking the page's paragraphs", async () => {
  const { page, fake } = setup(`${POSTS}<span id="status" aria-live="polite">Bereit</span>`);
  await page.translate();
  const status = document.querySelector("#status") as Element;
  const seen = await looked(page, () => {
    (status.firstChild as Text).data = "Gespeichert";
  });
  expect(status.textContent).toBe("GESPEICHERT");
  expect(sent(fake)).toContain("Gespeichert");
  // At most the post beside it, which ends its run.
  expect(inPosts(seen)).toBeLessThanOrEqual(1);
});

test("a toast that appears in an empty element, changes, and is replaced by a fresh one costs no walk of the page", async () => {
  const { page } = setup(`${POSTS}<span id="toast"></span>`);
  await page.translate();
  const toast = document.querySelector("#toast") as Element;
  let seen = await looked(page, () => {
    toast.textContent = "Nachricht gesendet";
  });
  expect(toast.textContent).toBe("NACHRICHT GESENDET");
  expect(inPosts(seen)).toBeLessThanOrEqual(1);
  seen = await looked(page, () => {
    toast.textContent = "Nachricht gelöscht";
  });
  expect(toast.textContent).toBe("NACHRICHT GELÖSCHT");
  expect(inPosts(seen)).toBeLessThanOrEqual(1);
  // A fresh element in place of the old one.
  seen = await looked(page, () => {
    const fresh = document.createElement("span");
    fresh.textContent = "Verbindung getrennt";
    toast.replaceWith(fresh);
  });
  expect(document.body.lastElementChild?.textContent).toBe("VERBINDUNG GETRENNT");
  expect(inPosts(seen)).toBeLessThanOrEqual(1);
});

test("a run of inline text across several siblings in the body is still collected again as one unit", async () => {
  const { page, fake } = setup(`${POSTS}Zuletzt <b id="who">von Anna</b> bearbeitet <i>heute</i><p>Fuß</p>`);
  await page.translate();
  const who = document.querySelector("#who") as Element;
  const seen = await looked(page, () => {
    (who.firstChild as Text).data = "von Bernd";
  });
  expect(sent(fake)).toContain("Zuletzt <b1>von Bernd</b1> bearbeitet <i2>heute</i2>");
  expect(document.body.lastElementChild?.previousElementSibling?.textContent).toBe("HEUTE");
  expect(who.textContent).toBe("VON BERND");
  expect(inPosts(seen)).toBeLessThanOrEqual(1);
});

test("inline text put directly in a shadow root beside its blocks is collected without walking them", async () => {
  document.body.innerHTML = `<div id="host"></div>`;
  const host = document.querySelector("#host") as Element;
  const shadow = host.attachShadow({ mode: "open" });
  shadow.innerHTML = `${POSTS}<span id="count">Keine Antworten</span>`;
  const { page } = setup(null);
  await page.translate();
  const count = shadow.querySelector("#count") as Element;
  const seen = await looked(page, () => {
    (count.firstChild as Text).data = "Drei Antworten";
  });
  expect(count.textContent).toBe("DREI ANTWORTEN");
  expect(inPosts(seen)).toBeLessThanOrEqual(1);
  // New text added straight into the root, beside the blocks.
  const more = await looked(page, () => {
    shadow.append("Neue Zeile");
  });
  expect(shadow.lastChild?.textContent).toBe("NEUE ZEILE");
  expect(inPosts(more)).toBeLessThanOrEqual(1);
});
