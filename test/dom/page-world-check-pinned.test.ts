// In the page's world the page's scripts share every built-in with Gloss. The check for replaced DOM functions keeps
// what it relies on as Gloss starts: a page that replaces Function.prototype.toString, Array.prototype.push, a
// constructor's global name or Object.prototype's fields afterwards cannot make a later replacement look like the
// browser's own.
import { domFunctionCheck } from "../../src/userscript/page-world";

/** A window as a browser shows it: functions print as native, but for those the page made itself. */
function browserWindow(own: Set<unknown>) {
  const fn = {
    prototype: {
      toString: function (this: { name?: string }): string {
        return own.has(this) ? "function () { /* the page's */ }" : `function ${this.name ?? ""}() { [native code] }`;
      },
    },
  };
  const globals: Record<PropertyKey, unknown> = { Function: fn };
  // A stand-in target: the window's own unforgeable members would bind a proxy of it to answer as the window does.
  const win = new Proxy(
    {},
    {
      get: (_, key) => (key in globals ? globals[key] : (Reflect.get(window, key) as unknown)),
    },
  ) as Window & typeof globalThis;
  return { win, fn, globals };
}

const realAppend = Object.getOwnPropertyDescriptor(Element.prototype, "append")!;
afterEach(() => Object.defineProperty(Element.prototype, "append", realAppend));

/** The page's own append, which would be handed Gloss's elements. */
function pageAppend(own: Set<unknown>) {
  const append = function append() {};
  own.add(append);
  Object.defineProperty(Element.prototype, "append", { ...realAppend, value: append });
}

it("a page replacing Function.prototype.toString after Gloss started cannot hide a replacement", () => {
  const own = new Set<unknown>();
  const { win, fn } = browserWindow(own);
  const check = domFunctionCheck(win);
  expect(check()).toEqual([]);
  fn.prototype.toString = function (this: { name?: string }) {
    return `function ${this.name ?? ""}() { [native code] }`;
  };
  pageAppend(own);
  expect(check()).toContain("Element.append");
});

it("a page emptying Array.prototype.push after Gloss started cannot empty the list", () => {
  const own = new Set<unknown>();
  const { win } = browserWindow(own);
  const check = domFunctionCheck(win);
  const push = Object.getOwnPropertyDescriptor(Array.prototype, "push")!;
  pageAppend(own);
  Object.defineProperty(Array.prototype, "push", { ...push, value: () => 0 });
  let found: string[];
  try {
    found = check();
  } finally {
    Object.defineProperty(Array.prototype, "push", push);
  }
  expect(found).toContain("Element.append");
});

it("a page renaming a global constructor after Gloss started does not take its members out of the check", () => {
  const own = new Set<unknown>();
  const { win, globals } = browserWindow(own);
  const check = domFunctionCheck(win);
  globals["Element"] = function Element() {};
  pageAppend(own);
  expect(check()).toContain("Element.append");
});

it("a page's getter for `value` on Object.prototype does not pass an accessor off as the browser's method", () => {
  const own = new Set<unknown>();
  const { win } = browserWindow(own);
  const check = domFunctionCheck(win);
  const hook = function append() {};
  own.add(hook);
  Object.defineProperty(Element.prototype, "append", { configurable: true, get: () => hook });
  Object.defineProperty(Object.prototype, "value", { configurable: true, get: () => realAppend.value as unknown });
  let found: string[];
  try {
    found = check();
  } finally {
    delete (Object.prototype as { value?: unknown }).value;
  }
  expect(found).toContain("Element.append");
});

it("a replacement that prints as native without its member's name (bound, or a proxy: Chrome's way) counts", () => {
  const own = new Set<unknown>();
  const { win, fn } = browserWindow(own);
  // Chrome prints a bound function, and a proxy of a function, as `function () { [native code] }`.
  fn.prototype.toString = function toString(this: { name?: string }) {
    const name = this.name?.startsWith("bound ") ? "" : (this.name ?? "");
    return `function ${name}() { [native code] }`;
  };
  const check = domFunctionCheck(win);
  expect(check()).toEqual([]);
  const handed: unknown[] = [];
  const hook = function (...nodes: unknown[]) {
    handed.push(...nodes); // Gloss's own elements, and from them its closed root
  }.bind(undefined);
  Object.defineProperty(Element.prototype, "append", { ...realAppend, value: hook });
  expect(check()).toContain("Element.append");
});
