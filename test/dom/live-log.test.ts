// A chat log or comment stream (role="log", or an aria-live region) grows by one entry at a time. Each entry is its
// own text: a new one is translated alone, once, and the entries already translated are left as they are.

import { sent, setup } from "../helpers/core-page";

/** Appends a chat message the way many chats write them: an inline element and a line break. */
function say(log: Element, text: string): void {
  const msg = document.createElement("span");
  msg.textContent = text;
  log.append(msg, document.createElement("br"));
}

test.each([`role="log"`, `aria-live="polite"`])(
  "a new message in a chat log (%s) is sent alone, the old ones are not sent again",
  async (attribute) => {
    const { page, fake } = setup(
      `<div id="log" ${attribute}><span>Anna: Hallo zusammen</span><br><span>Bernd: Guten Morgen</span><br></div>`,
    );
    await page.translate();
    const log = document.querySelector("#log") as Element;
    const before = sent(fake).length;
    say(log, "Clara: Wie geht es euch?");
    await page.whenSettled();
    say(log, "Anna: Sehr gut, danke");
    await page.whenSettled();
    expect(sent(fake).slice(before)).toEqual(["Clara: Wie geht es euch?", "Anna: Sehr gut, danke"]);
    expect(log.textContent).toBe(
      "ANNA: HALLO ZUSAMMENBERND: GUTEN MORGENCLARA: WIE GEHT ES EUCH?ANNA: SEHR GUT, DANKE",
    );
  },
);

test("a live region holding one sentence with formatting is still one text", async () => {
  const { fake, page } = setup(`<div aria-live="polite">Du hast <b>drei</b> neue Nachrichten</div>`);
  await page.translate();
  expect(sent(fake)).toEqual(["Du hast <b1>drei</b1> neue Nachrichten"]);
});
