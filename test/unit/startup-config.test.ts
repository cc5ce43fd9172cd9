// The settings a press's first translation starts with: handed over by the background along with the script, or
// the answer the script asked for as it started, whichever comes first; never a stale or another page's config.
import type { ContentConfig, PressConfig, Reply } from "../../src/shared/messages";
import { contentConfig as config } from "../helpers/content-config";
import { createStartupConfig, STARTUP_CONFIG_MS, type PressConfigSlot } from "../../src/content/startup-config";

const URL_A = "https://www.reddit.com/r/de/comments/1/";

/** A background whose answer comes only when the test says. */
function slowBackground() {
  let answer: ((reply: Reply<ContentConfig>) => void) | undefined;
  const asked: string[] = [];
  const send = (url: string) => {
    asked.push(url);
    return new Promise<Reply<ContentConfig>>((resolve) => (answer = resolve));
  };
  return { send, asked, answer: (reply: Reply<ContentConfig>) => answer?.(reply) };
}

const handOver = (slot: PressConfigSlot, given: PressConfig) => {
  slot.__glossPressConfig = given;
  slot.__glossPressConfigCame?.();
};

test("a config the press handed over before the script started serves at once, without the answer", async () => {
  const background = slowBackground();
  const slot: PressConfigSlot = { __glossPressConfig: { url: URL_A, config: config("fr"), at: Date.now() } };
  const startup = createStartupConfig(background.send, slot);
  void startup.ask(URL_A);
  await expect(startup.take(URL_A)).resolves.toEqual({ ok: true, value: config("fr") });
  // Used once: a later translation asks again.
  expect(startup.take(URL_A)).toBeUndefined();
});

test("a hand-over that comes while the translation waits for the answer serves first", async () => {
  const background = slowBackground();
  const slot: PressConfigSlot = {};
  const startup = createStartupConfig(background.send, slot);
  void startup.ask(URL_A);
  const taken = startup.take(URL_A);
  handOver(slot, { url: URL_A, config: config("fr"), at: Date.now() });
  await expect(taken).resolves.toEqual({ ok: true, value: config("fr") });
});

test("the answer asked for at start-up serves when no hand-over comes", async () => {
  const background = slowBackground();
  const startup = createStartupConfig(background.send, {});
  void startup.ask(URL_A);
  const taken = startup.take(URL_A);
  background.answer({ ok: true, value: config("en") });
  await expect(taken).resolves.toEqual({ ok: true, value: config("en") });
  expect(background.asked).toEqual([URL_A]);
});

test("a hand-over for another page, or an old one, is not used", async () => {
  let now = 1_000_000;
  const background = slowBackground();
  const slot: PressConfigSlot = {
    __glossPressConfig: { url: "https://example.com/", config: config("fr"), at: now },
  };
  const startup = createStartupConfig(background.send, slot, () => now);
  void startup.ask(URL_A);
  const taken = startup.take(URL_A);
  now += STARTUP_CONFIG_MS;
  handOver(slot, { url: URL_A, config: config("de"), at: now - STARTUP_CONFIG_MS - 1 });
  background.answer({ ok: true, value: config("en") });
  await expect(taken).resolves.toEqual({ ok: true, value: config("en") });
});

test("a hand-over that comes after the first translation took the answer is not kept for the next one", async () => {
  const background = slowBackground();
  const slot: PressConfigSlot = {};
  const startup = createStartupConfig(background.send, slot);
  void startup.ask(URL_A);
  const taken = startup.take(URL_A);
  background.answer({ ok: true, value: config("en") });
  await expect(taken).resolves.toEqual({ ok: true, value: config("en") });
  // The press's hand-over, late. A part left untranslated is saved, and the page translated again at once: that run
  // asks for the settings as they are now, not the ones the first press handed over.
  handOver(slot, { url: URL_A, config: config("en"), at: Date.now() });
  expect(startup.take(URL_A)).toBeUndefined();
});

test("only the first translation takes a start-up answer: one asked again later (the page shown again) is not used", async () => {
  const background = slowBackground();
  const startup = createStartupConfig(background.send, {});
  void startup.ask(URL_A);
  const first = startup.take(URL_A);
  background.answer({ ok: true, value: config("en") });
  await expect(first).resolves.toEqual({ ok: true, value: config("en") });
  // The auto-translate check asks again when the page is shown; a part is saved meanwhile, and the page translated
  // again: that run asks for the settings as they are now.
  void startup.ask(URL_A);
  expect(startup.take(URL_A)).toBeUndefined();
});
