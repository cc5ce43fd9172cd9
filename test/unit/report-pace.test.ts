// A session's reports to the popup, badge and status card: status at once, progress at most ten times a second
// (the latest always), nothing twice.
import { paceReports, REPORT_PACE_MS } from "../../src/session/report-pace";

interface Report {
  status: string;
  done: number;
}

function rig() {
  const sent: Report[] = [];
  const state: Report = { status: "translating", done: 0 };
  const pace = paceReports<Report>(
    (r) => sent.push(r),
    () => ({ ...state }),
  );
  return { sent, state, pace };
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

test("a burst of progress sends the first at once and the latest after the pace, nothing in between", () => {
  const { sent, state, pace } = rig();
  pace.soon();
  for (let i = 1; i <= 12; i++) {
    state.done = i;
    pace.soon();
  }
  expect(sent).toEqual([{ status: "translating", done: 0 }]);
  jest.advanceTimersByTime(REPORT_PACE_MS);
  expect(sent).toEqual([
    { status: "translating", done: 0 },
    { status: "translating", done: 12 },
  ]);
});

test("a change of status goes at once, with the progress as it is, and the progress due is not sent again", () => {
  const { sent, state, pace } = rig();
  pace.soon();
  state.done = 5;
  pace.soon();
  state.status = "translated";
  pace.now();
  expect(sent.at(-1)).toEqual({ status: "translated", done: 5 });
  jest.advanceTimersByTime(REPORT_PACE_MS * 2);
  expect(sent).toHaveLength(2);
});

test("a report like the last one is not sent again", () => {
  const { sent, pace } = rig();
  pace.now();
  pace.now();
  pace.soon();
  jest.advanceTimersByTime(REPORT_PACE_MS * 2);
  pace.soon();
  expect(sent).toHaveLength(1);
});

test("progress keeps its pace after the computer's clock is set back an hour", () => {
  const { sent, state, pace } = rig();
  pace.soon();
  jest.setSystemTime(Date.now() - 3_600_000);
  state.done = 3;
  pace.soon();
  jest.advanceTimersByTime(REPORT_PACE_MS);
  expect(sent.at(-1)).toEqual({ status: "translating", done: 3 });
});
