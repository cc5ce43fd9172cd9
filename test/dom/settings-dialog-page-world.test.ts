// In the page's world the page may replace a DOM function at any time, not only before the settings dialog's host is
// made (when ui-host.ts checks): one replaced while the settings load, or while a connection test runs, would be
// handed the dialog's fields with the server's address in them. The dialog looks again before each.
import "../helpers/text-encoder";
import * as realTimers from "node:timers";
import { DEFAULTS, type Settings } from "../../src/shared/settings";
import { openSettingsDialog } from "../../src/userscript/settings-dialog";

const settled = () => new Promise((resolve) => realTimers.setImmediate(resolve));
const ADDRESS = "http://10.0.0.9:8080";

const real = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!;
/** What the page's own value setter was handed. */
let handed: string[] = [];
/** The page's value setter, put in place. */
function pageSetter(): void {
  Object.defineProperty(HTMLInputElement.prototype, "value", {
    ...real,
    set(this: HTMLInputElement, value: string) {
      handed.push(value);
      real.set!.call(this, value);
    },
  });
}
/** The check as page-world.ts makes it, for this one member. */
const precheck = () => Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set === real.set;
let root: ShadowRoot | undefined;
const attachShadow = Element.prototype.attachShadow;
beforeEach(() => {
  handed = [];
  // The dialog's root is closed: the test keeps the one the dialog attaches.
  jest.spyOn(Element.prototype, "attachShadow").mockImplementation(function (this: Element, init) {
    return (root = attachShadow.call(this, init));
  });
});
afterEach(() => {
  Object.defineProperty(HTMLInputElement.prototype, "value", real);
  jest.restoreAllMocks();
  // A dialog left open (the check failing) would take the next test's opening.
  const close = [...(root?.querySelectorAll("button") ?? [])].find((b) => /^(Close|Cancel)$/.test(b.textContent ?? ""));
  close?.click();
});

it("a page replacing what the dialog calls while its settings load is handed no address: the dialog closes", async () => {
  let give: (settings: Settings) => void = () => undefined;
  const blocked: string[] = [];
  const closed = openSettingsDialog(document, {
    load: () => new Promise<Settings>((resolve) => (give = resolve)),
    test: () => Promise.reject(new Error("not tested here")),
    uiLanguage: "en",
    precheck,
    onBlocked: (reason) => blocked.push(reason),
  });
  pageSetter();
  give({ ...DEFAULTS, baseUrl: ADDRESS });
  await settled();
  expect(handed).not.toContain(ADDRESS);
  expect(blocked).toEqual(["unverified"]);
  await Promise.race([closed, settled()]);
});

it("a page replacing what the dialog calls after it opened is handed no connection test's report", async () => {
  let report: (text: string) => void = () => undefined;
  const blocked: string[] = [];
  const written: string[] = [];
  const text = Object.getOwnPropertyDescriptor(Node.prototype, "textContent")!;
  const closed = openSettingsDialog(document, {
    load: () => Promise.resolve({ ...DEFAULTS, baseUrl: ADDRESS }),
    test: () =>
      new Promise((resolve) => {
        report = (message) => resolve({ ok: false, kind: "", error: { message } });
      }),
    uiLanguage: "en",
    precheck: () => precheck() && Object.getOwnPropertyDescriptor(Node.prototype, "textContent")!.set === text.set,
    onBlocked: (reason) => blocked.push(reason),
  });
  await settled();
  const button = [...root!.querySelectorAll("button")].find((b) => b.textContent === "Test connection")!;
  button.click();
  Object.defineProperty(Node.prototype, "textContent", {
    ...text,
    set(this: Node, value: string) {
      written.push(value);
      text.set!.call(this, value);
    },
  });
  try {
    report(`Could not reach ${ADDRESS}.`);
    await settled();
  } finally {
    Object.defineProperty(Node.prototype, "textContent", text);
  }
  expect(written.join("\n")).not.toContain(ADDRESS);
  expect(blocked).toEqual(["unverified"]);
  await Promise.race([closed, settled()]);
});
