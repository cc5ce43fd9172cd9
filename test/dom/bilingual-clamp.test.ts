// The bilingual view on clamped titles (a feed's two-line title, a news card cut at a height): the copy goes inside
// the clamped element, below an original that fills the clamp, so the clamp is lifted while copies show there and
// the page's own inline style is put back exactly when they go.

import { setup } from "../helpers/core-page";

const COPY = 'span[translate="no"][lang="en"]';
const CLAMP = "display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:2;overflow:hidden";

function el(id: string): HTMLElement {
  return document.getElementById(id) as HTMLElement;
}

async function bilingual(html: string) {
  const s = setup(html, { displayMode: "bilingual" });
  await s.page.translate();
  return s;
}

test("a line-clamped title shows its copy: the clamp is lifted, and Show original puts the page's style back", async () => {
  const { page } = await bilingual(`<h3 id="t" style="${CLAMP};color:red">Ein langer Titel</h3>`);
  const before = `${CLAMP};color:red`;
  const t = el("t");
  expect(t.querySelector(COPY)?.textContent).toBe("EIN LANGER TITEL");
  expect(t.style.getPropertyValue("-webkit-line-clamp")).toBe("unset");
  expect(t.style.getPropertyPriority("-webkit-line-clamp")).toBe("important");
  expect(t.style.getPropertyValue("max-height")).toBe("none");
  // Only what clamps: the page's box, overflow and colour stay.
  expect(t.style.overflow).toBe("hidden");
  expect(t.style.color).toBe("red");
  expect(t.style.height).toBe("");
  page.restore();
  expect(t.getAttribute("style")).toBe(before);
  expect(t.querySelector(COPY)).toBeNull();
});

test("a clamp from the page's stylesheet, even !important, is lifted; an element with no style gets none back", async () => {
  const { page } = await bilingual(
    `<style>.card{max-height:3em!important;overflow:hidden}</style><p class="card" id="t">Die Nachricht des Tages</p>`,
  );
  const t = el("t");
  expect(t.style.getPropertyValue("max-height")).toBe("none");
  expect(t.style.getPropertyPriority("max-height")).toBe("important");
  page.restore();
  expect(t.hasAttribute("style")).toBe(false);
});

test("a card body clamping a title block two levels up is lifted too; unclamped elements are left alone", async () => {
  const { page } = await bilingual(
    `<div id="card" style="display:block"><div id="body" style="max-height:40px;overflow:hidden">` +
      `<div id="mid"><h3 id="t">Der Titel der Karte</h3></div></div></div>`,
  );
  expect(el("t").querySelector(COPY)).not.toBeNull();
  expect(el("body").style.getPropertyValue("max-height")).toBe("none");
  expect(el("mid").hasAttribute("style")).toBe(false);
  expect(el("t").hasAttribute("style")).toBe(false);
  expect(el("card").getAttribute("style")).toBe("display:block");
  page.restore();
  expect(el("body").getAttribute("style")).toBe("max-height:40px;overflow:hidden");
});

test("a collapsed section (max-height: 0) and a scrolling box are not clamps", async () => {
  await bilingual(
    `<div id="a" style="max-height:0;overflow:hidden"><p>Versteckter Text</p></div>` +
      `<div id="b" style="max-height:50px;overflow:auto"><p>Ein Kasten zum Rollen</p></div>`,
  );
  expect(el("a").getAttribute("style")).toBe("max-height:0;overflow:hidden");
  expect(el("b").getAttribute("style")).toBe("max-height:50px;overflow:auto");
});

test("switching to replace puts the clamp back (the translation fits the original's lines there); back again lifts it", async () => {
  const { page } = await bilingual(`<h3 id="t" style="${CLAMP}">Ein langer Titel</h3>`);
  const t = el("t");
  page.setDisplayMode("replace");
  expect(t.textContent).toBe("EIN LANGER TITEL");
  expect(t.getAttribute("style")).toBe(CLAMP);
  page.setDisplayMode("bilingual");
  expect(t.style.getPropertyValue("-webkit-line-clamp")).toBe("unset");
  // Another look for the copies leaves the lift as it is.
  page.setBilingualStyle("highlight");
  expect(t.style.getPropertyValue("-webkit-line-clamp")).toBe("unset");
  page.restore();
  expect(t.getAttribute("style")).toBe(CLAMP);
});

test("two units in one clamped card: the clamp comes back only when the last copy goes", async () => {
  const { page } = await bilingual(
    `<div id="card" style="max-height:4em;overflow:hidden"><h3>Der Titel</h3><p>Die Zusammenfassung</p></div>`,
  );
  expect(document.querySelectorAll(COPY).length).toBe(2);
  expect(el("card").style.maxHeight).toBe("none");
  // The page turns the title into a number: its copy goes, none comes; the summary's copy still needs the room.
  const h3 = el("card").querySelector("h3") as Element;
  (h3.firstChild as Text).data = "2026";
  await page.whenSettled();
  expect(h3.querySelector(COPY)).toBeNull();
  expect(el("card").querySelector(`p > ${COPY}`)?.textContent).toBe("DIE ZUSAMMENFASSUNG");
  expect(el("card").style.maxHeight).toBe("none");
  page.restore();
  expect(el("card").getAttribute("style")).toBe("max-height:4em;overflow:hidden");
});

test("a page that re-renders the title's own style has the clamp lifted again, and gets its new style back", async () => {
  const { page } = await bilingual(`<h3 id="t" class="clamp" style="${CLAMP}">Ein langer Titel</h3>`);
  const t = el("t");
  t.setAttribute("style", `${CLAMP};color:blue`);
  t.className = "clamp re-rendered";
  await page.whenSettled();
  expect(t.querySelector(COPY)?.textContent).toBe("EIN LANGER TITEL");
  expect(t.style.getPropertyValue("-webkit-line-clamp")).toBe("unset");
  expect(t.style.color).toBe("blue");
  page.restore();
  expect(t.getAttribute("style")).toBe(`${CLAMP};color:blue`);
});

test("the page removing a title from a clamped card body: Show original gives the card body its style back", async () => {
  const { page } = await bilingual(
    `<div id="body" style="max-height:40px;overflow:hidden"><div id="mid"><h3 id="t">Der Titel der Karte</h3></div>` +
      `<p id="x">Noch ein Satz.</p></div>`,
  );
  expect(el("body").style.getPropertyValue("max-height")).toBe("none");
  el("t").remove();
  el("x").remove();
  await page.whenSettled();
  page.restore();
  expect(el("body").getAttribute("style")).toBe("max-height:40px;overflow:hidden");
});
