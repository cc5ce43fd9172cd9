// A shadow host's light children are what its slots show. Each slot's content is its own text (a card's title and its
// body are not one sentence), and a change to one light child is collected again where it lies, not by walking the
// host's whole shadow tree and every other light child again.

import { looked, sent, setup } from "../helpers/core-page";

/** A card component: a long shadow tree of its own (rows whose wrappers hold no text: no unit claims them), and two slots for its title and its text. */
function card(): { host: Element; shadow: ShadowRoot } {
  document.body.innerHTML = `<p>Davor.</p><x-card><span slot="title">Der Titel</span><span slot="body">Der Text der Karte</span></x-card>`;
  const host = document.querySelector("x-card") as Element;
  const shadow = host.attachShadow({ mode: "open" });
  const rows = Array.from(
    { length: 50 },
    (_, i) => `<div class="row"><div class="meta"><span class="icon"></span></div><p>Zeile ${i}</p></div>`,
  );
  shadow.innerHTML = `<h2><slot name="title"></slot></h2>${rows.join("")}<p><slot name="body"></slot></p>`;
  return { host, shadow };
}

test("light children shown in different slots are sent as separate texts", async () => {
  card();
  const { page, fake } = setup(null);
  await page.translate();
  expect(sent(fake)).toContain("Der Titel");
  expect(sent(fake)).toContain("Der Text der Karte");
});

test("a change to one slotted light child re-sends only its text and walks none of the host's shadow tree", async () => {
  const { host, shadow } = card();
  const { page, fake } = setup(null);
  await page.translate();
  const before = sent(fake).length;
  const seen = await looked(page, () => {
    (host.querySelector("[slot=body]")!.firstChild as Text).data = "Ein neuer Text";
  });
  expect(sent(fake).slice(before)).toEqual(["Ein neuer Text"]);
  expect(host.textContent).toBe("DER TITELEIN NEUER TEXT");
  expect(seen.filter((el) => el.getRootNode() === shadow && el.closest(".row")).length).toBe(0);
});
