// A press that started a translation follows its tab to a page that replaces the one it reached, until the reader
// has seen the outcome, for a short while, and a bounded number of times.
import type { Delivery } from "../../src/background/command-delivery";
import { createPressFollow } from "../../src/background/press-follow";
import type { ContentReport } from "../../src/shared/messages";

const report = (status: ContentReport["status"], done = 0): ContentReport => ({
  status,
  progress: { total: 10, done, failed: 0 },
});
const started: Delivery = { ok: true, sent: "translate", report: report("translating") };
const COMMIT = { status: "loading", url: "https://zeit.de/b" };

function setup(now = { t: 0 }) {
  const redelivered: number[] = [];
  const addresses: Array<string | undefined> = [];
  let answer: Delivery = started;
  const follow = createPressFollow({
    redeliver: async (tabId, url) => {
      redelivered.push(tabId);
      addresses.push(url);
      return answer;
    },
    windowMs: 10_000,
    now: () => now.t,
  });
  return { follow, redelivered, addresses, now, answerWith: (next: Delivery) => (answer = next) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

it("a page replaced before the reader saw a translated passage gets the translation", async () => {
  const { follow, redelivered } = setup();
  follow.pressed(7);
  follow.delivered(7, started);
  follow.reported(7, report("translating"));
  follow.updated(7, COMMIT);
  await settle();
  expect(redelivered).toEqual([7]);
});

it("the press goes to the page that replaced the one it reached, and no further", async () => {
  // Delivery sends it to that address only: a page the reader opened after it is theirs (command-delivery.ts).
  const { follow, addresses } = setup();
  follow.pressed(7);
  follow.delivered(7, started);
  follow.updated(7, COMMIT);
  await settle();
  expect(addresses).toEqual([COMMIT.url]);
});

it("a page replaced while the press was still on its way gets it once the press arrived", async () => {
  const { follow, redelivered } = setup();
  follow.pressed(7);
  follow.updated(7, COMMIT);
  expect(redelivered).toEqual([]);
  follow.delivered(7, started);
  await settle();
  expect(redelivered).toEqual([7]);
});

it("once translated passages show, the next page is the reader's own business", async () => {
  const { follow, redelivered } = setup();
  follow.pressed(7);
  follow.delivered(7, started);
  follow.reported(7, report("translating", 1));
  follow.updated(7, COMMIT);
  await settle();
  expect(redelivered).toEqual([]);
});

const PAGE_A = "https://zeit.de/a";
const at = (url: string, r: ContentReport): ContentReport => ({ ...r, url });
const startedAt = (url: string): Delivery => ({ ok: true, sent: "translate", report: at(url, report("translating")) });

it("translated passages that showed while the press was still being delivered count as seen", async () => {
  // A fast page (translations from the cache) shows passages before the press's own answer, which is older, is in.
  const { follow, redelivered } = setup();
  follow.pressed(7);
  follow.reported(7, at(PAGE_A, report("translating", 4)));
  follow.delivered(7, startedAt(PAGE_A));
  follow.updated(7, COMMIT);
  await settle();
  expect(redelivered).toEqual([]);
});

it("a reader who saw the page and moved on before the press's answer came is not followed", async () => {
  const { follow, redelivered } = setup();
  follow.pressed(7);
  follow.reported(7, at(PAGE_A, report("translated", 10)));
  follow.updated(7, COMMIT);
  follow.delivered(7, startedAt(PAGE_A));
  await settle();
  expect(redelivered).toEqual([]);
});

it("what the page on its way out showed during the press does not count for the page that replaced it", async () => {
  const { follow, redelivered } = setup();
  follow.pressed(7);
  follow.reported(7, at(PAGE_A, report("translated", 10)));
  follow.updated(7, COMMIT);
  follow.delivered(7, startedAt(COMMIT.url));
  await settle();
  expect(redelivered).toEqual([7]);
});

it("a press that showed the original, or failed, is not carried anywhere", async () => {
  const { follow, redelivered } = setup();
  follow.pressed(7);
  follow.delivered(7, { ok: true, sent: "restore", report: report("original") });
  follow.updated(7, COMMIT);
  follow.pressed(8);
  follow.delivered(8, { ok: false, error: { message: "The page did not answer Gloss." } });
  follow.updated(8, COMMIT);
  await settle();
  expect(redelivered).toEqual([]);
});

it("a page that arrives long after the press is not followed", async () => {
  const { follow, redelivered, now } = setup();
  follow.pressed(7);
  follow.delivered(7, started);
  now.t = 10_001;
  follow.updated(7, COMMIT);
  await settle();
  expect(redelivered).toEqual([]);
});

it("a page that keeps replacing itself is followed twice at most", async () => {
  const { follow, redelivered } = setup();
  follow.pressed(7);
  follow.delivered(7, started);
  for (let i = 0; i < 4; i++) {
    follow.updated(7, COMMIT);
    await settle();
  }
  expect(redelivered).toEqual([7, 7]);
});

it("updates that are neither a new address nor the end of loading change nothing", async () => {
  const { follow, redelivered } = setup();
  follow.pressed(7);
  follow.delivered(7, started);
  follow.updated(7, { status: "loading" });
  await settle();
  expect(redelivered).toEqual([]);
});

it("a page that only finished loading is followed on that page alone, never onto the page after it", async () => {
  // The press reached page A while it loaded; A's end of loading sends the press again, to A only: met by the
  // reader's next page, that redelivery must not start it (their own press would then turn it back to the original).
  const { follow, addresses } = setup();
  follow.pressed(7);
  follow.delivered(7, startedAt(PAGE_A));
  follow.updated(7, { status: "complete" });
  await settle();
  expect(addresses).toEqual([PAGE_A]);
});

it("with no page to name, a press is not sent on", async () => {
  const { follow, redelivered } = setup();
  follow.pressed(7);
  follow.delivered(7, started); // a report without an address
  follow.updated(7, { status: "complete" });
  await settle();
  expect(redelivered).toEqual([]);
});

it("a follow's answer that comes after the reader pressed again is not taken for that press", async () => {
  let answer!: (delivery: Delivery) => void;
  const redelivered: Array<string | undefined> = [];
  const follow = createPressFollow({
    redeliver: (_tabId, url) => {
      redelivered.push(url);
      return new Promise<Delivery>((resolve) => (answer = resolve));
    },
  });
  follow.pressed(7);
  follow.delivered(7, startedAt(PAGE_A));
  follow.updated(7, COMMIT); // followed to b, its answer still on its way
  follow.pressed(7); // the reader presses on b
  answer(startedAt(COMMIT.url));
  await settle();
  // The new press is still being delivered: a page that replaces b now waits for its answer, not followed at once.
  follow.updated(7, { status: "loading", url: "https://zeit.de/c" });
  await settle();
  expect(redelivered).toEqual([COMMIT.url]);
});

it("a press's answer that comes after the reader pressed again is not taken for the newer press", async () => {
  const { follow, addresses } = setup();
  const first = follow.pressed(7);
  const second = follow.pressed(7); // pressed again while the first was still being delivered (a slow page)
  follow.delivered(7, startedAt(PAGE_A), first);
  follow.updated(7, COMMIT); // the second press is still on its way: noted, not followed yet
  await settle();
  expect(addresses).toEqual([]);
  follow.delivered(7, startedAt(PAGE_A), second);
  await settle();
  expect(addresses).toEqual([COMMIT.url]);
});
