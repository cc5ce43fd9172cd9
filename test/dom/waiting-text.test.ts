// A slow server's test shows the seconds going by instead of a message that never changes.
import { showWaiting } from "../../src/shared/waiting-text";

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

test("counts the seconds from the third, and stops when told", () => {
  const node = document.createElement("p");
  const stop = showWaiting(node, "Asking the server…");
  expect(node.textContent).toBe("Asking the server…");
  jest.advanceTimersByTime(2000);
  expect(node.textContent).toBe("Asking the server…");
  jest.advanceTimersByTime(3000);
  expect(node.textContent).toBe("Asking the server… 5 s");
  stop();
  jest.advanceTimersByTime(10_000);
  expect(node.textContent).toBe("Asking the server… 5 s");
});

test("counts the seconds waited, whatever the computer's clock does meanwhile", () => {
  const node = document.createElement("p");
  const stop = showWaiting(node, "Asking the server…");
  jest.advanceTimersByTime(2000);
  jest.setSystemTime(Date.now() + 3_600_000);
  jest.advanceTimersByTime(2000);
  expect(node.textContent).toBe("Asking the server… 4 s");
  stop();
});
